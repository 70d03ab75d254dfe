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
