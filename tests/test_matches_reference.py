"""A plain reference implementation of matching, comparing every pair of councils, and tests that the fast
matcher in directory/derive/matching.py gives exactly the same matches on small directories.

The reference reads the rules as written on the matches page, pair by pair, straight from the council
profiles; it shares with the fast matcher only the functions that word and weigh a reason (so the two can
be compared with ==), never the choice of which pairs get which reasons.
"""
from __future__ import annotations

from datetime import date
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest

from directory.content.models import Council, Directory
from directory.demo import generate
from directory.derive import matching as matches
from directory.derive.matching import Match, find_matches, match, month_number
from directory.pipeline import check
from tests.conftest import TODAY, ContentTree


def reference_matches(directory: Directory) -> list[Match]:
    common = matches.COMMON
    today = directory.today
    councils = sorted(directory.councils.values(), key=lambda council: council.id)
    taking_part = [council for council in councils if council.status != "abolished"]

    def eligible(first: Council, second: Council) -> bool:
        if "abolished" in (first.status, second.status):
            return False
        if first.status == "active" and second.status == "active":
            return True
        for forthcoming, other in ((first, second), (second, first)):
            if forthcoming.status == "forthcoming" and other.status == "active":
                for reorganisation in directory.reorganisations.values():
                    if forthcoming.id in reorganisation.successors and other.id in reorganisation.predecessors:
                        return True
        return False

    def uses(council: Council, capability: str, product: str) -> bool:
        return any(e.capability == capability and e.product == product for e in council.stack)

    def runs_anything_for(council: Council, capability: str) -> bool:
        return any(e.capability == capability for e in council.stack)

    def has_topic(council: Council, topic: str) -> bool:
        return any(topic in c.topics for c in council.challenges)

    def open_on(council: Council, topic: str) -> bool:
        return any(topic in c.topics and c.status != "done" for c in council.challenges)

    def done_on(council: Council, topic: str) -> bool:
        return any(topic in c.topics and c.status == "done" for c in council.challenges)

    def seeking_on_topic(council: Council, topic: str) -> set[str]:
        return {s for c in council.challenges if topic in c.topics and c.status != "done" for s in c.seeking}

    def seeking_on_capability(council: Council, capability: str) -> set[str]:
        return {s for c in council.challenges if capability in c.capabilities and c.status != "done" for s in c.seeking}

    def next_end(council: Council, capability: str) -> int | None:
        ends = [e.contract_ends for e in council.stack
                if e.capability == capability and e.contract_ends is not None and e.contract_ends > today]
        return month_number(min(ends)) if ends else None

    @cache  # counts by key, each made by looking at every council once
    def how_many(question: str, *key) -> int:
        test = {"product": uses, "topic": has_topic, "runs": runs_anything_for,
                "seeking": lambda c, capability: bool(seeking_on_capability(c, capability)),
                "project": lambda c, project: any(p.project == project for p in c.projects),
                "renewing": lambda c, capability, earlier: next_end(c, capability) is not None
                and earlier <= next_end(c, capability) <= earlier + 12}[question]
        return sum(1 for council in taking_part if test(council, *key))

    found = []
    for first, second in combinations(councils, 2):
        if not eligible(first, second):
            continue
        reasons = []
        pair = (first, second)
        for capability, product in sorted({(e.capability, e.product) for e in first.stack}):
            sharing = how_many("product", capability, product)
            if uses(second, capability, product) and sharing <= common:
                reasons.append(matches.same_product(directory, product, capability, sharing))
        topics = sorted({t for council in pair for c in council.challenges for t in c.topics})
        for topic in topics:
            sharing = how_many("topic", topic)
            if sharing > common or not (has_topic(first, topic) and has_topic(second, topic)):
                continue
            if open_on(first, topic) and open_on(second, topic):
                reasons.append(matches.shared_topic(directory, topic, sharing, None, None))
            elif open_on(first, topic) or open_on(second, topic):
                finished, working = (second, first) if open_on(first, topic) else (first, second)
                reasons.append(matches.shared_topic(directory, topic, sharing, finished, working))
            for helper, seeker in (pair, pair[::-1]):
                if done_on(helper, topic) and seeking_on_topic(seeker, topic):
                    reasons.append(matches.can_help_with_topic(directory, topic, sharing, helper, seeker,
                                                               seeking_on_topic(seeker, topic)))
        for helper, seeker in (pair, pair[::-1]):
            for entry in helper.stack:
                wanted = seeking_on_capability(seeker, entry.capability)
                runners = how_many("runs", entry.capability)
                seekers = how_many("seeking", entry.capability)
                if wanted and runners <= common and seekers <= common:
                    reasons.append(matches.can_help_with_capability(directory, entry.product, entry.capability,
                                                                    runners, helper, seeker, wanted))
        for capability in sorted({e.capability for e in first.stack}):
            ends = (next_end(first, capability), next_end(second, capability))
            if None in ends or abs(ends[0] - ends[1]) > 12:
                continue
            earlier = min(ends)
            sharing = how_many("renewing", capability, earlier)
            if sharing <= common:
                reasons.append(matches.renewal_window(directory, capability, sharing, *ends))
        for project in sorted({p.project for p in first.projects} & {p.project for p in second.projects}):
            sharing = how_many("project", project)
            if sharing <= common:
                reasons.append(matches.same_project(directory, project, sharing))
        for reorganisation in directory.reorganisations.values():
            predecessors, successors = reorganisation.predecessors, reorganisation.successors
            if first.id in predecessors and second.id in predecessors:
                reasons.append(matches.same_reorganisation(directory, reorganisation.id, None, None))
            for predecessor, successor in (pair, pair[::-1]):
                if predecessor.id in predecessors and successor.id in successors:
                    reasons.append(matches.same_reorganisation(directory, reorganisation.id, predecessor, successor))
        if reasons:
            found.append(match((first.id, second.id), reasons))
    found.sort(key=lambda m: (-m.score, m.councils))
    return found


