"""Stage 3, derive: indexes computed from the validated directory. Each function computes one thing;
templates only format what these return.

A module's list of users, a project's participants, a product's councils: all are derived from the
councils' own files (ARCHITECTURE.md, "The content contract"), never written anywhere else.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ..content.models import (Contract, Council, Directory, PartialDate, Pledge, Proposal, ProposedCouncil,
                               Reorganisation, StackEntry)
from ..content.vocabulary import REORGANISATION_STAGE
from ..memory import collector_paused
from . import collaborations, matching, opportunities
from .collaborations import CouncilProject, FundedPhase, FundedProgramme, Totals
from .matching import Match, RenewalWindow
from .opportunities import Candidate, PeerGroup
from .records import ChallengeOf, Participant, Usage, by_name
from .renewals import ContractEnd, FinancialYear, NextEnds, next_ends, next_ends_by_council


class Derived:
    """Every index the pages and the open data read, each worked out from the directory the first time it is read
    and kept: a normal build reads them all (`derive`); `serve` shows the pages open in a browser first, and they
    need only some (pipeline.Preview). Each index is computed in one place, by the function named."""

    def __init__(self, directory: Directory, matched: matching.MatchMemory | None = None):
        """matched: the last matching, which `serve` keeps to work out again only what changed since."""
        self.directory, self._matched = directory, matched

    def everything(self) -> Derived:
        """Every index worked out now (in the order they are declared), not when first read."""
        with collector_paused():  # indexes are many small objects and no cycles: see directory/memory.py
            for name in INDEXES:
                getattr(self, name)
        return self

    @cached_property
    def product_users(self) -> dict[str, list[Usage]]:  # product id -> uses, by council name
        return product_users(self.directory)

    @cached_property
    def capability_users(self) -> dict[str, dict[str, list[Usage]]]:  # capability id -> product id -> uses
        return capability_users(self.directory)

    # How many councils record each: the one count the pages and the open data show (a council recording two
    # products for a capability is one council).
    @cached_property
    def capability_councils(self) -> dict[str, int]:  # capability id -> councils recording any product for it
        return capability_councils(self.directory)

    @cached_property
    def product_councils(self) -> dict[str, int]:  # product id -> councils using it, for any capability
        return product_councils(self.directory)

    @cached_property
    def project_participants(self) -> dict[str, list[Participant]]:  # project id -> participants, by role, name
        return project_participants(self.directory, self.council_projects)

    @cached_property
    def project_pledges(self) -> dict[str, Pledge]:  # project id -> the pledges added up (None: nothing pledged)
        return project_pledges(self.directory)

    # Councils working together (collaborations.py): funded phases, who took part in each, and totals.
    @cached_property
    def project_phases(self) -> dict[str, list[FundedPhase]]:  # project id -> its funded phases, who took part
        return collaborations.project_phases(self.directory, collaborations.phase_participants(self.directory))

    @cached_property
    def funded_programmes(self) -> dict[str, FundedProgramme]:  # programme id -> its funded phases by round
        return collaborations.funded_programmes(self.project_phases)

    @cached_property
    def funded_totals(self) -> Totals:  # every funded phase of every programme added up
        return collaborations.funding_totals(funded for found in self.project_phases.values() for funded in found)

    @cached_property
    def council_projects(self) -> dict[str, list[CouncilProject]]:  # council id -> projects it led or joined
        return collaborations.council_projects(self.directory)

    @cached_property
    def topic_challenges(self) -> dict[str, list[ChallengeOf]]:  # topic id -> challenges on it
        return topic_challenges(self.directory)

    @cached_property
    def council_reorganisations(self) -> dict[str, list[str]]:  # council id -> its reorganisations' ids
        return council_reorganisations(self.directory)

    @cached_property
    def council_contracts(self) -> dict[str, list[Contract]]:  # council id -> its contracts as its page lists them
        return council_contracts(self.directory)

    # What the site's pages show beyond the indexes above (see "Indexes the pages read", below).
    @cached_property
    def figures(self) -> Figures:
        return headline_figures(self.directory)

    @cached_property
    def council_groups(self) -> dict[str, dict[str, list[Council]]]:  # nation/region/kind/status -> value -> councils
        return council_groups(self.directory)

    @cached_property
    def council_predecessors(self) -> dict[str, list[Council]]:  # council id -> the councils it replaced, by name
        return council_predecessors(self.directory)

    @cached_property
    def stale_councils(self) -> frozenset[str]:  # ids of profiles last reviewed over 12 months before today
        return stale_councils(self.directory)

    @cached_property
    def recently_reviewed(self) -> list[Council]:  # the latest confirmed profiles, newest first
        return recently_reviewed(self.directory.councils.values())

    @cached_property
    def boards(self) -> dict[str, Board]:  # reorganisation id -> its convergence board
        return convergence_boards(self.directory)

    @cached_property
    def next_ends(self) -> NextEnds:  # council id -> capability -> its next contract end (renewals.py)
        return next_ends_by_council(self.directory)

    @cached_property
    def renewal_calendar(self) -> RenewalCalendar:  # next contract ends by capability and financial year, 5 years
        return renewal_calendar(self.directory, self.next_ends)

    @cached_property
    def search_synonyms(self) -> dict[str, list[str]]:  # another name, lower case -> the names it stands for
        return search_synonyms(self.directory)

    # Matching and opportunities (matching.py, opportunities.py).
    @cached_property
    def all_matches(self) -> list[Match]:  # every pair of councils that match, best first
        return matching.find_matches(self.directory, self.next_ends, self._matched)

    @cached_property
    def strongest_matches(self) -> list[Match]:  # the national list on the matches page, a few pairs per council
        return matching.strongest(self.all_matches)

    @cached_property
    def match_summary(self) -> matching.Summary:  # how many pairs and councils match, by kind of reason
        return matching.summarise(self.all_matches)

    @cached_property
    def matches(self) -> dict[str, list[Match]]:  # council id -> its top ten matches, best first; every council
        return matching.top_matches(self.directory, self.all_matches)

    # council id -> its matches with the councils it is being reorganised with, best first (kept out of `matches`,
    # which they would fill: they always match)
    @cached_property
    def merger_partners(self) -> dict[str, list[Match]]:
        return matching.merger_partners(self.directory, self.all_matches)

    @cached_property
    def renewal_windows(self) -> list[RenewalWindow]:  # contracts ending in the same financial year
        return opportunities.renewal_windows(self.directory, self.next_ends)

    @cached_property
    def reorganisation_peers(self) -> dict[str, list[PeerGroup]]:  # reorganisation id -> who outside runs the same
        return opportunities.reorganisation_peers(self.directory)

    @cached_property
    def project_candidates(self) -> dict[str, list[Candidate]]:  # project id -> councils whose challenges fit it
        return opportunities.project_candidates(self.directory)

    @cached_property
    def topic_helpers(self) -> dict[str, list[ChallengeOf]]:  # topic id -> finished challenges on it: who can help
        return opportunities.topic_helpers(self.directory)

    @cached_property
    def capability_helpers(self) -> dict[str, list[ChallengeOf]]:  # capability id -> finished challenges on it
        return opportunities.capability_helpers(self.directory)

    @cached_property
    def capability_seekers(self) -> dict[str, list[ChallengeOf]]:  # capability id -> open challenges seeking help
        return opportunities.capability_seekers(self.directory)

    # The reorganisation under way (see "The reorganisation under way", below).
    @cached_property
    def programme(self) -> Programme:  # the areas not yet vested: by stage, with their councils, what comes next
        return programme(self.directory)

    @cached_property
    def area_proposals(self) -> dict[str, tuple[AreaProposal, ...]]:  # reorganisation id -> proposals covering it
        return area_proposals(self.directory)

    @cached_property
    def council_places(self) -> dict[str, CouncilPlace]:  # council id -> its area under way, proposals it is in
        return council_places(self.directory, self.area_proposals)

    @cached_property
    def done_before(self) -> dict[str, list[Usage]]:  # capability id -> what vested reorganisations' councils use
        return done_before(self.directory)


INDEXES = tuple(name for name, value in vars(Derived).items() if isinstance(value, cached_property))


def derive(directory: Directory, matched: matching.MatchMemory | None = None) -> Derived:
    """Every index of the directory, worked out now. matched: as for Derived."""
    return Derived(directory, matched).everything()


def product_users(directory: Directory) -> dict[str, list[Usage]]:
    users: dict[str, list[Usage]] = {product_id: [] for product_id in directory.products}
    for council in by_name(directory.councils.values()):
        for entry in council.stack:
            users[entry.product].append(Usage(council, entry))
    return users


def capability_councils(directory: Directory) -> dict[str, int]:
    return _councils_counted(directory, lambda entry: entry.capability, directory.capabilities)


def product_councils(directory: Directory) -> dict[str, int]:
    return _councils_counted(directory, lambda entry: entry.product, directory.products)


def _councils_counted(directory: Directory, key, ids) -> dict[str, int]:
    councils: dict[str, set[str]] = {record_id: set() for record_id in ids}
    for council in directory.councils.values():
        for entry in council.stack:
            councils[key(entry)].add(council.id)
    return {record_id: len(found) for record_id, found in councils.items()}


def capability_users(directory: Directory) -> dict[str, dict[str, list[Usage]]]:
    users: dict[str, dict[str, list[Usage]]] = {capability_id: {} for capability_id in directory.capabilities}
    for council in by_name(directory.councils.values()):
        for entry in council.stack:
            users[entry.capability].setdefault(entry.product, []).append(Usage(council, entry))
    return {capability: dict(sorted(products.items(), key=lambda item: (-len(item[1]), item[0])))
            for capability, products in users.items()}


def project_participants(directory: Directory, projects_of: dict[str, list[CouncilProject]]
                         ) -> dict[str, list[Participant]]:
    """Project id -> the councils taking part, each once (a council lists a project once per funded phase), with
    its main role and the entry that gives it, by role then name."""
    participants: dict[str, list[Participant]] = {project_id: [] for project_id in directory.projects}
    for council_id, projects in projects_of.items():
        council = directory.councils[council_id]
        for item in projects:
            main = next(p for p in item.participations if p.role == item.role)
            participants[item.project.id].append(collaborations.participant(directory, council, main))
    return {project_id: collaborations.by_role(members) for project_id, members in participants.items()}


def project_pledges(directory: Directory) -> dict[str, Pledge]:
    """Project id -> what its participants pledge, every entry of theirs added up."""
    entries: dict[str, list[Participant]] = {project_id: [] for project_id in directory.projects}
    for council in directory.councils.values():
        for participation in council.projects:
            entries[participation.project].append(Participant(council, participation))
    return {project_id: pledge_totals(members) for project_id, members in entries.items()}


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


def council_contracts(directory: Directory) -> dict[str, list[Contract]]:
    """Council id -> its contracts by capability name, then by when they start (else end), earliest first; councils
    with any only."""
    def order(contract: Contract) -> tuple:
        return (directory.capabilities[contract.capability].name.lower(), contract.capability,
                contract.starts or contract.ends or date.max, contract.ends or date.max)

    return {council.id: sorted(council.contracts, key=order)  # stable: in the file's order otherwise
            for council in directory.councils.values() if council.contracts}


def search_synonyms(directory: Directory) -> dict[str, list[str]]:
    """What the search page also looks for when a query holds another name of a capability or topic (its
    also_known_as): "lgr" -> ["Local government reorganisation"]. The name is what the pages about it write, so
    searching for it finds them. Keys are lower case with single spaces, in order; a name shared by two (revs and
    bens) stands for both."""
    found: dict[str, list[str]] = defaultdict(list)
    for record in (*directory.capabilities.values(), *directory.topics.values()):
        for other_name in record.also_known_as:
            key = " ".join(other_name.lower().split())
            if record.name not in found[key]:
                found[key].append(record.name)
    return {key: sorted(names) for key, names in sorted(found.items())}


# ----------------------------------------------------------------------------------------------
# Indexes the pages read: headline figures, filter groups, freshness, boards and the renewal calendar


@dataclass(frozen=True)
class Figures:
    councils: int  # active councils
    profiles: int  # every profile, abolished and forthcoming included
    profiles_with_stacks: int
    stack_entries: int
    products: int
    capabilities: int
    projects: int


def headline_figures(directory: Directory) -> Figures:
    councils = directory.councils.values()
    return Figures(
        councils=sum(1 for council in councils if council.status == "active"),
        profiles=len(directory.councils),
        profiles_with_stacks=sum(1 for council in councils if council.stack),
        stack_entries=sum(len(council.stack) for council in councils),
        products=len(directory.products),
        capabilities=len(directory.capabilities),
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
    return frozenset(council.id for council in directory.councils.values() if council.is_stale(directory.today))


LATEST_UPDATES = 10  # profiles listed as the latest updates on the home page


def recently_reviewed(councils: Iterable[Council], limit: int = LATEST_UPDATES) -> list[Council]:
    """The councils most recently confirmed (by their reviewed date), newest first, then by name; at most
    `limit`. A profile never confirmed has no date and is left out. The home page and the feeds read this."""
    reviewed = [council for council in councils if council.reviewed is not None]
    reviewed.sort(key=lambda council: (-council.reviewed.toordinal(), council.name.lower(), council.id))
    return reviewed[:limit]


@dataclass(frozen=True)
class BoardRow:
    """One capability on a convergence board: what each predecessor uses for it, side by side, and what the
    new councils record for it."""

    capability: str
    cells: tuple[tuple[StackEntry, ...], ...]  # one per predecessor, in the board's order; empty: nothing recorded
    successor_cells: tuple[tuple[StackEntry, ...], ...]  # one per successor, in the board's order
    products: tuple[str, ...]  # the distinct products the predecessors record, sorted
    recorded: int  # how many predecessors record something for it
    # Predecessors' contracts for it ending from directory.today to the day before vesting, soonest first: the
    # chances to procure once, together, instead of renewing apart.
    ending_before_vesting: tuple[Usage, ...] = ()

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

    @property
    def recording(self) -> int:
        """How many of the predecessors have recorded a stack at all."""
        return sum(1 for council in self.predecessors if council.stack)

    # Each predecessor's next contract end for each capability (renewals.next_ends), before vesting day or after.
    renewals: VestingRenewals = field(default_factory=lambda: VestingRenewals((), ()))

    @property
    def ending_before_vesting(self) -> int:
        """How many of the predecessors' next contract ends fall before vesting day."""
        return len(self.renewals.before)


