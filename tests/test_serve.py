"""`python build.py serve`: the preview rebuilds only what a change touches, yet writes what a build would;
errors keep the last good site; the reload script is added when a page is served, never written.

The browser's side (the page reloading by itself, the error banner) is in tests/browser/test_serve.py.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from directory.content.cache import ContentCache
from directory.content.check import check
from directory.demo import generate
from directory.memory import collect_set_aside
from directory.pipeline import Preview, build
from directory.site import render as render_module
from directory.site.changes import ChangedPages, same
from tests.conftest import ContentTree
from tests.helpers import Served, free_port

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 1)


def files(site: Path) -> dict[str, bytes]:
    """Every file of a site by its path, Pagefind's index aside (its file names carry per-run hashes)."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and path.relative_to(site).parts[0] != "pagefind"}


def built(content: Path, out: Path) -> dict[str, bytes]:
    build(content, out, TODAY, ROOT, search=False)
    return files(out)


def pages(site_files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in site_files.items() if path.endswith(".html")}


def as_page(path: str) -> str:
    """A file's path as the preview names its page: 'councils/x/index.html' -> 'councils/x/'."""
    return path.removesuffix("index.html")


@pytest.fixture(autouse=True)
def collected_as_serve_does():
    """A rebuild sets aside what it made, out of the collector's reach, until serve collects it once the open page
    has reloaded (directory/memory.py). These tests collect it as serve would, after each test, so that no later
    test starts with the collector unable to reach what they made."""
    yield
    collect_set_aside()


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return generate(tmp_path / "content", 30, start=date(2026, 1, 1))


def test_the_preview_writes_what_a_build_writes(demo: Path, tmp_path: Path):
    preview = Preview(demo, tmp_path / "preview", TODAY, ROOT)
    (tmp_path / "preview").mkdir()
    first = preview.rebuild()
    assert first.errors == [] and first.changed is not None
    assert preview.refresh_outputs()
    assert files(tmp_path / "preview") == built(demo, tmp_path / "site")
    assert (tmp_path / "preview" / "pagefind" / "pagefind.js").is_file()


def _product_swapped(demo: Path, number: int) -> Path:
    """The profile's first stack entry pointed at another product for the same capability, and a new name."""
    profile = sorted((demo / "councils").glob("*.yaml"))[number]
    text = profile.read_text(encoding="utf-8")
    capability, product = re.search(r"- capability: (\S+)\n    product: (\S+)", text).groups()
    other = next(p.stem for p in sorted((demo / "products").glob(f"*-{capability}.yaml")) if p.stem != product)
    name = re.search(r"^name: (.+)$", text, re.MULTILINE).group(1)
    profile.write_text(text.replace(f"name: {name}", "name: Renamed Borough Council")
                       .replace(f"product: {product}", f"product: {other}", 1), encoding="utf-8")
    return profile


def test_an_edit_renders_only_what_it_touches_and_writes_what_a_fresh_build_would(demo: Path, tmp_path: Path):
    before = built(demo, tmp_path / "before")
    preview = Preview(demo, tmp_path / "preview", TODAY, ROOT)
    (tmp_path / "preview").mkdir()
    every_page = preview.rebuild().rendered
    # A new name shows on the pages of the councils it matches; another product changes who it matches.
    profile = _product_swapped(demo, 3)

    rebuilt = preview.rebuild([profile])
    preview.refresh_outputs()

    after = built(demo, tmp_path / "after")
    assert files(tmp_path / "preview") == after
    differing = {as_page(path) for path in pages(after) if before.get(path) != after[path]}
    assert f"councils/{profile.stem}/" in differing
    assert len(differing) > 2  # other councils' pages (their matches), the lists naming it
    assert set(rebuilt.changed) == differing
    assert rebuilt.rendered < every_page / 2


