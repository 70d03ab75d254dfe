"""Each rule of a reorganisation file (stage, dates, proposals, makeup, decision, successors, credits), broken
once, reported at the exact line and column with a fix."""
from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ContentTree

SHOWN = "content/reorganisations/shire-2028.yaml"
# Line 1 of the file is its schema line, so the first line below is line 2.
SHIRE = """\
name: Shire
programme: main
stage: consultation-closed
as_of: 2026-03-26
elections: 2027-05
vesting: 2028-04-01
indicative: true
predecessors: [ash, birch, cedar, shire]
proposals:
  - id: shire-1
    title: one unitary council
    councils: 1
    submitted_by: [shire]
    submitted: 2025-11-28
    makeup:
      - whole: [shire]
    source: https://www.gov.uk/shire-1
  - id: shire-2
    title: two unitary councils
    councils: 2
    submitted_by: [ash, birch]
    submitted: 2025-11
    makeup:
      - name: North
        whole: [ash]
        part_of: [cedar]
      - name: South
        whole: [birch]
        part_of: [cedar]
    source: http://www.ash.gov.uk/lgr
source: https://www.gov.uk/shire
"""
DECIDED = ("stage: consultation-closed", "stage: decided")
DECISION = ("source: https://www.gov.uk/shire\n", """\
decision:
  proposal: shire-2
  date: 2026-03
  standing: confirmed
  source: https://www.gov.uk/shire-decision
successors: [north-shire]
source: https://www.gov.uk/shire
""")
NORTH_BECOMES_NORTH_SHIRE = ("        part_of: [cedar]\n      - name: South",
                             "        part_of: [cedar]\n        council: north-shire\n      - name: South")


@pytest.fixture
def shire(content: ContentTree) -> ContentTree:
    """A county and its three districts; a neighbouring area, Otherton; and North Shire, a council to come."""
    content.council("shire", name="Shire County Council", gss="E10000001", kind="county")
    for number, district in enumerate(["ash", "birch", "cedar"], start=1):
        content.council(district, gss=f"E0700010{number}")
    content.council("elm", gss="E07000201")
    content.council("otherton", name="Otherton County Council", gss="E10000002", kind="county")
    content.council("north-shire", name="North Shire Council", gss=None, kind="unitary", status="forthcoming",
                    starts="2028-04-01")
    content.write("reorganisations/otherton-2028.yaml", """\
        name: Otherton
        stage: consultation-closed
        vesting: 2028-04-01
        predecessors: [otherton, elm]
        source: https://www.gov.uk/otherton
        """)
    return content


def problems(content: ContentTree, *changes: tuple[str, str], today: date = date(2026, 11, 1)) -> list[str]:
    """The problems of Shire's file with each (old, new) change made to it."""
    text = SHIRE
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    content.write("reorganisations/shire-2028.yaml", text)
    return content.problems(today)


def test_the_example_checks(shire):
    assert problems(shire) == []


def test_a_decided_reorganisation_names_its_proposal_and_its_new_councils(shire):
    checked = problems(shire, DECIDED, DECISION, NORTH_BECOMES_NORTH_SHIRE)
    assert checked == []


# ----------------------------------------------------------------------------------------------
# The stage


def test_a_vested_reorganisation_needs_successors(shire):
    assert problems(shire, ("stage: consultation-closed", "stage: vested"), ("vesting: 2028-04-01", "vesting: 2023-04-01"),
                    ("elections: 2027-05", "elections: 2022-05")) == [
        f"{SHOWN}:4:8: error: a vested reorganisation needs successors: the councils it created. Add successors: the "
        "ids of the new councils' profiles in content/councils/.",
        f"{SHOWN}:4:8: error: the stage is vested, but no decision says which proposal was chosen. Add decision: with "
        "the proposal chosen, when it was announced, its standing and its source."]