@dataclass(frozen=True)
class VestingRenewals:
    """The predecessors' next contract end for each capability, on either side of vesting day."""

    # From directory.today to the day before vesting day, soonest first: chances to procure once, together, for the
    # new council instead of renewing apart.
    before: tuple[ContractEnd, ...]
    # On vesting day or later, soonest first: contracts the new council takes over, and renews.
    after: tuple[ContractEnd, ...]


def vesting_renewals(directory: Directory, predecessors: Iterable[Council], vesting: date) -> VestingRenewals:
    """The predecessors' next contract ends (`predecessors` by name) split at vesting day, each side soonest first,
    then by council name, then by capability name."""
    ends = [end for council in predecessors for end in sorted(
        next_ends(council, directory.today).values(),
        key=lambda end: (directory.capabilities[end.capability].name.lower(), end.capability))]
    ends.sort(key=lambda end: end.ends)  # stable: by council name, then capability name, on the same day
    return VestingRenewals(tuple(end for end in ends if end.ends < vesting),
                           tuple(end for end in ends if end.ends >= vesting))


def convergence_boards(directory: Directory) -> dict[str, Board]:
    return {reorganisation.id: board(directory, reorganisation.id, councils_named(directory, reorganisation.predecessors),
                                     councils_named(directory, reorganisation.successors), reorganisation.vesting)
            for reorganisation in directory.reorganisations.values()}


