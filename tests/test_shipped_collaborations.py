"""The shipped record of councils working together: every row of shared/data/collaborations is in the content
with its source, abolished councils keep their part, and the conversion script reproduces what is shipped."""
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
SHARED = ROOT.parent / "shared" / "data"
COLLABORATIONS = SHARED / "collaborations"
needs_shared = pytest.mark.skipif(not (COLLABORATIONS / "projects.csv").exists(),
                                  reason="the shared data is not beside this checkout")
NOT_COUNCILS = {"GLA", "GMCA"}  # in the register, but a strategic and a combined authority: no council file


@pytest.fixture(scope="module")
def directory():
    checked = check(ROOT / "content", date(2026, 11, 1), ROOT)
    assert [p.as_text() for p in checked.errors] == []
    return checked.directory


@pytest.fixture(scope="module")
def derived(directory):
    return derive(directory)


def _rows(name: str) -> list[dict[str, str]]:
    with (COLLABORATIONS / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_record_in_figures(directory):
    funded = [project for project in directory.projects.values() if project.phases]
    assert (len(funded), sum(len(project.phases) for project in funded)) == (27, 44)  # 44 awards, 27 pieces of work
    parts = [part for council in directory.councils.values() for part in council.projects]
    assert len(parts) == 122 and all(part.source and part.source.startswith("https://") for part in parts)
    assert len({(part.project, part.phase) for part in parts}) == 38  # awards naming a council
    assert len({part.project for part in parts}) == 25
    entries = [entry for council in directory.councils.values() for entry in council.stack]
    assert len(entries) == 93 and all(entry.source for entry in entries)


def test_projects_from_the_record_cite_their_sources_and_say_only_that_they_were_funded(directory):
    for project in directory.projects.values():
        if project.phases:
            assert (project.kind, project.status) == ("collaboration", "funded"), project.id
            assert project.source and all(phase.source for phase in project.phases), project.id


def test_abolished_councils_keep_their_part_with_their_successors_named(directory, derived):
    abolished = {council.id for council in directory.councils.values()
                 if council.status == "abolished" and council.projects}
    assert abolished == {"allerdale", "buckinghamshire-county", "dorset-county", "sedgemoor", "south-northamptonshire",
                         "wycombe"}
    [allerdale] = [p for p in derived.project_participants["income-management"] if p.council.id == "allerdale"]
    assert [council.id for council in allerdale.successors] == ["cumberland"]
    alpha = derived.project_phases["income-management"][2]
    [dorset] = [p for p in alpha.participants if p.council.id == "dorset-county"]
    assert "Dorset Council is probably meant" in dorset.participation.notes


def test_funded_work_by_round_adds_up_as_announced(derived):
    fund = derived.funded_programmes["local-digital-fund"]
    second = next(funded_round for funded_round in fund.rounds if funded_round.round == "2")
    # GOV.UK announced Round 2 as six projects and "over £750,000": all six are here, with their amounts.
    assert (second.totals.phases, second.totals.amount_gbp, second.totals.amounts_stated) == (6, 753000, 6)
    assert [r.round for r in fund.rounds] == ["1", "2", "3", "4", "5", "continuous-funding-model", None]


def test_the_projects_each_council_led_or_joined(derived):
    southwark = derived.council_projects["southwark"]
    assert [(item.project.id, item.role, len(item.participations)) for item in southwark] == [
        ("back-office-planning-system", "lead", 3), ("housing-repairs-online", "partner", 1),
        ("reducing-invalid-planning-applications", "partner", 2)]


@needs_shared
def test_every_award_is_a_phase_with_its_source_amount_and_start(directory):
    phases = {phase.id: phase for project in directory.projects.values() for phase in project.phases}
    rows = _rows("projects.csv")
    assert sorted(phases) == sorted(row["project_id"] for row in rows)
    for row in rows:
        phase = phases[row["project_id"]]
        assert (phase.source, phase.started or "", phase.amount_gbp, phase.outputs or "") == \
            (row["source_url"], row["started"], int(row["amount_gbp"]) if row["amount_gbp"] else None,
             row["outputs_url"]), row["project_id"]
        assert phase.notes.startswith(row["notes"]) and phase.summary == row["summary"]


@needs_shared
def test_every_participant_is_in_its_councils_file_with_its_source(directory):
    by_gss = {council.gss: council for council in directory.councils.values() if council.gss}
    phases = {phase.id: phase for project in directory.projects.values() for phase in project.phases}
    for row in _rows("participants.csv"):
        if row["local_authority_code"] in NOT_COUNCILS:  # named in the phase's notes, with the page it is read on
            notes = phases[row["project_id"]].notes
            assert f"The {row['council_name']} is also named" in notes and row["source_url"] in notes
            continue
        council = by_gss[row["gss_code"]]
        assert [(p.role, p.source) for p in council.projects if p.phase == row["project_id"]] == \
            [(row["role"], row["source_url"])], (council.id, row["project_id"])


@needs_shared
def test_every_adoption_row_is_a_stack_entry_with_its_source(directory):
    by_gss = {council.gss: council for council in directory.councils.values() if council.gss}
    products = {"FixMyStreet Pro (mySociety)": "fixmystreet", "WasteWorks (mySociety)": "wasteworks",
                "PlanX (Open Digital Planning)": "planx"}
    rows = _rows("adoption.csv")
    assert len(rows) == 51
    for row in rows:
        council = by_gss[row["gss-code"]]
        assert [entry.product for entry in council.stack if entry.source == row["evidence-url"]
                and entry.product == products[row["product"]]] == [products[row["product"]]], council.id


def _generate(content: Path, collaborations: Path = COLLABORATIONS) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "councils_from_register.py"),
                           str(SHARED / "uk-local-authorities" / "uk_local_authorities.csv"),
                           "--adoption", str(SHARED / "public-adoption" / "adoption.csv"),
                           "--collaborations", str(collaborations), "--content", str(content)],
                          capture_output=True, text=True)


