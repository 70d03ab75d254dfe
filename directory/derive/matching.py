"""Matches: which councils should talk to each other, and why, in plain words.

The shapes the rest of the build reads come first; then the rules, each in one small function that both
this fast matcher and the plain reference implementation in tests/test_matches_reference.py use to word
and weigh a reason; then the fast matcher itself.

The rules, as the matches page explains them ("taking part": every council not abolished):

- Who is matched: active councils with each other. A forthcoming council (created, not yet vested) only
  with the active predecessors of a reorganisation it is a successor in. Never an abolished council, never a
  council with itself.
- same-product: both list the product for the capability. Sharing: councils taking part that list it.
- shared-topic: both have a challenge on the topic and at least one of them is not done. Sharing: councils
  taking part with any challenge on the topic.
- can-help (topic): one has a done challenge on the topic, the other an open one on it seeking something.
  Sharing as for shared-topic.
- can-help (capability): one lists a product for the capability, the other has an open challenge concerning
  it seeking something. Sharing: councils taking part listing anything for the capability; and the councils
  seeking help with it must be at most COMMON too.
- renewal-window: for one capability, each council's next contract end (renewals.next_ends: the earliest still
  to come, from its stack and its contracts) falls at most 12 calendar months apart. Sharing: councils taking part whose next end for the capability
  falls from the earlier month to the same month a year later. Weighs less the further apart.
- same-project: both take part in the project, unless both took part in its funded phases (worked-together).
  Sharing: councils taking part in it.
- worked-together: both took part in funded phases of the project (each names one of its phases). Weighed by how
  many councils took part in its phases, abolished ones included (a project's size is what it was, whoever has
  since been abolished), falling with its square root: `worked_together`. Not when more than COMMON took part.
- same-reorganisation: both predecessors in one reorganisation, or a predecessor and a successor. Always.
- same-vesting-day: both predecessors in reorganisations under way (not vested) in different areas with the same
  vesting day, and both list the product for the capability: they converge on it at the same time. Sharing:
  councils taking part in areas vesting that day that list it.
- done-before: one is a successor of a vested reorganisation (2019-2023) and lists the product for the capability,
  the other a predecessor in a reorganisation under way that lists it too: it has been through a reorganisation
  with that product. Sharing: as for same-product.
- A fact shared by more than COMMON councils gives no reason: it points to no one in particular. Below that,
  it counts for less the more councils share it (`rarity`), so a product nearly everyone uses barely moves a
  score. Sharing is counted among councils sharing the fact, never against the size of the directory, so a
  council joining the directory changes nothing between two councils it shares nothing with.
- A pair's score is the sum of its reasons' weights; pairs rank by score, then by council ids.

Matching never compares every pair: inverted indexes (product and capability, topic, project,
reorganisation, next contract end by capability and month) give the pairs that share something, and only
those are scored. As no fact counts when shared by more than COMMON councils, no index entry yields more than
COMMON * (COMMON - 1) / 2 pairs.

Each index entry's pairs and reasons depend only on the councils in it (and on the names of products,
capabilities, topics, projects and reorganisations). So `python build.py serve`, after a profile changed, works
out again only the entries that council was or is in (`MatchMemory`): their reasons as they were are taken away
from each pair, and their reasons as they are now added. The pairs of every other entry stay as they were.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import Iterable

from ..content import vocabulary
from ..content.models import Council, Directory
from ..memory import collector_paused
from ..wording import MONTHS, listed, long_date
from .collaborations import funded_period
from .renewals import ContractEnd, NextEnds, next_ends_by_council

REASON_KINDS = ("same-product", "shared-topic", "can-help", "renewal-window", "same-project", "worked-together",
                "same-reorganisation",
                "same-vesting-day", "done-before")

COMMON = 100  # a fact shared by more councils than this gives no reason (about a quarter of UK councils)
TOP = 10  # matches shown on a council's page
STRONGEST = 50  # pairs shown on the matches page
STRONGEST_PER_COUNCIL = 3  # at most this many of them with any one council, so that no council fills the list

REASON_NAMES = {"same-product": "Same product", "shared-topic": "Working on the same topic", "can-help": "Can help",
                "renewal-window": "Renewal window", "same-project": "Same project", "worked-together": "Worked together",
                "same-reorganisation": "Same reorganisation", "same-vesting-day": "Reorganising at the same time",
                "done-before": "Has done it before"}
# When each kind of reason applies, in plain words: the matches page explains matching with these.
REASON_RULES = {
    "same-product": "Both use the same product for the same capability, for example LocalGov Drupal for their "
                    "website. They can share configuration, user groups and fixes.",
    "shared-topic": "Both have a challenge on the same topic, and at least one of them is still working on it.",
    "can-help": "One has finished a challenge on a topic that the other is working on and asking for help with. Or "
                "it already runs a product for a capability that the other's open challenge is about and asks help "
                "with.",
    "renewal-window": "Their next contracts for the same capability end at most 12 months apart, counted in calendar "
                      "months: March 2027 and March 2028 count. A chance to procure together.",
    "same-project": "Both take part in the same shared module, community-fund project or collaboration.",
    "worked-together": "Both took part in the same funded project, such as one paid for by the Local Digital Fund, "
                       "as the public record or their own profiles say. A small project counts for more than a large "
                       "one: the weight is divided by the square root of one less than the number of councils that "
                       "took part in it (abolished ones included), so it is 2 for two councils, 1 for five and 0.5 "
                       "for seventeen.",
    "same-reorganisation": "Both are predecessors in the same reorganisation, or one is a predecessor and the other a "
                           "successor. They are always listed on each other's page, apart from their other matches.",
    "same-vesting-day": "Both are being reorganised now, in different areas with the same vesting day, and both use "
                        "the same product for the same capability: each has to bring its area's systems together by "
                        "the same day, and they can plan the move onto that product together.",
    "done-before": "One is a council created by a reorganisation of 2019 to 2023 that uses the same product for the "
                   "same capability as the other, which is being reorganised now: it has been through it with that "
                   "product, and can say how it went.",
}

# How much each kind of reason counts before rarity: someone who has done what you seek counts most, and
# merging councils must talk whatever else they share.
WEIGHTS = {"same-product": 1.0, "shared-topic": 1.0, "can-help": 1.5, "renewal-window": 1.0,
           "same-project": 1.0, "worked-together": 2.0, "same-reorganisation": 2.0, "same-vesting-day": 1.0, "done-before": 1.5}

# A match's score in words, for pages: the first whose lowest score it reaches. A reason shared by two councils
# only counts 1 to 2, so "good" is one such reason, "strong" two, or councils being merged.
STRENGTHS = ((3.0, "Very strong match"), (2.0, "Strong match"), (1.0, "Good match"), (0.0, "Some common ground"))


@dataclass(frozen=True, slots=True)
class Reason:
    kind: str  # one of REASON_KINDS
    ids: tuple[str, ...]  # the ids it rests on: product, capability, topic, project or reorganisation ids
    sentence: str  # for people, e.g. "Both use Idox Uniform for planning"
    weight: float  # its share of the pair's score
    helper: str | None = None  # can-help: the id of the council that can help the other
    # Sorting key, strongest first (the rest of the key only makes the order total); computed once, as many
    # pairs share one reason.
    order: tuple = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "order", (-self.weight, REASON_KINDS.index(self.kind), self.ids, self.helper or "",
                                           self.sentence))


@dataclass(frozen=True, slots=True)
class Match:
    councils: tuple[str, str]  # the two council ids, sorted
    score: float
    reasons: tuple[Reason, ...]  # strongest first

    def other(self, council_id: str) -> str:
        return self.councils[1] if self.councils[0] == council_id else self.councils[0]

    @property
    def order(self) -> tuple:
        """Best first: highest score, then by the councils' ids."""
        return (-self.score, self.councils)

    @property
    def strength(self) -> str:
        """The score in words (STRENGTHS), as pages show it."""
        return strength(self.score)