def councils_named(directory: Directory, ids: Iterable[str]) -> tuple[Council, ...]:
    return tuple(by_name(directory.councils[c] for c in dict.fromkeys(ids)))


def board(directory: Directory, reorganisation: str, predecessors: tuple[Council, ...],
          successors: tuple[Council, ...], vesting: date) -> Board:
    """The predecessors' stacks side by side for each capability any of them (or a new council) records."""
    def cells(columns: tuple[Council, ...], capability: str) -> tuple[tuple[StackEntry, ...], ...]:
        return tuple(tuple(entry for entry in council.stack if entry.capability == capability) for council in columns)

    capabilities = {entry.capability for council in (*predecessors, *successors) for entry in council.stack}
    rows = []
    for capability in sorted(capabilities, key=lambda c: (directory.capabilities[c].name.lower(), c)):
        before = cells(predecessors, capability)
        products = tuple(sorted({entry.product for cell in before for entry in cell}))
        ending = sorted((Usage(council, entry) for council, cell in zip(predecessors, before) for entry in cell
                         if entry.contract_ends is not None and directory.today <= entry.contract_ends < vesting),
                        key=lambda usage: usage.entry.contract_ends)  # stable: by council name on the same day
        rows.append(BoardRow(capability, before, cells(successors, capability), products,
                             sum(1 for cell in before if cell), tuple(ending)))
    return Board(reorganisation, predecessors, successors, tuple(rows),
                 vesting_renewals(directory, predecessors, vesting))


