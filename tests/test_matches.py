"""Matching on small hand-written directories: every kind of reason, its sentence and weight, the ranking, and
the edge cases the matches page promises. Then the shipped content: the matches the directory exists for."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from directory.content.check import check
from directory.derive.indexes import derive
from directory.derive.matching import (COMMON, STRONGEST_PER_COUNCIL, Match, Reason, find_matches, merger_partners,
                                       rarity, strongest, top_matches)
from tests.conftest import ContentTree
from tests.helpers import council, directory_of

ROOT = Path(__file__).resolve().parent.parent


def pair(found: list[Match], first: str, second: str) -> Match | None:
    wanted = tuple(sorted((first, second)))
    return next((m for m in found if m.councils == wanted), None)


def reasons(found: list[Match], first: str, second: str) -> list[tuple[str, tuple[str, ...], str]]:
    m = pair(found, first, second)
    return [(r.kind, r.ids, r.sentence) for r in m.reasons] if m else []


# ----------------------------------------------------------------------------------------------
# Each kind of reason


def test_same_product_names_the_product_and_capability_and_counts_fully_between_two(content):
    council(content, "ash", 1, "stack: [{capability: planning, product: planx}]")
    council(content, "birch", 2, "stack: [{capability: planning, product: planx}]")
    found = find_matches(directory_of(content))
    assert [(m.councils, m.score) for m in found] == [(("ash", "birch"), 1.0)]
    assert found[0].reasons == (Reason("same-product", ("planx", "planning"),
                                       "Both use PlanX for planning applications", 1.0),)


def test_the_same_product_for_different_capabilities_is_not_a_reason(content):
    content.write("products/planx.yaml", """\
        name: PlanX
        vendor: Open Systems Lab
        capabilities: [planning, website]
        open_source: true
        website: https://opendigitalplanning.org
        """)
    council(content, "ash", 1, "stack: [{capability: planning, product: planx}]")
    council(content, "birch", 2, "stack: [{capability: website, product: planx}]")
    assert find_matches(directory_of(content)) == []


def test_rarer_products_count_for_more(content):
    for number in range(1, 6):
        council(content, f"user-{number}", number, "stack: [{capability: website, product: localgov-drupal}]")
    council(content, "ash", 10, "stack: [{capability: planning, product: planx}]")
    council(content, "birch", 11, "stack: [{capability: planning, product: planx}]")
    found = find_matches(directory_of(content))
    assert pair(found, "ash", "birch").score == 1.0
    assert pair(found, "user-1", "user-2").score == round(rarity(5), 4) < 1.0
    assert found[0].councils == ("ash", "birch")  # the rare product ranks first


def test_a_product_everyone_uses_barely_moves_the_score(content):
    """A hundred councils on one product: sharing it is a reason, but worth next to nothing."""
    for number in range(1, COMMON + 1):
        council(content, f"council-{number:03d}", number, "stack: [{capability: website, product: localgov-drupal}]")
    for council_id, number in (("council-001", 1), ("council-002", 2)):
        council(content, council_id, number, """\
            stack:
              - {capability: website, product: localgov-drupal}
              - {capability: planning, product: planx}
            """)
    found = find_matches(directory_of(content))
    everyone = pair(found, "council-050", "council-051")
    assert [r.kind for r in everyone.reasons] == ["same-product"]
    assert 0 < everyone.score < 0.01
    rare_and_common = pair(found, "council-001", "council-002")
    assert [r.ids for r in rare_and_common.reasons] == [("planx", "planning"), ("localgov-drupal", "website")]
    assert 1.0 < rare_and_common.score < 1.01


def test_a_product_used_by_more_than_common_councils_gives_no_reason(content):
    for number in range(1, COMMON + 2):
        council(content, f"council-{number:03d}", number, "stack: [{capability: website, product: localgov-drupal}]")
    assert find_matches(directory_of(content)) == []


def test_shared_topic_when_both_are_working_on_it(content):
    council(content, "ash", 1, "challenges: [{title: PDFs, topics: [pdf-reduction], status: exploring}]")
    council(content, "birch", 2, "challenges: [{title: Fewer PDFs, topics: [pdf-reduction], status: in-progress}]")
    found = find_matches(directory_of(content))
    assert reasons(found, "ash", "birch") == [("shared-topic", ("pdf-reduction",), "Both are working on fewer PDFs")]
    assert pair(found, "ash", "birch").score == 1.0


def test_shared_topic_when_one_has_finished_and_none_when_both_have(content):
    council(content, "ash", 1, "challenges: [{title: PDFs, topics: [pdf-reduction], status: done}]")
    council(content, "birch", 2, "challenges: [{title: PDFs, topics: [pdf-reduction], status: planning}]")
    council(content, "cedar", 3, "challenges: [{title: PDFs, topics: [pdf-reduction], status: done}]")
    found = find_matches(directory_of(content))
    assert reasons(found, "ash", "birch") == [
        ("shared-topic", ("pdf-reduction",),
         "Both have taken on fewer PDFs: Ash Council has finished, Birch Council is still working on it")]
    assert pair(found, "ash", "cedar") is None  # both done: nothing left to work on together


def test_can_help_from_a_finished_challenge_to_one_seeking_help(content):
    council(content, "ash", 1, "challenges: [{title: PDFs, topics: [pdf-reduction], status: done}]")
    council(content, "birch", 2, """\
        challenges:
          - {title: PDFs, topics: [pdf-reduction], status: exploring, seeking: [advice, partners]}
        """)
    found = find_matches(directory_of(content))
    can_help = [r for r in pair(found, "ash", "birch").reasons if r.kind == "can-help"]
    assert can_help == [Reason("can-help", ("pdf-reduction",), "Ash Council has already tackled fewer PDFs, "
                               "which Birch Council is seeking partners and advice for", 1.5, helper="ash")]
    assert found[0].reasons[0] == can_help[0]  # the strongest reason comes first


def test_can_help_from_a_council_already_running_a_product_for_the_capability(content):
    council(content, "ash", 1, "stack: [{capability: planning, product: idox-uniform}]")
    council(content, "birch", 2, """\
        challenges:
          - {title: Replace planning, topics: [pdf-reduction], capabilities: [planning], status: planning,
             seeking: [suppliers]}
        """)
    council(content, "cedar", 3, """\
        challenges:
          - {title: Replace planning, topics: [local-government-reorganisation], capabilities: [planning],
             status: planning}
        """)
    found = find_matches(directory_of(content))
    assert reasons(found, "ash", "birch") == [
        ("can-help", ("idox-uniform", "planning"),
         "Ash Council already runs Uniform for planning applications, which Birch Council is seeking suppliers for")]
    assert pair(found, "ash", "birch").reasons[0].helper == "ash"
    assert pair(found, "ash", "cedar") is None  # cedar is not seeking anything


def test_renewal_window_for_contracts_ending_within_twelve_months(content):
    content.write("products/revenues-system.yaml", """\
        name: Revenues System
        vendor: Example Vendor
        capabilities: [revenues]
        open_source: false
        website: https://revenues.example
        """)
    content.write("products/other-revenues.yaml", """\
        name: Other Revenues
        vendor: Other Vendor
        capabilities: [revenues]
        open_source: false
        website: https://other.example
        """)
    council(content, "ash", 1, "stack: [{capability: revenues, product: revenues-system, contract_ends: 2027-03-31}]")
    council(content, "birch", 2, "stack: [{capability: revenues, product: other-revenues, contract_ends: 2027-07-01}]")
    council(content, "cedar", 3, "stack: [{capability: website, product: localgov-drupal, contract_ends: 2027-03-01}]")
    found = find_matches(directory_of(content))
    window = pair(found, "ash", "birch").reasons
    assert [(r.kind, r.ids, r.sentence) for r in window] == [
        ("renewal-window", ("revenues",),
         "Revenues contracts end within 4 months of each other (March 2027 and July 2027)")]
    assert window[0].weight == round(1 - 4 / 24, 4)
    assert pair(found, "ash", "cedar") is None  # a different capability


@pytest.mark.parametrize("first, second, sentence", [
    ("2027-03-01", "2027-03-31", "Website contracts both end in March 2027"),
    ("2027-03-31", "2028-03-01", "Website contracts end within 12 months of each other (March 2027 and March 2028)"),
    ("2027-01-15", "2027-02-10", "Website contracts end within 1 month of each other (January 2027 and February 2027)"),
    ("2027-03-31", "2028-04-01", None),  # 13 months
    ("2026-10-31", "2027-03-31", None),  # the first ended before the directory's today (2026-11-01)
])
def test_renewal_window_edges(content, first, second, sentence):
    council(content, "ash", 1, f"stack: [{{capability: website, product: localgov-drupal, contract_ends: {first}}}]")
    council(content, "birch", 2, f"stack: [{{capability: website, product: localgov-drupal, contract_ends: {second}}}]")
    found = find_matches(directory_of(content))
    windows = [r.sentence for r in pair(found, "ash", "birch").reasons if r.kind == "renewal-window"]
    assert windows == ([sentence] if sentence else [])


def test_the_next_contract_for_a_capability_is_the_one_that_counts(content):
    council(content, "ash", 1, """\
        stack:
          - {capability: planning, product: planx, contract_ends: 2027-05-31}
          - {capability: planning, product: idox-uniform, contract_ends: 2029-05-31}
        """)
    council(content, "birch", 2, "stack: [{capability: planning, product: idox-uniform, contract_ends: 2029-06-30}]")
    found = find_matches(directory_of(content))
    assert [r.kind for r in pair(found, "ash", "birch").reasons] == ["same-product"]


def test_a_contract_end_with_no_counterpart_gives_no_window(content):
    council(content, "ash", 1, "stack: [{capability: website, product: localgov-drupal, contract_ends: 2027-03-31}]")
    council(content, "birch", 2, "stack: [{capability: planning, product: planx, contract_ends: 2027-03-31}]")
    council(content, "cedar", 3, "stack: [{capability: website, product: localgov-drupal}]")
    directory = directory_of(content)
    found = find_matches(directory)
    assert [r.kind for m in found for r in m.reasons] == ["same-product"]  # ash and cedar: no dates to compare
    assert derive(directory).renewal_windows == []


def test_same_project(content):
    council(content, "ash", 1, "projects: [{project: localgov-publications, role: lead}]")
    council(content, "birch", 2, "projects: [{project: localgov-publications, role: user}]")
    council(content, "cedar", 3, "projects: [{project: localgov-elections, role: funder}]")
    found = find_matches(directory_of(content))
    assert reasons(found, "ash", "birch") == [("same-project", ("localgov-publications",),
                                              "Both take part in LocalGov Publications")]
    assert [m.councils for m in found] == [("ash", "birch")]


REPAIRS = """\
    name: Housing repairs online
    kind: collaboration
    status: funded
    summary: Reporting housing repairs online.
    phases:
      - id: repairs-discovery
        programme: local-digital-fund
        round: 2
        started: 2019-09
        source: https://example.org/round-2
      - id: repairs-alpha
        programme: local-digital-fund
        started: 2020-06
        source: https://example.org/alpha
    """


def part(phase: str, role: str = "partner") -> str:
    return (f"  - {{project: housing-repairs-online, phase: {phase}, role: {role}, "
            "source: https://example.org/round-2}\n")


def test_councils_that_worked_on_the_same_funded_project_match_naming_it_with_its_programme_and_years(content):
    content.write("projects/housing-repairs-online.yaml", REPAIRS)
    council(content, "ash", 1, "projects:\n" + part("repairs-discovery", "lead") + part("repairs-alpha", "lead"))
    council(content, "birch", 2, "projects:\n" + part("repairs-alpha"))
    found = find_matches(directory_of(content))
    assert [(m.councils, m.score) for m in found] == [(("ash", "birch"), 2.0)]  # two councils alone: the full weight
    assert found[0].reasons == (Reason("worked-together", ("housing-repairs-online",),
                                       "Both worked on Housing repairs online (Local Digital Fund, 2019-2020)", 2.0),)


@pytest.mark.parametrize("took_part, weight", [(2, 2.0), (3, 1.4142), (5, 1.0), (17, 0.5)])
def test_a_small_project_counts_for_more_than_a_large_one(content, took_part, weight):
    """WEIGHTS["worked-together"] / sqrt(councils that took part - 1): 2 for two, 1 for five, 0.5 for seventeen."""
    content.write("projects/housing-repairs-online.yaml", REPAIRS)
    for number in range(1, took_part + 1):
        council(content, f"council-{number:02d}", number, "projects:\n" + part("repairs-discovery"))
    found = find_matches(directory_of(content))
    assert len(found) == took_part * (took_part - 1) // 2
    assert {reason.weight for m in found for reason in m.reasons} == {weight}


def test_an_abolished_council_counts_in_the_size_of_a_project_it_worked_on_but_is_never_matched(content):
    content.write("projects/housing-repairs-online.yaml", REPAIRS)
    council(content, "ash", 1, "projects:\n" + part("repairs-discovery", "lead"))
    council(content, "birch", 2, "projects:\n" + part("repairs-discovery"))
    council(content, "old-town", 3, "projects:\n" + part("repairs-discovery"), status="abolished",
            ended="2021-04-01", replaced_by="[ash]")
    found = find_matches(directory_of(content))
    assert [(m.councils, [r.weight for r in m.reasons]) for m in found] == [(("ash", "birch"), [1.4142])]  # 2/sqrt(2)


def test_a_part_in_the_project_as_a_whole_gives_same_project_not_worked_together(content):
    content.write("projects/housing-repairs-online.yaml", REPAIRS)
    council(content, "ash", 1, "projects:\n" + part("repairs-discovery", "lead"))
    council(content, "birch", 2, "projects:\n" + part("repairs-alpha"))
    council(content, "cedar", 3, "projects:\n  - {project: housing-repairs-online, role: user, "
                                 "source: https://example.org/users}\n")
    found = find_matches(directory_of(content))
    assert reasons(found, "ash", "birch") == [("worked-together", ("housing-repairs-online",),
                                              "Both worked on Housing repairs online (Local Digital Fund, 2019-2020)")]
    assert reasons(found, "ash", "cedar") == reasons(found, "birch", "cedar") == [
        ("same-project", ("housing-repairs-online",), "Both take part in Housing repairs online")]


def test_stack_entries_from_the_public_record_give_same_product_reasons_as_declared_ones_do(content):
    council(content, "ash", 1, "stack: [{capability: planning, product: planx, source: https://example.org/planx}]")
    council(content, "birch", 2, "stack: [{capability: planning, product: planx, source: https://example.org/planx}]")
    council(content, "cedar", 3, "stack: [{capability: planning, product: planx}]", maintainers="[cedar/digital]")
    found = find_matches(directory_of(content))
    assert [(m.councils, [(r.kind, r.sentence) for r in m.reasons]) for m in found] == [
        (pair, [("same-product", "Both use PlanX for planning applications")])
        for pair in (("ash", "birch"), ("ash", "cedar"), ("birch", "cedar"))]


REORGANISATION = """\
    name: Westshire
    stage: decided
    vesting: 2027-04-01
    predecessors: [ash, birch, cedar]
    successors: [new-westshire, north-westshire]
    source: https://example.gov.uk/westshire
    """


def _reorganisation(content: ContentTree) -> None:
    for number, council_id in enumerate(("ash", "birch", "cedar"), start=1):
        council(content, council_id, number)
    for number, council_id in enumerate(("new-westshire", "north-westshire"), start=4):
        council(content, council_id, number, "stack: [{capability: planning, product: planx}]",
                status="forthcoming", starts="2027-04-01", gss=None)
    council(content, "outsider", 9, "stack: [{capability: planning, product: planx}]")
    content.write("reorganisations/westshire.yaml", REORGANISATION)


def test_same_reorganisation_for_predecessors_and_for_a_predecessor_and_a_successor(content):
    _reorganisation(content)
    found = find_matches(directory_of(content))
    assert reasons(found, "ash", "birch") == [
        ("same-reorganisation", ("westshire",), "Both are predecessor councils in the Westshire reorganisation "
                                                "(vesting 1 April 2027)")]
    assert reasons(found, "ash", "new-westshire") == [
        ("same-reorganisation", ("westshire",), "Ash Council is a predecessor and New Westshire Council a "
                                                "successor council in the Westshire reorganisation (vesting 1 April 2027)")]
    assert pair(found, "ash", "birch").score == 2.0


def test_a_forthcoming_council_matches_only_its_own_predecessors(content):
    """Documented choice: forthcoming councils take part as peers of the councils they take over from, and of
    no one else, not even each other or a council sharing their product."""
    _reorganisation(content)
    found = find_matches(directory_of(content))
    pairs = {m.councils for m in found}
    forthcoming = {p for p in pairs if {"new-westshire", "north-westshire"} & set(p)}
    assert forthcoming == {(predecessor, successor) for predecessor in ("ash", "birch", "cedar")
                           for successor in ("new-westshire", "north-westshire")}
    assert ("new-westshire", "outsider") not in pairs  # both use PlanX, but outsider is no predecessor


def test_an_abolished_council_never_appears_as_a_peer(content):
    shared = """\
        stack: [{capability: planning, product: planx, contract_ends: 2027-05-31}]
        challenges: [{title: PDFs, topics: [pdf-reduction], status: done}]
        projects: [{project: localgov-publications, role: partner}]
        """
    council(content, "old", 1, shared, status="abolished", ended="2023-03-31", replaced_by="[ash]")
    council(content, "ash", 2, shared)
    council(content, "birch", 3, shared.replace("done", "exploring, seeking: [advice]"))
    content.write("reorganisations/old.yaml", """\
        name: Old
        stage: vested
        vesting: 2023-04-01
        predecessors: [old, birch]
        successors: [ash]
        source: https://example.gov.uk/old
        """)
    directory = directory_of(content)
    derived = derive(directory)
    assert all("old" not in m.councils for m in derived.all_matches)
    assert derived.matches["old"] == []
    assert all(m.other(council_id) != "old" for council_id, listed in derived.matches.items() for m in listed)
    # and its facts do not count: two councils, not three, use PlanX here
    assert [r.weight for r in pair(derived.all_matches, "ash", "birch").reasons if r.kind == "same-product"] == [1.0]


def _area(content: ContentTree, area_id: str, name: str, vesting: str, predecessors: str, stage: str = "consultation",
          successors: str = "[]") -> None:
    content.write(f"reorganisations/{area_id}.yaml", f"""\
        name: {name}
        stage: {stage}
        vesting: {vesting}
        predecessors: {predecessors}
        successors: {successors}
        source: https://example.gov.uk/{area_id}
        """)


def test_same_vesting_day_for_councils_in_different_areas_converging_on_the_same_product(content):
    planx = "stack: [{capability: planning, product: planx}]"
    for number, council_id in enumerate(("ash", "birch", "cedar", "dale", "outsider"), start=1):
        council(content, council_id, number, planx)
    _area(content, "westshire-2028", "Westshire", "2028-04-01", "[ash, birch]")
    _area(content, "eastshire-2028", "Eastshire", "2028-04-01", "[cedar]")
    _area(content, "northshire-2027", "Northshire", "2027-04-01", "[dale]")
    found = find_matches(directory_of(content))
    vesting_together = [r for r in pair(found, "ash", "cedar").reasons if r.kind == "same-vesting-day"]
    assert vesting_together == [Reason(
        "same-vesting-day", ("planx", "planning"),
        "Both bring PlanX for planning applications to new councils on the same vesting day, 1 April 2028, in "
        "different areas",
        round(1.0 * rarity(3), 4))]  # ash, birch and cedar vest that day with PlanX
    assert "same-vesting-day" in [r.kind for r in pair(found, "birch", "cedar").reasons]
    assert "same-vesting-day" not in [r.kind for r in pair(found, "ash", "birch").reasons]  # one area: merging
    assert "same-vesting-day" not in [r.kind for r in pair(found, "cedar", "dale").reasons]  # a year apart
    assert "same-vesting-day" not in [r.kind for r in pair(found, "ash", "outsider").reasons]  # not reorganising


def test_done_before_from_a_council_created_by_a_reorganisation_with_the_same_product(content):
    planx = "stack: [{capability: planning, product: planx}]"
    council(content, "newtown", 1, planx, kind="unitary")
    council(content, "oldtown", 2, status="abolished", ended="2023-04-01", replaced_by="[newtown]")
    council(content, "ash", 3, planx)
    council(content, "outsider", 4, planx)
    council(content, "birch", 5, "stack: [{capability: planning, product: idox-uniform}]")
    _area(content, "newtown-2023", "Newtown", "2023-04-01", "[oldtown]", stage="vested", successors="[newtown]")
    _area(content, "westshire-2028", "Westshire", "2028-04-01", "[ash, birch]")
    found = find_matches(directory_of(content))
    done = [r for r in pair(found, "ash", "newtown").reasons if r.kind == "done-before"]
    assert done == [Reason(
        "done-before", ("planx", "planning", "newtown-2023"),
        "Newtown Council has been through the Newtown reorganisation (vesting 1 April 2023) and runs PlanX for planning "
        "applications, as Ash Council does ahead of its own",
        round(1.5 * rarity(3), 4), helper="newtown")]  # newtown, ash and outsider list PlanX
    assert pair(found, "ash", "newtown").reasons[0] == done[0]  # the strongest reason first
    assert "done-before" not in [r.kind for r in pair(found, "newtown", "outsider").reasons]  # not reorganising
    assert pair(found, "birch", "newtown") is None  # a different product


# ----------------------------------------------------------------------------------------------
# Ranking, symmetry, determinism and independence


RANKED = {
    "hub": """\
        stack:
          - {capability: website, product: localgov-drupal, contract_ends: 2027-06-30}
          - {capability: planning, product: idox-uniform}
        challenges:
          - {title: PDFs, topics: [pdf-reduction], status: done}
        projects: [{project: localgov-elections, role: lead}]
        """,
    "merger": "",
    "seeker": "challenges: [{title: PDFs, topics: [pdf-reduction], status: exploring, seeking: [advice]}]",
    "project": "projects: [{project: localgov-elections, role: funder}]",
    "renewer": "stack: [{capability: website, product: localgov-drupal, contract_ends: 2027-12-31}]",
    "uniform": "stack: [{capability: planning, product: idox-uniform}]",
}


def _ranked(content: ContentTree) -> None:
    for number, (council_id, extra) in enumerate(RANKED.items(), start=1):
        council(content, council_id, number, extra)
    content.write("reorganisations/hub.yaml", """\
        name: Hub
        stage: decided
        vesting: 2028-04-01
        predecessors: [hub, merger]
        successors: [cumberland]
        source: https://example.gov.uk/hub
        """)


def test_the_ranking_of_one_councils_matches(content):
    _ranked(content)
    directory = directory_of(content)
    found = find_matches(directory)
    listed = top_matches(directory, found)["hub"]
    assert [(m.other("hub"), m.score) for m in listed] == [
        ("seeker", 2.5),  # can-help 1.5 and shared-topic 1.0
        ("renewer", round(rarity(2) + (1 - 6 / 24) * rarity(2), 4)),  # same product, and renewals 6 months apart
        ("project", 1.0),
        ("uniform", 1.0),  # ties by id
    ]
    # The councils it is being reorganised with are listed apart.
    assert [(m.other("hub"), m.score) for m in merger_partners(directory, found)["hub"]] == [
        ("cumberland", 2.0),  # a successor in its reorganisation
        ("merger", 2.0),  # a fellow predecessor; ties by id
    ]


def test_merger_partners_no_longer_hide_a_councils_other_matches(content):
    """Thirteen councils merging always match each other (2 points each, plus what else they share), so they used
    to fill a district's top ten and hide the councils elsewhere that share its products. Now its top ten are
    councils it is not merging with, and its partners are listed apart, every one of them."""
    predecessors = [f"district-{n:02d}" for n in range(1, 14)]
    for number, council_id in enumerate(predecessors, start=1):
        council(content, council_id, number, "stack: [{capability: planning, product: planx}]")
    others = [f"other-{number}" for number in range(20, 32)]
    for number, council_id in enumerate(others, start=20):
        council(content, council_id, number, "stack: [{capability: planning, product: planx}]")
    content.write("reorganisations/big.yaml", REORGANISATION.replace("[ash, birch, cedar]", f"[{', '.join(predecessors)}]")
                  .replace("[new-westshire, north-westshire]", "[cumberland]"))
    directory = directory_of(content)
    found = find_matches(directory)
    listed, partners = top_matches(directory, found), merger_partners(directory, found)
    assert [m.other("district-01") for m in listed["district-01"]] == others[:10]  # each shares PlanX with it
    assert [m.other("district-01") for m in partners["district-01"]] == [*predecessors[1:], "cumberland"]
    assert partners["district-01"][0].score > partners["district-01"][-1].score  # PlanX too, then the successor
    assert len(listed["other-20"]) == 10 and "other-20" not in partners
    assert {m.other("cumberland") for m in partners["cumberland"]} == set(predecessors)


def test_the_strongest_list_shows_at_most_a_few_pairs_with_any_one_council(content):
    """One council sharing a rare product with twelve others would fill the national list; it shows three."""
    council(content, "hub", 1, "stack: [{capability: planning, product: planx}, {capability: website, product: localgov-drupal}]")
    for number in range(2, 14):
        council(content, f"spoke-{number:02d}", number, "stack: [{capability: planning, product: planx}]")
    council(content, "ash", 20, "stack: [{capability: website, product: localgov-drupal}]")
    found = find_matches(directory_of(content))
    shown = strongest(found)
    assert STRONGEST_PER_COUNCIL == 3
    with_hub = [m for m in shown if "hub" in m.councils]
    assert [m.other("hub") for m in with_hub] == ["ash", "spoke-02", "spoke-03"]  # the best three, ties by id
    assert all(max(sum(council_id in m.councils for m in shown) for council_id in m.councils) <= 3 for m in shown)
    assert len(shown) < len(found)


def test_matches_are_symmetric(content):
    _ranked(content)
    directory = directory_of(content)
    listed = top_matches(directory, find_matches(directory))
    for council_id, matches in listed.items():
        for m in matches:
            assert council_id in m.councils and m.councils == tuple(sorted(m.councils))
            assert m in listed[m.other(council_id)]  # the same match, the same reasons, from either side


def test_matches_are_deterministic_whatever_order_files_are_written_in(tmp_path):
    first, second = ContentTree(tmp_path / "first"), ContentTree(tmp_path / "second")
    for number, (council_id, extra) in enumerate(RANKED.items(), start=1):
        council(first, council_id, number, extra)
    for number, (council_id, extra) in reversed(list(enumerate(RANKED.items(), start=1))):
        council(second, council_id, number, extra)
    one, other = directory_of(first), directory_of(second)
    assert find_matches(one) == find_matches(other) == find_matches(one)
    assert derive(one).matches == derive(other).matches


def test_adding_an_unrelated_council_changes_no_existing_pairs_reasons(content):
    _ranked(content)
    before = find_matches(directory_of(content))
    content.write("products/revenues-system.yaml", """\
        name: Revenues System
        vendor: Example Vendor
        capabilities: [revenues]
        open_source: false
        website: https://revenues.example
        """)
    council(content, "stranger", 40, """\
        stack: [{capability: revenues, product: revenues-system, contract_ends: 2027-06-30}]
        challenges: [{title: Merging, topics: [local-government-reorganisation], status: exploring,
                      seeking: [partners]}]
        """)
    after = find_matches(directory_of(content))
    assert after == before  # every pair, score, reason, weight and sentence as it was


def test_only_what_two_councils_share_weighs_on_their_match(content):
    """A council joining that shares a fact with one pair changes that pair's weights, and no other pair's."""
    _ranked(content)
    before = {m.councils: m for m in find_matches(directory_of(content))}
    council(content, "newcomer", 40, "stack: [{capability: planning, product: idox-uniform}]")
    after = {m.councils: m for m in find_matches(directory_of(content))}
    changed = {councils for councils in before if before[councils] != after[councils]}
    assert changed == {("hub", "uniform")}  # Uniform now has three users, so it is a little less rare


# ----------------------------------------------------------------------------------------------
# The shipped content


@pytest.fixture(scope="module")
def shipped():
    checked = check(ROOT / "content", date(2026, 11, 1), ROOT)
    assert checked.errors == []
    return derive(checked.directory)


def test_councils_sharing_localgov_drupal_and_planx_show_each_other_with_both_reasons(shipped):
    for council_id, other in (("lambeth", "barking-and-dagenham"), ("barking-and-dagenham", "lambeth")):
        listed = {m.other(council_id): m for m in shipped.matches[council_id]}
        assert other in listed
        assert {r.ids for r in listed[other].reasons} >= {("localgov-drupal", "website"), ("planx", "planning")}
        assert {r.sentence for r in listed[other].reasons} >= {
            "Both use LocalGov Drupal for website content management",
            "Both use PlanX for planning applications and development management"}


def test_councils_that_worked_together_on_the_record_show_each_other_with_the_project_named(shipped):
    for council_id, other in (("croydon", "leeds"), ("leeds", "croydon")):
        listed = {m.other(council_id): m for m in shipped.matches[council_id]}
        assert other in listed
        assert ("worked-together", "Both worked on Digital Inclusion Toolkit (Local Digital Fund and Local Digital C-19 "
                "Challenge, 2020-2021)", 2.0) in [(r.kind, r.sentence, r.weight) for r in listed[other].reasons]


SURREY_DISTRICTS = ("elmbridge", "epsom-and-ewell", "guildford", "mole-valley", "reigate-and-banstead", "runnymede",
                    "spelthorne", "surrey-heath", "tandridge", "waverley", "woking")


def test_surreys_county_and_district_councils_show_each_other_with_the_reorganisation_reason(shipped):
    county = {m.other("surrey"): m for m in shipped.merger_partners["surrey"]}
    for district in SURREY_DISTRICTS:
        assert "same-reorganisation" in [r.kind for r in county[district].reasons]
        assert ("surrey-2027",) in [r.ids for r in county[district].reasons]
        from_district = {m.other(district): m for m in shipped.merger_partners[district]}
        assert "surrey" in from_district
        assert {"surrey", *SURREY_DISTRICTS} - {district} <= set(from_district)
        assert not {"surrey", *SURREY_DISTRICTS} & {m.other(district) for m in shipped.matches[district]}


def test_api_matches_json_lists_every_matching_pair_with_its_reasons(content, tmp_path):
    import json

    from directory.pipeline import build
    council(content, "ash", 1, "stack: [{capability: planning, product: planx}]")
    council(content, "birch", 2, "stack: [{capability: planning, product: planx}]")
    council(content, "cedar", 3, """\
        stack: [{capability: planning, product: planx}]
        challenges: [{title: Fewer PDFs, topics: [pdf-reduction], status: exploring}]
        """)
    council(content, "dale", 4, "challenges: [{title: HTML first, topics: [pdf-reduction], status: planning}]")
    build(content.root, tmp_path / "site", date(2026, 11, 1), content.repo, search=False)
    published = json.loads((tmp_path / "site" / "api" / "matches.json").read_text())["matches"]
    expected = sorted(find_matches(directory_of(content)), key=lambda m: m.councils)
    assert [m["councils"] for m in published] == [list(m.councils) for m in expected] == [
        ["ash", "birch"], ["ash", "cedar"], ["birch", "cedar"], ["cedar", "dale"]]
    assert published[3]["reasons"] == [{
        "kind": "shared-topic", "ids": ["pdf-reduction"], "helper": None, "weight": 1.0,
        "sentence": expected[3].reasons[0].sentence}]
    assert all(m["score"] > 0 and m["reasons"] for m in published)