def strength(score: float) -> str:
    return next(words for lowest, words in STRENGTHS if score >= lowest)


@dataclass(frozen=True)
class RenewalWindow:
    """Councils whose contracts for one capability end in the same financial year (1 April to 31 March, from
    `starts` to `ends`): a chance to procure together. Made by opportunities.renewal_windows."""

    capability: str
    starts: date
    ends: date
    entries: tuple[ContractEnd, ...]  # each council's next contract end for the capability in the year


def match(councils: tuple[str, str], reasons: list[Reason]) -> Match:
    """A pair's match from its reasons: strongest reason first, the score their sum."""
    if len(reasons) == 1:
        return Match(councils, reasons[0].weight, (reasons[0],))
    if len(reasons) == 2:  # the commonest case after one, made quick: a + b == b + a exactly
        first, second = reasons
        ordered = (first, second) if first.order <= second.order else (second, first)
        return Match(councils, round(first.weight + second.weight, 4), ordered)
    ordered = tuple(sorted(reasons, key=_ORDER))
    return Match(councils, round(sum(reason.weight for reason in ordered), 4), ordered)


_ORDER = attrgetter("order")


# ----------------------------------------------------------------------------------------------
# The rules: who takes part, how rare a fact is, and how each reason is worded and weighed


def taking_part(council: Council) -> bool:
    """Councils whose facts count: every council that is not abolished."""
    return council.status != "abolished"


def rarity(sharing: int) -> float:
    """1 for a fact at most two councils share, falling towards 0 as COMMON councils share it (log scale)."""
    return math.log((COMMON + 1) / max(sharing, 2)) / math.log((COMMON + 1) / 2)


def month_number(day: date) -> int:
    """Calendar months since year 0: two contracts end `month_number(b) - month_number(a)` months apart."""
    return day.year * 12 + day.month - 1


def lower_first(name: str) -> str:
    """'Website content management' -> 'website content management'; names starting 'CRM' stay as they are."""
    return name if len(name) > 1 and name[1].isupper() else name[:1].lower() + name[1:]


def seeking_words(seeking: Iterable[str]) -> str:
    wanted = set(seeking)
    return listed(word for word in vocabulary.SEEKING.values if word in wanted)


def same_product(directory: Directory, product: str, capability: str, sharing: int) -> Reason:
    return Reason("same-product", (product, capability),
                  f"Both use {directory.products[product].name} for "
                  f"{lower_first(directory.capabilities[capability].name)}",
                  round(WEIGHTS["same-product"] * rarity(sharing), 4))