CALENDAR_YEARS = 5  # financial years: the one holding directory.today and the four after it


@dataclass(frozen=True)
class RenewalCalendar:
    years: tuple[FinancialYear, ...]  # the financial year holding directory.today and the four after it
    counts: dict[str, tuple[int, ...]]  # capability id -> councils whose next contract ends in each year (any ending)
    endings: dict[str, list[ContractEnd]]  # capability id -> those next contract ends, soonest first

    @property
    def totals(self) -> tuple[int, ...]:
        """Each year's contracts ending, every capability added up."""
        return tuple(sum(column) for column in zip(*self.counts.values())) or (0,) * len(self.years)


def renewal_calendar(directory: Directory, ends: NextEnds) -> RenewalCalendar:
    """The councils' next contract end for each capability (`ends`: renewals.next_ends_by_council), from
    directory.today to the end of the fifth financial year, counted by capability and financial year. Capabilities
    by name; none without any."""
    first = FinancialYear.holding(directory.today)
    years = [first]
    while len(years) < CALENDAR_YEARS:
        years.append(years[-1].following())
    endings: dict[str, list[ContractEnd]] = {}
    for council in by_name(directory.councils.values()):
        for end in ends[council.id].values():
            if end.ends <= years[-1].ends:
                endings.setdefault(end.capability, []).append(end)
    counts = {}
    for capability in sorted(endings, key=lambda c: (directory.capabilities[c].name.lower(), c)):
        endings[capability].sort(key=lambda end: end.ends)  # stable: by name on the same day
        row = [0] * len(years)
        for end in endings[capability]:
            row[FinancialYear.holding(end.ends).year - first.year] += 1
        counts[capability] = tuple(row)
    return RenewalCalendar(tuple(years), counts, {c: endings[c] for c in counts})


