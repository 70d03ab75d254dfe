"""The search index: built by one run of Pagefind over the written site, holding exactly the six indexed page types,
each with its filters (page type, nation, region, capability, product) and title."""
from __future__ import annotations

import gzip
import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from directory.outputs import search
from directory.pipeline import build
from tests.conftest import TODAY
from tests.helpers import parse, rich_tree

FRAGMENT_PREFIX = b"pagefind_dcd"


class PagefindRuns:
    """subprocess.Popen, noting each run of Pagefind's command line."""

    def __init__(self):
        self.runs: list[subprocess.Popen] = []
        self.popen = subprocess.Popen

    def __call__(self, command, *args, **kwargs):
        process = self.popen(command, *args, **kwargs)
        if command[0] == search.pagefind_executable():
            self.runs.append(process)
        return process


@pytest.fixture(scope="module")
def pagefind_runs():
    return PagefindRuns()


@pytest.fixture(scope="module")
def site(tmp_path_factory, pagefind_runs) -> Path:
    tree = rich_tree(tmp_path_factory.mktemp("content"))
    out = tmp_path_factory.mktemp("built") / "site"
    patch = pytest.MonkeyPatch()
    patch.setattr(search.subprocess, "Popen", pagefind_runs)
    try:
        build(tree.root, out, TODAY, tree.repo, search=True)
    finally:
        patch.undo()
    return out


def fragments(site: Path) -> dict[str, dict]:
    found = {}
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_PREFIX)
        record = json.loads(data[len(FRAGMENT_PREFIX):])
        found[record["url"]] = record
    return found


def test_the_site_is_indexed_by_one_run_of_pagefind_over_its_staging_folder(site: Path, pagefind_runs):
    [run] = pagefind_runs.runs
    staging = Path(run.args[run.args.index("--site") + 1])
    assert staging.parent == site.parent and staging.name.startswith(".site-new-")
    assert run.args[run.args.index("--output-path") + 1] == str(staging / "pagefind") and run.returncode == 0
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_when_pagefind_fails_the_build_says_so_in_its_words_and_the_old_site_stays(tmp_path: Path, monkeypatch):
    tree = rich_tree(tmp_path / "content")
    out = tmp_path / "site"
    build(tree.root, out, TODAY, tree.repo, search=False)
    before = sorted(path.relative_to(out) for path in out.rglob("*"))
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: no space left on device' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    with pytest.raises(RuntimeError, match=r"Pagefind could not index .* \(exit status 3\): Error: no space left"):
        build(tree.root, out, TODAY, tree.repo, search=True)
    assert sorted(path.relative_to(out) for path in out.rglob("*")) == before
    assert [entry.name for entry in tmp_path.iterdir() if entry.name.startswith(".site-")] == []


def test_pagefind_is_stopped_when_what_runs_beside_it_fails(tmp_path: Path, monkeypatch):
    slow = tmp_path / "pagefind"
    slow.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")
    slow.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))
    runs = PagefindRuns()
    monkeypatch.setattr(search.subprocess, "Popen", runs)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), search.indexing(tmp_path):
        raise KeyboardInterrupt  # as when the build's child fails, or the build is told to stop
    [run] = runs.runs
    assert run.returncode == -signal.SIGKILL and time.monotonic() - started < 10  # killed, and waited for


def test_exactly_the_pages_marked_for_search_are_indexed(site: Path):
    marked = set()
    for path in site.rglob("index.html"):
        if "data-pagefind-body" in parse(path.read_text(encoding="utf-8")).find("main").attrs:
            marked.add("/" + path.parent.relative_to(site).as_posix() + "/")
    indexed = set(fragments(site))
    assert indexed == marked
    assert {url.split("/")[1] for url in indexed} == {"councils", "products", "projects", "capabilities", "topics",
                                                      "reorganisations"}
    assert "/councils/by-region/north-west/" not in indexed and "/councils/" not in indexed