def test_an_undecided_reorganisation_has_no_successors(shire):
    assert problems(shire, ("source: https://www.gov.uk/shire\n",
                            "successors: [north-shire]\nsource: https://www.gov.uk/shire\n")) == [
        f"{SHOWN}:32:13: error: successors are the councils a decision creates, but the stage is consultation-closed, "
        "before any decision. Remove successors until a decision names the new councils, or set stage to the stage "
        "reached (decided or later) and add decision:."]


def test_a_decision_needs_the_stage_decided(shire):
    assert problems(shire, DECISION, NORTH_BECOMES_NORTH_SHIRE)[0] == (
        f"{SHOWN}:34:3: error: a decision is recorded, but the stage is consultation-closed, before any decision. Set "
        "stage to decided (or the stage reached since), or remove decision: until one is made.")


def test_a_decided_reorganisation_with_proposals_says_which_was_chosen(shire):
    assert problems(shire, DECIDED) == [
        f"{SHOWN}:4:8: error: the stage is decided, but no decision says which proposal was chosen. Add decision: with "
        "the proposal chosen, when it was announced, its standing and its source."]


def test_not_vested_before_vesting_day(shire):
    assert problems(shire, ("stage: consultation-closed", "stage: vested"), DECISION, NORTH_BECOMES_NORTH_SHIRE) == [
        f"{SHOWN}:4:8: error: the stage is vested, but vesting day (2028-04-01) is still to come. Use the stage "
        "reached so far, such as order-made."]


def test_a_vesting_day_passed_without_vesting_warns(shire):
    assert problems(shire, today=date(2028, 5, 1)) == [
        "content/reorganisations/otherton-2028.yaml:3:8: warning: vesting day (2028-04-01) has passed, but the stage "
        "is still consultation-closed. If the new councils have taken over, set stage: vested; if vesting was put "
        "back, write the new day in vesting.",
        f"{SHOWN}:4:8: warning: vesting day (2028-04-01) has passed, but the stage is still consultation-closed. If the "
        "new councils have taken over, set stage: vested; if vesting was put back, write the new day in vesting."]


# ----------------------------------------------------------------------------------------------
# Dates in order


def test_dates_the_source_gives_as_a_month_stay_a_month_and_must_be_real(shire):
    assert problems(shire, ("submitted: 2025-11\n", "submitted: 2025-13\n")) == [
        f"{SHOWN}:23:16: error: submitted is '2025-13': it must be a date written YYYY-MM-DD, YYYY-MM or YYYY, as "
        "precisely as the source gives it."]


def test_the_latest_fact_is_not_in_the_future(shire):
    assert problems(shire, ("as_of: 2026-03-26", "as_of: 2026-12")) == [
        f"{SHOWN}:5:8: error: as_of is 2026-12, which is in the future. as_of is the date of the latest fact recorded "
        "here: write the day (or month) it happened."]


def test_elections_come_before_vesting(shire):
    assert problems(shire, ("elections: 2027-05", "elections: 2028-05")) == [
        f"{SHOWN}:6:12: error: the elections (2028-05) are not before vesting day (2028-04-01). The first elections to "
        "the new councils come before they take over: check both dates."]


def test_nothing_happens_after_the_latest_fact(shire):
    assert problems(shire, ("as_of: 2026-03-26", "as_of: 2025-10")) == [
        f"{SHOWN}:15:16: error: proposal shire-1 was submitted on 2025-11-28, after as_of (2025-10), the date of the "
        "latest fact recorded. Check both dates: as_of should be the date of the latest fact in this file.",
        f"{SHOWN}:23:16: error: proposal shire-2 was submitted on 2025-11, after as_of (2025-10), the date of the "
        "latest fact recorded. Check both dates: as_of should be the date of the latest fact in this file."]
    shire_decided = (DECIDED, DECISION, NORTH_BECOMES_NORTH_SHIRE, ("as_of: 2026-03-26", "as_of: 2026-02-20"))
    assert problems(shire, *shire_decided) == [
        f"{SHOWN}:35:9: error: the decision is dated 2026-03, after as_of (2026-02-20), the date of the latest fact "
        "recorded. Check both dates: as_of should be the date of the latest fact in this file."]