# ----------------------------------------------------------------------------------------------
# The reorganisation under way: the programme, each area's proposals resolved to councils with a board for
# each council they would make, who has done it before, and each council's place in it


def under_way(directory: Directory) -> list[Reorganisation]:
    """The reorganisations not yet vested, by name."""
    return by_name(r for r in directory.reorganisations.values() if r.stage != "vested")


@dataclass(frozen=True)
class StageGroup:
    stage: str
    reorganisations: tuple[Reorganisation, ...]  # the areas at this stage, by name
    councils: int  # how many councils those areas replace


@dataclass(frozen=True)
class Milestone:
    """A planned date of an area under way: the first elections to its new councils, or vesting day."""

    when: PartialDate  # as known: a day, or a month
    event: str  # elections or vesting
    reorganisation: Reorganisation
    indicative: bool  # the government gives it as an indicative timetable only


@dataclass(frozen=True)
class MilestoneGroup:
    """The same planned event on the same date, for every area that plans it then."""

    when: PartialDate
    event: str  # elections or vesting
    reorganisations: tuple[Reorganisation, ...]  # by name
    indicative: bool  # the government gives it as indicative for any of them
    others: tuple[Reorganisation, ...]  # the areas under way not in it, by name: "every area but ..."


@dataclass(frozen=True)
class AreaTimeline:
    """An area under way, with what the programme page's table and chart show of it beyond its own file."""

    reorganisation: Reorganisation
    proposals: int  # valid proposals for it (its own file's)
    invalid_proposals: int  # submissions ruled invalid
    submitted: PartialDate | None  # when its first proposal was submitted, as precisely as known

    @property
    def councils(self) -> int:
        return len(self.reorganisation.predecessors)


