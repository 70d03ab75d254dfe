"""`diff`: what a change does to the directory, one kind of change at a time."""
from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from directory.commands.diff import (
    CHALLENGES,
    MATCHES,
    PARTICIPATION,
    PROFILES,
    PROJECTS,
    RECORDS,
    STACK,
    BaseNotFound,
    Tree,
    compare,
    diff,
    read_tree,
    report,
)
from directory.derive.indexes import Derived
from directory.derive.matching import Match, Reason
from tests.conftest import TODAY, ContentTree

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def base(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path / "base")


@pytest.fixture
def head(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path / "head")


def both(base: ContentTree, head: ContentTree, text: str, relative: str = "councils/test.yaml") -> None:
    for tree in (base, head):
        tree.write(relative, text)


def compared(base: ContentTree, head: ContentTree):
    return compare(read_tree(base.root, TODAY, base.repo, "main"), read_tree(head.root, TODAY, head.repo, "this change"))


def texts(comparison, title: str) -> list[tuple[str, str]]:
    return [(change.kind, change.text) for change in comparison.section(title).changes]


TEST_COUNCIL = """\
    name: Test Council
    gss: E07000001
    kind: district
    nation: england
    region: South East
    website: https://www.test.gov.uk
    """


def test_nothing_changed(base: ContentTree, head: ContentTree):
    comparison = compared(base, head)
    assert comparison.compared
    assert all(not section.changes for section in comparison.sections)
    assert comparison.new_warnings == [] and comparison.fixed_warnings == 0
    assert "This change does not change what the directory says." in report(comparison, markdown=False)


def test_profiles_added_removed_and_changed(base: ContentTree, head: ContentTree):
    base.council("gone", gss="E07000002")
    head.council("arrived", gss="E07000003")
    head.write("councils/cumberland.yaml", """\
        name: Cumberland Council
        gss: E06000063
        kind: unitary
        nation: england
        region: North West
        website: https://www.cumberland.gov.uk
        contact: digital@cumberland.gov.uk
        reviewed: 2026-10-01
        """)
    assert texts(compared(base, head), PROFILES) == [
        ("added", "added Arrived Council (arrived)"),
        ("changed", "changed Cumberland Council (cumberland): contact, reviewed"),
        ("removed", "removed Gone Council (gone)"),
    ]


def test_projects_added_removed_and_changed(base: ContentTree, head: ContentTree):
    head.write("projects/localgov-publications.yaml", """\
        name: LocalGov Publications
        kind: module
        status: active
        summary: HTML publications instead of PDFs.
        product: localgov-drupal
        capabilities: [website]
        topics: [pdf-reduction]
        """)
    (head.root / "projects/localgov-elections.yaml").unlink()
    head.write("projects/shared-forms.yaml", """\
        name: Shared Forms
        kind: collaboration
        status: proposed
        summary: Forms built once.
        """)
    assert texts(compared(base, head), PROJECTS) == [
        ("removed", "removed LocalGov Elections (localgov-elections)"),
        ("changed", "changed LocalGov Publications (localgov-publications): status"),
        ("added", "added Shared Forms (shared-forms)"),
    ]


def test_products_and_vocabularies(base: ContentTree, head: ContentTree):
    head.write("products/fixmystreet.yaml", """\
        name: FixMyStreet
        vendor: mySociety
        capabilities: [website]
        open_source: true
        website: https://fixmystreet.org
        """)
    topics = (head.root / "topics.yaml").read_text().replace("name: Fewer PDFs", "name: Fewer PDF documents")
    (head.root / "topics.yaml").write_text(topics)
    assert texts(compared(base, head), RECORDS) == [
        ("added", "added product FixMyStreet (fixmystreet)"),
        ("changed", "changed topic Fewer PDF documents (pdf-reduction): name"),
    ]


