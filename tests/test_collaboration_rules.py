"""The rules of funded projects and councils' parts in them, each broken once, reported at the exact line and
column with what would be right."""
from __future__ import annotations

import pytest

from tests.conftest import ContentTree

PROJECT = "content/projects/planning-together.yaml"
COUNCIL = "content/councils/test.yaml"
# The schema line is line 1; `phases:` is line 7; the first phase starts on line 8, the second on line 15.
PHASES = """\
name: Planning together
kind: collaboration
status: funded
summary: Councils building a planning service together.
source: https://example.org/record
phases:
  - id: planning-together-discovery
    stages: [discovery]
    programme: local-digital-fund
    round: 1
    started: 2018-12
    amount_gbp: 50000
    source: https://example.org/round-1
  - id: planning-together-alpha
    stages: [alpha]
    programme: local-digital-fund
    round: 2
    started: 2019-10-01
    amount_gbp: 100000
    source: https://example.org/round-2
"""


def project_problems(content: ContentTree, text: str = PHASES) -> list[str]:
    content.write("projects/planning-together.yaml", text)
    return content.problems()


def part_problems(content: ContentTree, parts: str) -> list[str]:
    """A council (lines 1 to 6) taking part as written in parts, which starts on line 7 with `projects:`."""
    content.write("projects/planning-together.yaml", PHASES)
    content.council("test", "projects:\n" + parts)
    return content.problems()


def test_a_project_with_funded_phases_checks_clean(content):
    assert project_problems(content) == []
    project = content.check().directory.projects["planning-together"]
    assert [(p.id, p.round, p.started, p.amount_gbp) for p in project.phases] == [
        ("planning-together-discovery", "1", "2018-12", 50000), ("planning-together-alpha", "2", "2019-10-01", 100000)]


def test_a_phase_started_before_the_phase_above_it(content):
    assert project_problems(content, PHASES.replace("started: 2019-10-01", "started: 2018-11-30")) == [
        f"{PROJECT}:19:14: error: this phase started in 2018-11-30, before the phase above it "
        "(planning-together-discovery, started 2018-12). List the phases in the order they started, earliest first, "
        "or check the dates."
    ]


def test_dates_as_precise_as_the_source_are_not_out_of_order(content):
    # 2019 is neither before nor after 2019-10: the source did not say the month.
    text = PHASES.replace("started: 2018-12", "started: 2019").replace("started: 2019-10-01", "started: 2019-10")
    assert project_problems(content, text) == []


def test_a_start_that_is_not_a_date(content):
    assert project_problems(content, PHASES.replace("started: 2018-12", "started: 2018-13")) == [
        f"{PROJECT}:12:14: error: started is '2018-13': it must be a date written YYYY-MM-DD, YYYY-MM or YYYY, as "
        "precisely as the source gives it."
    ]


@pytest.mark.parametrize("written", ["£98k", "98000.50", "98k"])
def test_an_amount_that_is_not_a_whole_number_of_pounds(content, written):
    assert project_problems(content, PHASES.replace("amount_gbp: 50000", f"amount_gbp: {written}")) == [
        f"{PROJECT}:13:17: error: amount_gbp is '{written}', which is not a whole number of pounds. The award in whole "
        "pounds, as its source states it (£98k is written 98000). Leave it out when no amount was published. "
        "Write digits only, such as 98000."
    ]


def test_an_amount_written_with_commas(content):
    assert project_problems(content, PHASES.replace("amount_gbp: 50000", "amount_gbp: 50,000")) == [
        f"{PROJECT}:13:17: error: amount_gbp is 50,000: numbers are written without commas. Write amount_gbp: 50000."
    ]


def test_a_phase_with_no_programme(content):
    assert project_problems(content, PHASES.replace("    programme: local-digital-fund\n    round: 1\n", "")) == [
        f"{PROJECT}:8:5: error: 'programme' is missing. Add programme: The funding programme that paid for it: "
        "local-digital-fund or local-digital-c19-challenge."
    ]


def test_an_unknown_programme(content):
    assert project_problems(content, PHASES.replace("programme: local-digital-fund\n    round: 1",
                                                    "programme: local-digital-fnd\n    round: 1")) == [
        f"{PROJECT}:10:16: error: programme is 'local-digital-fnd', which is not one of the allowed values. Did you "
        "mean 'local-digital-fund' or 'local-digital-c19-challenge'? Use one of: local-digital-fund, "
        "local-digital-c19-challenge."
    ]


