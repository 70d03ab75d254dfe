"""What must never be merged into a profile: a named person's address, or a placeholder left by `new`.

Both are warnings, so a half-filled file still checks and builds locally; `check --strict` fails on them,
and so does the pull-request check (`check --pull-request`), which reports them as errors while older
warnings, such as a stale `reviewed:` date, only warn.
"""
from __future__ import annotations

import pytest

import build
from directory.commands.new import write_new
from directory.content.hygiene import looks_personal
from tests.conftest import TODAY, ContentTree

SHOWN = "content/councils/test.yaml"
WEBSITE = "https://www.test.gov.uk"
PERSONAL_HINT = ("A public repository's history keeps it for ever, so it could never be fully removed once merged: "
                 "use a team mailbox, such as digital@test.gov.uk.")


def run(content: ContentTree, *options: str) -> int:
    return build.main(["check", "--content", str(content.root), "--today", TODAY.isoformat(), *options])


def reported(content: ContentTree, capsys) -> list[str]:
    """What check printed, with the temporary content folder shown as the repository's would be."""
    return capsys.readouterr().out.replace(f"{content.root}/", "content/").splitlines()


# ----------------------------------------------------------------------------------------------
# A named person's address


@pytest.mark.parametrize("address", [
    "priya.sharma@test.gov.uk",  # first.last
    "john_smith@test.gov.uk",  # firstname_lastname
    "p.sharma@test.gov.uk",  # f.lastname
    "sarah-jones2@test.gov.uk",  # with a number, as a second Sarah Jones gets
    "j.r.smith@test.gov.uk",  # first.m.last
    "oluwaseun.adeyemi@test.gov.uk",  # first.last needs no list of names
    "priyasharma@test.gov.uk",  # run together, starting with a common given name
    "priya@test.gov.uk",  # a given name alone
    "Priya.Sharma+directory@test.gov.uk",
])
def test_a_persons_address_is_flagged_saying_why_and_what_to_use(content: ContentTree, address: str):
    content.council("test", website=WEBSITE, contact=address)
    assert content.problems() == [
        f"{SHOWN}:8:10: warning: contact '{address}' looks like a named person's address. {PERSONAL_HINT}"
    ]


@pytest.mark.parametrize("address", [
    "digital", "web.team", "customer.services", "ict-helpdesk", "planning.policy", "webteam", "customerservices",
    "it.support", "no-reply", "do-not-reply", "foi", "dpo", "council.tax", "democratic.services", "open.data",
    "freedom.of.information", "localgov.drupal", "land.charges", "bluebadge", "webmaster", "christchurch",
])
def test_team_mailboxes_are_not_flagged(content: ContentTree, address: str):
    content.council("test", website=WEBSITE, contact=f"{address}@test.gov.uk")
    assert content.problems() == []


def test_a_persons_address_on_another_domain_gets_both_problems_at_once(content: ContentTree):
    content.council("test", website=WEBSITE, contact="jane.smith@gmail.com")
    assert content.problems() == [
        f"{SHOWN}:8:10: error: contact is on gmail.com, not on the council's own domain test.gov.uk. "
        "Use a team mailbox ending in @test.gov.uk, never a personal or supplier address.",
        f"{SHOWN}:8:10: warning: contact 'jane.smith@gmail.com' looks like a named person's address. {PERSONAL_HINT}",
    ]


def test_the_heuristic_on_its_own():
    assert looks_personal("jane.smith@x.gov.uk") and looks_personal("janedoe@x.gov.uk")
    # Run together, only a common given name gives a person away: 'markets' and 'benefits' are teams.
    assert not any(looks_personal(f"{local}@x.gov.uk") for local in ("markets", "benefits", "stevenage", "jsmith"))


# ----------------------------------------------------------------------------------------------
# Maintainers


def test_one_maintainer_is_warned_on_the_maintainers_line(content: ContentTree):
    content.council("test", extra="maintainers: [jane-doe]\n")
    assert content.problems() == [
        f"{SHOWN}:7:1: warning: only jane-doe can approve changes to this profile: the guide asks for two or more "
        "maintainers. Add a colleague's GitHub user name, as maintainers: [jane-doe, a-colleague], or name a team "
        "(organisation/team-name), so that a change can be approved while one of you is away."
    ]
    content.council("test", extra="maintainers:\n  - jane-doe\n")  # a block list: still the maintainers line
    assert [problem.split(": warning:")[0] for problem in content.problems()] == [f"{SHOWN}:7:1"]


@pytest.mark.parametrize("maintainers", ["[jane-doe, sam-jones]", "[test-council/digital]", "[]"])
def test_two_maintainers_a_team_or_none_are_not_warned(content: ContentTree, maintainers: str):
    content.council("test", extra=f"maintainers: {maintainers}\n")
    assert content.problems() == []