def test_stack_entries_added_removed_and_changed(base: ContentTree, head: ContentTree):
    base.council("test", extra="""\
        stack:
          - capability: website
            product: localgov-drupal
            since: 2020
          - capability: planning
            product: idox-uniform
        """)
    head.council("test", extra="""\
        stack:
          - capability: website
            product: localgov-drupal
            since: 2021
            notes: We added a publications module.
          - capability: planning
            product: planx
            contract_ends: 2028-03-31
            source: https://example.org/planx-councils
        """)
    comparison = compared(base, head)
    assert texts(comparison, STACK) == [
        ("removed", "removed Test Council (test): Uniform for Planning applications (declared by the council)"),
        ("added", "added Test Council (test): PlanX for Planning applications, contract ends 2028-03-31 "
                  "(from https://example.org/planx-councils)"),
        ("changed", "changed Test Council (test): LocalGov Drupal for Website: since 2020 → 2021, notes changed"),
    ]
    assert texts(comparison, PROFILES) == [("changed", "changed Test Council (test): stack (below)")]


def test_challenges_added_removed_and_changed(base: ContentTree, head: ContentTree):
    base.council("test", extra="""\
        challenges:
          - title: Fewer PDFs
            topics: [pdf-reduction]
            status: exploring
          - title: Merge two websites
            topics: [local-government-reorganisation]
            status: planning
        """)
    head.council("test", extra="""\
        challenges:
          - title: Fewer PDFs
            topics: [pdf-reduction]
            status: in-progress
            seeking: [partners]
          - title: One planning service
            topics: [local-government-reorganisation]
            capabilities: [planning]
            status: exploring
        """)
    assert texts(compared(base, head), CHALLENGES) == [
        ("changed", "changed Test Council (test): “Fewer PDFs”: status exploring → in-progress, "
                    "seeking (none) → partners"),
        ("removed", "removed Test Council (test): “Merge two websites”"),
        ("added", "added Test Council (test): “One planning service” (exploring)"),
    ]


def test_participation_and_pledges(base: ContentTree, head: ContentTree):
    base.council("test", extra="""\
        projects:
          - project: localgov-elections
            role: funder
            pledge: {money_gbp: 5000}
          - project: localgov-publications
            role: user
        """)
    head.council("test", extra="""\
        projects:
          - project: localgov-elections
            role: funder
            pledge: {money_gbp: 7500, days: 10}
        """)
    head.council("other", gss="E07000009", extra="""\
        projects:
          - project: localgov-elections
            role: partner
            pledge: {days: 5}
        """)
    assert texts(compared(base, head), PARTICIPATION) == [
        ("added", "Other Council (other) joined LocalGov Elections as partner, pledging 5 staff days"),
        ("changed", "Test Council (test) in LocalGov Elections: pledge £5,000 → £7,500 and 10 staff days"),
        ("removed", "Test Council (test) left LocalGov Publications (was user)"),
    ]


def _with_matches(tree: Tree, *pairs: tuple[str, str]) -> Tree:
    reason = Reason("same-product", ("localgov-drupal",), "Both use LocalGov Drupal for their website", 1.0)
    matches = [Match(pair, 1.0, (reason,)) for pair in pairs]
    derived = Derived(tree.derived.directory)
    derived.all_matches = matches  # what the indexes read of the matches is worked out from these
    return Tree(tree.label, tree.checked, derived, tree.prefix)


def test_matches_gained_and_lost(base: ContentTree, head: ContentTree):
    for tree in (base, head):
        tree.council("alpha", gss="E07000002")
        tree.council("beta", gss="E07000003")
    old = _with_matches(read_tree(base.root, TODAY, base.repo, "main"), ("alpha", "cumberland"), ("alpha", "beta"))
    new = _with_matches(read_tree(head.root, TODAY, head.repo, "this change"), ("alpha", "beta"), ("beta", "cumberland"))
    comparison = compare(old, new)
    assert texts(comparison, MATCHES) == [
        ("removed", "lost Alpha Council and Cumberland Council: Both use LocalGov Drupal for their website"),
        ("added", "gained Beta Council and Cumberland Council: Both use LocalGov Drupal for their website"),
    ]
    assert "1 match gained, 1 match lost" in report(comparison, markdown=False)