def shared_topic(directory: Directory, topic: str, sharing: int, finished: Council | None,
                 working: Council | None) -> Reason:
    """Both have challenges on the topic; `finished` and `working` name them when only one is still open."""
    name = lower_first(directory.topics[topic].name)
    sentence = (f"Both are working on {name}" if finished is None else
                f"Both have taken on {name}: {finished.name} has finished, {working.name} is still working on it")
    return Reason("shared-topic", (topic,), sentence, round(WEIGHTS["shared-topic"] * rarity(sharing), 4))


def can_help_with_topic(directory: Directory, topic: str, sharing: int, helper: Council, seeker: Council,
                        seeking: Iterable[str]) -> Reason:
    return Reason("can-help", (topic,),
                  f"{helper.name} has already tackled {lower_first(directory.topics[topic].name)}, "
                  f"which {seeker.name} is seeking {seeking_words(seeking)} for",
                  round(WEIGHTS["can-help"] * rarity(sharing), 4), helper=helper.id)


def can_help_with_capability(directory: Directory, product: str, capability: str, sharing: int,
                             helper: Council, seeker: Council, seeking: Iterable[str]) -> Reason:
    return Reason("can-help", (product, capability),
                  f"{helper.name} already runs {directory.products[product].name} for "
                  f"{lower_first(directory.capabilities[capability].name)}, "
                  f"which {seeker.name} is seeking {seeking_words(seeking)} for",
                  round(WEIGHTS["can-help"] * rarity(sharing), 4), helper=helper.id)


def renewal_window(directory: Directory, capability: str, sharing: int, first: int, second: int) -> Reason:
    """Next contracts ending in calendar months `first` and `second` (month_number, in either order) at most
    12 apart; `sharing`: councils whose next contract for the capability ends from the earlier month to the
    same month a year later."""
    return _renewal_window(directory.capabilities[capability].name, capability, sharing, min(first, second),
                           max(first, second))


@lru_cache(maxsize=None)  # one reason for every pair of councils with the same months and sharing
def _renewal_window(name: str, capability: str, sharing: int, first: int, second: int) -> Reason:
    months = second - first
    first_name = f"{MONTHS[first % 12]} {first // 12}"
    second_name = f"{MONTHS[second % 12]} {second // 12}"
    sentence = (f"{name} contracts both end in {first_name}" if months == 0 else
                f"{name} contracts end within {months} month{'s' if months != 1 else ''} of each other "
                f"({first_name} and {second_name})")
    closeness = 1 - months / 24  # 1 for the same month, 0.5 for a year apart
    return Reason("renewal-window", (capability,), sentence,
                  round(WEIGHTS["renewal-window"] * rarity(sharing) * closeness, 4))


def same_project(directory: Directory, project: str, sharing: int) -> Reason:
    return Reason("same-project", (project,), f"Both take part in {directory.projects[project].name}",
                  round(WEIGHTS["same-project"] * rarity(sharing), 4))


def worked_together(directory: Directory, project: str, took_part: int) -> Reason:
    """Both took part in funded phases of the project; `took_part`: every council that did, abolished ones included.

    Two councils alone on a project worked side by side; among seventeen, any two may barely have met. So the
    weight falls with the project's size: WEIGHTS["worked-together"] / sqrt(took_part - 1), which is the full
    weight for two councils, half of it for five, a quarter for seventeen."""
    record = directory.projects[project]
    return Reason("worked-together", (project,), f"Both worked on {record.name} ({funded_period(record)})",
                  round(WEIGHTS["worked-together"] / math.sqrt(max(took_part, 2) - 1), 4))


def took_part_in_phases(directory: Directory) -> dict[str, int]:
    """Project id -> how many councils took part in its funded phases (a part naming a phase), abolished ones
    included."""
    found: dict[str, set[str]] = defaultdict(set)
    for council in directory.councils.values():
        for participation in council.projects:
            if participation.phase is not None:
                found[participation.project].add(council.id)
    return {project: len(councils) for project, councils in found.items()}


def reorganisation_name(directory: Directory, reorganisation: str) -> str:
    name = directory.reorganisations[reorganisation].name
    return f"the {name}" if name.lower().endswith("reorganisation") else f"the {name} reorganisation"


def same_reorganisation(directory: Directory, reorganisation: str, predecessor: Council | None,
                        successor: Council | None) -> Reason:
    """Both predecessors (successor None), or a predecessor and a successor, in one reorganisation."""
    record = directory.reorganisations[reorganisation]
    where = f"{reorganisation_name(directory, reorganisation)} (vesting {long_date(record.vesting)})"
    sentence = (f"Both are predecessor councils in {where}" if successor is None else
                f"{predecessor.name} is a predecessor and {successor.name} a successor council in {where}")
    return Reason("same-reorganisation", (reorganisation,), sentence, WEIGHTS["same-reorganisation"])


def same_vesting_day(directory: Directory, product: str, capability: str, vesting: date, sharing: int) -> Reason:
    """Both list the product for the capability, as predecessors in two areas under way with the same vesting day;
    `sharing`: councils taking part in areas vesting that day that list it. One reason for every such pair (the
    areas are not named: each council's page says which area it is in), as thousands of pairs may share it."""
    return Reason("same-vesting-day", (product, capability),
                  f"Both bring {directory.products[product].name} for "
                  f"{lower_first(directory.capabilities[capability].name)} to new councils on the same vesting day, "
                  f"{long_date(vesting)}, in different areas",
                  round(WEIGHTS["same-vesting-day"] * rarity(sharing), 4))


