"""Stage 3, derive: indexes computed from the validated directory. Each function computes one thing;
templates only format what these return.

A module's list of users, a project's participants, a product's councils: all are derived from the
councils' own files (DESIGN.md principle 2), never written anywhere else.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..content.models import Council, Directory, Pledge, StackEntry
from ..content.validate import STALE_AFTER
from . import matching, opportunities
from .matching import Match, RenewalWindow
from .opportunities import Candidate, PeerGroup
from .records import ChallengeOf, Participant, Usage, by_name


@dataclass(frozen=True)
class Derived:
    product_users: dict[str, list[Usage]]  # product id -> uses, by council name
    capability_users: dict[str, dict[str, list[Usage]]]  # capability id -> product id -> uses
    project_participants: dict[str, list[Participant]]  # project id -> participants, by role then name
    project_pledges: dict[str, Pledge]  # project id -> the participants' pledges added up (None: nothing pledged)
    topic_challenges: dict[str, list[ChallengeOf]]  # topic id -> challenges on it
    council_reorganisations: dict[str, list[str]]  # council id -> ids of the reorganisations it is part of
    # What the site's pages show beyond the indexes above (see "Indexes the pages read", below).
    figures: Figures
    council_groups: dict[str, dict[str, list[Council]]]  # nation/region/kind/status -> value -> councils
    council_predecessors: dict[str, list[Council]]  # council id -> the councils it replaced, by name
    stale_councils: frozenset[str]  # ids of profiles last reviewed over 12 months before directory.today
    recently_reviewed: list[Council]  # the latest confirmed profiles, newest first
    boards: dict[str, Board]  # reorganisation id -> its convergence board
    renewal_calendar: RenewalCalendar  # contracts ending by capability and quarter, over five years
    # Matching and opportunities (matching.py, opportunities.py).
    all_matches: list[Match]  # every pair of councils that match, best first
    matches: dict[str, list[Match]]  # council id -> its top ten matches, best first; every council has an entry
    renewal_windows: list[RenewalWindow]  # contracts ending in the same financial year, by capability then year
    reorganisation_peers: dict[str, list[PeerGroup]]  # reorganisation id -> who outside runs what predecessors run
    project_candidates: dict[str, list[Candidate]]  # project id -> councils whose open challenges fit it
    topic_helpers: dict[str, list[ChallengeOf]]  # topic id -> finished challenges on it: who can help
    capability_helpers: dict[str, list[ChallengeOf]]  # capability id -> finished challenges concerning it
    capability_seekers: dict[str, list[ChallengeOf]]  # capability id -> open challenges seeking help with it


def derive(directory: Directory) -> Derived:
    with matching.cycle_collector_paused():  # indexes are many small objects and no cycles: see there
        return derive_indexes(directory)


def derive_indexes(directory: Directory) -> Derived:
    participants = project_participants(directory)
    every_match = matching.find_matches(directory)
    return Derived(
        product_users=product_users(directory),
        capability_users=capability_users(directory),
        project_participants=participants,
        project_pledges={project: pledge_totals(members) for project, members in participants.items()},
        topic_challenges=topic_challenges(directory),
        council_reorganisations=council_reorganisations(directory),
        figures=headline_figures(directory),
        council_groups=council_groups(directory),
        council_predecessors=council_predecessors(directory),
        stale_councils=stale_councils(directory),
        recently_reviewed=recently_reviewed(directory),
        boards=convergence_boards(directory),
        renewal_calendar=renewal_calendar(directory),
        all_matches=every_match,
        matches=matching.top_matches(directory, every_match),
        renewal_windows=opportunities.renewal_windows(directory),
        reorganisation_peers=opportunities.reorganisation_peers(directory),
        project_candidates=opportunities.project_candidates(directory),
        topic_helpers=opportunities.topic_helpers(directory),
        capability_helpers=opportunities.capability_helpers(directory),
        capability_seekers=opportunities.capability_seekers(directory),
    )


def product_users(directory: Directory) -> dict[str, list[Usage]]:
    users: dict[str, list[Usage]] = {product_id: [] for product_id in directory.products}
    for council in by_name(directory.councils.values()):
        for entry in council.stack:
            users[entry.product].append(Usage(council, entry))
    return users


def capability_users(directory: Directory) -> dict[str, dict[str, list[Usage]]]:
    users: dict[str, dict[str, list[Usage]]] = {capability_id: {} for capability_id in directory.capabilities}
    for council in by_name(directory.councils.values()):
        for entry in council.stack:
            users[entry.capability].setdefault(entry.product, []).append(Usage(council, entry))
    return {capability: dict(sorted(products.items(), key=lambda item: (-len(item[1]), item[0])))
            for capability, products in users.items()}


ROLE_ORDER = {"lead": 0, "funder": 1, "partner": 2, "user": 3}


def project_participants(directory: Directory) -> dict[str, list[Participant]]:
    participants: dict[str, list[Participant]] = {project_id: [] for project_id in directory.projects}
    for council in by_name(directory.councils.values()):
        for participation in council.projects:
            participants[participation.project].append(Participant(council, participation))
    for members in participants.values():
        members.sort(key=lambda p: ROLE_ORDER[p.participation.role])  # stable: by name within a role
    return participants


def pledge_totals(participants: list[Participant]) -> Pledge:
    """Money and days pledged to a project, summed from the councils' own files."""
    pledges = [p.participation.pledge for p in participants if p.participation.pledge is not None]
    money_gbp = [p.money_gbp for p in pledges if p.money_gbp is not None]
    days = [p.days for p in pledges if p.days is not None]
    return Pledge(money_gbp=sum(money_gbp) if money_gbp else None, days=sum(days) if days else None)


