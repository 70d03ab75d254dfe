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
- renewal-window: for one capability, each council's next contract end (the earliest after directory.today)
  falls at most 12 calendar months apart. Sharing: councils taking part whose next end for the capability
  falls from the earlier month to the same month a year later. Weighs less the further apart.
- same-project: both take part in the project. Sharing: councils taking part in it.
- same-reorganisation: both predecessors in one reorganisation, or a predecessor and a successor. Always.
- A fact shared by more than COMMON councils gives no reason: it points to no one in particular. Below that,
  it counts for less the more councils share it (`rarity`), so a product nearly everyone uses barely moves a
  score. Sharing is counted among councils sharing the fact, never against the size of the directory, so a
  council joining the directory changes nothing between two councils it shares nothing with.
- A pair's score is the sum of its reasons' weights; pairs rank by score, then by council ids.

Matching never compares every pair: inverted indexes (product and capability, topic, project,
reorganisation, next contract end by capability and month) give the pairs that share something, and only
those are scored. As no fact counts when shared by more than COMMON councils, no index entry yields more than
COMMON * (COMMON - 1) / 2 pairs.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import Iterable

from ..content import vocabulary
from ..content.models import Council, Directory
from ..memory import collector_paused
from ..wording import MONTHS, listed, long_date
from .records import Usage

REASON_KINDS = ("same-product", "shared-topic", "can-help", "renewal-window", "same-project", "same-reorganisation")

COMMON = 100  # a fact shared by more councils than this gives no reason (about a quarter of UK councils)
TOP = 10  # matches shown on a council's page
STRONGEST = 50  # pairs shown on the matches page

REASON_NAMES = {"same-product": "Same product", "shared-topic": "Working on the same topic", "can-help": "Can help",
                "renewal-window": "Renewal window", "same-project": "Same project",
                "same-reorganisation": "Same reorganisation"}
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
    "same-reorganisation": "Both are predecessors in the same reorganisation, or one is a predecessor and the other a "
                           "successor. They are always listed on each other's page.",
}

# How much each kind of reason counts before rarity: someone who has done what you seek counts most, and
# merging councils must talk whatever else they share.
WEIGHTS = {"same-product": 1.0, "shared-topic": 1.0, "can-help": 1.5, "renewal-window": 1.0,
           "same-project": 1.0, "same-reorganisation": 2.0}


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


@dataclass(frozen=True)
class RenewalWindow:
    """Councils whose contracts for one capability end in the same financial year (1 April to 31 March, from
    `starts` to `ends`): a chance to procure together. Made by opportunities.renewal_windows."""

    capability: str
    starts: date
    ends: date
    entries: tuple[Usage, ...]  # each council's stack entry, with its current product and contract end


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

    @classmethod
    def of(cls, council: Council, today: date) -> Facts:
        facts = cls(council, council.status == "active", set(), set(), set(), {}, {}, {}, set())
        for entry in council.stack:
            facts.uses.add((entry.capability, entry.product))
            if entry.contract_ends is not None and entry.contract_ends > today:
                month = month_number(entry.contract_ends)
                if month < facts.next_ends.get(entry.capability, month + 1):
                    facts.next_ends[entry.capability] = month
        for challenge in council.challenges:
            done = challenge.status == "done"
            (facts.done_topics if done else facts.open_topics).update(challenge.topics)
            if not done and challenge.seeking:
                for topic in challenge.topics:
                    facts.seeking_topics.setdefault(topic, set()).update(challenge.seeking)
                for capability in challenge.capabilities:
                    facts.seeking_capabilities.setdefault(capability, set()).update(challenge.seeking)
        facts.projects = {participation.project for participation in council.projects}
        return facts


# ----------------------------------------------------------------------------------------------
# The fast matcher: pairs come only from the indexes, never from comparing every pair


class Pairs:
    """Reasons found so far for each pair, keyed by position in id order, so that a pair's key is one int."""

    def __init__(self, directory: Directory):
        self.facts = [Facts.of(council, directory.today)
                      for council in sorted(directory.councils.values(), key=lambda council: council.id)
                      if taking_part(council)]
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

    def matches(self) -> list[Match]:
        ids, size, reasons = [facts.council.id for facts in self.facts], self.size, self.reasons
        found = []
        for key in sorted(reasons):  # keys in increasing order are pairs in id order
            first, second = divmod(key, size)
            found.append(match((ids[first], ids[second]), reasons[key]))
        found.sort(key=attrgetter("score"), reverse=True)  # stable: then Match.order
        return found