def done_before(directory: Directory, product: str, capability: str, sharing: int, reorganisation: str,
                helper: Council, seeker: Council) -> Reason:
    """`helper`, created by the vested `reorganisation`, lists the product for the capability, as does `seeker`,
    a predecessor in a reorganisation under way; `sharing`: councils taking part that list it."""
    vested = directory.reorganisations[reorganisation]
    return Reason("done-before", (product, capability, reorganisation),
                  f"{helper.name} has been through {reorganisation_name(directory, reorganisation)} (vesting "
                  f"{long_date(vested.vesting)}) and runs {directory.products[product].name} for "
                  f"{lower_first(directory.capabilities[capability].name)}, as {seeker.name} does ahead of its own",
                  round(WEIGHTS["done-before"] * rarity(sharing), 4), helper=helper.id)


# ----------------------------------------------------------------------------------------------
# What each council brings to matching, read once from its profile


@dataclass
class Facts:
    council: Council
    active: bool
    uses: set[tuple[str, str]]  # (capability, product)
    open_topics: set[str]  # topics of challenges not done
    done_topics: set[str]
    seeking_topics: dict[str, set[str]]  # topic -> what its open challenges on it seek
    seeking_capabilities: dict[str, set[str]]  # capability -> what its open challenges concerning it seek
    next_ends: dict[str, int]  # capability -> month_number of the earliest contract end still to come
    projects: set[str]
    funded_projects: set[str] = field(default_factory=set)  # projects it took part in funded phases of

    @classmethod
    def of(cls, council: Council, ends: dict[str, ContractEnd]) -> Facts:
        """ends: the council's next contract end for each capability (renewals.next_ends)."""
        facts = cls(council, council.status == "active", set(), set(), set(), {}, {}, {}, set())
        for entry in council.stack:
            facts.uses.add((entry.capability, entry.product))
        facts.next_ends = {capability: month_number(end.ends) for capability, end in ends.items()}
        for challenge in council.challenges:
            done = challenge.status == "done"
            (facts.done_topics if done else facts.open_topics).update(challenge.topics)
            if not done and challenge.seeking:
                for topic in challenge.topics:
                    facts.seeking_topics.setdefault(topic, set()).update(challenge.seeking)
                for capability in challenge.capabilities:
                    facts.seeking_capabilities.setdefault(capability, set()).update(challenge.seeking)
        facts.projects = {participation.project for participation in council.projects}
        facts.funded_projects = {p.project for p in council.projects if p.phase is not None}
        return facts


# ----------------------------------------------------------------------------------------------
# The fast matcher: pairs come only from the indexes, never from comparing every pair


@dataclass
class Entries:
    """The index entries a change touches: their pairs and reasons are worked out again (`MatchMemory`)."""

    # (capability, product): same-product, same-vesting-day, done-before
    uses: set[tuple[str, str]] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)  # shared-topic, can-help (topic)
    helped: set[str] = field(default_factory=set)  # capabilities: can-help (capability)
    renewals: set[str] = field(default_factory=set)  # capabilities: renewal-window
    projects: set[str] = field(default_factory=set)  # same-project, worked-together
    reorganisations: set[str] = field(default_factory=set)  # same-reorganisation

    def add_change(self, was: Council, facts_was: Facts | None, now: Council, facts_now: Facts | None,
                   reorganisations: Iterable[str]) -> None:
        """The entries whose pairs a council's change may change: facts None where it takes no part. A reason
        names a council and asks whether it is active, so a new name or status touches every entry it was or is in;
        otherwise only those where what it brings to that entry changed."""
        if (was.name, was.status) != (now.name, now.status):
            for record, facts in ((was, facts_was), (now, facts_now)):
                self._add_every(record, facts, reorganisations)
            return
        self.projects |= {project for project, _ in _parts(was) ^ _parts(now)}
        if facts_was is None or facts_now is None:  # abolished, then and now: it counts in projects' sizes only
            return
        uses = facts_was.uses ^ facts_now.uses
        self.uses |= uses
        self.topics |= {topic for topic in (facts_was.open_topics | facts_was.done_topics | facts_now.open_topics
                                            | facts_now.done_topics)
                        if _topic(facts_was, topic) != _topic(facts_now, topic)}
        self.helped |= {capability for capability, _ in uses}
        seeking_was, seeking_now = facts_was.seeking_capabilities, facts_now.seeking_capabilities
        self.helped |= {capability for capability in seeking_was.keys() | seeking_now.keys()
                        if seeking_was.get(capability) != seeking_now.get(capability)}
        self.renewals |= {capability for capability in facts_was.next_ends.keys() | facts_now.next_ends.keys()
                          if facts_was.next_ends.get(capability) != facts_now.next_ends.get(capability)}

    def _add_every(self, council: Council, facts: Facts | None, reorganisations: Iterable[str]) -> None:
        if facts is not None:
            self.uses |= facts.uses
            self.topics |= facts.open_topics | facts.done_topics
            self.helped |= facts.seeking_capabilities.keys() | {capability for capability, _ in facts.uses}
            self.renewals |= facts.next_ends.keys()
        self.projects |= {participation.project for participation in council.projects}
        self.reorganisations.update(reorganisations)


