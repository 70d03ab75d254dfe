"""The search page as a visitor uses it: a box labelled "Search the directory", filters as checkboxes in
fieldsets, the number of results announced in a status message, results as links to directory pages."""
from __future__ import annotations

import re
from urllib.parse import urljoin

SEARCH_LABEL = "Search the directory"
# The page types Pagefind indexes; a result links to one of them.
RESULT_PATH = re.compile(r"(councils|products|projects|capabilities|topics|reorganisations)/[a-z0-9-]+/")
TIMEOUT_MS = 15_000

# Shown links inside main that lead to an indexed page and are not filters or navigation: the results.
_RESULT_LINKS = """(main) => [...main.querySelectorAll('a[href]')]
    .filter(a => !a.closest('fieldset, label, nav, header, footer, noscript'))
    .filter(a => a.offsetParent !== null || a.getClientRects().length > 0)
    .map(a => a.href)"""


class SearchPage:
    def __init__(self, page, site):
        self.page, self.site = page, site

    def open(self) -> "SearchPage":
        self.page.goto(self.site.at("search/"))
        self.box.wait_for(state="visible", timeout=TIMEOUT_MS)
        return self

    @property
    def box(self):
        return self.page.get_by_label(SEARCH_LABEL)

    def search(self, query: str) -> "SearchPage":
        """Type the query as a person would, then wait until results are shown for it."""
        self.box.click()
        self.box.press_sequentially(query, delay=10)
        self.wait_for_results(answering=query)
        return self

    def wait_for_results(self, differing_from: tuple | None = None, answering: str | None = None) -> None:
        """Wait until results are listed, their number is announced, and both have stopped changing
        (searches are debounced and results arrive in parts); after a filter, until they have changed; after
        typing, until the status announces results for the whole query (on a slow machine a pause between two
        keys searches for the first letters, and those results are complete and steady too)."""
        previous, waited = None, 0
        while True:
            state = (self.result_count(), self.result_paths())
            ready = (state[0] is not None and bool(state[1]) and state != differing_from
                     and (answering is None or f"“{answering}”" in self.status_text()))
            if ready and state == previous:
                return
            if waited >= TIMEOUT_MS:
                raise AssertionError(f"waited {TIMEOUT_MS / 1000:.0f}s for search results to be shown and their "
                                     f"number announced in a status message; last seen: {state[0]} announced, "
                                     f"{len(state[1])} result links, status {self.status_text()!r}")
            previous = state if ready else None
            self.page.wait_for_timeout(250)
            waited += 250

    def result_paths(self) -> list[str]:
        """Site-relative paths of the result links, in the order shown, each once."""
        hrefs = self.page.locator("main").evaluate(_RESULT_LINKS)
        paths: list[str] = []
        for href in hrefs:
            absolute = urljoin(self.page.url, href)
            if not absolute.startswith(self.site.url):
                continue
            path = absolute[len(self.site.url):].split("#")[0].split("?")[0]
            if RESULT_PATH.fullmatch(path) and path not in paths:
                paths.append(path)
        return paths

    def status_text(self) -> str:
        return " ".join(status.inner_text() for status in self._statuses())

    def _statuses(self):
        return self.page.locator("[role=status], [aria-live=polite], [aria-live=assertive], output").all()

    def result_count(self) -> int | None:
        """The number of results, read from the status message that announces it to screen readers."""
        for status in self._statuses():
            match = re.search(r"([\d,]+)\s+results?\b", status.inner_text(), re.IGNORECASE)
            if match:
                return int(match.group(1).replace(",", ""))
        return None

    def show_all(self) -> list[str]:
        """Press "Show more results" until every result is listed; returns all their paths. The button must
        go away once there is nothing more to show."""
        more = self.page.get_by_role("button", name=re.compile(r"more results", re.IGNORECASE))
        while more.is_visible():
            listed = len(self.result_paths())
            assert listed < (self.result_count() or 0), (
                f"'Show more results' is still shown when all {listed} results are listed "
                f"(does a CSS display rule override its hidden attribute?)")
            more.click()
            for _ in range(TIMEOUT_MS // 100):
                if len(self.result_paths()) > listed:
                    break
                self.page.wait_for_timeout(100)
            else:
                raise AssertionError(f"pressing 'Show more results' added nothing to the {listed} results listed")
        paths, count = self.result_paths(), self.result_count()
        assert len(paths) == count, f"the search announced {count} results but lists {len(paths)} after showing all"
        return paths

    def filter_group(self, legend: str):
        return self.page.get_by_role("group", name=re.compile(legend, re.IGNORECASE))

    def choose(self, legend: str, option: str) -> None:
        """Tick the filter checkbox whose label starts with `option` in the fieldset whose legend matches."""
        before = (self.result_count(), self.result_paths())
        box = self.filter_group(legend).get_by_role("checkbox", name=re.compile(rf"^\s*{option}", re.IGNORECASE))
        box.first.check()
        self.wait_for_results(differing_from=before)