def test_a_product_changed_in_a_stack_renders_no_list_of_councils_nor_another_areas_board(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The lists show each council's name, kind, region, status and number of stack entries, nothing else. An
    area's page counts the councils elsewhere running what its predecessors run, so it changes; its embeddable
    board shows its own councils' stacks only, so it does not."""
    demo = generate(tmp_path / "content", 80, start=date(2026, 1, 1))  # two areas
    rendered: list[str] = []
    recording = ChangedPages._render_recording

    def noted(self, job):
        rendered.append(self._site_path(job[0]))
        return recording(self, job)

    preview = Preview(demo, tmp_path / "preview", TODAY, ROOT)
    (tmp_path / "preview").mkdir()
    preview.rebuild()
    areas = {area.stem: re.search(r"predecessors: \[(.*)\]", area.read_text(encoding="utf-8")).group(1).split(", ")
             for area in (demo / "reorganisations").glob("*.yaml")}
    # A council outside an area, whose product for a capability one of the area's predecessors runs too.
    profile, area, capability, product = next(
        (profile, area, *entry) for profile in sorted((demo / "councils").glob("*.yaml"))
        for entry in re.findall(r"- capability: (\S+)\n    product: (\S+)", profile.read_text(encoding="utf-8"))[:1]
        for area, predecessors in sorted(areas.items()) if profile.stem not in predecessors
        and any(f"product: {entry[1]}\n" in (demo / "councils" / f"{p}.yaml").read_text(encoding="utf-8")
                for p in predecessors))
    text = profile.read_text(encoding="utf-8")
    other = next(p.stem for p in sorted((demo / "products").glob(f"*-{capability}.yaml")) if p.stem != product)
    profile.write_text(text.replace(f"product: {product}", f"product: {other}", 1), encoding="utf-8")
    monkeypatch.setattr(ChangedPages, "_render_recording", noted)

    rebuilt = preview.rebuild([profile])

    assert f"councils/{profile.stem}/" in rendered and f"products/{other}/" in rendered
    assert [path for path in rendered if path == "councils/" or path.startswith("councils/by-")] == []
    assert f"reorganisations/{area}/" in rebuilt.changed
    assert f"embed/reorganisations/{area}/" not in rendered
    assert rebuilt.errors == []


def test_the_open_pages_are_shown_first_then_the_others_as_a_fresh_build_writes_them(demo: Path, tmp_path: Path):
    out = tmp_path / "preview"
    out.mkdir()
    preview = Preview(demo, out, TODAY, ROOT)
    preview.rebuild()
    profile = _product_swapped(demo, 3)
    page, listed = f"councils/{profile.stem}/", out / "councils" / "index.html"  # the A to Z list names it
    shown: list[tuple[list[str], str, bool]] = []

    def told(paths: list[str]) -> None:  # what is on disk when serve tells the open pages
        html = (out / page / "index.html").read_text(encoding="utf-8")
        shown.append((paths, html, "Renamed Borough Council" in listed.read_text(encoding="utf-8")))

    rebuilt = preview.rebuild([profile], first={page, "search/", "no/such/page/"}, shown=told)

    [(paths, html, list_written)] = shown
    assert paths == [page] and rebuilt.shown_first == [page]
    assert "Renamed Borough Council" in html and not list_written  # the open page first, the others after
    assert set(rebuilt.changed) > {page, "councils/"}
    assert list(rebuilt.seconds) == ["check", "open pages", "other pages"]
    assert pages(files(out)) == pages(built(demo, tmp_path / "site"))


def test_an_open_page_shown_first_is_put_back_when_another_page_fails(demo: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "preview"
    out.mkdir()
    preview = Preview(demo, out, TODAY, ROOT)
    preview.rebuild()
    good = files(out)
    profile = _product_swapped(demo, 3)
    page = f"councils/{profile.stem}/"
    recording = ChangedPages._render_recording

    def failing(self, job):
        if self._site_path(job[0]) == "councils/":
            raise RuntimeError("a bug while rendering the list")
        return recording(self, job)

    monkeypatch.setattr(ChangedPages, "_render_recording", failing)
    shown: list[tuple[list[str], bool]] = []
    failed = preview.rebuild([profile], first={page}, shown=lambda paths: shown.append(
        (paths, "Renamed Borough Council" in (out / page / "index.html").read_text(encoding="utf-8"))))

    assert failed.changed is None
    assert "RuntimeError: a bug while rendering the list" in failed.errors[0].message
    assert shown == [([page], True), ([page], False)]  # shown, then shown put back
    assert files(out) == good
    monkeypatch.undo()
    assert preview.rebuild([profile], first={page}).changed is not None
    assert pages(files(out)) == pages(built(demo, tmp_path / "site"))


def test_a_rebuild_with_nothing_changed_renders_no_page(demo: Path, tmp_path: Path):
    preview = Preview(demo, tmp_path / "preview", TODAY, ROOT)
    (tmp_path / "preview").mkdir()
    preview.rebuild()
    again = preview.rebuild()
    assert (again.rendered, again.changed) == (0, [])


def test_a_removed_profile_removes_its_page(demo: Path, tmp_path: Path):
    out = tmp_path / "preview"
    out.mkdir()
    preview = Preview(demo, out, TODAY, ROOT)
    preview.rebuild()
    councils = sorted((demo / "councils").glob("*.yaml"))
    profile = next(p for p in councils if "replaced_by" not in p.read_text() and not any(
        p.stem in other.read_text() for other in councils + sorted((demo / "reorganisations").glob("*.yaml"))
        if other != p))
    profile.unlink()
    rebuilt = preview.rebuild([profile])
    assert rebuilt.errors == []
    assert f"councils/{profile.stem}/" in rebuilt.changed
    assert not (out / "councils" / profile.stem).exists()
    assert pages(files(out)) == pages(built(demo, tmp_path / "site"))


def test_content_with_errors_keeps_the_last_good_site_until_it_is_mended(content: ContentTree, tmp_path: Path):
    out = tmp_path / "preview"
    out.mkdir()
    preview = Preview(content.root, out, TODAY, content.repo)
    preview.rebuild()
    good = files(out)
    broken = content.council("cumberland", kind="unitray")

    failed = preview.rebuild([broken])

    assert failed.changed is None
    assert failed.errors == content.check().errors  # as `check` reports them
    assert failed.errors[0].as_text().startswith("content/councils/cumberland.yaml:4:7: error: kind is 'unitray'")
    assert files(out) == good
    mended = content.council("cumberland", kind="unitary", name="Cumberland Council")
    recovered = preview.rebuild([mended])
    assert recovered.errors == [] and recovered.changed is not None
    assert "Cumberland Council" in (out / "councils" / "cumberland" / "index.html").read_text()


def test_a_template_that_fails_is_reported_on_its_line_and_writes_nothing(content: ContentTree, tmp_path: Path,
                                                                          monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(render_module.TEMPLATES, templates)
    monkeypatch.setattr(render_module, "TEMPLATES", templates)
    monkeypatch.setattr("directory.pipeline.TEMPLATES", templates)
    out = tmp_path / "preview"
    out.mkdir()
    preview = Preview(content.root, out, TODAY, content.repo)
    preview.rebuild()
    good = files(out)
    about = templates / "about.html"
    lines = about.read_text(encoding="utf-8").splitlines(keepends=True)
    about.write_text("".join(lines[:2]) + "{% if %}\n" + "".join(lines[2:]), encoding="utf-8")

    failed = preview.rebuild([about], templates_changed=True)

    assert failed.changed is None
    [problem] = failed.errors
    assert problem.as_text().startswith("templates/about.html:3:1: error: the template cannot be used: ")
    assert files(out) == good
    profile = content.council("cumberland", name="Cumberland Council")  # edited while the template is broken
    assert preview.rebuild([profile]).errors == failed.errors
    about.write_text("".join(lines), encoding="utf-8")
    assert preview.rebuild([about], templates_changed=True).errors == []


def test_same_tells_apart_what_renders_differently():
    assert same({"a": [1, 2], "b": None}, {"a": [1, 2], "b": None})
    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # a template shows them in this order
    assert not same(1, True) and not same(1, 1.0)
    assert not same([{"a": 1, "b": 2}], [{"b": 2, "a": 1}], {})


def test_the_content_cache_reads_again_a_file_it_is_told_changed(content: ContentTree):
    cache = ContentCache()
    profile = content.council("test", name="Test Council")
    check(content.root, TODAY, content.repo, cache)
    status = profile.stat()
    profile.write_text(profile.read_text().replace("Test Council", "Tess Council"))  # same size
    os.utime(profile, ns=(status.st_atime_ns, status.st_mtime_ns))  # and the same time: a save within one tick
    assert check(content.root, TODAY, content.repo, cache).directory.councils["test"].name == "Test Council"
    cache.forget([profile])
    assert check(content.root, TODAY, content.repo, cache).directory.councils["test"].name == "Tess Council"


# ----------------------------------------------------------------------------------------------
# The server, as `python build.py serve` runs it


@pytest.fixture
def served(content: ContentTree):
    server = Served(content.root, free_port(), TODAY)
    yield server
    if server.process.poll() is None:
        server.stop()


def test_pages_are_served_with_the_reload_script_and_written_without_it(served: Served):
    html = served.get("councils/cumberland/").decode()
    assert re.search(r'<script src="/__serve__/live\.js" data-build="\d+" data-server="\w+"></script>\n</body>', html)
    assert b"EventSource" in served.get("__serve__/live.js")
    assert b"__serve__" not in served.get("static/style.css")


def test_the_event_stream_tells_a_page_from_another_serve_to_reload(served: Served):
    with urllib.request.urlopen(served.url + "__serve__/events?since=1&server=elsewhere", timeout=10) as events:
        assert events.headers["Content-Type"] == "text/event-stream"
        line = events.readline()
    assert json.loads(line.removeprefix(b"data: ")) == {"build": 1, "changed": "*", "problems": []}


def test_the_open_page_is_told_it_changed_before_the_other_pages_are_rendered(served: Served, content: ContentTree):
    query = "since=0&server=&page=councils%2Fcumberland%2F"  # as the page's script asks: it names the page
    with urllib.request.urlopen(served.url + f"__serve__/events?{query}", timeout=60) as events:
        def told() -> dict:
            while not (line := events.readline()).startswith(b"data: "):
                pass
            return json.loads(line.removeprefix(b"data: "))

        assert told()["changed"] == "*"  # the state when it connected: a page from before, reload it
        content.council("cumberland", kind="unitary", name="Cumberland Renamed Council")
        assert told()["changed"] == ["councils/cumberland/"]
        assert b"Cumberland Renamed Council" in served.get("councils/cumberland/")
        then = told()["changed"]
        assert "councils/" in then and "councils/cumberland/" not in then
    report = served.wait_for("changed:")
    assert re.search(r"check [0-9.]+ s, open pages [0-9.]+ s, other pages [0-9.]+ s", report), report


def test_ctrl_c_stops_serve_cleanly(served: Served):
    folders = Path(tempfile.gettempdir()).glob(f"directory-serve-{served.process.pid}-*")
    [folder] = list(folders)  # where it builds the site: a temporary folder, never site/
    returncode, output = served.stop()
    assert returncode == 0
    assert output.rstrip().endswith("Stopped.")
    assert "Traceback" not in output
    assert not folder.exists()


def test_a_port_in_use_says_so_and_how_to_choose_another(content: ContentTree):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content.root),
                                 "--port", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"Port {port} on 127.0.0.1 is in use: another program (perhaps another serve) "
                                     f"is listening there. Choose another port with --port, for example --port "
                                     f"{port + 1}.")


def test_the_published_build_carries_no_reload_script(content: ContentTree, tmp_path: Path):
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content.root), "--out",
                             str(tmp_path / "site"), "--today", TODAY.isoformat()], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    written = files(tmp_path / "site")
    assert written, "the build wrote nothing"
    assert [path for path, data in written.items() if b"__serve__" in data or b"EventSource" in data] == []
    assert not list(ROOT.joinpath("static").glob("*live*"))  # the script lives with the command, not the site