def test_a_round_of_a_programme_that_has_none(content):
    text = PHASES.replace("programme: local-digital-fund\n    round: 1",
                          "programme: local-digital-c19-challenge\n    round: 1")
    assert project_problems(content, text) == [
        f"{PROJECT}:11:5: error: the Local Digital C-19 Challenge does not award in rounds, so round does not apply."
    ]


def test_a_round_inferred_with_no_round(content):
    text = PHASES.replace("    round: 1\n", "    round_inferred: true\n")
    assert project_problems(content, text) == [
        f"{PROJECT}:11:5: error: round_inferred is only for a phase whose round is given."
    ]


def test_the_same_phase_id_twice(content):
    twice = PHASES.replace("id: planning-together-alpha", "id: planning-together-discovery")
    assert project_problems(content, twice) == [
        f"{PROJECT}:15:9: error: the phase id 'planning-together-discovery' is used twice in this project. Each phase "
        "needs its own id: rename one of them."
    ]


# ----------------------------------------------------------------------------------------------
# A council's part in a project

ALPHA = ("  - project: planning-together\n    phase: planning-together-alpha\n    role: partner\n"
         "    source: https://example.org/round-2\n")
DECLARED = "  - project: planning-together\n    phase: planning-together-discovery\n    role: lead\n"


def test_parts_citing_https_sources_or_declared_by_the_council_check_clean(content):
    content.write("projects/planning-together.yaml", PHASES)
    content.council("test", "projects:\n" + ALPHA + DECLARED, maintainers="[example/digital-team]")
    checked = content.check()
    assert checked.problems == []
    assert [(p.phase, p.provenance) for p in checked.directory.councils["test"].projects] == [
        ("planning-together-alpha", "public source"), ("planning-together-discovery", "declared")]


def test_an_unclaimed_profile_cites_the_source_of_its_part_in_a_funded_phase(content):
    """No one from the council maintains the profile, so no one declared its part: only a source can say it."""
    assert part_problems(content, DECLARED) == [
        f"{COUNCIL}:8:5: error: Test Council has not claimed this profile, so its part in the phase "
        "planning-together-discovery must cite the public source it comes from. Add source: with the https:// "
        "address of the page naming the council, or claim the profile (maintainers:, see CONTRIBUTING.md) to "
        "declare the council's part itself."
    ]


def test_a_part_citing_a_source_that_is_not_https(content):
    assert part_problems(content, ALPHA.replace("https://example.org", "http://example.org")) == [
        f"{COUNCIL}:11:13: error: source is 'http://example.org/round-2': it must be a web address starting with "
        "https://."
    ]


def test_a_part_in_a_phase_the_project_does_not_have(content):
    assert part_problems(content, ALPHA.replace("planning-together-alpha", "planning-together-alfa")) == [
        f"{COUNCIL}:9:12: error: 'planning-together-alfa' is not a phase of Planning together. Did you mean "
        "'planning-together-alpha' or 'planning-together-discovery'? Its phases: planning-together-discovery, "
        "planning-together-alpha "
        "(content/projects/planning-together.yaml)."
    ]


def test_a_phase_of_a_project_with_no_funded_phases(content):
    assert part_problems(content, "  - project: localgov-publications\n    phase: round-1\n    role: partner\n"
                                  "    source: https://example.org/record\n") == [
        f"{COUNCIL}:9:12: error: LocalGov Publications has no funded phases, so phase: names none of them. "
        "Remove phase: to take part in the project as a whole."
    ]


def test_the_same_phase_twice(content):
    assert part_problems(content, ALPHA + ALPHA.replace("partner", "lead")) == [
        f"{COUNCIL}:13:12: error: planning-together is listed twice for the phase planning-together-alpha. "
        "List each phase once, with the council's role in it."
    ]


def test_one_project_once_per_phase_and_once_as_a_whole(content):
    whole = "  - project: planning-together\n    role: user\n"
    assert part_problems(content, ALPHA + ALPHA.replace("alpha", "discovery") + whole) == []
    assert part_problems(content, whole + whole) == [
        f"{COUNCIL}:10:14: error: planning-together is listed twice. List each project once, with the council's main "
        "role."
    ]


def test_a_part_in_a_project_that_is_not_a_file(content):
    """Only councils write parts, in their own files; a part naming no project file is reported where it is."""
    assert part_problems(content, "  - project: planing-together\n    role: lead\n") == [
        f"{COUNCIL}:8:14: error: unknown project 'planing-together'. Did you mean 'planning-together'? "
        "Use one of the files in content/projects/."
    ]