def find_matches(directory: Directory) -> list[Match]:
    """Every pair of councils that match, best first."""
    with collector_paused():  # hundreds of thousands of small objects, no cycles: see directory/memory.py
        pairs = Pairs(directory)
        add_same_products(directory, pairs)
        add_topics(directory, pairs)
        add_capability_help(directory, pairs)
        add_renewal_windows(directory, pairs)
        add_same_projects(directory, pairs)
        add_same_reorganisations(directory, pairs)
        return pairs.matches()


def add_same_products(directory: Directory, pairs: Pairs) -> None:
    users: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, facts in enumerate(pairs.facts):
        for use in facts.uses:
            users[use].append(position)
    for (capability, product), members in sorted(users.items()):
        if 2 <= len(members) <= COMMON:
            pairs.add_among(members, same_product(directory, product, capability, len(members)))


def add_topics(directory: Directory, pairs: Pairs) -> None:
    """shared-topic for councils with challenges on a topic, not all done; can-help from done to seeking."""
    members: dict[str, list[int]] = defaultdict(list)
    for position, facts in enumerate(pairs.facts):
        for topic in facts.open_topics | facts.done_topics:
            members[topic].append(position)
    for topic, sharing in sorted(members.items()):
        if len(sharing) > COMMON:
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
    wanted = {capability for capability, seeking in seekers.items() if len(seeking) <= COMMON}
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
    members: dict[str, list[int]] = defaultdict(list)
    for position, facts in enumerate(pairs.facts):
        for project in facts.projects:
            members[project].append(position)
    for project, sharing in sorted(members.items()):
        if 2 <= len(sharing) <= COMMON:
            pairs.add_among(sharing, same_project(directory, project, len(sharing)))


def add_same_reorganisations(directory: Directory, pairs: Pairs) -> None:
    """Reorganisations are never too common to count: every pair of predecessors, and each predecessor
    with each successor."""
    for reorganisation in directory.reorganisations.values():
        predecessors = sorted(pairs.position[c] for c in reorganisation.predecessors if c in pairs.position)
        successors = sorted(pairs.position[c] for c in reorganisation.successors if c in pairs.position)
        pairs.add_among(predecessors, same_reorganisation(directory, reorganisation.id, None, None))
        for predecessor in predecessors:
            for successor in successors:
                pairs.add(predecessor, successor, same_reorganisation(
                    directory, reorganisation.id, pairs.facts[predecessor].council, pairs.facts[successor].council))


def top_matches(directory: Directory, matches: list[Match], limit: int = TOP) -> dict[str, list[Match]]:
    """Council id -> its best `limit` matches, best first (ties by the other council's id), then any further
    match with a council it is being reorganised with (they always have a same-reorganisation reason): those
    are always listed, even beyond the top ten. Every council has an entry. `matches` must be in Match.order,
    which orders each council's matches the same way."""
    merging = set()
    for reorganisation in directory.reorganisations.values():
        predecessors = reorganisation.predecessors
        for first in predecessors:
            for second in (*predecessors, *reorganisation.successors):
                merging.add((first, second) if first < second else (second, first))
    top: dict[str, list[Match]] = {council_id: [] for council_id in directory.councils}
    for found in matches:
        first, second = found.councils
        listed_first, listed_second = top[first], top[second]
        if len(listed_first) < limit or found.councils in merging:
            listed_first.append(found)
        if len(listed_second) < limit or found.councils in merging:
            listed_second.append(found)
    return top


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


def strongest(matches: list[Match], limit: int = STRONGEST) -> list[Match]:
    """The best pairs that share more than a reorganisation: councils being merged always match, and are
    listed on their reorganisation's page, so the matches page shows what else brings councils together."""
    found = []
    for candidate in matches:
        if any(reason.kind != "same-reorganisation" for reason in candidate.reasons):
            found.append(candidate)
            if len(found) == limit:
                break
    return found
