"""`python build.py serve` in Chromium: a council page open in the browser follows its profile as it is edited,
broken (the last good page stays, with the errors in a banner that axe finds no fault with) and mended."""
from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.conftest import ContentTree
from tests.helpers import Served, free_port

from .search_page import SearchPage
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

TODAY = date(2026, 11, 1)
WAIT = 20_000  # milliseconds: a rebuild of this small tree takes well under one second, a busy CI machine longer
PROFILE = """\
name: {name}
gss: E07000026
kind: district
nation: england
region: North West
status: active
website: https://www.allerdale.gov.uk
stack:
  - capability: website
    product: localgov-drupal
"""


@pytest.fixture
def preview(tmp_path, browser):
    """serve on a free port, over a small content tree of its own: two councils on the same product."""
    content = ContentTree(tmp_path)
    content.write("councils/allerdale.yaml", PROFILE.format(name="Allerdale Borough Council"))
    content.council("copeland", gss="E07000029", region="North West", extra="""\
        stack:
          - capability: website
            product: localgov-drupal
        """)
    server = Served(content.root, free_port(), TODAY)
    yield content, server
    server.stop()


def test_an_open_page_follows_its_profile_as_it_is_edited_broken_and_mended(preview, page):
    content, server = preview
    page.goto(server.url + "councils/allerdale/")
    heading = page.locator("h1")
    expect(heading).to_have_text("Allerdale Borough Council")
    banner = page.locator("#serve-problems")

    content.write("councils/allerdale.yaml", PROFILE.format(name="Allerdale Council"))
    expect(heading).to_have_text("Allerdale Council", timeout=WAIT)  # reloaded by itself

    content.write("councils/allerdale.yaml", PROFILE.format(name="Allerdale Council").replace(
        "kind: district", "kind: distrcit"))
    expect(banner).to_be_visible(timeout=WAIT)
    expect(banner.get_by_role("heading")).to_have_text("The preview could not be updated")
    expect(banner.get_by_role("alert")).to_contain_text(
        "content/councils/allerdale.yaml:4:7: error: kind is 'distrcit', which is not one of the allowed values.")
    expect(heading).to_have_text("Allerdale Council")  # the last good page
    violations = axe_violations(page)
    assert not violations, f"axe found {len(violations)} violation(s) with the banner:\n{describe(violations)}"

    banner.get_by_role("button", name="Dismiss").focus()
    page.keyboard.press("Enter")
    expect(banner).to_have_count(0)

    content.write("councils/allerdale.yaml", PROFILE.format(name="Allerdale and Keswick Council"))
    expect(heading).to_have_text("Allerdale and Keswick Council", timeout=WAIT)
    expect(banner).to_have_count(0)


def test_the_banner_shows_on_pages_opened_while_the_content_is_broken_and_goes_once_mended(preview, page):
    content, server = preview
    page.goto(server.url + "councils/copeland/")
    content.write("councils/allerdale.yaml", PROFILE.format(name="Allerdale Council").replace(
        "product: localgov-drupal", "product: localgov-drupul"))
    banner = page.locator("#serve-problems")
    expect(banner).to_be_visible(timeout=WAIT)
    page.goto(server.url + "councils/")
    expect(banner).to_contain_text("Did you mean 'localgov-drupal'?")

    content.write("councils/allerdale.yaml", PROFILE.format(name="Allerdale Council"))
    expect(banner).to_have_count(0, timeout=WAIT)
    expect(page.get_by_role("link", name="Allerdale Council")).to_be_visible(timeout=WAIT)


def test_search_works_in_the_preview(preview, page):
    content, server = preview
    server.wait_for("search index are ready")
    assert "councils/allerdale/" in SearchPage(page, server).open().search("Allerdale").result_paths()