def topic_challenges(directory: Directory) -> dict[str, list[ChallengeOf]]:
    challenges: dict[str, list[ChallengeOf]] = {topic_id: [] for topic_id in directory.topics}
    for council in by_name(directory.councils.values()):
        for challenge in council.challenges:
            for topic in challenge.topics:
                challenges[topic].append(ChallengeOf(council, challenge))
    return challenges


def council_reorganisations(directory: Directory) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for reorganisation in directory.reorganisations.values():
        for council in (*reorganisation.predecessors, *reorganisation.successors):
            found[council].append(reorganisation.id)
    return dict(found)


# ----------------------------------------------------------------------------------------------
# Indexes the pages read: headline figures, filter groups, freshness, boards and the renewal calendar


@dataclass(frozen=True)
class Figures:
    councils: int  # active councils
    profiles: int  # every profile, abolished and forthcoming included
    profiles_with_stacks: int
    stack_entries: int
    products: int
    projects: int


def headline_figures(directory: Directory) -> Figures:
    councils = directory.councils.values()
    return Figures(
        councils=sum(1 for council in councils if council.status == "active"),
        profiles=len(directory.councils),
        profiles_with_stacks=sum(1 for council in councils if council.stack),
        stack_entries=sum(len(council.stack) for council in councils),
        products=len(directory.products),
        projects=len(directory.projects),
    )


COUNCIL_FACETS = ("nation", "region", "kind", "status")


def council_groups(directory: Directory) -> dict[str, dict[str, list[Council]]]:
    """For each facet the councils A to Z can be filtered by, its values (sorted) and their councils by name."""
    groups: dict[str, dict[str, list[Council]]] = {facet: {} for facet in COUNCIL_FACETS}
    for council in by_name(directory.councils.values()):
        for facet in COUNCIL_FACETS:
            groups[facet].setdefault(getattr(council, facet), []).append(council)
    return {facet: dict(sorted(values.items())) for facet, values in groups.items()}


def council_predecessors(directory: Directory) -> dict[str, list[Council]]:
    predecessors: dict[str, list[Council]] = {}
    for council in by_name(directory.councils.values()):
        for successor in council.replaced_by:
            predecessors.setdefault(successor, []).append(council)
    return predecessors


def stale_councils(directory: Directory) -> frozenset[str]:
    return frozenset(council.id for council in directory.councils.values()
                     if council.reviewed is not None and directory.today - council.reviewed > STALE_AFTER)


LATEST_UPDATES = 10


def recently_reviewed(directory: Directory) -> list[Council]:
    reviewed = [council for council in directory.councils.values() if council.reviewed is not None]
    reviewed.sort(key=lambda council: (-council.reviewed.toordinal(), council.name.lower(), council.id))
    return reviewed[:LATEST_UPDATES]