def test_new_warnings_are_listed_and_fixed_ones_counted(base: ContentTree, head: ContentTree):
    base.council("stale", gss="E07000002", reviewed="2024-01-01")
    head.council("stale", gss="E07000002", reviewed="2026-10-01")
    head.council("test", reviewed="2025-06-01")
    comparison = compared(base, head)
    assert [p.as_text() for p in comparison.new_warnings] == [
        "content/councils/test.yaml:7:11: warning: this profile was last reviewed on 2025-06-01, more than 12 months ago. "
        "Check every entry is still true, then set reviewed to today's date."]
    assert comparison.fixed_warnings == 1
    text = report(comparison, markdown=False)
    assert "New warnings" in text and "This change fixes 1 warning(s)." in text


def test_a_warning_that_only_moved_is_not_new(base: ContentTree, head: ContentTree):
    base.council("test", reviewed="2024-01-01")
    head.council("test", reviewed="2024-01-01", website="https://www.test.gov.uk")  # the warning moves down a line
    assert compared(base, head).new_warnings == []


def test_a_base_with_errors_is_reported_not_compared(base: ContentTree, head: ContentTree):
    base.council("test", kind="distrct")
    comparison = compared(base, head)
    assert not comparison.compared and comparison.sections == []
    text = report(comparison, markdown=True)
    assert "The base \\(main\\)" not in text  # parentheses are not escaped
    assert "The base (main) has 1 error(s)" in text
    assert "content/councils/test.yaml:4:7: error: kind is 'distrct'" in text


def test_a_change_with_errors_says_so(base: ContentTree, head: ContentTree):
    head.council("test", kind="distrct")
    comparison = compared(base, head)
    assert comparison.head_errors and not comparison.compared
    assert "This change has 1 error(s), so it cannot be compared yet." in report(comparison, markdown=False)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def test_markdown_escapes_what_the_content_says(base: ContentTree, head: ContentTree):
    head.council("test", name="'[Click](https://evil.example) <img src=x> **bold** | a'")
    markdown = report(compared(base, head), markdown=True)
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    parsed = _Elements()
    parsed.feed(html)
    assert "a" not in parsed.tags and "img" not in parsed.tags and "strong" not in parsed.tags
    assert "added [Click](https://evil.example) <img src=x> **bold** | a Council" not in parsed.text  # name as written
    assert "added [Click](https://evil.example) <img src=x> **bold** | a (test)" in parsed.text
    assert parsed.tags.count("h2") == 1 and parsed.tags.count("h3") == 1


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_base_can_be_a_git_ref(tmp_path: Path):
    tree = ContentTree(tmp_path / "repo")
    _git(tree.repo, "init", "-q", "-b", "main")
    _git(tree.repo, "add", "content")
    _git(tree.repo, "commit", "-q", "-m", "base")
    tree.council("test")
    text, comparison = diff("main", tree.root, TODAY, tree.repo, markdown=False)
    assert texts(comparison, PROFILES) == [("added", "added Test Council (test)")]
    assert "Comparing this change with main." in text


def test_a_base_that_is_neither_folder_nor_ref_is_explained(tmp_path: Path):
    tree = ContentTree(tmp_path / "repo")
    _git(tree.repo, "init", "-q")
    for bad in ("no-such-branch", "--output=/tmp/x"):
        with pytest.raises(BaseNotFound, match="is not a content folder"):
            diff(bad, tree.root, TODAY, tree.repo, markdown=False)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_command_line(base: ContentTree, head: ContentTree):
    head.council("test")
    result = run("diff", str(base.root), "--content", str(head.root), "--today", "2026-11-01", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## What this change does to the directory\n")
    assert "- added Test Council (test)" in result.stdout
    head.council("test", kind="distrct")
    failed = run("diff", str(base.root), "--content", str(head.root), "--today", "2026-11-01")
    assert failed.returncode == 1 and "This change has 1 error(s)" in failed.stdout
    missing = run("diff", "no-such-ref-or-folder", "--content", str(head.root))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "is not a content folder" in missing.stderr