# ----------------------------------------------------------------------------------------------
# Placeholders left by `new`

NEW_COUNCIL = [
    "councils/north-somewhere.yaml:9:7: {severity}: name is still a placeholder: 'CHECK: North Somewhere Council'. "
    "Write name: The council's official name. If the value is already right, just delete 'CHECK: '.",
    "councils/north-somewhere.yaml:16:7: {severity}: kind is still a placeholder: 'CHECK: unitary'. Write kind: "
    "county, district, unitary, metropolitan-district, london-borough or sui-generis. If the value is already right, "
    "just delete 'CHECK: '.",
    "councils/north-somewhere.yaml:19:9: {severity}: nation is still a placeholder: 'CHECK: england'. Write nation: "
    "england, scotland, wales or northern-ireland. If the value is already right, just delete 'CHECK: '.",
    "councils/north-somewhere.yaml:22:9: {severity}: region is still a placeholder: 'CHECK: South East'. Write "
    "region: The region, as the ONS names it (Scotland, Wales and Northern Ireland are one each). If the value is "
    "already right, just delete 'CHECK: '.",
    "councils/north-somewhere.yaml:31:9: {severity}: starts is still a placeholder: 'CHECK: 2027-04-01'. Write "
    "starts: For a forthcoming council: the day it takes over. If the value is already right, just delete 'CHECK: '.",
]
NEW_PROJECT = [
    "projects/shared-forms.yaml:9:7: {severity}: name is still a placeholder: 'CHECK: Shared Forms'. Write name: "
    "The project's name. If the value is already right, just delete 'CHECK: '.",
    "projects/shared-forms.yaml:13:7: {severity}: kind is still a placeholder: 'CHECK: collaboration'. Write kind: "
    "module (extends a shared platform), fund (community-funded work) or collaboration (councils working together "
    "on a problem). If the value is already right, just delete 'CHECK: '.",
    "projects/shared-forms.yaml:17:9: {severity}: status is still a placeholder: 'CHECK: proposed'. Write status: "
    "Where the project is: proposed, active, maintained, completed or archived; funded when the public record shows "
    "only that it was funded. If the value is already right, just delete 'CHECK: '.",
    "projects/shared-forms.yaml:20:10: {severity}: summary is still a placeholder: 'CHECK: say what the project "
    "does and why'. Write summary: What the project does and why, in a few sentences. If the value is already "
    "right, just delete 'CHECK: '.",
]


@pytest.mark.parametrize("kind, record_id, expected", [
    ("council", "north-somewhere", NEW_COUNCIL), ("project", "shared-forms", NEW_PROJECT),
])
def test_each_placeholder_line_of_a_new_file_is_warned_and_strict_fails(content: ContentTree, capsys, kind: str,
                                                                       record_id: str, expected: list[str]):
    path = write_new(content.root, kind, record_id, TODAY)
    assert content.problems() == [f"content/{line.format(severity='warning')}" for line in expected]
    lines = path.read_text().splitlines()
    assert [int(line.split(":")[1]) for line in expected] == [
        number for number, line in enumerate(lines, 1) if not line.startswith("#") and "CHECK:" in line]
    assert run(content) == 0  # a file being filled in still checks
    capsys.readouterr()
    assert run(content, "--strict") == 1
    assert reported(content, capsys) == [f"content/{line.format(severity='warning')}" for line in expected]
    # The pull-request check reports them as errors: they cannot be merged.
    assert run(content, "--pull-request") == 1
    assert reported(content, capsys) == [f"content/{line.format(severity='error')}" for line in expected]
    # Filling them in (or confirming a value that was right, by deleting the marker) makes it pass.
    path.write_text(path.read_text().replace('"CHECK: say what', '"Forms every council can reuse. CHECK: say what')
                    .replace('"CHECK: ', '"'))
    assert run(content, "--strict") == 0 and run(content, "--pull-request") == 0


def test_the_pull_request_check_fails_on_a_persons_address_but_not_on_older_warnings(content: ContentTree, capsys):
    content.council("stale", gss="E07000002", reviewed="2025-06-01", extra="maintainers: [jo-bloggs]\n")
    assert run(content, "--pull-request") == 0  # a stale profile and one maintainer only warn
    assert run(content, "--strict") == 1
    capsys.readouterr()
    content.council("test", website=WEBSITE, contact="priya.sharma@test.gov.uk")
    assert run(content, "--pull-request", "--format", "github") == 1
    assert [line for line in reported(content, capsys) if "test.yaml" in line] == [
        "::error file=content/councils/test.yaml,line=8,col=10,title=error in content/councils/test.yaml::contact "
        f"'priya.sharma@test.gov.uk' looks like a named person's address. {PERSONAL_HINT}"
    ]
