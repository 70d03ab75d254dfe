"""With JavaScript disabled, every browse page shows its full content: only search may need a script.

What the browser shows in <main> (its rendered text, after CSS) is compared with each piece of text the
HTML file holds in <main>: content that a stylesheet hides (until a script would reveal it) is caught.
Then the facts a visitor comes for are counted against the content files.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from .site_pages import PAGE_TYPES, PageType, executable_scripts, main_text_pieces

pytestmark = pytest.mark.browser

BROWSE_PAGES = [t for t in PAGE_TYPES if not t.needs_script]
# Native disclosure needs no script: a closed <details> is opened by its summary, so open them to read.
OPEN_DETAILS = "() => document.querySelectorAll('main details').forEach(d => { d.open = true; })"


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()  # lower: CSS text-transform changes what innerText returns


def not_shown(pieces: list[str], shown: str) -> list[str]:
    """The pieces of text that are not in what the browser shows, as often as they are written."""
    shown = _normal(shown)
    return [piece for piece, written in Counter(_normal(p) for p in pieces).items() if shown.count(piece) < written]


@pytest.mark.parametrize("page_type", BROWSE_PAGES, ids=lambda t: t.id)
def test_browse_page_shows_its_full_content_without_javascript(page_without_script, site, page_type: PageType):
    page = page_without_script
    path = page_type.find(site.dir, site.directory)
    page.goto(site.at(path))
    page.evaluate(OPEN_DETAILS)

    shown = page.locator("main").inner_text()

    written = main_text_pieces(site.dir, path)
    assert len(" ".join(written).split()) > 3, f"/{path} has almost nothing in <main>: {written!r}"
    missing = not_shown(written, shown)
    assert not missing, (f"without JavaScript, /{path} does not show {len(missing)} piece(s) of text of its "
                         f"<main>: {missing[:20]}")


@pytest.mark.parametrize("page_type", BROWSE_PAGES, ids=lambda t: t.id)
def test_browse_page_has_no_script(site, page_type: PageType):
    path = page_type.find(site.dir, site.directory)
    assert executable_scripts(site.dir, path) == [], f"/{path} loads scripts; only the search page may"


def _council_links(page) -> list[str]:
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.href)")
    return [m.group(1) for h in hrefs if (m := re.search(r"/councils/([a-z0-9-]+)/$", h))]


def test_the_a_to_z_links_every_council(page_without_script, site):
    page_without_script.goto(site.at("councils/"))
    listed = set(_council_links(page_without_script))
    missing = sorted(set(site.directory.councils) - listed)
    assert not missing, f"the councils A–Z does not link {len(missing)} council(s): {missing[:20]}"


def _largest_stack(site) -> str:
    return max(site.directory.councils.values(), key=lambda c: (len(c.stack), c.id)).id


@pytest.mark.parametrize("choose", [lambda site: "cumberland", _largest_stack], ids=["cumberland", "largest-stack"])
def test_the_stack_table_has_a_row_per_stack_entry(page_without_script, site, choose):
    council = site.directory.councils[choose(site)]
    page = page_without_script
    page.goto(site.at(f"councils/{council.id}/"))
    # The stack's table, in its region (the contracts table is headed Capability and Product too).
    tables = page.get_by_role("region", name="Technology stack", exact=True).locator("table")
    assert tables.count() == 1, f"councils/{council.id}/ has {tables.count()} stack tables"
    rows = tables.locator("tbody tr")
    assert rows.count() == len(council.stack), \
        f"councils/{council.id}/ shows {rows.count()} stack rows; its profile has {len(council.stack)} entries"
    shown = tables.inner_text()
    for entry in council.stack:
        for name in (site.directory.capabilities[entry.capability].name, site.directory.products[entry.product].name):
            assert name in shown, f"the stack table of councils/{council.id}/ does not show {name!r}"


def test_a_product_page_links_every_council_using_it(page_without_script, site):
    users = {c.id for c in site.directory.councils.values() if any(e.product == "localgov-drupal" for e in c.stack)}
    page_without_script.goto(site.at("products/localgov-drupal/"))
    missing = sorted(users - set(_council_links(page_without_script)))
    assert not missing, f"products/localgov-drupal/ does not link these councils using it: {missing}"


@pytest.mark.parametrize("reorganisation", ["surrey-2027", "cumbria-2023"])
def test_a_reorganisation_board_links_every_predecessor_and_successor(page_without_script, site, reorganisation):
    record = site.directory.reorganisations[reorganisation]
    page_without_script.goto(site.at(f"reorganisations/{reorganisation}/"))
    linked = set(_council_links(page_without_script))
    missing = [c for c in record.predecessors + record.successors if c not in linked]
    assert not missing, f"reorganisations/{reorganisation}/ does not link these councils: {missing}"


def test_the_search_page_explains_itself_without_javascript(page_without_script, site):
    """Search is the one page that needs a script: without one it says so, offers the lists to browse
    instead, and shows no search box that could not work."""
    page = page_without_script
    page.goto(site.at("search/"))
    main = page.locator("main")
    assert "javascript" in main.inner_text().lower(), "without JavaScript, the search page does not say it needs it"
    browse = [link for link in main.get_by_role("link").all() if link.is_visible()]
    assert len(browse) >= 3, "without JavaScript, the search page offers no lists to browse instead"
    assert not page.get_by_label("Search the directory").is_visible(), \
        "without JavaScript, the search page shows a search box that cannot work"