@needs_shared
def test_the_script_reproduces_the_shipped_projects_and_twice_gives_the_same(tmp_path: Path):
    assert _generate(tmp_path).returncode == 0
    made = {path.name: path.read_bytes() for path in (tmp_path / "projects").glob("*.yaml")}
    assert len(made) == 27
    assert made == {name: (ROOT / "content" / "projects" / name).read_bytes() for name in made}
    councils = {path.name: path.read_bytes() for path in (tmp_path / "councils").glob("*.yaml")}
    rerun = _generate(tmp_path)
    assert rerun.returncode == 0
    assert {path.name: path.read_bytes() for path in (tmp_path / "projects").glob("*.yaml")} == made
    assert {path.name: path.read_bytes() for path in (tmp_path / "councils").glob("*.yaml")} == councils
    # The bodies with no council file are said, not dropped.
    assert rerun.stderr.count("not a participant: ") == 6


@needs_shared
@pytest.mark.parametrize("file, row, said", [
    ("participants.csv", "no-such-award,SWK,E09000028,London Borough of Southwark,partner,https://example.org/",
     "participants.csv: unknown award, repeated council or bad role"),
    ("participants.csv", "housing-repairs-online,SWK,E09000028,London Borough of Southwark,partner,https://example.org/",
     "participants.csv: unknown award, repeated council or bad role"),
    ("adoption.csv", "SWK,E09000028,Southwark,Uniform (Idox),planning,https://example.org/,a file",
     "adoption.csv: unknown product or council"),
    ("projects.csv", "new-award,New award,local-digital-fund-round-6,beta,2023,1000,A summary.,,https://example.org/,",
     "PROJECTS must hold each award of projects.csv once: missing ['new-award']"),
])
def test_a_row_the_script_cannot_place_stops_it(tmp_path: Path, file: str, row: str, said: str):
    folder = tmp_path / "collaborations"
    shutil.copytree(COLLABORATIONS, folder)
    with (folder / file).open("a", encoding="utf-8") as csv_file:
        csv_file.write(row + "\n")
    result = _generate(tmp_path / "content", folder)
    assert result.returncode != 0 and said in result.stderr
    assert not (tmp_path / "content").exists()  # nothing written