def _topic(facts: Facts, topic: str) -> tuple:
    """What a council brings to a topic's entry: whether it works on it, has finished with it, and seeks help."""
    return topic in facts.open_topics, topic in facts.done_topics, facts.seeking_topics.get(topic)


def _parts(council: Council) -> set[tuple[str, bool]]:
    """The projects a council takes part in, each with whether it took part in funded phases of it. The record,
    not its facts: an abolished council counts in the size of a project it worked on."""
    parts = {(p.project, False) for p in council.projects}
    return parts | {(p.project, True) for p in council.projects if p.phase is not None}


class Pairs:
    """Reasons found so far for each pair, keyed by position in id order, so that a pair's key is one int.
    only: the index entries to find pairs in (`within`); None for all of them."""

    def __init__(self, directory: Directory, ends: NextEnds, known: dict[str, Facts] | None = None):
        """known: facts already read of councils whose records are these very objects."""
        known = known or {}
        self.facts = [known[council.id] if council.id in known and known[council.id].council is council
                      else Facts.of(council, ends[council.id])
                      for council in sorted(directory.councils.values(), key=lambda council: council.id)
                      if taking_part(council)]
        self.only: Entries | None = None
        self.position = {facts.council.id: position for position, facts in enumerate(self.facts)}
        self.active = [facts.active for facts in self.facts]
        self.size = len(self.facts)
        self.reasons: defaultdict[int, list[Reason]] = defaultdict(list)
        # forthcoming council -> the councils it may be matched with: active predecessors of its reorganisations
        self.partners: dict[int, set[int]] = defaultdict(set)
        for reorganisation in directory.reorganisations.values():
            predecessors = [self.position[c] for c in reorganisation.predecessors if c in self.position]
            for successor in (self.position[c] for c in reorganisation.successors if c in self.position):
                if self.facts[successor].council.status == "forthcoming":
                    self.partners[successor].update(p for p in predecessors if self.active[p])

    def within(self, only: Entries) -> Pairs:
        """The same councils, with no reasons found yet, to find pairs in these index entries only."""
        found = copy(self)
        found.only, found.reasons = only, defaultdict(list)
        return found

    def wanted(self, entries: str, key: object) -> bool:
        """Whether to find pairs in this index entry: one of `only`'s entries of that kind, or every entry."""
        return self.only is None or key in getattr(self.only, entries)

    def may_match(self, first: int, second: int) -> bool:
        if first == second:
            return False
        if self.active[first] and self.active[second]:
            return True
        return second in self.partners.get(first, ()) or first in self.partners.get(second, ())

    def add(self, first: int, second: int, reason: Reason) -> None:
        if self.may_match(first, second):
            self.reasons[first * self.size + second if first < second else second * self.size + first].append(reason)

    def add_among(self, members: list[int], reason: Reason) -> None:
        """The same reason for every pair among members (positions in increasing order)."""
        active = [m for m in members if self.active[m]]
        size, reasons = self.size, self.reasons
        for index, first in enumerate(active):  # the hot loop: every pair of active members
            base = first * size
            for second in active[index + 1:]:
                reasons[base + second].append(reason)
        for forthcoming in (m for m in members if not self.active[m]):
            for other in active:
                self.add(forthcoming, other, reason)

    def add_between(self, members: list[int], others: list[int], reason: Reason) -> None:
        """The same reason for every pair of a member and an other (two groups with no council in common)."""
        size, reasons, active = self.size, self.reasons, self.active
        for first in members:
            for second in others:
                if active[first] and active[second]:
                    reasons[first * size + second if first < second else second * size + first].append(reason)
                else:
                    self.add(first, second, reason)

    def councils(self, key: int) -> tuple[str, str]:
        first, second = divmod(key, self.size)
        return self.facts[first].council.id, self.facts[second].council.id

    def matched(self) -> dict[int, Match]:
        """Each pair's match, in id order."""
        return {key: match(self.councils(key), self.reasons[key]) for key in sorted(self.reasons)}


_RANK = attrgetter("order")  # best first: by score, then by the councils' ids


def find_matches(directory: Directory, ends: NextEnds | None = None, memory: MatchMemory | None = None) -> list[Match]:
    """Every pair of councils that match, best first. ends: each council's next contract ends, when derive has
    them (renewals.next_ends_by_council). memory: what `serve` keeps of the last matching, so that only the index
    entries touched by the profiles changed since are worked out again."""
    with collector_paused():  # hundreds of thousands of small objects, no cycles: see directory/memory.py
        if ends is None:
            ends = next_ends_by_council(directory)
        found = memory.update(directory, ends) if memory is not None else None
        if found is not None:
            return found
        pairs = Pairs(directory, ends)
        add_every_reason(directory, pairs)
        by_pair = pairs.matched()
        found = sorted(by_pair.values(), key=attrgetter("score"), reverse=True)  # stable: then Match.order
        if memory is not None:
            memory.keep(directory, pairs, by_pair, found)
        return found


