"""CODEOWNERS: generated from the maintainers in the content, and `check` fails when it is stale."""
from __future__ import annotations

from pathlib import Path

import pytest

import build
from directory.commands.codeowners import codeowners_text, stale_codeowners, write_codeowners
from directory.content.check import check
from tests.conftest import SITE, TODAY, ContentTree

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo(content: ContentTree) -> ContentTree:
    """The fixture tree, with directory maintainers and one claimed profile."""
    content.write("site.yaml", SITE + "maintainers: [directory-org/maintainers, 'ada-admin']\n")
    content.council("zeta", gss="E07000002", extra="maintainers: [zeta-council/digital, jo-bloggs]\n")
    content.council("alpha", gss="E07000003", extra="maintainers: ['@alpha-web', alpha-web]\n")
    return content


def test_directory_maintainers_own_everything_and_councils_own_their_claimed_profiles(repo: ContentTree):
    text = codeowners_text(repo.check().directory)
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "*  @directory-org/maintainers @ada-admin",
        "/content/councils/alpha.yaml  @alpha-web",
        "/content/councils/zeta.yaml  @zeta-council/digital @jo-bloggs",
    ]
    assert "/content/councils/cumberland.yaml" not in text  # unclaimed: the directory's maintainers, through *


def test_the_same_content_gives_the_same_file(repo: ContentTree):
    first = codeowners_text(repo.check().directory)
    repo.council("middle", gss="E07000004")  # an unclaimed profile changes nothing
    assert codeowners_text(repo.check().directory) == first


def test_no_directory_maintainers_leaves_no_owner_line(content: ContentTree):
    text = codeowners_text(content.check().directory)
    assert not [line for line in text.splitlines() if line and not line.startswith("#")]
    assert "names no maintainers yet" in text


def test_stale_check(repo: ContentTree):
    directory = repo.check().directory
    [missing] = stale_codeowners(directory, repo.repo)
    assert missing.as_text().startswith(".github/CODEOWNERS:1:1: error: CODEOWNERS is missing.")
    assert write_codeowners(directory, repo.repo) is True
    assert write_codeowners(directory, repo.repo) is False
    assert stale_codeowners(directory, repo.repo) == []
    repo.council("cumberland", gss="E06000063", extra="maintainers: [cumberland-council/web]\n")
    [stale] = stale_codeowners(repo.check().directory, repo.repo)
    assert stale.as_text() == (
        ".github/CODEOWNERS:1:1: error: CODEOWNERS is out of date with the maintainers named in the content. "
        "Run python build.py codeowners and commit .github/CODEOWNERS (a directory maintainer can do this for "
        "you on the pull request).")


def test_check_fails_on_stale_codeowners_for_the_repositorys_own_content_only(repo: ContentTree, monkeypatch,
                                                                               capsys, tmp_path: Path):
    monkeypatch.setattr(build, "ROOT", repo.repo)
    args = ["check", "--today", TODAY.isoformat()]
    assert build.main(args + ["--content", str(repo.root)]) == 1
    assert ".github/CODEOWNERS:1:1: error: CODEOWNERS is missing." in capsys.readouterr().out
    assert build.main(["codeowners", "--today", TODAY.isoformat()]) == 0
    assert (repo.repo / ".github/CODEOWNERS").read_text() == codeowners_text(repo.check().directory)
    assert build.main(args + ["--content", str(repo.root)]) == 0
    # Another content tree (a demo, a test fixture) is not what CODEOWNERS describes: not checked.
    other = ContentTree(tmp_path / "other")
    other.council("claimed", gss="E07000005", extra="maintainers: [someone]\n")
    assert build.main(args + ["--content", str(other.root)]) == 0


def test_the_shipped_codeowners_is_up_to_date():
    checked = check(ROOT / "content", TODAY, ROOT)
    assert not checked.errors
    assert stale_codeowners(checked.directory, ROOT) == [], "run: python build.py codeowners"


@pytest.mark.parametrize("written, error", [
    ("digital@cumberland.gov.uk", "maintainers is 'digital@cumberland.gov.uk': it must be a GitHub user name"),
    ("jane doe", "maintainers is 'jane doe': it must be a GitHub user name"),
    ("-jane", "maintainers is '-jane': it must be a GitHub user name"),
    ("jane--doe", "maintainers is 'jane--doe': it must be a GitHub user name"),
    ("org/team/extra", "maintainers is 'org/team/extra': it must be a GitHub user name"),
    ("a" * 40, "it must be a GitHub user name"),
])
def test_maintainers_must_be_github_users_or_teams(content: ContentTree, written: str, error: str):
    content.council("test", extra=f"maintainers: ['{written}']\n")
    [problem] = content.problems()
    assert problem.startswith("content/councils/test.yaml:7:15: error: ") and error in problem


def test_maintainers_may_be_written_with_or_without_the_at_sign(content: ContentTree):
    content.council("test", extra="maintainers: [jane-doe, '@my-council/digital_team', J4ne]\n")
    assert content.check().directory.councils["test"].maintainers == ["jane-doe", "my-council/digital_team", "J4ne"]
