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

from directory.content.check import check
from directory.content.models import Council, Directory
from directory.demo import generate
from directory.derive import matching as matches
from directory.derive.matching import Match, find_matches, match, month_number
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
        """The earliest end still to come (today or later) of the stack's contracts and the contracts listed."""
        ends = [e.contract_ends for e in council.stack if e.capability == capability and e.contract_ends is not None]
        ends += [c.ends for c in council.contracts if c.capability == capability and c.ends is not None]
        ends = [day for day in ends if day >= today]
        return month_number(min(ends)) if ends else None

    def area(council: Council):
        """The reorganisation under way the council is a predecessor in (the first by id), or None."""
        return next((r for r in sorted(directory.reorganisations.values(), key=lambda r: r.id)
                     if r.stage != "vested" and council.id in r.predecessors), None)

    def in_phases(council: Council, project: str) -> bool:
        return any(p.project == project and p.phase is not None for p in council.projects)

    @cache  # counts by key, each made by looking at every council once
    def how_many(question: str, *key) -> int:
        test = {"product": uses, "topic": has_topic, "runs": runs_anything_for,
                "seeking": lambda c, capability: bool(seeking_on_capability(c, capability)),
                "project": lambda c, project: any(p.project == project for p in c.projects),
                "vesting": lambda c, day, capability, product: area(c) is not None and area(c).vesting == day
                and uses(c, capability, product),
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
            if in_phases(first, project) and in_phases(second, project):
                took_part = sum(1 for council in councils if in_phases(council, project))  # abolished ones too
                if took_part <= common:
                    reasons.append(matches.worked_together(directory, project, took_part))
                continue
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
        under_way = {council.id: area(council) for council in pair if area(council) is not None}
        if len(under_way) == 2 and under_way[first.id].id != under_way[second.id].id \
                and under_way[first.id].vesting == under_way[second.id].vesting:
            vesting = under_way[first.id].vesting
            for capability, product in sorted({(e.capability, e.product) for e in first.stack}):
                sharing = how_many("vesting", vesting, capability, product)
                if uses(second, capability, product) and sharing <= common:
                    reasons.append(matches.same_vesting_day(directory, product, capability, vesting, sharing))
        for helper, seeker in (pair, pair[::-1]):
            if seeker.id not in under_way:
                continue
            for reorganisation in sorted(directory.reorganisations.values(), key=lambda r: r.id):
                if reorganisation.stage != "vested" or helper.id not in reorganisation.successors:
                    continue
                for capability, product in sorted({(e.capability, e.product) for e in helper.stack}):
                    sharing = how_many("product", capability, product)
                    if uses(seeker, capability, product) and sharing <= common:
                        reasons.append(matches.done_before(directory, product, capability, sharing, reorganisation.id,
                                                           helper, seeker))
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
                     "same-reorganisation", "same-vesting-day"}


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


def test_they_agree_on_councils_reorganising_at_the_same_time_and_those_that_have_done_it_before(content: ContentTree):
    drupal_and_planx = """\
        stack:
          - {capability: website, product: localgov-drupal}
          - {capability: planning, product: planx}
        """
    content.council("created", gss="E06000098", kind="unitary", extra=drupal_and_planx)
    content.council("older", gss="E07000020", status="abolished", ended="2023-03-31", replaced_by="[created]")
    for number, council_id in enumerate(("ash", "birch", "cedar", "dale"), start=21):
        content.council(council_id, gss=f"E07{number:06d}", extra=drupal_and_planx if council_id != "dale" else """\
            stack:
              - {capability: planning, product: planx}
            """)
    for area, predecessors, vesting in (("west", "[ash, birch]", "2028-04-01"), ("east", "[cedar]", "2028-04-01"),
                                        ("north", "[dale]", "2027-04-01")):
        content.write(f"reorganisations/{area}.yaml", f"""\
            name: {area.title()}
            stage: consultation
            vesting: {vesting}
            predecessors: {predecessors}
            source: https://example.gov.uk/{area}
            """)
    content.write("reorganisations/older.yaml", """\
        name: Older
        stage: vested
        vesting: 2023-04-01
        predecessors: [older]
        successors: [created]
        source: https://example.gov.uk/older
        """)
    checked = content.check()
    assert [p for p in checked.errors] == []
    found = _same(checked.directory)
    kinds = {reason.kind for m in found for reason in m.reasons}
    assert kinds >= {"same-vesting-day", "done-before"}


@pytest.mark.parametrize("common", [100, 3])
def test_they_agree_on_councils_that_worked_together_on_funded_projects(content: ContentTree, monkeypatch, common):
    """Parts in funded phases, parts in the project as a whole, an abolished council counted in a project's size,
    and (with COMMON lowered to 3) a project too large to count."""
    for project, phases in (("repairs", ("repairs-discovery", "repairs-alpha")), ("beaches", ("beaches",))):
        content.write(f"projects/{project}.yaml", (
            f"name: {project.title()} online\nkind: collaboration\nstatus: funded\nsummary: Working together.\n"
            "phases:\n" + "".join(f"  - {{id: {phase}, programme: local-digital-fund, started: 2019-{month:02d}, "
                                  f"source: https://example.org/{phase}}}\n"
                                  for month, phase in enumerate(phases, start=1))))

    def part(project: str, phase: str | None, role: str = "partner") -> str:
        return (f"  - {{project: {project}, {f'phase: {phase}, ' if phase else ''}role: {role}, "
                f"source: https://example.org/{project}}}\n")

    content.council("ash", gss="E07000031", extra="projects:\n" + part("repairs", "repairs-discovery", "lead")
                    + part("beaches", "beaches"))
    content.council("birch", gss="E07000032", extra="projects:\n" + part("repairs", "repairs-alpha"))
    content.council("cedar", gss="E07000033", extra="projects:\n" + part("repairs", None, "user")
                    + part("beaches", "beaches", "lead"))
    content.council("dale", gss="E07000034", extra="projects:\n" + part("repairs", "repairs-alpha"))
    content.council("old-town", gss="E07000035", status="abolished", ended="2021-04-01", replaced_by="[ash]",
                    extra="projects:\n" + part("repairs", "repairs-discovery") + part("beaches", "beaches"))
    checked = content.check()
    assert [p.as_text() for p in checked.errors] == []
    monkeypatch.setattr(matches, "COMMON", common)
    found = _same(checked.directory)
    reasons = {(reason.kind, reason.ids) for m in found for reason in m.reasons}
    if common == 100:
        assert reasons == {("worked-together", ("repairs",)), ("same-project", ("repairs",)),
                           ("worked-together", ("beaches",))}
    else:  # four councils worked on repairs (abolished old-town among them), four take part: too many to count
        assert reasons == {("worked-together", ("beaches",))}