def add_every_reason(directory: Directory, pairs: Pairs) -> None:
    """Every rule, in the index entries the pairs are found in (pairs.only)."""
    add_same_products(directory, pairs)
    add_topics(directory, pairs)
    add_capability_help(directory, pairs)
    add_renewal_windows(directory, pairs)
    add_same_projects(directory, pairs)
    add_same_reorganisations(directory, pairs)
    add_same_vesting_days(directory, pairs)
    add_done_before(directory, pairs)


class MatchMemory:
    """The last matching, kept by `serve` so that after a profile changed only the index entries it was or is
    in are worked out again (this module's docstring). Anything else changed (a product's name, a
    reorganisation, a council added or removed, the day) and everything is matched again."""

    def __init__(self) -> None:
        self.matched: tuple[Directory, Pairs, dict[int, Match], list[Match]] | None = None

    def keep(self, directory: Directory, pairs: Pairs, by_pair: dict[int, Match], found: list[Match]) -> None:
        self.matched = (directory, pairs, by_pair, found)

    def update(self, directory: Directory, ends: NextEnds) -> list[Match] | None:
        """Every match, as find_matches gives it, worked out from the last matching; None when there is none, or
        when more than councils' profiles changed since: everything is to be matched again."""
        if self.matched is None:
            return None
        before, pairs_before, by_pair, found = self.matched
        self.matched = None  # until it is consistent again: a failure below leaves nothing half updated
        if directory.councils.keys() != before.councils.keys() or not _same_world(before, directory):
            return None
        pairs = Pairs(directory, ends, known=_facts_by_id(pairs_before))
        if [facts.council.id for facts in pairs.facts] != [facts.council.id for facts in pairs_before.facts]:
            return None  # a council joined or left those taking part
        touched = Entries()
        reorganisations_of = _reorganisations_of(directory)
        for council_id, council in directory.councils.items():
            if before.councils[council_id] is not council:
                touched.add_change(before.councils[council_id], _facts_of(pairs_before, council_id), council,
                                   _facts_of(pairs, council_id), reorganisations_of[council_id])
        was, now = pairs_before.within(touched), pairs.within(touched)
        add_every_reason(before, was)
        add_every_reason(directory, now)
        reasons = pairs_before.reasons
        for key, taken in was.reasons.items():
            kept = reasons[key]
            for reason in taken:
                kept.remove(reason)
        for key, added in now.reasons.items():
            reasons[key].extend(added)
        pairs.reasons = reasons
        updated = was.reasons.keys() | now.reasons.keys()
        for key in updated:
            if reasons[key]:
                by_pair[key] = match(pairs.councils(key), reasons[key])
            else:
                del reasons[key]
                by_pair.pop(key, None)
        updated_pairs = {pairs.councils(key) for key in updated}
        found = _merged([each for each in found if each.councils not in updated_pairs],
                        sorted((by_pair[key] for key in updated if key in by_pair), key=_RANK))
        self.keep(directory, pairs, by_pair, found)
        return found


def _merged(kept: list[Match], more: list[Match]) -> list[Match]:
    """Two lists in Match.order as one: each of the few more found its place by bisection, not sorted all again."""
    merged: list[Match] = []
    start = 0
    for each in more:
        at = bisect_left(kept, each.order, lo=start, key=_RANK)
        merged += kept[start:at]
        merged.append(each)
        start = at
    merged += kept[start:]
    return merged


def _same_world(before: Directory, now: Directory) -> bool:
    """Whether all that matching reads, but the councils, is as it was."""
    return before.today == now.today and all(
        getattr(before, kind) == getattr(now, kind)
        for kind in ("capabilities", "topics", "products", "projects", "reorganisations"))


