"""On a phone (390 x 844 CSS pixels, a common screen): search shows its first result on the first screen, finds
what abbreviations stand for, says what to try when nothing is found, and does not move as results arrive; every
table fits its screen, reads as a list of rows, or says that it scrolls sideways."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from directory.content.check import check
from directory.demo import generate
from directory.pipeline import build

from .conftest import BuiltSite, _watch
from .harness import TODAY, published_path, serve
from .search_page import TIMEOUT_MS, SearchPage
from .site_pages import PAGE_TYPES, PageType
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PRODUCT = "localgov-drupal"


@pytest.fixture
def phone(browser):
    """A fresh tab the size of a common phone's screen, with touch."""
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce", is_mobile=True, has_touch=True)
    tab = context.new_page()
    problems = _watch(tab)
    yield tab
    context.close()
    assert not problems, "the page did not load cleanly:\n" + "\n".join(problems)


def _status(tab) -> str:
    return tab.get_by_role("status").inner_text()


# ---------- Search ----------

def test_a_product_name_shows_its_first_result_within_the_first_screen(phone, site):
    name = site.directory.products[PRODUCT].name
    results = SearchPage(phone, site).open().search(name)

    first = results.result_paths()[0]
    box = phone.locator(f'main a[href$="/{first}"]').first.bounding_box()
    assert phone.evaluate("window.scrollY") == 0, "typing in the search box scrolled the page"
    assert box and 0 <= box["y"] < PHONE["height"], (
        f"after typing {name!r}, the first result ({first}) starts {box and round(box['y'])}px down a "
        f"{PHONE['height']}px screen: something stands between the search box and the results")


def _meant_by(site, other_name: str) -> list[tuple[str, str]]:
    """The capability and topic pages whose also_known_as holds other_name, with their names."""
    wanted = other_name.lower()
    capabilities = [(f"capabilities/{c.id}/", c.name) for c in site.directory.capabilities.values()
                    if wanted in (n.lower() for n in c.also_known_as)]
    topics = [(f"topics/{t.id}/", t.name) for t in site.directory.topics.values()
              if wanted in (n.lower() for n in t.also_known_as)]
    return capabilities + topics


@pytest.mark.parametrize("other_name", ["LGR", "CMS", "revs and bens", "SEND"])
def test_an_abbreviation_finds_what_it_stands_for(phone, site, other_name):
    meant = _meant_by(site, other_name)
    assert meant, f"no capability or topic in content/ lists {other_name!r} under also_known_as"

    results = SearchPage(phone, site).open().search(other_name)

    first = results.result_paths()[:5]
    missing = [path for path, _ in meant if path not in first]
    assert not missing, f"searching {other_name!r} did not list {missing} among its first five results: {first}"
    status = _status(phone)
    for _, name in meant:
        assert name in status, f"the status does not say that {other_name!r} was also searched as {name!r}: {status!r}"


def test_lgr_finds_the_reorganisation_pages(phone, site):
    results = SearchPage(phone, site).open().search("LGR")

    first = results.result_paths()[:10]
    areas = [path for path in first if path.startswith("reorganisations/")]
    assert len(areas) >= 3, f"searching 'LGR' listed {len(areas)} reorganisation pages among its first ten: {first}"


def test_an_empty_result_says_what_to_try(phone, site):
    search = SearchPage(phone, site).open()
    search.box.click()
    search.box.press_sequentially("qzxqzv", delay=10)

    expect(phone.get_by_role("status")).to_contain_text("No results", timeout=TIMEOUT_MS)
    main = phone.locator("main")
    expect(main.get_by_text(re.compile(r"fewer words", re.IGNORECASE))).to_be_visible()
    expect(main.get_by_role("link", name="Councils A to Z")).to_be_visible()
    assert not main.get_by_role("button", name="Clear the filters").is_visible(), \
        "with no filter chosen, the page offers to clear the filters"

    phone.get_by_text("Filter results").click()
    main.get_by_role("group", name="Type of page").get_by_role("checkbox").first.check()
    expect(phone.get_by_role("status")).to_contain_text("with the filters you chose", timeout=TIMEOUT_MS)
    clear = main.get_by_role("button", name="Clear the filters")
    expect(clear).to_be_visible()
    clear.click()
    expect(phone.get_by_role("status")).not_to_contain_text("filters", timeout=TIMEOUT_MS)
    assert main.locator("input[type=checkbox]:checked").count() == 0


def _filters(tab):
    return tab.locator("main details").filter(has=tab.locator("summary", has_text="Filter"))