def _demo(tmp_path: Path, councils: int, seed: int) -> Directory:
    root = generate(tmp_path / f"demo-{councils}-{seed}", councils, seed=seed, start=date(2026, 11, 1))
    checked = check(root, TODAY)
    assert checked.errors == []
    return checked.directory


def _same(directory: Directory) -> list[Match]:
    fast, reference = find_matches(directory), reference_matches(directory)
    assert [m.councils for m in fast] == [m.councils for m in reference]  # first the pairs, for a readable diff
    assert fast == reference
    return fast


@pytest.mark.parametrize("councils, seed", [(150, 1), (220, 7)])
def test_the_fast_matcher_agrees_with_comparing_every_pair_on_demo_directories(tmp_path, councils, seed):
    found = _same(_demo(tmp_path, councils, seed))
    kinds = {reason.kind for m in found for reason in m.reasons}
    assert kinds >= {"same-product", "shared-topic", "can-help", "renewal-window", "same-project",
                     "same-reorganisation"}


def test_they_agree_when_many_facts_are_too_common_to_count(tmp_path, monkeypatch):
    """With COMMON lowered to 6, most products, topics, projects and renewal months are over the limit, so
    the two implementations must agree on which facts are left out, and on weights near the limit."""
    directory = _demo(tmp_path, 120, 3)
    # Reasons are cached once weighed, and COMMON changes their weights: start and end with an empty cache.
    matches._renewal_window.cache_clear()
    try:
        monkeypatch.setattr(matches, "COMMON", 6)
        found = _same(directory)
        assert found, "some facts are still rare enough to match on"
        monkeypatch.undo()
    finally:
        matches._renewal_window.cache_clear()
    assert len(find_matches(directory)) > len(found)


def test_they_agree_on_forthcoming_abolished_and_hand_written_councils(content: ContentTree):
    content.council("old-district", status="abolished", ended="2023-03-31", replaced_by="[new-unitary]", extra="""\
        stack:
          - {capability: website, product: localgov-drupal}
        """)
    content.council("new-unitary", gss="E06000099", status="forthcoming", starts="2027-04-01", extra="""\
        stack:
          - {capability: website, product: localgov-drupal, contract_ends: 2027-06-30}
        challenges:
          - {title: One website, topics: [local-government-reorganisation], status: planning, seeking: [advice]}
        """)
    content.council("east-district", gss="E07000010", extra="""\
        stack:
          - {capability: website, product: localgov-drupal, contract_ends: 2027-03-31}
          - {capability: planning, product: idox-uniform, contract_ends: 2027-09-30}
        challenges:
          - {title: Merging, topics: [local-government-reorganisation], status: done}
          - {title: Planning, topics: [pdf-reduction], capabilities: [planning], status: exploring, seeking: [partners]}
        projects:
          - {project: localgov-publications, role: partner}
        """)
    content.council("west-district", gss="E07000011", extra="""\
        stack:
          - {capability: website, product: localgov-drupal, contract_ends: 2028-03-31}
          - {capability: planning, product: planx, contract_ends: 2027-02-28}
        challenges:
          - {title: PDFs, topics: [pdf-reduction], status: done}
        projects:
          - {project: localgov-publications, role: lead}
        """)
    content.council("far-away", gss="E07000012", extra="""\
        stack:
          - {capability: planning, product: idox-uniform, contract_ends: 2028-09-30}
        challenges:
          - {title: PDFs too, topics: [pdf-reduction], status: in-progress, seeking: [advice]}
        """)
    content.write("reorganisations/new-unitary.yaml", """\
        name: New Unitary
        stage: decided
        vesting: 2027-04-01
        predecessors: [east-district, west-district]
        successors: [new-unitary]
        source: https://example.gov.uk/reorganisation
        """)
    checked = content.check()
    assert [p for p in checked.errors] == []
    found = _same(checked.directory)
    pairs = {m.councils for m in found}
    assert ("east-district", "new-unitary") in pairs and ("new-unitary", "west-district") in pairs
    assert not any("old-district" in m.councils for m in found)
    assert ("far-away", "new-unitary") not in pairs  # a forthcoming council matches its predecessors only