def _reorganisations_of(directory: Directory) -> defaultdict[str, set[str]]:
    """Council id -> the reorganisations it is a predecessor or a successor in."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    for reorganisation in directory.reorganisations.values():
        for council_id in (*reorganisation.predecessors, *reorganisation.successors):
            found[council_id].add(reorganisation.id)
    return found


def _facts_of(pairs: Pairs, council_id: str) -> Facts | None:
    position = pairs.position.get(council_id)
    return None if position is None else pairs.facts[position]


def _facts_by_id(pairs: Pairs) -> dict[str, Facts]:
    return {facts.council.id: facts for facts in pairs.facts}


def add_same_products(directory: Directory, pairs: Pairs) -> None:
    users: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, facts in enumerate(pairs.facts):
        for use in facts.uses:
            users[use].append(position)
    for (capability, product), members in sorted(users.items()):
        if 2 <= len(members) <= COMMON and pairs.wanted("uses", (capability, product)):
            pairs.add_among(members, same_product(directory, product, capability, len(members)))


def add_topics(directory: Directory, pairs: Pairs) -> None:
    """shared-topic for councils with challenges on a topic, not all done; can-help from done to seeking."""
    members: dict[str, list[int]] = defaultdict(list)
    for position, facts in enumerate(pairs.facts):
        for topic in facts.open_topics | facts.done_topics:
            members[topic].append(position)
    for topic, sharing in sorted(members.items()):
        if len(sharing) > COMMON or not pairs.wanted("topics", topic):
            continue
        facts = pairs.facts
        working = [m for m in sharing if topic in facts[m].open_topics]
        pairs.add_among(working, shared_topic(directory, topic, len(sharing), None, None))
        for finished in (m for m in sharing if topic not in facts[m].open_topics):
            for other in working:
                pairs.add(finished, other, shared_topic(directory, topic, len(sharing), facts[finished].council,
                                                        facts[other].council))
        for helper in (m for m in sharing if topic in facts[m].done_topics):
            for seeker in sharing:
                seeking = facts[seeker].seeking_topics.get(topic)
                if seeking and seeker != helper:
                    pairs.add(helper, seeker, can_help_with_topic(directory, topic, len(sharing), facts[helper].council,
                                                                   facts[seeker].council, seeking))


def add_capability_help(directory: Directory, pairs: Pairs) -> None:
    """can-help from councils running a product for a capability to councils seeking help with it, while at
    most COMMON councils run anything for it and at most COMMON seek help with it."""
    seekers: dict[str, list[int]] = defaultdict(list)
    for position, facts in enumerate(pairs.facts):
        for capability in facts.seeking_capabilities:
            seekers[capability].append(position)
    wanted = {capability for capability, seeking in seekers.items()
              if len(seeking) <= COMMON and pairs.wanted("helped", capability)}
    running: dict[str, dict[int, list[str]]] = defaultdict(dict)
    for position, facts in enumerate(pairs.facts):
        for capability, product in facts.uses:
            if capability in wanted:
                running[capability].setdefault(position, []).append(product)
    for capability in sorted(wanted):
        helpers = running.get(capability, {})
        if len(helpers) > COMMON:
            continue
        for helper, products in helpers.items():
            for seeker in seekers[capability]:
                if seeker != helper:
                    for product in sorted(products):
                        pairs.add(helper, seeker, can_help_with_capability(
                            directory, product, capability, len(helpers), pairs.facts[helper].council,
                            pairs.facts[seeker].council, pairs.facts[seeker].seeking_capabilities[capability]))


def add_renewal_windows(directory: Directory, pairs: Pairs) -> None:
    """renewal-window for next contracts ending at most 12 calendar months apart, while at most COMMON
    councils' next contracts for the capability end from the earlier month to the same month a year later."""
    ending: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for position, facts in enumerate(pairs.facts):
        for capability, month in facts.next_ends.items():
            ending[capability][month].append(position)
    for capability, by_month in sorted(ending.items()):
        if not pairs.wanted("renewals", capability):
            continue
        months = sorted(by_month)
        for index, first in enumerate(months):
            later = [month for month in months[index:index + 13] if month <= first + 12]
            sharing = sum(len(by_month[month]) for month in later)
            if sharing > COMMON:
                continue
            for second in later:
                reason = renewal_window(directory, capability, sharing, first, second)
                if second == first:
                    pairs.add_among(by_month[first], reason)
                else:
                    pairs.add_between(by_month[first], by_month[second], reason)


def add_same_projects(directory: Directory, pairs: Pairs) -> None:
    """worked-together for two councils that both took part in a project's funded phases, while at most COMMON
    councils did; same-project for any other two taking part in it, while at most COMMON do."""
    members: dict[str, list[int]] = defaultdict(list)
    for position, facts in enumerate(pairs.facts):
        for project in facts.projects:
            members[project].append(position)
    took_part = took_part_in_phases(directory)
    for project, sharing in sorted(members.items()):
        if len(sharing) < 2 or not pairs.wanted("projects", project):
            continue
        worked = [m for m in sharing if project in pairs.facts[m].funded_projects]
        if len(worked) >= 2 and took_part[project] <= COMMON:
            pairs.add_among(worked, worked_together(directory, project, took_part[project]))
        if len(sharing) <= COMMON and len(worked) < len(sharing):
            reason = same_project(directory, project, len(sharing))
            others = [m for m in sharing if project not in pairs.facts[m].funded_projects]
            pairs.add_among(others, reason)
            pairs.add_between(others, worked, reason)


def add_same_reorganisations(directory: Directory, pairs: Pairs) -> None:
    """Reorganisations are never too common to count: every pair of predecessors, and each predecessor
    with each successor."""
    for reorganisation in directory.reorganisations.values():
        if not pairs.wanted("reorganisations", reorganisation.id):
            continue
        predecessors = sorted(pairs.position[c] for c in reorganisation.predecessors if c in pairs.position)
        successors = sorted(pairs.position[c] for c in reorganisation.successors if c in pairs.position)
        pairs.add_among(predecessors, same_reorganisation(directory, reorganisation.id, None, None))
        for predecessor in predecessors:
            for successor in successors:
                pairs.add(predecessor, successor, same_reorganisation(
                    directory, reorganisation.id, pairs.facts[predecessor].council, pairs.facts[successor].council))


def areas_under_way(directory: Directory, pairs: Pairs) -> dict[int, str]:
    """Position of each predecessor taking part in a reorganisation under way -> that reorganisation's id (the
    first by id, for a council in two)."""
    area_of: dict[int, str] = {}
    for reorganisation in sorted(directory.reorganisations.values(), key=attrgetter("id")):
        if reorganisation.stage != "vested":
            for council in reorganisation.predecessors:
                if council in pairs.position:
                    area_of.setdefault(pairs.position[council], reorganisation.id)
    return area_of


