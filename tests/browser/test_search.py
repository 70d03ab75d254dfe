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