def test_a_decision_comes_after_its_proposal(shire):
    assert problems(shire, DECIDED, DECISION, NORTH_BECOMES_NORTH_SHIRE, ("  date: 2026-03", "  date: 2025-10-28")) == [
        f"{SHOWN}:35:9: error: the decision (2025-10-28) is dated before proposal shire-2 was submitted (2025-11). "
        "Check both dates."]


# ----------------------------------------------------------------------------------------------
# Proposals and their makeup


def test_proposal_ids_are_unique(shire):
    assert problems(shire, ("  - id: shire-2", "  - id: shire-1")) == [
        f"{SHOWN}:19:9: error: the proposal id 'shire-1' is used twice. Each proposal needs its own id: rename one of "
        "them."]


def test_a_proposal_is_submitted_by_councils_of_its_area(shire):
    assert problems(shire, ("submitted_by: [ash, birch]", "submitted_by: [ash, elm]")) == [
        f"{SHOWN}:22:25: error: 'elm' is not one of the councils of this reorganisation (predecessors), so it cannot "
        "have submitted proposal shire-2. Use the ids in predecessors; for a proposal that crosses into another area, "
        "add that reorganisation's id to also_covers."]


def test_a_proposal_crossing_into_another_area_says_so(shire):
    crossing = ("submitted_by: [ash, birch]", "submitted_by: [ash, elm]\n    also_covers: [otherton-2028]")
    assert problems(shire, crossing, ("        whole: [birch]", "        whole: [birch, elm]")) == []


def test_also_covers_names_another_known_reorganisation(shire):
    assert problems(shire, ("submitted_by: [ash, birch]", "submitted_by: [ash, birch]\n    also_covers: [shire-2028]")) == [
        f"{SHOWN}:23:19: error: also_covers names this reorganisation itself. List only the other reorganisations "
        "whose councils the proposal takes in."]
    assert problems(shire, ("submitted_by: [ash, birch]", "submitted_by: [ash, birch]\n    also_covers: [othertn-2028]")) == [
        f"{SHOWN}:23:19: error: unknown reorganisation 'othertn-2028'. Did you mean 'otherton-2028' (Otherton)? Use "
        "one of the files in content/reorganisations/."]


def test_a_proposed_council_takes_in_councils_of_the_area(shire):
    assert problems(shire, ("        whole: [birch]", "        whole: [birch, elm]")) == [
        f"{SHOWN}:29:24: error: 'elm' is not one of the councils of this reorganisation (predecessors), so proposal "
        "shire-2 cannot take it in. Use the ids in predecessors; for a proposal that crosses into another area, add "
        "that reorganisation's id to also_covers."]
    assert problems(shire, ("        whole: [birch]", "        whole: [brich]")) == [
        f"{SHOWN}:29:17: error: unknown council 'brich'. Did you mean 'birch'? Use one of the files in content/councils/."]


def test_a_council_taken_in_whole_goes_to_one_new_council(shire):
    assert problems(shire, ("        whole: [birch]", "        whole: [birch, ash]")) == [
        f"{SHOWN}:29:24: error: 'ash' is already whole in 'North', so it cannot also be whole in 'South'. A council "
        "split between new councils goes in part_of of each of them; a council taken in whole goes in whole of one "
        "only."]
    split_then_whole = ("        whole: [birch]\n        part_of: [cedar]", "        whole: [birch, cedar]")
    assert problems(shire, split_then_whole) == [
        f"{SHOWN}:29:24: error: 'cedar' is already part of 'North', so it cannot also be whole in 'South'. A council "
        "split between new councils goes in part_of of each of them; a council taken in whole goes in whole of one "
        "only."]


def test_a_makeup_lists_no_more_councils_than_the_proposal_makes(shire):
    assert problems(shire, ("    councils: 2\n", "    councils: 1\n")) == [
        f"{SHOWN}:25:7: error: makeup lists 2 councils, but councils says proposal shire-2 makes 1. List each proposed "
        "council once, or correct councils."]