def test_on_a_phone_the_filters_follow_the_results_closed(phone, site):
    results = SearchPage(phone, site).open().search(site.directory.products[PRODUCT].name)
    filters = _filters(phone)

    assert not filters.evaluate("details => details.open"), "on a phone the filters are open at first"
    first = phone.locator(f'main a[href$="/{results.result_paths()[0]}"]').first.bounding_box()
    assert filters.bounding_box()["y"] > first["y"], "on a phone the filters come before the results"
    summary = filters.locator("summary").bounding_box()
    assert summary["height"] >= 24, f"the filters' summary is a {summary['height']}px target, under 24px"

    phone.get_by_role("link", name="Filter the results").click()  # from the top of the page, to the filters
    assert filters.evaluate("details => details.open"), "'Filter the results' did not open the filters"
    expect(results.filter_group("Type of page")).to_be_visible()


def test_on_a_desktop_the_filters_are_open_beside_the_results(page, site):
    results = SearchPage(page, site).open().search(site.directory.products[PRODUCT].name)
    filters = _filters(page)

    assert filters.evaluate("details => details.open"), "on a desktop the filters are closed at first"
    first = page.locator(f'main a[href$="/{results.result_paths()[0]}"]').first.bounding_box()
    assert filters.bounding_box()["x"] > first["x"] + first["width"] / 2, "the filters are not beside the results"
    assert not page.get_by_role("link", name="Filter the results").is_visible()


# Every layout shift the page reports (https://web.dev/articles/cls), from its first paint, input or not.
OBSERVE_LAYOUT_SHIFTS = """(() => {
    window.layoutShifts = [];
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            window.layoutShifts.push({value: entry.value, sources: (entry.sources || []).map((source) =>
                source.node ? `<${source.node.nodeName.toLowerCase()} class="${source.node.className || ''}">` : '?')});
        }
    }).observe({type: 'layout-shift', buffered: true});
})();"""


@pytest.mark.parametrize("screen", ["phone", "page"], ids=["phone", "desktop"])
def test_the_search_page_does_not_move_as_results_arrive(request, site, screen):
    tab = request.getfixturevalue(screen)
    tab.add_init_script(OBSERVE_LAYOUT_SHIFTS)

    SearchPage(tab, site).open().search(site.directory.products[PRODUCT].name)
    tab.wait_for_timeout(500)  # a late shift counts too

    shifts = tab.evaluate("window.layoutShifts")
    total = sum(shift["value"] for shift in shifts)
    assert total < 0.1, f"the search page's layout shifted by {total:.3f} (Lighthouse's limit for good is 0.1): {shifts}"


def test_the_search_page_has_no_axe_violations_on_a_phone(phone, site):
    SearchPage(phone, site).open().search(site.directory.products[PRODUCT].name)
    violations = axe_violations(phone)
    assert not violations, f"axe found {len(violations)} violation(s) on search/ at 390px:\n{describe(violations)}"

    phone.get_by_text("Filter results").click()
    violations = axe_violations(phone)
    assert not violations, (f"axe found {len(violations)} violation(s) on search/ at 390px with the filters "
                            f"open:\n{describe(violations)}")


# ---------- Tables ----------

# Each table in <main>: whether it is wider than the box it sits in (the scroll region around it, if any), and
# the scroll region's cue: its "scroll sideways" words (the region's ::before) and its edge shadows. Read once two
# frames have been drawn, as a person sees the page: the words come from a scroll-driven animation, which
# Chromium applies at a frame, and a page that had just loaded was sometimes read before it (under a moved clock).
TABLES = """async () => {
  await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
  return [...document.querySelectorAll('main table')].map((table) => {
    const region = table.closest('.scroll-region');
    const box = region || table.parentElement;
    const words = region && getComputedStyle(region, '::before');
    const label = (table.caption && table.caption.textContent.trim()) || (region && region.getAttribute('aria-label'))
                  || table.rows[0].textContent.trim();
    return {
        table: label.replace(/\\s+/g, ' ').slice(0, 70),
        overflows: box.scrollWidth > box.clientWidth,
        width: `${box.scrollWidth}px in ${box.clientWidth}px`,
        region: region ? {role: region.getAttribute('role'), label: region.getAttribute('aria-label'),
                          focusable: region.tabIndex === 0} : null,
        wordsShown: Boolean(words) && words.visibility === 'visible' && parseFloat(words.height) > 0
                    && /scroll sideways/i.test(words.content),
        shadows: Boolean(region) && /gradient/.test(getComputedStyle(region).backgroundImage),
    };
  });
}"""


