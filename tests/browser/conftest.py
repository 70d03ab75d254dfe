"""Fixtures for the browser tests: the shipped content built once, served on 127.0.0.1, and Chromium.

In CI (the CI environment variable is set) a missing Chromium fails every browser test with the reason;
elsewhere they are skipped, so a contributor without Chromium can still run the rest of the suite.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from directory.content.models import Directory

from .harness import build_site, chromium_path, launch_chromium, published_path, serve

DESKTOP = {"width": 1280, "height": 800}
# WCAG 1.4.10 Reflow: content must fit 320 CSS pixels wide without scrolling in two directions.
NARROWEST = {"width": 320, "height": 640}


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} The browser tests must run in CI: .ci/run installs Debian's chromium package.",
                    pytrace=False)
    pytest.skip(f"{reason} (browser tests are skipped outside CI; they fail when CI is set)")


@dataclass(frozen=True)
class BuiltSite:
    dir: Path
    url: str                 # the base URL it is served at, ending in /
    directory: Directory     # the content it was built from, to compare pages with

    def at(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Iterator[BuiltSite]:
    """The shipped content, built once with its search index, served over HTTP for the whole session
    under the path it is published at (such as /directory/)."""
    out = tmp_path_factory.mktemp("browser") / "site"
    directory = build_site(out)
    with serve(out, published_path(directory)) as url:
        yield BuiltSite(out, url, directory)


@pytest.fixture(scope="package")
def browser(site):
    """One Chromium for the browser tests. Package scope: Playwright's event loop must be gone before
    other tests run the pipeline (Pagefind's client uses asyncio.run). Depends on `site` so the site
    is built before Playwright starts."""
    if chromium_path() is None:
        _unavailable("Chromium was not found (looked at $CHROMIUM_PATH, then `chromium` on the PATH).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed: pip install -r requirements-dev.txt.")
    playwright = sync_playwright().start()
    try:
        chromium = launch_chromium(playwright)
    except Exception as error:  # a broken Chromium install is as fatal in CI as a missing one
        playwright.stop()
        _unavailable(f"Chromium did not start: {error}")
    yield chromium
    chromium.close()
    playwright.stop()


def _watch(tab) -> list[str]:
    """Collects what went wrong while the tab was open: script errors and stylesheets, scripts, images or
    search files that did not load (a page's own 404 status is the page, not a broken part of it)."""
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document" \
                and not response.url.endswith("/favicon.ico"):
            problems.append(f"{response.status} for {response.request.resource_type} {response.url}")
    tab.on("response", on_response)
    return problems


@pytest.fixture
def page(browser):
    """A fresh desktop-sized tab with JavaScript on. Script errors and parts of the page that fail to load
    fail the test."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    tab = context.new_page()
    problems = _watch(tab)
    yield tab
    context.close()
    assert not problems, "the page did not load cleanly:\n" + "\n".join(problems)


@pytest.fixture
def phone_page(browser):
    """A fresh tab 320 CSS pixels wide, the narrowest screen WCAG asks content to reflow to."""
    context = browser.new_context(viewport=NARROWEST, reduced_motion="reduce", is_mobile=True, has_touch=True)
    tab = context.new_page()
    problems = _watch(tab)
    yield tab
    context.close()
    assert not problems, "the page did not load cleanly:\n" + "\n".join(problems)


@pytest.fixture
def page_without_script(browser):
    """A fresh tab in a context with JavaScript disabled, as some visitors browse."""
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    tab = context.new_page()
    problems = _watch(tab)
    yield tab
    context.close()
    assert not problems, "the page did not load cleanly:\n" + "\n".join(problems)