@dataclass(frozen=True)
class BoardRow:
    """One capability on a convergence board: what each predecessor uses for it, side by side, and what the
    new councils record for it."""

    capability: str
    cells: tuple[tuple[StackEntry, ...], ...]  # one per predecessor, in the board's order; empty: nothing recorded
    successor_cells: tuple[tuple[StackEntry, ...], ...]  # one per successor, in the board's order
    products: tuple[str, ...]  # the distinct products the predecessors record, sorted
    recorded: int  # how many predecessors record something for it

    @property
    def agreement(self) -> str:
        """agree: every predecessor that records it uses the same product; differ; single: only one records it;
        none: only the new councils do."""
        if len(self.products) > 1:
            return "differ"
        return "agree" if self.recorded > 1 else "single" if self.recorded else "none"


@dataclass(frozen=True)
class Board:
    reorganisation: str
    predecessors: tuple[Council, ...]  # the board's columns, by name
    successors: tuple[Council, ...]  # then the new councils' columns, by name
    rows: tuple[BoardRow, ...]  # capabilities any of them records, by capability name

    def count(self, agreement: str) -> int:
        return sum(1 for row in self.rows if row.agreement == agreement)


def convergence_boards(directory: Directory) -> dict[str, Board]:
    def councils(ids: list[str]) -> tuple[Council, ...]:
        return tuple(by_name(directory.councils[c] for c in ids))

    def cells(columns: tuple[Council, ...], capability: str) -> tuple[tuple[StackEntry, ...], ...]:
        return tuple(tuple(entry for entry in council.stack if entry.capability == capability) for council in columns)

    boards = {}
    for reorganisation in directory.reorganisations.values():
        predecessors, successors = councils(reorganisation.predecessors), councils(reorganisation.successors)
        capabilities = {entry.capability for council in (*predecessors, *successors) for entry in council.stack}
        rows = []
        for capability in sorted(capabilities, key=lambda c: (directory.capabilities[c].name.lower(), c)):
            before = cells(predecessors, capability)
            products = tuple(sorted({entry.product for cell in before for entry in cell}))
            rows.append(BoardRow(capability, before, cells(successors, capability), products,
                                 sum(1 for cell in before if cell)))
        boards[reorganisation.id] = Board(reorganisation.id, predecessors, successors, tuple(rows))
    return boards


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1 (January to March) to 4

    @property
    def starts(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    def following(self) -> Quarter:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)


CALENDAR_QUARTERS = 20  # five years


@dataclass(frozen=True)
class RenewalCalendar:
    quarters: tuple[Quarter, ...]  # from the quarter holding directory.today, five years on
    counts: dict[str, tuple[int, ...]]  # capability id -> contracts ending in each quarter (capabilities with any)
    endings: dict[str, list[Usage]]  # capability id -> the contracts ending, soonest first

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(column) for column in zip(*self.counts.values())) or (0,) * len(self.quarters)


def renewal_calendar(directory: Directory) -> RenewalCalendar:
    """Contracts ending from directory.today to the end of the twentieth quarter, by capability and quarter."""
    first = Quarter(directory.today.year, (directory.today.month - 1) // 3 + 1)
    quarters = [first]
    while len(quarters) < CALENDAR_QUARTERS + 1:
        quarters.append(quarters[-1].following())
    window_ends = quarters.pop().starts  # the day after the last quarter
    endings: dict[str, list[Usage]] = {}
    for council in by_name(directory.councils.values()):
        for entry in council.stack:
            if entry.contract_ends is not None and directory.today <= entry.contract_ends < window_ends:
                endings.setdefault(entry.capability, []).append(Usage(council, entry))
    counts = {}
    for capability in sorted(endings, key=lambda c: (directory.capabilities[c].name.lower(), c)):
        endings[capability].sort(key=lambda usage: usage.entry.contract_ends)  # stable: by name on the same day
        row = [0] * len(quarters)
        for usage in endings[capability]:
            ends = usage.entry.contract_ends
            row[(ends.year - first.year) * 4 + (ends.month - 1) // 3 - (first.number - 1)] += 1
        counts[capability] = tuple(row)
    return RenewalCalendar(tuple(quarters), counts, {c: endings[c] for c in counts})
