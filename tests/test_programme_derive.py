"""The reorganisation under way, derived: the programme by stage, each area's proposals resolved to councils,
a convergence board for each council they would make, who has done it before, and each council's place."""
from __future__ import annotations

from datetime import date

import pytest

from directory.derive.indexes import Derived, derive
from tests.conftest import ContentTree

WEBSITE_ENDING_2027 = """\
stack:
  - {capability: website, product: localgov-drupal, contract_ends: 2027-06-30}
"""
PLANNING_ENDING_2029 = """\
stack:
  - {capability: planning, product: planx, contract_ends: 2029-03-31}
"""


@pytest.fixture
def derived(content: ContentTree) -> Derived:
    """Shire (decided: North Shire named) and Otherton (consulted on, one of its proposals crossing into Shire),
    and Newtown, made by a reorganisation vested in 2023."""
    content.council("shire", name="Shire County Council", gss="E10000001", kind="county")
    content.council("ash", WEBSITE_ENDING_2027, name="Ash Council", gss="E07000101")
    content.council("birch", name="Birch Council", gss="E07000102")
    content.council("cedar", PLANNING_ENDING_2029, name="Cedar Council", gss="E07000103")
    content.council("otherton", name="Otherton County Council", gss="E10000002", kind="county")
    content.council("elm", name="Elm Council", gss="E07000201")
    content.council("north-shire", name="North Shire Council", gss=None, kind="unitary", status="forthcoming",
                    starts="2028-04-01")
    content.council("newtown", "stack:\n  - {capability: planning, product: idox-uniform}\n", name="Newtown Council",
                    gss="E06000901", kind="unitary")
    content.council("oldtown", name="Oldtown Council", gss="E07000301", status="abolished", ended="2023-04-01",
                    replaced_by="[newtown]")
    content.write("reorganisations/newtown-2023.yaml", """\
        name: Newtown
        stage: vested
        vesting: 2023-04-01
        predecessors: [oldtown]
        successors: [newtown]
        source: https://www.gov.uk/newtown
        """)
    content.write("reorganisations/shire-2028.yaml", """\
        name: Shire
        stage: decided
        as_of: 2026-03
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
            submitted: 2025-11-28
            makeup:
              - name: North
                whole: [ash]
                part_of: [cedar]
                council: north-shire
              - name: South
                whole: [birch]
                part_of: [cedar]
            source: https://www.ash.gov.uk/lgr
        decision: {proposal: shire-2, date: 2026-03, standing: confirmed, source: https://www.gov.uk/shire-decision}
        successors: [north-shire]
        source: https://www.gov.uk/shire
        """)
    content.write("reorganisations/otherton-2028.yaml", """\
        name: Otherton
        stage: consultation-closed
        vesting: 2028-04-01
        predecessors: [elm, otherton]
        proposals:
          - id: otherton-1
            title: one council across the border
            submitted_by: [elm]
            makeup:
              - whole: [elm]
                part_of: [cedar]
            also_covers: [shire-2028]
            source: https://www.elm.gov.uk/lgr
          - id: otherton-x
            title: a submission ruled invalid
            submitted_by: [elm]
            invalid: It did not meet the statutory requirements.
            source: https://www.gov.uk/otherton-x
        source: https://www.gov.uk/otherton
        """)
    checked = content.check()
    assert checked.problems == []
    return derive(checked.directory)


def ids(councils) -> list[str]:
    return [council.id for council in councils]


def test_the_programme_by_stage_with_its_councils_and_what_comes_next(derived: Derived):
    programme = derived.programme
    assert (programme.areas, programme.councils, programme.proposals, programme.invalid_proposals,
            programme.decisions) == (2, 6, 3, 1, 1)
    assert [(group.stage, ids(group.reorganisations), group.councils) for group in programme.stages] == [
        ("proposals-submitted", [], 0), ("consultation", [], 0), ("consultation-closed", ["otherton-2028"], 2),
        ("modification-consultation", [], 0), ("decided", ["shire-2028"], 4), ("order-laid", [], 0),
        ("order-made", [], 0)]  # the vested Newtown is done, not under way
    assert [(m.when, m.event, m.reorganisation.id, m.indicative) for m in programme.upcoming] == [
        ("2027-05", "elections", "shire-2028", True), ("2028-04-01", "vesting", "otherton-2028", False),
        ("2028-04-01", "vesting", "shire-2028", True)]