def _problems_with_tables(tab) -> list[str]:
    problems = []
    for table in tab.evaluate(TABLES):
        name = f"the table {table['table']!r} ({table['width']})"
        if not table["overflows"]:
            if table["wordsShown"]:
                problems.append(f"{name} fits, yet says 'scroll sideways'")
            continue
        if table["region"] is None:
            problems.append(f"{name} is wider than its screen and not in a scroll region")
        elif not (table["region"]["role"] == "region" and table["region"]["label"] and table["region"]["focusable"]):
            problems.append(f"{name} scrolls in a region that is not labelled and reachable by keyboard: {table['region']}")
        elif not (table["wordsShown"] and table["shadows"]):
            problems.append(f"{name} is wider than its screen and does not show that it scrolls "
                            f"(words shown: {table['wordsShown']}, edge shadows: {table['shadows']})")
    return problems


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.id)
def test_every_table_fits_a_phone_or_shows_that_it_scrolls(phone, site, page_type: PageType):
    path = page_type.find(site.dir, site.directory)
    phone.goto(site.at(path))

    problems = _problems_with_tables(phone)

    assert not problems, f"on /{path} at {PHONE['width']}px:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """A small demo directory, whose councils record contract ends and projects, so the tables the shipped content
    leaves empty (the renewal calendar, a council's projects) are there to check. Built without its search index:
    these tests only read pages."""
    folder = tmp_path_factory.mktemp("phone-demo")
    content = generate(folder / "content", 40, start=date(2026, 10, 1))  # enough for a reorganisation
    build(content, folder / "site", TODAY, search=False)
    directory = check(content, TODAY).directory
    with serve(folder / "site", published_path(directory)) as url:
        yield BuiltSite(folder / "site", url, directory)


def _demo_pages(directory) -> list[str]:
    council = max(directory.councils.values(), key=lambda c: (len(c.stack) + len(c.projects), c.id))
    capability = max(directory.capabilities, key=lambda c: sum(e.capability == c for x in directory.councils.values()
                                                                 for e in x.stack))
    fund = next(p.id for p in directory.projects.values() if p.kind == "fund")
    reorganisations = [f"reorganisations/{reorganisation}/" for reorganisation in directory.reorganisations]
    return ["renewals/", "matches/", "reorganisations/", *reorganisations[:1], f"councils/{council.id}/",
            f"capabilities/{capability}/", f"projects/{fund}/", "products/"]


def test_every_table_of_a_demo_directory_fits_a_phone_or_shows_that_it_scrolls(phone, demo_site):
    problems = []
    for path in _demo_pages(demo_site.directory):
        phone.goto(demo_site.at(path))
        assert phone.locator("main table").count(), f"the demo's /{path} has no table to check"
        problems += [f"/{path}: {problem}" for problem in _problems_with_tables(phone)]
    assert not problems, f"at {PHONE['width']}px:\n" + "\n".join(problems)


# Each stack entry's cells as shown: the column heading it is under, the words its label shows, whether it shows.
STACK_CELLS = """(table) => {
    const headings = [...table.tHead.rows[0].cells].map((cell) => cell.textContent.trim());
    return [...table.tBodies[0].rows].flatMap((row) => [...row.cells].map((cell, index) => ({
        heading: headings[index], header: cell.tagName === 'TH', text: cell.textContent.trim(),
        label: getComputedStyle(cell, '::before').content, display: getComputedStyle(cell).display})));
}"""


def test_the_stack_reads_as_a_list_of_rows_on_a_phone(phone, site):
    council = max(site.directory.councils.values(), key=lambda c: (len(c.stack), c.id))
    phone.goto(site.at(f"councils/{council.id}/"))
    table = phone.get_by_role("region", name="Technology stack").get_by_role("table")

    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth"), \
        f"the stack of {council.name} is wider than a phone's screen"
    cells = table.evaluate(STACK_CELLS)
    assert len([cell for cell in cells if cell["header"]]) == len(council.stack)
    for cell in cells:
        if cell["header"]:
            continue
        if cell["text"]:
            assert cell["display"] != "none" and cell["label"] == f'"{cell["heading"]}"', \
                f"the stack's {cell['heading']!r} {cell['text']!r} is shown without its heading: {cell}"
        else:
            assert cell["display"] == "none", f"an empty {cell['heading']!r} is shown, as a heading with nothing under it"
