"""The reorganisation under way, as shipped: every area, council, proposal and decision of the LGR programme
dataset, and nothing it does not say. The checks against the dataset itself skip without the shared data beside the checkout."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from directory.content.check import check
from directory.derive.indexes import derive

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT.parent / "shared" / "data" / "lgr-programme"
needs_shared = pytest.mark.skipif(not PROGRAMME.exists(), reason="the shared LGR programme data is not beside this checkout")


@pytest.fixture(scope="module")
def shipped():
    checked = check(ROOT / "content", date(2026, 11, 1), ROOT)
    assert checked.errors == []
    return checked.directory


@pytest.fixture(scope="module")
def under_way(shipped):
    return {r.id: r for r in shipped.reorganisations.values() if r.stage != "vested"}


def _rows(name: str) -> list[dict[str, str]]:
    with (PROGRAMME / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_twenty_one_areas_and_205_councils_each_in_one(under_way):
    assert len(under_way) == 21
    predecessors = [c for r in under_way.values() for c in r.predecessors]
    assert len(predecessors) == len(set(predecessors)) == 205


def test_every_valid_proposal_and_the_invalid_one_marked(under_way):
    proposals = [p for r in under_way.values() for p in r.proposals]
    assert len(proposals) == 72
    assert [p.id for p in proposals if p.invalid] == ["surrey-x1"]
    [invalid] = [p for p in proposals if p.invalid]
    assert invalid.also_covers == ["west-sussex-2028"] and invalid.submitted_by == ["reigate-and-banstead", "crawley"]


def test_each_decision_the_data_records_with_its_standing(shipped, under_way):
    decided = {r.id: (r.decision.proposal, r.decision.date, r.decision.standing, r.successors)
               for r in under_way.values() if r.decision}
    assert decided == {
        "surrey-2027": ("surrey-1", "2025-10-28", "confirmed", ["east-surrey", "west-surrey"]),
        "essex-southend-thurrock-2028": ("essex-4", None, "reported-only", []),  # no new council is named
        "norfolk-2028": ("norfolk-3", "2026-03", "confirmed", ["east-norfolk", "greater-norwich-city", "west-norfolk"]),
        # Reported by the local and trade press (and challenged in court by the county), not by GOV.UK or a council.
        "suffolk-2028": ("suffolk-2", "2026-03-25", "reported-only",
                         ["central-and-eastern-suffolk", "ipswich-and-south-suffolk", "western-suffolk"]),
    }
    forthcoming = {c.id: (c.starts, c.region) for c in shipped.councils.values() if c.status == "forthcoming"}
    assert forthcoming == {council: ({"surrey-2027": date(2027, 4, 1)}.get(area, date(2028, 4, 1)),
                                     "South East" if area == "surrey-2027" else "East of England")
                           for area, (_, _, _, successors) in decided.items() for council in successors}
    assert all(c.gss is None for c in shipped.councils.values() if c.status == "forthcoming")  # none invented


def test_stages_and_dates_as_the_data_gives_them(under_way):
    stages = {}
    for r in under_way.values():
        stages.setdefault(r.stage, []).append(r.id)
    assert {stage: len(ids) for stage, ids in stages.items()} == {
        "consultation-closed": 16, "modification-consultation": 1, "decided": 3, "order-laid": 1}
    surrey, kent = under_way["surrey-2027"], under_way["kent-medway-2028"]
    assert (surrey.elections, surrey.vesting, surrey.indicative) == ("2026-05-07", date(2027, 4, 1), False)
    assert (kent.elections, kent.vesting, kent.indicative, kent.as_of) == ("2027-05", date(2028, 4, 1), True, "2026-03-26")
    assert not kent.elections.has_day  # May 2027: no day is made up


def test_government_pages_are_credited_with_their_licence(under_way):
    licences = {(source.address.split("/")[2], source.licence) for r in under_way.values() for source in r.sources}
    assert ("www.gov.uk", "ogl-3.0") in licences and ("consult.communities.gov.uk", "ogl-3.0") in licences
    assert ("parallelparliament.co.uk", "open-parliament-3.0") in licences
    assert all(licence is None for host, licence in licences if "gov.uk" not in host and "parliament" not in host)
    assert all(source.title for r in under_way.values() for source in r.sources)


def test_the_reorganisations_of_2019_to_2023_still_read_as_vested(shipped):
    cumbria = shipped.reorganisations["cumbria-2023"]
    assert (cumbria.stage, cumbria.successors, cumbria.proposals, cumbria.decision) == (
        "vested", ["cumberland", "westmorland-and-furness"], [], None)


def test_the_programme_as_derived(shipped):
    derived = derive(shipped)
    programme = derived.programme
    assert (programme.areas, programme.councils, programme.proposals, programme.invalid_proposals,
            programme.decisions) == (21, 205, 71, 1, 4)
    surrey = derived.area_proposals["surrey-2027"][0]
    east = surrey.futures[0]
    assert (east.name, east.council.id, [c.id for c in east.counties]) == ("East Surrey", "east-surrey", ["surrey"])
    assert len(east.board.predecessors) == 6
    west_sussex = [found.proposal.id for found in derived.area_proposals["west-sussex-2028"]]
    assert west_sussex == ["west-sussex-1", "west-sussex-2", "east-sussex-2", "surrey-x1"]
    assert len(derived.council_places) == 205


# ----------------------------------------------------------------------------------------------
# Against the dataset


@needs_shared
def test_every_council_of_the_dataset_is_a_predecessor_of_its_area(shipped, under_way):
    by_gss = {c.gss: c.id for c in shipped.councils.values() if c.gss}
    for row in _rows("area_councils.csv"):
        [area] = [r for r in under_way.values() if r.id.startswith(row["area_id"] + "-20")]
        assert by_gss[row["gss_code"]] in area.predecessors, row


@needs_shared
def test_every_proposal_of_the_dataset_with_its_submitters_and_source(shipped, under_way):
    by_gss = {c.gss: c.id for c in shipped.councils.values() if c.gss}
    ids = {row["local_authority_code"]: by_gss[row["gss_code"]] for row in _rows("area_councils.csv")}
    proposals = {p.id: p for r in under_way.values() for p in r.proposals}
    for row in _rows("proposals.csv"):
        proposal = proposals[row["proposal_id"].lower()]
        assert proposal.submitted_by == [ids[code] for code in row["submitted_by"].split(";") if code]
        assert [proposal.source, *proposal.sources] == row["source_url"].split()
        assert (proposal.councils, proposal.submitted) == (int(row["unitaries"]) if row["unitaries"] else None,
                                                           row["submitted_date"] or None)


@needs_shared
def test_the_script_writes_nothing_new_on_a_second_run(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    run = [sys.executable, str(ROOT / "scripts" / "lgr_programme.py"), str(PROGRAMME), "--content", str(tmp_path / "content")]
    first = subprocess.run(run, check=True, capture_output=True, text=True)
    assert "0 reorganisation and 0 council files written" in first.stderr  # the shipped files are its output
    (tmp_path / "content/reorganisations/kent-medway-2028.yaml").unlink()
    assert "1 reorganisation and 0 council files written" in subprocess.run(run, check=True, capture_output=True,
                                                                             text=True).stderr
    assert (tmp_path / "content/reorganisations/kent-medway-2028.yaml").read_text() == \
        (ROOT / "content/reorganisations/kent-medway-2028.yaml").read_text()