@dataclass(frozen=True)
class Programme:
    stages: tuple[StageGroup, ...]  # every stage before vested, in order, each with the areas at it (maybe none)
    councils: int  # councils in the areas under way
    proposals: int  # valid proposals submitted for them
    invalid_proposals: int  # submissions the government ruled invalid
    decisions: int  # areas with a decision recorded
    upcoming: tuple[Milestone, ...]  # planned dates from directory.today on, soonest first: what is next
    timeline: tuple[AreaTimeline, ...] = ()  # every area under way, the furthest stage first, then by name

    @property
    def areas(self) -> int:
        return sum(len(group.reorganisations) for group in self.stages)

    @property
    def reported_only(self) -> int:
        """Decisions recorded that only reports say were made: not confirmed by GOV.UK or the council."""
        return sum(1 for area in self.timeline
                   if area.reorganisation.decision and area.reorganisation.decision.standing == "reported-only")

    @property
    def next_steps(self) -> tuple[MilestoneGroup, ...]:
        """The upcoming milestones, those of the same event on the same date together: what is next."""
        groups: dict[tuple[str, str], list[Milestone]] = {}
        for milestone in self.upcoming:  # soonest first, so the groups are too
            groups.setdefault((milestone.when, milestone.event), []).append(milestone)
        every = [area.reorganisation for area in self.timeline]
        steps = []
        for (when, event), found in groups.items():
            named = {m.reorganisation.id for m in found}
            steps.append(MilestoneGroup(when, event, tuple(by_name(m.reorganisation for m in found)),
                                        any(m.indicative for m in found),
                                        tuple(by_name(r for r in every if r.id not in named))))
        return tuple(steps)


def programme(directory: Directory) -> Programme:
    areas = under_way(directory)
    stages = tuple(StageGroup(stage, tuple(r for r in areas if r.stage == stage),
                              sum(len(r.predecessors) for r in areas if r.stage == stage))
                   for stage in REORGANISATION_STAGE.values if stage != "vested")
    proposals = [proposal for r in areas for proposal in r.proposals]
    return Programme(stages=stages, councils=sum(group.councils for group in stages),
                     proposals=sum(1 for p in proposals if p.invalid is None),
                     invalid_proposals=sum(1 for p in proposals if p.invalid is not None),
                     decisions=sum(1 for r in areas if r.decision is not None),
                     upcoming=upcoming_milestones(directory, areas), timeline=area_timelines(areas))


def area_timelines(areas: list[Reorganisation]) -> tuple[AreaTimeline, ...]:
    """Each area under way (`areas` by name) with its proposals counted and the first submitted, the furthest
    stage first."""
    timelines = []
    for reorganisation in areas:
        submitted = [PartialDate(p.submitted) for p in reorganisation.proposals if p.submitted]
        timelines.append(AreaTimeline(
            reorganisation, sum(1 for p in reorganisation.proposals if p.invalid is None),
            sum(1 for p in reorganisation.proposals if p.invalid is not None),
            min(submitted, key=lambda day: (day.first_day, -len(day))) if submitted else None))
    return tuple(sorted(timelines, key=lambda t: -REORGANISATION_STAGE.rank(t.reorganisation.stage)))  # stable


def upcoming_milestones(directory: Directory, areas: list[Reorganisation]) -> tuple[Milestone, ...]:
    milestones = []
    for reorganisation in areas:
        if reorganisation.elections is not None and reorganisation.elections.last_day >= directory.today:
            milestones.append(Milestone(reorganisation.elections, "elections", reorganisation, reorganisation.indicative))
        if reorganisation.vesting >= directory.today:
            milestones.append(Milestone(PartialDate(reorganisation.vesting.isoformat()), "vesting", reorganisation,
                                        reorganisation.indicative))
    return tuple(sorted(milestones, key=lambda m: (m.when.first_day, m.event, m.reorganisation.name.lower())))