def test_a_proposed_council_says_what_it_is(shire):
    assert problems(shire, ("      - whole: [shire]\n", "      - notes: somewhere\n")) == [
        f"{SHOWN}:17:9: error: a proposed council needs a name, or the councils it takes in (whole or part_of)."]


# ----------------------------------------------------------------------------------------------
# The decision and the new councils it names


def test_a_decision_names_a_proposal_of_the_file(shire):
    chooses_shire_3 = ("source: https://www.gov.uk/shire\n", "decision:\n  proposal: shire-3\n  standing: confirmed\n"
                                                              "  source: https://www.gov.uk/shire-decision\n"
                                                              "source: https://www.gov.uk/shire\n")
    assert problems(shire, DECIDED, chooses_shire_3) == [
        f"{SHOWN}:33:13: error: the decision names proposal 'shire-3', which is not in proposals. Did you mean "
        "'shire-2' or 'shire-1'? Use one of: shire-1, shire-2."]
    chooses_none = ("source: https://www.gov.uk/shire\n", "decision:\n  standing: confirmed\n"
                                                          "  source: https://www.gov.uk/shire-decision\n"
                                                          "source: https://www.gov.uk/shire\n")
    assert problems(shire, DECIDED, chooses_none) == [
        f"{SHOWN}:33:3: error: 'proposal' is missing. Add proposal: The id of the proposal chosen, from proposals."]


def test_an_invalid_submission_is_never_the_one_chosen(shire):
    invalid = ("    source: http://www.ash.gov.uk/lgr\n",
               "    invalid: It did not meet the statutory requirements.\n    source: http://www.ash.gov.uk/lgr\n")
    assert problems(shire, DECIDED, DECISION, NORTH_BECOMES_NORTH_SHIRE, invalid) == [
        f"{SHOWN}:35:13: error: proposal shire-2 was ruled invalid, so it cannot be the one chosen. Check which proposal "
        "was chosen."]


def test_each_successor_is_a_council_of_the_proposal_chosen(shire):
    assert problems(shire, DECIDED, DECISION) == [
        f"{SHOWN}:37:14: error: 'north-shire' is not named in the makeup of shire-2, the proposal chosen. Add council: "
        "north-shire to the proposed council it becomes, in shire-2's makeup."]


def test_only_the_proposal_chosen_names_new_councils(shire):
    assert problems(shire, NORTH_BECOMES_NORTH_SHIRE) == [
        f"{SHOWN}:28:18: error: council: names a new council, but only the proposal the decision chose does, and no "
        "decision is recorded. Remove council: here."]
    in_shire_1 = ("      - whole: [shire]\n", "      - whole: [shire]\n        council: north-shire\n")
    assert problems(shire, DECIDED, DECISION, NORTH_BECOMES_NORTH_SHIRE, in_shire_1) == [
        f"{SHOWN}:18:18: error: council: names a new council, but only the proposal the decision chose does, and that "
        "is shire-2. Remove council: here."]


def test_a_new_council_named_in_the_makeup_is_a_successor(shire):
    south_becomes_cumberland = ("        whole: [birch]\n        part_of: [cedar]\n",
                                "        whole: [birch]\n        part_of: [cedar]\n        council: cumberland\n")
    assert problems(shire, DECIDED, DECISION, NORTH_BECOMES_NORTH_SHIRE, south_becomes_cumberland) == [
        f"{SHOWN}:32:18: error: 'cumberland' is not among successors. Add cumberland to successors, or remove "
        "council: here."]


# ----------------------------------------------------------------------------------------------
# Credits


def test_once_a_file_lists_its_sources_it_lists_every_source_it_cites(shire):
    sources = ("source: https://www.gov.uk/shire\n", """\
source: https://www.gov.uk/shire
sources:
  - address: https://www.gov.uk/shire
    title: GOV.UK
    licence: ogl-3.0
  - address: https://www.gov.uk/shire-1
""")
    assert problems(shire, sources) == [
        f"{SHOWN}:31:13: error: http://www.ash.gov.uk/lgr is cited but not listed in sources. Add it to sources, with "
        "its title and, for a government page, its licence, so that the directory credits it."]
