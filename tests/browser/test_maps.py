"""Hex maps, as a visitor reads them: each has a title and a text alternative, its key is a table whose figures are
the hexes it colours (plus the councils it lists for want of a hex), a product's map colours every council that
records the product, and every map fits a phone's screen."""
from __future__ import annotations

import pytest

from .site_pages import PAGE_TYPES

pytestmark = pytest.mark.browser

MAP_PAGES = ["capability", "product", "reorganisations", "reorganisation", "reorganisation-decided",
             "reorganisation-undecided", "council-with-stack", "council-in-decided-area", "council-in-undecided-area",
             "embed-capability", "embed-reorganisation"]
FINDERS = {page_type.id: page_type.find for page_type in PAGE_TYPES}

# Per map: its name and description as the accessibility tree gives them, and per key row: its id, the councils
# it counts, the hexes coloured in its look and the councils listed for want of a hex.
READ_MAPS = """() => [...document.querySelectorAll('figure.hexmap')].map(figure => {
  const svg = figure.querySelector('svg');
  const text = (ids) => (ids || '').split(' ').map(id => document.getElementById(id)?.textContent || '').join(' | ');
  return {
    id: figure.id, role: svg.getAttribute('role'), labels: text(svg.getAttribute('aria-labelledby')),
    width: svg.getBoundingClientRect().width, right: svg.getBoundingClientRect().right,
    keys: [...figure.querySelectorAll('table tr[data-key]')].map(row => ({
      key: row.dataset.key, label: row.querySelector('th').textContent.trim(),
      councils: Number(row.querySelector('[data-councils]').dataset.councils),
      coloured: figure.querySelectorAll(`polygon[data-key="${row.dataset.key}"]`).length,
      listed: figure.querySelectorAll(`li[data-key="${row.dataset.key}"]`).length,
    })),
  };
})"""


def _maps(page, site, page_type: str) -> list[dict]:
    path = FINDERS[page_type](site.dir, site.directory)
    page.goto(site.at(path))
    return page.evaluate(READ_MAPS)


@pytest.mark.parametrize("page_type", MAP_PAGES)
def test_each_map_has_a_title_a_text_alternative_and_a_key_that_counts_its_hexes(page, site, page_type):
    maps = _maps(page, site, page_type)

    assert maps, f"the {page_type} page has no hex map"
    for found in maps:
        assert found["role"] == "img", f"{found['id']}: the drawing is not an image to assistive technology"
        title, _, description = found["labels"].partition(" | ")
        assert title.strip() and len(description) > 40, f"{found['id']}: no title or text alternative: {found['labels']!r}"
        assert found["keys"], f"{found['id']}: the map has no key"
        for key in found["keys"]:
            assert key["coloured"] + key["listed"] == key["councils"], (
                f"{found['id']}: its key says {key['councils']} councils are '{key['label']}', but the map colours "
                f"{key['coloured']} and lists {key['listed']} without a hex")


def test_a_products_maps_colour_every_council_that_records_it(page, site):
    maps = _maps(page, site, "product")
    product = page.url.rstrip("/").rsplit("/", 1)[1]
    users = {c.id for c in site.directory.councils.values() if any(e.product == product for e in c.stack)}

    shown = sum(key["coloured"] + key["listed"] for found in maps for key in found["keys"])
    assert users and shown == len(users), f"{len(users)} councils record {product}; its maps show {shown}"


def test_a_capabilitys_map_colours_each_council_by_the_product_it_records(page, site):
    maps = _maps(page, site, "capability")
    capability = page.url.rstrip("/").rsplit("/", 1)[1]
    recorded: dict[str, set[str]] = {}
    for council in site.directory.councils.values():
        for entry in council.stack:
            if entry.capability == capability:
                recorded.setdefault(council.id, set()).add(site.directory.products[entry.product].name)
    only = {}
    for products in recorded.values():
        if len(products) == 1:
            only[next(iter(products))] = only.get(next(iter(products)), 0) + 1

    shown: dict[str, int] = {}
    for found in maps:
        for key in found["keys"]:
            shown[key["label"]] = shown.get(key["label"], 0) + key["coloured"] + key["listed"]
    for name, councils in only.items():
        assert shown.get(name) == councils, f"{councils} councils record only {name}; the map shows {shown.get(name)}"


@pytest.mark.parametrize("page_type", ["reorganisations", "capability", "council-in-decided-area"])
def test_every_map_fits_a_phone(browser, site, page_type):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    try:
        for found in _maps(tab, site, page_type):
            assert 200 < found["width"] and found["right"] <= 390, (
                f"{found['id']} on the {page_type} page is {found['width']:.0f}px wide, ending at {found['right']:.0f}px "
                f"on a 390px screen")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a phone"
    finally:
        context.close()
