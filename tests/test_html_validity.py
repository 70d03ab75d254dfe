"""Every page of the site is valid HTML by the Nu Html Checker (vnu.jar, the checker behind validator.w3.org),
for the shipped content and for a demo directory; so is the favicon, as SVG.

The stylesheet is checked too, through the 404 page, which carries it inline: vnu checks the CSS of <style>
elements and style attributes. Its --also-check-css option is not used, because with it vnu 26.9.27 reports
every line number in HTML and SVG files one too low.

vnu.jar comes from the npm package vnu-jar, pinned in package.json and package-lock.json (`make test` runs
`npm ci`), and runs on Java (Debian's default-jre-headless, which .ci/run installs). In CI (the CI
environment variable is set) a missing Java or vnu.jar fails the test; elsewhere it is skipped.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from directory.demo import generate
from directory.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TODAY = date(2026, 11, 1)
CHECKED_SUFFIXES = (".html", ".svg")
# vnu's CSS checker predates CSS Scroll-driven Animations (in Chromium since 115, Safari since 26), so it calls
# animation-timeline unknown; the scroll regions' "scroll sideways" cue needs it. Only that message is let through.
KNOWN_TO_BROWSERS_NOT_VNU = r".*Property “animation-timeline” doesn.t exist.*"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} The HTML check must run in CI: .ci/run installs Java, and `make test` runs npm ci.",
                    pytrace=False)
    pytest.skip(f"{reason} (the HTML check is skipped outside CI; it fails when CI is set)")


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    """The command that runs the Nu Html Checker. Asked for before the sites, so a skip builds nothing."""
    java = shutil.which("java")
    if java is None:
        _unavailable("Java was not found on the PATH (apt-get install default-jre-headless).")
    if not VNU_JAR.is_file():
        _unavailable(f"{VNU_JAR.relative_to(ROOT)} is missing: run `npm ci` (make test does).")
    return [java, "-jar", str(VNU_JAR)]


@pytest.fixture(scope="module", params=["shipped content", "demo directory"])
def site(request, tmp_path_factory) -> Path:
    """One site per kind of content, built once for this module (without the search index: pages are the
    same with it, and vnu would not read Pagefind's files)."""
    folder = tmp_path_factory.mktemp("html-validity")
    if request.param == "shipped content":
        content = ROOT / "content"
    else:
        content = generate(folder / "demo", 120, start=date(2026, 10, 1))
    build(content, folder / "site", TODAY, ROOT, search=False)
    return folder / "site"


def _relative(site: Path, name: str) -> str:
    """A file vnu names, by a file: URL or by the path it was given, relative to the site."""
    path = unquote(urlsplit(name).path) if name.startswith("file:") else name
    return Path(path).resolve().relative_to(site.resolve()).as_posix()


def test_every_page_is_valid_html(vnu, site: Path):
    # One JVM for the whole site: vnu walks the folder itself. --verbose names each file it checks on
    # stdout; the report, in JSON, goes to stderr.
    result = subprocess.run([*vnu, "--errors-only", "--format", "json", "--skip-non-html", "--also-check-svg",
                             "--filterpattern", KNOWN_TO_BROWSERS_NOT_VNU, "--verbose", str(site)],
                            capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu did not report in JSON (exit {result.returncode}):\n{result.stderr[-4000:]}")

    errors = [f"{_relative(site, message['url']) if 'url' in message else site}:"
              f"{message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}: "
              f"{message['type']}: {message['message']}" for message in report["messages"]]
    if errors:
        pytest.fail(f"vnu found {len(errors)} error(s) in the built site:\n" + "\n".join(errors), pytrace=False)
    assert result.returncode == 0, result.stderr

    checked = {_relative(site, line) for line in result.stdout.splitlines() if line.strip()}
    expected = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.suffix in CHECKED_SUFFIXES}
    assert checked == expected, f"vnu did not check: {sorted(expected - checked)[:10]}"
    assert "404.html" in checked and len(checked) > 100


def test_the_stylesheet_is_checked_through_the_404_page(site: Path):
    stylesheet = (ROOT / "static" / "style.css").read_text(encoding="utf-8")
    assert stylesheet.strip() in (site / "404.html").read_text(encoding="utf-8"), \
        "404.html no longer carries static/style.css inline: check the stylesheet with vnu some other way"