def test_an_areas_proposals_include_those_crossing_into_it(derived: Derived):
    shire = derived.area_proposals["shire-2028"]
    assert [(found.reorganisation, found.proposal.id, found.chosen) for found in shire] == [
        ("shire-2028", "shire-1", False), ("shire-2028", "shire-2", True), ("otherton-2028", "otherton-1", False)]
    assert ids(shire[1].submitted_by) == ["ash", "birch"]
    assert [found.proposal.id for found in derived.area_proposals["otherton-2028"]] == ["otherton-1", "otherton-x"]


def test_a_makeup_resolved_to_councils(derived: Derived):
    one, two, crossing = derived.area_proposals["shire-2028"]
    [whole_county] = one.futures
    assert ids(whole_county.whole) == ["ash", "birch", "cedar", "shire"]  # the county brings its districts
    north, south = two.futures
    assert (north.name, ids(north.whole), ids(north.part_of), ids(north.counties), north.council.id) == \
        ("North", ["ash"], ["cedar"], ["shire"], "north-shire")  # a district brings its county, in part
    assert south.council is None and ids(south.predecessors) == ["birch", "cedar", "shire"]
    assert [future.name for future in two.placement("cedar")] == ["North", "South"]  # split between them
    assert [future.name for future in two.placement("ash")] == ["North"]
    # Across the border, each district brings its own county.
    assert ids(crossing.futures[0].predecessors) == ["cedar", "elm", "otherton", "shire"]


def test_a_board_for_each_council_a_proposal_would_make(derived: Derived):
    north = derived.area_proposals["shire-2028"][1].futures[0]
    board = north.board
    assert (ids(board.predecessors), ids(board.successors), board.recording) == (
        ["ash", "cedar", "shire"], ["north-shire"], 2)
    website, planning = sorted(board.rows, key=lambda row: row.capability, reverse=True)
    assert (website.capability, website.recorded, website.products) == ("website", 1, ("localgov-drupal",))
    # Ash's contract ends before vesting day: a chance to procure once, together; Cedar's runs beyond it.
    assert [(usage.council.id, usage.entry.contract_ends) for usage in website.ending_before_vesting] == [
        ("ash", date(2027, 6, 30))]
    assert planning.ending_before_vesting == () and board.ending_before_vesting == 1
    assert derived.boards["shire-2028"].ending_before_vesting == 1  # the area's own board flags it too


def test_a_proposed_council_naming_no_council_has_no_board(content: ContentTree):
    content.council("ash", name="Ash Council", gss="E07000101")
    content.write("reorganisations/ash-2028.yaml", """\
        name: Ash
        stage: consultation
        vesting: 2028-04-01
        predecessors: [ash]
        proposals:
          - {id: ash-1, title: one council, makeup: [{name: Greater Ash}], source: https://www.ash.gov.uk/lgr}
        source: https://www.ash.gov.uk/lgr
        """)
    [found] = derive(content.check().directory).area_proposals["ash-2028"]
    assert found.futures[0].name == "Greater Ash" and found.futures[0].board is None


def test_done_before_what_the_councils_of_vested_reorganisations_use(derived: Derived):
    assert {capability: [(u.council.id, u.entry.product) for u in uses]
            for capability, uses in derived.done_before.items()} == {"planning": [("newtown", "idox-uniform")]}


def test_each_councils_area_and_the_proposals_it_is_in(derived: Derived):
    cedar = derived.council_places["cedar"]
    assert cedar.reorganisation.id == "shire-2028"
    assert [(place.proposal.proposal.id, place.submitted, [f.name for f in place.futures]) for place in cedar.proposals] == [
        ("shire-1", False, [None]), ("shire-2", False, ["North", "South"]), ("otherton-1", False, [None])]
    ash = derived.council_places["ash"]
    assert [(place.proposal.proposal.id, place.submitted) for place in ash.proposals][1] == ("shire-2", True)
    elm = derived.council_places["elm"]
    assert [(place.proposal.proposal.id, place.submitted) for place in elm.proposals] == [
        ("otherton-1", True), ("otherton-x", True)]
    assert "oldtown" not in derived.council_places and "north-shire" not in derived.council_places
