"""Councils working together, derived: each project's funded phases in order with who took part (where each part
comes from, and who replaced an abolished council), funded work by programme and round, each council's projects."""
from __future__ import annotations

import pytest

from directory.derive.collaborations import funded_period
from directory.derive.indexes import derive
from tests.conftest import ContentTree

PLANNING = """\
name: Planning together
kind: collaboration
status: funded
summary: Councils building a planning service together.
phases:
  - id: planning-discovery
    programme: local-digital-fund
    round: 1
    started: 2018-12
    amount_gbp: 50000
    source: https://example.org/round-1
  - id: planning-alpha
    programme: local-digital-fund
    round: 2
    started: 2019-10
    amount_gbp: 100000
    outputs: https://example.org/prototype
    source: https://example.org/round-2
  - id: planning-beta
    programme: local-digital-fund
    started: 2021
    source: https://example.org/beta
"""
BEACHES = """\
name: Beach crowding
kind: collaboration
status: funded
summary: How crowded the beaches are.
phases:
  - id: beaches
    programme: local-digital-c19-challenge
    started: 2020
    amount_gbp: 34000
    source: https://example.org/c19
"""


def part(phase: str, role: str, source: str | None = "https://example.org/record",
         project: str = "planning-together") -> str:
    return (f"  - project: {project}\n    phase: {phase}\n    role: {role}\n"
            + (f"    source: {source}\n" if source else ""))


@pytest.fixture
def derived(content: ContentTree):
    content.write("projects/planning-together.yaml", PLANNING)
    content.write("projects/beach-crowding.yaml", BEACHES)
    content.council("ash", "projects:\n" + part("planning-discovery", "lead") + part("planning-alpha", "lead")
                    + part("beaches", "lead", project="beach-crowding"), gss="E07000011")
    content.council("birch", "projects:\n" + part("planning-alpha", "partner", source=None)
                    + "  - project: localgov-publications\n    role: user\n", gss="E07000012",
                    maintainers="[example/birch-digital]")  # claimed: so it may declare its part itself
    content.council("old-town", "projects:\n" + part("planning-discovery", "partner")
                    + part("planning-alpha", "partner"), gss="E07000013", status="abolished", ended="2020-04-01",
                    replaced_by="[cumberland, ash]")
    checked = content.check()
    assert checked.errors == []
    return derive(checked.directory)


def test_each_project_has_its_phases_in_order_with_who_took_part(derived):
    phases = derived.project_phases["planning-together"]
    assert [funded.phase.id for funded in phases] == ["planning-discovery", "planning-alpha", "planning-beta"]
    assert [(p.council.id, p.participation.role, p.provenance) for p in phases[1].participants] == [
        ("ash", "lead", "public source"), ("birch", "partner", "declared"), ("old-town", "partner", "public source")]
    assert phases[2].participants == ()
    assert derived.project_phases["localgov-publications"] == []


def test_an_abolished_council_keeps_its_part_with_its_successors_named(derived):
    [old_town] = [p for p in derived.project_phases["planning-together"][0].participants if p.council.id == "old-town"]
    assert [c.name for c in old_town.successors] == ["Ash Council", "Cumberland Council"]  # by name
    [ash] = [p for p in derived.project_phases["planning-together"][0].participants if p.council.id == "ash"]
    assert ash.successors == ()


def test_funded_work_by_programme_and_round(derived):
    assert list(derived.funded_programmes) == ["local-digital-fund", "local-digital-c19-challenge"]
    fund = derived.funded_programmes["local-digital-fund"]
    assert [(r.round, [f.phase.id for f in r.phases]) for r in fund.rounds] == [
        ("1", ["planning-discovery"]), ("2", ["planning-alpha"]), (None, ["planning-beta"])]  # round not given: last
    second = fund.rounds[1].totals
    assert (second.phases, second.projects, second.councils, second.amount_gbp, second.amounts_stated) == \
        (1, 1, 3, 100000, 1)
    assert (fund.totals.phases, fund.totals.projects, fund.totals.councils, fund.totals.amount_gbp,
            fund.totals.amounts_stated) == (3, 1, 3, 150000, 2)
    assert fund.rounds[1].phases[0].phase.outputs == "https://example.org/prototype"  # what it produced
    c19 = derived.funded_programmes["local-digital-c19-challenge"]
    assert [(r.round, r.totals.councils, r.totals.amount_gbp) for r in c19.rounds] == [(None, 1, 34000)]


def test_each_council_has_the_projects_it_led_or_joined_led_first(derived):
    ash = derived.council_projects["ash"]
    assert [(item.project.id, item.role, item.led, [p.phase for p in item.participations]) for item in ash] == [
        ("beach-crowding", "lead", True, ["beaches"]),
        ("planning-together", "lead", True, ["planning-discovery", "planning-alpha"])]
    birch = derived.council_projects["birch"]
    assert [(item.project.id, item.role) for item in birch] == [("localgov-publications", "user"),
                                                                 ("planning-together", "partner")]
    assert derived.council_projects["cumberland"] == []


def test_a_project_lists_each_council_once_with_its_main_role(derived):
    participants = derived.project_participants["planning-together"]
    assert [(p.council.id, p.participation.role, p.participation.phase) for p in participants] == [
        ("ash", "lead", "planning-discovery"), ("birch", "partner", "planning-alpha"),
        ("old-town", "partner", "planning-discovery")]
    assert [c.id for c in participants[2].successors] == ["ash", "cumberland"]


def test_parts_in_phases_listed_out_of_the_projects_order_are_put_in_it(content: ContentTree):
    content.write("projects/planning-together.yaml", PLANNING)
    content.council("ash", "projects:\n" + part("planning-beta", "partner") + part("planning-discovery", "lead"))
    derived = derive(content.check().directory)
    [item] = derived.council_projects["ash"]
    assert [p.phase for p in item.participations] == ["planning-discovery", "planning-beta"]
    assert item.role == "lead"


def test_pledges_are_added_up_from_every_entry(content: ContentTree):
    content.council("ash", "projects:\n  - project: localgov-elections\n    role: funder\n"
                           "    pledge: {money_gbp: 5000, days: 2}\n", gss="E07000011")
    content.council("birch", "projects:\n  - project: localgov-elections\n    role: lead\n"
                             "    pledge: {money_gbp: 1000}\n", gss="E07000012")
    derived = derive(content.check().directory)
    pledged = derived.project_pledges["localgov-elections"]
    assert (pledged.money_gbp, pledged.days) == (6000, 2)
    assert [p.council.id for p in derived.project_participants["localgov-elections"]] == ["birch", "ash"]


def test_a_projects_funded_period_names_its_programmes_and_the_years_its_phases_started(derived, content):
    directory = content.check().directory
    assert funded_period(directory.projects["planning-together"]) == "Local Digital Fund, 2018-2021"
    assert funded_period(directory.projects["beach-crowding"]) == "Local Digital C-19 Challenge, 2020"
    assert funded_period(directory.projects["localgov-publications"]) == ""
