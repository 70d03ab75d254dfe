"""Same input, same output: two builds of the same content, in separate processes with different hash seeds
and into different folders, are byte-identical, Pagefind's own index aside (its fragment names carry
per-run hashes). No page carries the build machine's clock.

Whole-site checks on the same builds: the sitemap lists every page, and every address in the open data
is a page of the site.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

from directory.demo import generate

ROOT = Path(__file__).resolve().parent.parent
# The day the builds judge staleness on, given to them as --today.
TODAY = date(2026, 11, 1)
# The builds run with the machine's clock moved to this day (by libfaketime), so that a page showing the
# clock would show a date that no content holds, whatever the real date is when the test runs.
MACHINE_CLOCK = date(2041, 6, 17)
SEARCH_INDEX = "pagefind"


def _moved_clock() -> list[str]:
    """The command prefix that runs a build with the machine's clock moved to MACHINE_CLOCK."""
    faketime = shutil.which("faketime")
    if faketime is None:
        if os.environ.get("CI"):
            pytest.fail("faketime is missing: .ci/run installs it (apt-get install faketime)")
        pytest.skip("faketime is not installed (apt-get install faketime)")
    return [faketime, "-f", f"@{MACHINE_CLOCK.isoformat()} 12:00:00"]


def _build(content: Path, out: Path, hash_seed: str) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [*_moved_clock(), sys.executable, str(ROOT / "build.py"), "--content", str(content),
               "--out", str(out), "--today", TODAY.isoformat()]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*"))
            if path.is_file() and path.relative_to(site).parts[0] != SEARCH_INDEX}


@pytest.fixture(scope="module", params=["shipped content", "demo directory"])
def two_builds(request, tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("determinism")
    if request.param == "shipped content":
        content = ROOT / "content"
    else:
        content = generate(folder / "demo", 120, start=date(2026, 10, 1))
    return _build(content, folder / "first", "1"), _build(content, folder / "second-build", "2")


def test_two_builds_of_the_same_content_are_byte_identical(two_builds):
    first, second = (_files(site) for site in two_builds)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name].read_bytes() != second[name].read_bytes()]
    assert differing == []
    assert (two_builds[0] / SEARCH_INDEX).is_dir(), "the builds ran with search enabled"


def _clock_date_forms(day: date) -> re.Pattern:
    """Every way a page might write the day, each as a whole (so 2 December is not found in 22 December)."""
    forms = [day.isoformat(), day.strftime("%Y%m%d"), day.strftime("%d/%m/%Y"), f"{day.day} {day:%B %Y}",
             f"{day:%d %B %Y}", f"{day.day} {day:%b %Y}", f"{day:%B} {day.day}, {day.year}",
             f"{day.year}/{day.month:02d}/{day.day:02d}"]
    return re.compile(r"(?<![0-9])(?:" + "|".join(map(re.escape, forms)) + r")(?![0-9])")


def test_the_date_forms_are_found_whole():
    pattern = _clock_date_forms(date(2026, 12, 2))
    assert pattern.search("updated 2 December 2026.") and pattern.search("2026-12-02T10:00:00Z")
    assert not pattern.search("ends 22 December 2026") and not pattern.search("2026-12-021")


def test_no_file_shows_the_build_machines_date(two_builds):
    pattern = _clock_date_forms(MACHINE_CLOCK)
    found = []
    for name, path in _files(two_builds[0]).items():
        if path.suffix in (".html", ".xml", ".json", ".csv", ".txt", ".css", ".js"):
            text = path.read_text(encoding="utf-8-sig")
            found += [f"{name}: {match.group()}" for match in pattern.finditer(text)]
    assert found == []


def test_the_sitemap_lists_every_page(two_builds):
    site = two_builds[0]
    base = json.loads((site / "api" / "councils.json").read_text(encoding="utf-8"))["councils"][0]["url"]
    base = base[:base.index("councils/")]
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = [loc.text for loc in ElementTree.parse(site / "sitemap.xml").getroot().iter(f"{namespace}loc")]
    pages = sorted(base + ("" if page.parent == site else page.parent.relative_to(site).as_posix() + "/")
                   for page in site.rglob("index.html"))
    embeds = [page for page in pages if page.startswith(base + "embed/")]
    assert listed == [page for page in pages if page not in embeds]
    assert len(pages) > 100


def test_an_embeddable_view_names_its_page_as_canonical_and_opens_links_around_its_frame(two_builds):
    site = two_builds[0]
    views = sorted((site / "embed").rglob("index.html"))
    assert views
    for view in views:
        html = view.read_text(encoding="utf-8")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
        part = view.parent.relative_to(site / "embed").as_posix()
        assert canonical.endswith(f"/{part}/") and (site / part / "index.html").is_file(), view
        assert '<base target="_top">' in html and "<nav" not in html, view


def _urls(value: object) -> list[str]:
    if isinstance(value, dict):
        return [url for key, item in value.items()
                for url in ([item] if key == "url" and isinstance(item, str) else _urls(item))]
    if isinstance(value, list):
        return [url for item in value for url in _urls(item)]
    return []


def test_every_address_in_the_open_data_is_a_page_of_the_site(two_builds):
    site = two_builds[0]
    listed = {loc.text for loc in ElementTree.parse(site / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    addresses = set()
    for path in (site / "api").glob("*.json"):
        addresses |= set(_urls(json.loads(path.read_text(encoding="utf-8"))))
    assert addresses and addresses - listed == set()