def add_same_vesting_days(directory: Directory, pairs: Pairs) -> None:
    """same-vesting-day for councils in different areas under way with the same vesting day that list the same
    product for a capability, while at most COMMON councils vesting that day list it."""
    users: dict[tuple[date, str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for position, area in sorted(areas_under_way(directory, pairs).items()):
        vesting = directory.reorganisations[area].vesting
        for capability, product in pairs.facts[position].uses:
            users[(vesting, capability, product)][area].append(position)
    for (vesting, capability, product), by_area in sorted(users.items()):
        sharing = sum(len(members) for members in by_area.values())
        if len(by_area) < 2 or sharing > COMMON or not pairs.wanted("uses", (capability, product)):
            continue
        reason = same_vesting_day(directory, product, capability, vesting, sharing)
        areas = sorted(by_area)
        for index, first in enumerate(areas):
            for second in areas[index + 1:]:
                pairs.add_between(by_area[first], by_area[second], reason)


def add_done_before(directory: Directory, pairs: Pairs) -> None:
    """done-before from each council created by a vested reorganisation to each predecessor in a reorganisation
    under way that lists the same product for a capability, while at most COMMON councils list it."""
    area_of = areas_under_way(directory, pairs)
    if not area_of:
        return
    users: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, facts in enumerate(pairs.facts):
        for use in facts.uses:
            users[use].append(position)
    for reorganisation in sorted(directory.reorganisations.values(), key=attrgetter("id")):
        if reorganisation.stage != "vested":
            continue
        for helper in sorted(pairs.position[c] for c in reorganisation.successors if c in pairs.position):
            helper_council = pairs.facts[helper].council
            for capability, product in sorted(pairs.facts[helper].uses):
                members = users[(capability, product)]
                if len(members) > COMMON or not pairs.wanted("uses", (capability, product)):
                    continue
                for seeker in members:
                    if seeker in area_of and seeker != helper:
                        pairs.add(helper, seeker, done_before(directory, product, capability, len(members),
                                                              reorganisation.id, helper_council,
                                                              pairs.facts[seeker].council))


def merging_pairs(directory: Directory) -> set[tuple[str, str]]:
    """The pairs of councils being reorganised together (id order): two predecessors of one reorganisation, or
    a predecessor and a successor. They always match (same-reorganisation)."""
    merging = set()
    for reorganisation in directory.reorganisations.values():
        predecessors = reorganisation.predecessors
        for first in predecessors:
            for second in (*predecessors, *reorganisation.successors):
                if first != second:
                    merging.add((first, second) if first < second else (second, first))
    return merging


def top_matches(directory: Directory, matches: list[Match], limit: int = TOP) -> dict[str, list[Match]]:
    """Council id -> its best `limit` matches with councils it is not being reorganised with, best first (ties by
    the other council's id). Those it is being reorganised with always match it, so they would crowd out everyone
    else: merger_partners lists them apart. Every council has an entry. `matches` must be in Match.order, which
    orders each council's matches the same way."""
    merging = merging_pairs(directory)
    top: dict[str, list[Match]] = {council_id: [] for council_id in directory.councils}
    for found in matches:
        if found.councils in merging:
            continue
        first, second = found.councils
        listed_first, listed_second = top[first], top[second]
        if len(listed_first) < limit:
            listed_first.append(found)
        if len(listed_second) < limit:
            listed_second.append(found)
    return top


def merger_partners(directory: Directory, matches: list[Match]) -> dict[str, list[Match]]:
    """Council id -> its matches with every council it is being reorganised with, best first; only councils being
    reorganised have an entry. `matches` must be in Match.order."""
    merging = merging_pairs(directory)
    partners: dict[str, list[Match]] = {}
    for found in matches:
        if found.councils in merging:
            for council_id in found.councils:
                partners.setdefault(council_id, []).append(found)
    return partners


@dataclass(frozen=True)
class Summary:
    """What the matches page counts."""

    pairs: int  # pairs of councils that match
    councils: int  # councils with at least one match
    by_kind: dict[str, int]  # kind -> pairs with at least one reason of that kind, in REASON_KINDS order


def summarise(matches: list[Match]) -> Summary:
    by_kind = dict.fromkeys(REASON_KINDS, 0)
    for found in matches:
        for kind in {reason.kind for reason in found.reasons}:
            by_kind[kind] += 1
    return Summary(len(matches), len({council for found in matches for council in found.councils}), by_kind)


def strongest(matches: list[Match], limit: int = STRONGEST, per_council: int = STRONGEST_PER_COUNCIL) -> list[Match]:
    """The best pairs that share more than a reorganisation, at most `per_council` with any one council: councils
    being merged always match, and are listed on their reorganisation's page, so the matches page shows what else
    brings councils together, and a council with many partners does not fill the list."""
    found: list[Match] = []
    listed: dict[str, int] = defaultdict(int)
    for candidate in matches:
        first, second = candidate.councils
        if listed[first] >= per_council or listed[second] >= per_council:
            continue
        if any(reason.kind != "same-reorganisation" for reason in candidate.reasons):
            found.append(candidate)
            listed[first] += 1
            listed[second] += 1
            if len(found) == limit:
                break
    return found