def counties_of_districts(directory: Directory) -> dict[str, str]:
    """District id -> the county council over it: the one county among the predecessors it is reorganised with."""
    found = {}
    for reorganisation in directory.reorganisations.values():
        predecessors = [directory.councils[c] for c in reorganisation.predecessors]
        counties = [c.id for c in predecessors if c.kind == "county"]
        if len(counties) == 1:
            found.update({c.id: counties[0] for c in predecessors if c.kind == "district"})
    return found


@dataclass(frozen=True)
class FutureCouncil:
    """A council a proposal would make, its makeup resolved to existing councils, with its convergence board."""

    reorganisation: str  # the file the proposal is in
    proposal: str
    name: str | None  # as the proposal names it
    council: Council | None  # its profile, once a decision names it
    whole: tuple[Council, ...]  # councils it takes in whole (a county's districts with the county), by name
    part_of: tuple[Council, ...]  # councils part of whose area it takes in, by name
    counties: tuple[Council, ...]  # the county councils over the districts it takes in, not named by the proposal
    incomplete: bool  # the source names only some of what it takes in
    notes: str | None
    board: Board | None  # None when the proposal names none of the councils it takes in
    number: int = 1  # its place in the proposal's makeup, from 1: how pages tell unnamed councils apart

    @property
    def predecessors(self) -> tuple[Council, ...]:
        return by_name((*self.whole, *self.part_of, *self.counties))

    def takes_whole(self, council: str) -> bool:
        """Whether it takes in the council's whole area (else only part of it)."""
        return any(c.id == council for c in self.whole)


@dataclass(frozen=True)
class AreaProposal:
    reorganisation: str  # the file it is in (another area's, for a proposal that also covers this one)
    proposal: Proposal
    submitted_by: tuple[Council, ...]  # as listed
    chosen: bool  # the reorganisation's decision chose it
    futures: tuple[FutureCouncil, ...]  # in the proposal's order
    placements: dict[str, tuple[FutureCouncil, ...]]  # council id -> the proposed councils taking it in, whole or part

    def placement(self, council: str) -> tuple[FutureCouncil, ...]:
        return self.placements.get(council, ())

    def future_name(self, future: FutureCouncil) -> str:
        """What pages call one of its proposed councils: the new council's own name once the decision names it,
        else the proposal's name for it, else its place in the proposal."""
        if future.council is not None and self.chosen:
            return future.council.name
        if future.name:
            return future.name
        return "A single new council" if len(self.futures) == 1 else f"Unnamed council {future.number} of {len(self.futures)}"


def area_proposals(directory: Directory) -> dict[str, tuple[AreaProposal, ...]]:
    """Reorganisation id -> every proposal for its area: its own, then those of other areas that also cover it."""
    counties = counties_of_districts(directory)
    districts: dict[str, list[str]] = {}  # county id -> its districts
    for district, county in counties.items():
        districts.setdefault(county, []).append(district)
    resolved = {r.id: tuple(area_proposal(directory, r, proposal, counties, districts) for proposal in r.proposals)
                for r in directory.reorganisations.values()}
    return {r.id: resolved[r.id] + tuple(found for other in directory.reorganisations.values() if other.id != r.id
                                         for found in resolved[other.id] if r.id in found.proposal.also_covers)
            for r in directory.reorganisations.values()}


def area_proposal(directory: Directory, reorganisation: Reorganisation, proposal: Proposal,
                  counties: dict[str, str], districts: dict[str, list[str]]) -> AreaProposal:
    futures = tuple(future_council(directory, reorganisation, proposal.id, proposed, counties, districts, number)
                    for number, proposed in enumerate(proposal.makeup, start=1))
    placements: dict[str, list[FutureCouncil]] = {}
    for future in futures:
        for council in future.predecessors:
            placements.setdefault(council.id, []).append(future)
    chosen = reorganisation.decision is not None and reorganisation.decision.proposal == proposal.id
    return AreaProposal(reorganisation.id, proposal, tuple(directory.councils[c] for c in proposal.submitted_by),
                        chosen, futures, {council: tuple(found) for council, found in placements.items()})