def test_a_council_carries_its_filters_and_title(site: Path):
    council = fragments(site)["/councils/cumberland/"]
    assert council["meta"]["title"] == "Cumberland Council"
    assert {key: sorted(values) for key, values in council["filters"].items()} == {
        "type": ["Council"], "nation": ["England"], "region": ["North West"],
        "capability": ["Planning applications", "Website"], "product": ["LocalGov Drupal", "PlanX"]}
    # Boilerplate is left out of what is searched: a search for "claim" finds councils' own words only.
    assert "claim" not in council["content"].lower()
    # As are the stack's dates and where each entry comes from; its capabilities and products are in.
    assert "LocalGov Drupal" in council["content"] and "Planning applications" in council["content"]
    assert "31 March 2028" not in council["content"] and "Declared by the council" not in council["content"]


def test_every_indexed_page_has_a_type_and_the_others_their_own_filters(site: Path):
    found = fragments(site)
    assert {record["filters"]["type"][0] for record in found.values()} == {
        "Council", "Product", "Project", "Capability", "Topic", "Reorganisation"}
    assert found["/products/planx/"]["filters"]["capability"] == ["Planning applications"]
    assert sorted(found["/capabilities/planning/"]["filters"]["product"]) == ["PlanX", "Uniform"]
    assert found["/reorganisations/cumbria-2023/"]["filters"]["region"] == ["North West"]
    assert found["/projects/localgov-publications/"]["filters"]["product"] == ["LocalGov Drupal"]


def test_a_project_is_found_by_what_it_was_about(site: Path):
    """Its summary, capabilities and topics, and each funded phase's title and summary, are in what search reads."""
    project = fragments(site)["/projects/housing-repairs-online/"]
    assert project["meta"]["title"] == "Housing repairs online"
    assert project["filters"]["type"] == ["Project"] and project["filters"]["capability"] == ["Website"]
    content = " ".join(project["content"].split())
    for words in ("Councils designing one way for tenants to report housing repairs online.", "Website", "Fewer PDFs",
                  "Housing repairs discovery", "Research with tenants into how they report repairs.",
                  "Repairs during lockdown", "Local Digital Fund"):
        assert words in content, words


def test_lists_repeating_other_pages_facts_are_not_indexed(site: Path):
    """A council's use of a product is indexed on the council's page, not again on the product's, capability's
    and area's lists: a search for a council finds its page, and the index stays light."""
    found = fragments(site)
    product, capability = found["/products/localgov-drupal/"], found["/capabilities/website/"]
    assert "LocalGov Drupal" in product["content"] and "Cumberland" not in product["content"]
    assert "Website" in capability["content"] and "Cumberland" not in capability["content"]
    assert "Cumberland" in found["/councils/cumberland/"]["content"]
    board = found["/reorganisations/cumbria-2023/"]["content"]
    assert "Convergence board" in board and "LocalGov Drupal" not in board


def test_a_council_is_found_by_what_it_is_and_uses_not_by_the_words_every_profile_repeats(site: Path):
    """Its name, its facts' values and its stack are indexed; the facts' labels, its addresses and dates, hosting,
    states and the sentences around its tables are not: every council page repeats them, and Pagefind's memory
    grows with each word it indexes (benchmarks/README.md)."""
    council = " ".join(fragments(site)["/councils/cumberland/"]["content"].split())
    for words in ("Cumberland Council", "E06000063", "Unitary authority", "North West", "LocalGov Drupal",
                  "We added events listings", "PlanX", "Fewer PDFs on our website", "Housing repairs online"):
        assert words in council, words
    for words in ("GSS code", "Last reviewed", "1 October 2026", "Maintained by", "Contact", "digital@cumberland",
                  "cumberland.gov.uk", "Software as a service", "Council profile", "Where it is",
                  "contracts for software", "Each part it took", "Funder", "Lead"):
        assert words not in council, words
