"""Opportunities: chances to work together that are not about one pair of councils.

- renewal windows: councils whose next contracts for the same capability end in the same financial year (1 April
  to 31 March, the year councils budget and procure in), with their current products (renewals.py: the one rule
  for when a council's contracts end);
- for each reorganisation, the councils outside it that already run what its predecessors run;
- for each project seeking partners, the councils whose open challenges fit it;
- for each topic and capability, who can help (councils that have finished a challenge on it) and, for a
  capability, who is asking for help.

Like matching, these read only councils taking part (not abolished), and only contracts still to come.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..content.models import Challenge, Council, Directory
from .matching import COMMON, RenewalWindow, taking_part
from .records import ChallengeOf, by_name
from .renewals import ContractEnd, FinancialYear, NextEnds


def renewal_windows(directory: Directory, ends: NextEnds) -> list[RenewalWindow]:
    """Per capability and financial year, the councils' next contract ends in it (`ends`:
    renewals.next_ends_by_council), where at least two councils' are: an end with no counterpart gives no window. By
    capability name, then year; in a window, soonest first, then by council name."""
    ending: dict[tuple[str, FinancialYear], list[ContractEnd]] = defaultdict(list)
    for council in by_name(c for c in directory.councils.values() if taking_part(c)):
        for end in ends[council.id].values():
            ending[(end.capability, FinancialYear.holding(end.ends))].append(end)
    windows = []
    for (capability, year), ends in ending.items():
        if len(ends) >= 2:  # one next end per council and capability: two ends are two councils
            ends.sort(key=lambda end: end.ends)  # stable: by council name on the same day
            windows.append(RenewalWindow(capability, year.starts, year.ends, tuple(ends)))
    windows.sort(key=lambda w: (directory.capabilities[w.capability].name.lower(), w.capability, w.starts))
    return windows


@dataclass(frozen=True)
class PeerGroup:
    """Councils outside a reorganisation already running a product its predecessors run for a capability."""

    capability: str
    product: str
    # Council ids, as pages look up the names they show: `serve` renders the page again only when a name or
    # the list changed, not when anything else in those councils' profiles did.
    predecessors: tuple[str, ...]  # the predecessors running it, by name
    councils: tuple[str, ...]  # the councils outside running it, by name; empty when more than COMMON do
    count: int  # how many councils outside run it

    @property
    def listed(self) -> bool:
        return len(self.councils) == self.count


def reorganisation_peers(directory: Directory) -> dict[str, list[PeerGroup]]:
    """Reorganisation id -> for each product a predecessor runs for a capability, who else runs it; by
    capability name, then product name. Products no one outside runs are left out."""
    users: dict[tuple[str, str], list[str]] = defaultdict(list)  # council ids, by name
    for council in by_name(c for c in directory.councils.values() if taking_part(c)):
        for entry in council.stack:
            users[(entry.capability, entry.product)].append(council.id)
    peers: dict[str, list[PeerGroup]] = {}
    for reorganisation in directory.reorganisations.values():
        members = {*reorganisation.predecessors, *reorganisation.successors}
        running: dict[tuple[str, str], list[str]] = defaultdict(list)  # predecessor ids, by name
        for council in by_name(directory.councils[c] for c in reorganisation.predecessors):
            for entry in council.stack:
                running[(entry.capability, entry.product)].append(council.id)
        used_inside: dict[tuple[str, str], int] = defaultdict(int)
        for council in (directory.councils[c] for c in members):
            if taking_part(council):
                for entry in council.stack:
                    used_inside[(entry.capability, entry.product)] += 1
        groups = []
        for (capability, product), predecessors in running.items():
            everyone = users.get((capability, product), [])
            count = len(everyone) - used_inside[(capability, product)]
            if count == 0:
                continue
            outside = tuple(council for council in everyone if council not in members) if count <= COMMON else ()
            groups.append(PeerGroup(capability, product, tuple(predecessors), outside, count))
        groups.sort(key=lambda g: (directory.capabilities[g.capability].name.lower(), g.capability,
                                   directory.products[g.product].name.lower(), g.product))
        peers[reorganisation.id] = groups
    return peers


@dataclass(frozen=True)
class Candidate:
    """A council whose open challenges fit a project seeking partners."""

    council: Council
    challenges: tuple[Challenge, ...]  # its open challenges sharing a topic or capability with the project


OPEN_PROJECT = ("proposed", "active", "maintained")


def seeking_partners(directory: Directory) -> list[str]:
    return [p.id for p in directory.projects.values() if "partners" in p.seeking and p.status in OPEN_PROJECT]


def project_candidates(directory: Directory) -> dict[str, list[Candidate]]:
    """Project id -> active councils not yet taking part whose open challenges share a topic or capability
    with it; for projects seeking partners only. Most fitting challenges first, then by name."""
    on_topic: dict[str, list[ChallengeOf]] = defaultdict(list)
    on_capability: dict[str, list[ChallengeOf]] = defaultdict(list)
    for council in by_name(c for c in directory.councils.values() if c.status == "active"):
        for challenge in council.challenges:
            if challenge.status != "done":
                for topic in challenge.topics:
                    on_topic[topic].append(ChallengeOf(council, challenge))
                for capability in challenge.capabilities:
                    on_capability[capability].append(ChallengeOf(council, challenge))
    joined: dict[str, set[str]] = defaultdict(set)
    for council in directory.councils.values():
        for participation in council.projects:
            joined[participation.project].add(council.id)
    candidates: dict[str, list[Candidate]] = {project_id: [] for project_id in directory.projects}
    for project_id in seeking_partners(directory):
        project = directory.projects[project_id]
        fitting: dict[str, list[Challenge]] = {}
        councils: dict[str, Council] = {}
        found = [*(c for t in project.topics for c in on_topic.get(t, [])),
                 *(c for cap in project.capabilities for c in on_capability.get(cap, []))]
        for challenge_of in found:
            council = challenge_of.council
            if council.id in joined[project_id]:
                continue
            councils[council.id] = council
            challenges = fitting.setdefault(council.id, [])
            if not any(challenge is challenge_of.challenge for challenge in challenges):
                challenges.append(challenge_of.challenge)
        ranked = sorted(fitting, key=lambda c: (-len(fitting[c]), councils[c].name.lower(), c))
        candidates[project_id] = [Candidate(councils[c], tuple(_in_profile_order(councils[c], fitting[c])))
                                  for c in ranked]
    return candidates


def _in_profile_order(council: Council, challenges: list[Challenge]) -> list[Challenge]:
    return [c for c in council.challenges if any(c is wanted for wanted in challenges)]


def topic_helpers(directory: Directory) -> dict[str, list[ChallengeOf]]:
    """Topic id -> finished challenges on it, by council name: who can help."""
    helpers: dict[str, list[ChallengeOf]] = {topic_id: [] for topic_id in directory.topics}
    for council in by_name(c for c in directory.councils.values() if taking_part(c)):
        for challenge in council.challenges:
            if challenge.status == "done":
                for topic in challenge.topics:
                    helpers[topic].append(ChallengeOf(council, challenge))
    return helpers


def capability_helpers(directory: Directory) -> dict[str, list[ChallengeOf]]:
    """Capability id -> finished challenges concerning it, by council name: who can help."""
    return _challenges_by_capability(directory, lambda challenge: challenge.status == "done")


def capability_seekers(directory: Directory) -> dict[str, list[ChallengeOf]]:
    """Capability id -> open challenges concerning it that seek help, by council name: who is asking."""
    return _challenges_by_capability(directory, lambda challenge: challenge.status != "done" and bool(challenge.seeking))


def _challenges_by_capability(directory: Directory, wanted) -> dict[str, list[ChallengeOf]]:
    found: dict[str, list[ChallengeOf]] = {capability_id: [] for capability_id in directory.capabilities}
    for council in by_name(c for c in directory.councils.values() if taking_part(c)):
        for challenge in council.challenges:
            if wanted(challenge):
                for capability in challenge.capabilities:
                    found[capability].append(ChallengeOf(council, challenge))
    return found