def future_council(directory: Directory, reorganisation: Reorganisation, proposal: str, proposed: ProposedCouncil,
                   counties: dict[str, str], districts: dict[str, list[str]], number: int = 1) -> FutureCouncil:
    """Its makeup resolved: a county taken in whole brings its districts; a district brings its county, in part."""
    whole = [*proposed.whole, *(d for c in proposed.whole for d in districts.get(c, ()))]
    over = [counties[c] for c in (*whole, *proposed.part_of) if c in counties]
    named = {*whole, *proposed.part_of}
    whole_councils = councils_named(directory, whole)
    part_councils = councils_named(directory, (c for c in proposed.part_of if c not in whole))
    county_councils = councils_named(directory, (c for c in over if c not in named))
    council = directory.councils[proposed.council] if proposed.council else None
    columns = by_name((*whole_councils, *part_councils, *county_councils))
    board_of = board(directory, reorganisation.id, tuple(columns), (council,) if council else (),
                     reorganisation.vesting) if columns else None
    return FutureCouncil(reorganisation.id, proposal, proposed.name, council, whole_councils, part_councils,
                         county_councils, proposed.incomplete, proposed.notes, board_of, number)


@dataclass(frozen=True)
class ProposalPlace:
    """Where one proposal puts a council."""

    proposal: AreaProposal
    submitted: bool  # the council submitted or backed it
    futures: tuple[FutureCouncil, ...]  # the proposed councils taking it in (two or more: it would be split)


@dataclass(frozen=True)
class CouncilPlace:
    """A council's place in the reorganisation under way."""

    reorganisation: Reorganisation  # its area
    proposals: tuple[ProposalPlace, ...]  # every proposal for its area, and any other it submitted, in order
    # The councils the decision puts in a new council with it (any of them, when it is split), by name; empty
    # until a decision.
    merging_with: tuple[Council, ...] = ()

    @property
    def decided(self) -> ProposalPlace | None:
        """Where the decision puts it: the chosen proposal's place, once there is one."""
        return next((place for place in self.proposals if place.proposal.chosen), None)


def council_places(directory: Directory, proposals_by_area: dict[str, tuple[AreaProposal, ...]]) -> dict[str, CouncilPlace]:
    areas = under_way(directory)
    submitted: dict[str, list[AreaProposal]] = {}  # council id -> the proposals it submitted, wherever they are
    for area in areas:
        for found in proposals_by_area[area.id]:
            if found.reorganisation == area.id:
                for council in found.proposal.submitted_by:
                    submitted.setdefault(council, []).append(found)
    places = {}
    for area in areas:
        for council in area.predecessors:
            considered = list(proposals_by_area[area.id])
            considered += [found for found in submitted.get(council, ()) if all(found is not c for c in considered)]
            proposals = tuple(ProposalPlace(found, council in found.proposal.submitted_by, found.placement(council))
                              for found in considered)
            chosen = [future for place in proposals if place.proposal.chosen for future in place.futures]
            merging_with = by_name({c.id: c for future in chosen for c in future.predecessors if c.id != council}.values())
            places[council] = CouncilPlace(area, proposals, tuple(merging_with))
    return places


def done_before(directory: Directory) -> dict[str, list[Usage]]:
    """Capability id -> what the councils created by vested reorganisations (2019-2023) record for it, by council
    name: councils that have brought predecessors' systems together already, and can be asked how."""
    created = {c for r in directory.reorganisations.values() if r.stage == "vested" for c in r.successors}
    found: dict[str, list[Usage]] = {}
    for council in by_name(directory.councils[c] for c in created):
        for entry in council.stack:
            found.setdefault(entry.capability, []).append(Usage(council, entry))
    return {capability: found[capability]  # by capability name, as pages list them
            for capability in sorted(found, key=lambda c: (directory.capabilities[c].name.lower(), c))}
