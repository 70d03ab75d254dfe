"""axe-core finds no violations on any page type, at WCAG 2.2 A and AA and axe's best practices.

One test per page type, each on one real page of that type found from the built site's own links.
The search page is checked with results showing, since that is when most of its markup exists.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .search_page import SearchPage
from .site_pages import PAGE_TYPES, PageType

pytestmark = pytest.mark.browser

RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE = Axe()


def axe_violations(page) -> list[dict]:
    options = {"runOnly": {"type": "tag", "values": RULE_TAGS}, "resultTypes": ["violations"]}
    return AXE.run(page, options=options).response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{', '.join(t for t in v['tags'] if t.startswith('wcag') or t == 'best-practice')}]")
        for node in v["nodes"][:8]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node['html'][:160]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.id)
def test_page_type_has_no_axe_violations(page, site, page_type: PageType):
    path = page_type.find(site.dir, site.directory)
    response = page.goto(site.at(path))
    expected = 404 if page_type.id == "not-found" else 200
    assert response.status == expected, f"{path or 'the home page'} answered {response.status}, not {expected}"
    if page_type.id == "search":
        SearchPage(page, site).search(site.directory.products["localgov-drupal"].name)

    violations = axe_violations(page)

    assert not violations, f"axe found {len(violations)} violation(s) on /{path}:\n{describe(violations)}"


# Elements that stick out past the right edge of the window and are not inside a scrolling region, or are
# positioned against the page itself (so no scrolling region contains them): what makes a page scroll sideways.
WIDENING = """(width) => [...document.querySelectorAll('body *')].filter(e => {
    const box = e.getBoundingClientRect();
    if (box.right <= width + 1 || box.width === 0) return false;
    for (let p = e.offsetParent || e.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== 'visible') return false;
    return true;
}).slice(0, 8).map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> reaching ${Math.round(e.getBoundingClientRect().right)}px`)"""


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.id)
def test_page_type_reflows_to_320_pixels_wide(phone_page, site, page_type: PageType):
    """WCAG 1.4.10: at 320 CSS pixels nothing makes the page scroll sideways; a wide table may scroll
    inside its own region."""
    page = phone_page
    path = page_type.find(site.dir, site.directory)
    page.goto(site.at(path))
    if page_type.id == "search":
        SearchPage(page, site).search(site.directory.products["localgov-drupal"].name)

    width = page.evaluate("document.documentElement.scrollWidth")

    assert width <= 320, (f"/{path} is {width}px wide in a 320px window, so it scrolls sideways; widened by: "
                          f"{page.evaluate(WIDENING, 320)}")
