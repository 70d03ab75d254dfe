"""Search in a real browser: a product's name finds the product and the councils using it; filters narrow."""
from __future__ import annotations

import pytest

from .search_page import SearchPage
from .site_pages import main_text

pytestmark = pytest.mark.browser

PRODUCT = "localgov-drupal"


def _users(site, product: str) -> set[str]:
    return {f"councils/{c.id}/" for c in site.directory.councils.values() if any(e.product == product for e in c.stack)}


def test_a_product_name_finds_the_product_and_councils_using_it(page, site):
    name = site.directory.products[PRODUCT].name
    results = SearchPage(page, site).open().search(name)

    found = results.show_all()
    assert f"products/{PRODUCT}/" in found, f"searching {name!r} did not list products/{PRODUCT}/; it listed {found}"
    users_found = _users(site, PRODUCT) & set(found)
    assert users_found, (f"searching {name!r} listed no council that uses {name} "
                         f"({len(_users(site, PRODUCT))} do); it listed {found}")


def test_the_page_type_filter_narrows_results_to_councils(page, site):
    results = SearchPage(page, site).open().search(site.directory.products[PRODUCT].name)
    before = results.result_count()

    results.choose("type", "council")

    after, paths = results.result_count(), results.show_all()
    assert after < before, f"choosing page type = council left {after} results of {before}"
    not_councils = [p for p in paths if not p.startswith("councils/")]
    assert not not_councils, f"with page type = council, the results still include {not_councils}"


def test_the_product_filter_narrows_results_to_its_users(page, site):
    """Searching a capability's name finds many products' users; the product filter keeps only one's."""
    product = site.directory.products[PRODUCT]
    capability = site.directory.capabilities[product.capabilities[0]]
    results = SearchPage(page, site).open().search(capability.name)
    before = results.result_count()

    results.choose("product", product.name)

    after, paths = results.result_count(), results.show_all()
    assert after < before, f"choosing product = {product.name} left {after} results of {before}"
    councils = [p for p in paths if p.startswith("councils/")]
    non_users = [p for p in councils if p not in _users(site, PRODUCT)]
    assert not non_users, f"with product = {product.name}, the results include councils not using it: {non_users}"
    unrelated = [p for p in paths if product.name.lower() not in main_text(site.dir, p).lower()]
    assert not unrelated, f"with product = {product.name}, the results include pages not mentioning it: {unrelated}"


# Each filter value the page lists, with its number of pages, as {filter name: {value: pages}}.
_LISTED_FILTERS = """(box) => {
  const listed = {};
  for (const input of box.querySelectorAll("input[type=checkbox]")) {
    const count = input.labels[0].querySelector(".hint-inline").textContent;
    (listed[input.name] ||= {})[input.value] = Number(count.replace(/[^0-9]/g, ""));
  }
  return listed;
}"""
_INDEXED_FILTERS = """async (root) => {
  const api = await import(new URL("pagefind/pagefind.js", new URL(root, document.baseURI)).href);
  await api.options({ baseUrl: new URL(root, document.baseURI).pathname });
  return await api.filters();
}"""


def test_the_filters_listed_are_those_of_the_index_with_its_counts(page, site):
    """The build lists the filters in the page (site/search_filters.py); Pagefind's index, made from the filters
    the pages carry, must hold the same values with the same numbers of pages."""
    search = SearchPage(page, site).open()
    listed = page.locator("#search-filter-list").evaluate(_LISTED_FILTERS)
    indexed = page.evaluate(_INDEXED_FILTERS, page.locator("#search-form").get_attribute("data-root"))

    assert set(listed) == {"type", "nation", "region", "capability", "product"}, f"filters listed: {sorted(listed)}"
    assert listed == indexed, "the filters listed differ from the index's: " + "; ".join(
        f"{key}: listed {listed.get(key, {}).get(value)}, indexed {indexed.get(key, {}).get(value)} for {value!r}"
        for key in sorted(set(listed) | set(indexed)) for value in sorted(set(listed.get(key, {})) | set(indexed.get(key, {})))
        if listed.get(key, {}).get(value) != indexed.get(key, {}).get(value))[:2000]
    assert search.result_count() is None


def test_no_filter_index_is_downloaded_until_a_filter_is_chosen(page, site):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    results = SearchPage(page, site).open().search(site.directory.products[PRODUCT].name)
    filter_files = [url for url in fetched if url.endswith(".pf_filter")]
    assert not filter_files, f"searching without a filter downloaded Pagefind's filter index: {filter_files}"

    results.choose("type", "council")
    assert [url for url in fetched if url.endswith(".pf_filter")], "choosing a filter downloaded no filter index"
