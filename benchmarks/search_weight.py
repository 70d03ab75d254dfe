#!/usr/bin/env python3
"""Search stays light at scale: what a visitor's first search downloads, and how long it takes to answer.

On a built site (the benchmark's largest demo directory), served over HTTP on localhost as GitHub Pages serves
it, Chromium (through Playwright, as the browser tests drive it) opens the search page with an empty cache and
waits for it to settle; then a product's name is typed, a key at a time. Measured:

- bytes: every response after the page itself (its HTML, stylesheet and script): Pagefind's pagefind.js, its
  WebAssembly, the entry and metadata files, the filter chunks, the index chunks and the result fragments,
  each with its headers, as transferred (the test server compresses text, such as pagefind.js, with gzip as
  GitHub Pages does; Pagefind's index files are compressed already). Split into what the page loads before
  anything is typed (Pagefind starting and the filters) and what the search itself loads.
- latency: from the moment the search runs (the last key, plus the search box's wait for more typing, which
  static/search.js sets) to the moment the page announces the results for the whole query. Measured in the
  page, from its own clock.

    python benchmarks/search_weight.py SITE [QUERY]     a built site; the query is a product's name
"""
from __future__ import annotations

import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_KB = 150
TARGET_MS = 300
KEY_DELAY_MS = 80  # between keys: a quick typist, well inside the search box's wait, so one search runs
# What the page records: when the last key was typed, and when the status first announced the whole query.
WATCH = """
window.__search = {typed: null, shown: null, query: null};
document.addEventListener("input", () => { window.__search.typed = performance.now(); }, true);
new MutationObserver(() => {
  const status = document.getElementById("search-status");
  const query = window.__search.query;
  if (status && query && window.__search.shown === null && status.textContent.includes("\u201c" + query + "\u201d")) {
    window.__search.shown = performance.now();
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


@dataclass
class SearchWeight:
    query: str
    page_bytes: int  # the search page's own HTML, stylesheet, script and icon
    start_bytes: int  # Pagefind, before anything is typed
    search_bytes: int  # what typing the query made Pagefind fetch
    latency_ms: float  # from the debounced search running to its results announced
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind of Pagefind file -> (how many, bytes)

    @property
    def pagefind_kb(self) -> float:
        return (self.start_bytes + self.search_bytes) / 1024


def debounce_ms() -> int:
    """How long the search box waits after a key for another, as static/search.js says."""
    found = re.search(r"debounce\(search, (\d+)\)", (ROOT / "static" / "search.js").read_text(encoding="utf-8"))
    if not found:
        raise RuntimeError("static/search.js no longer says how long the search box waits: update search_weight.py")
    return int(found.group(1))


def product_query(content: Path) -> str:
    """The name of the product most councils use: a query a visitor would type, with many results."""
    used = Counter(re.findall(r"^    product: (\S+)$", "\n".join(
        file.read_text(encoding="utf-8") for file in sorted((content / "councils").glob("*.yaml"))), re.MULTILINE))
    product = used.most_common(1)[0][0]
    text = (content / "products" / f"{product}.yaml").read_text(encoding="utf-8")
    return re.search(r"^name: (.+)$", text, re.MULTILINE).group(1).strip()


def _kind(url: str) -> str:
    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    for pattern, kind in ((r"\.pf_fragment$", "fragments"), (r"\.pf_index$", "index chunks"),
                          (r"\.pf_filter$", "filter chunks"), (r"\.pf_meta$", "metadata"), (r"^wasm\.", "wasm"),
                          (r"^pagefind\.js$", "pagefind.js"), (r"^pagefind-worker\.js$", "pagefind-worker.js"),
                          (r"entry\.json$", "entry")):
        if re.search(pattern, name):
            return kind
    return name


def measure(site: Path, query: str) -> SearchWeight:
    """Open the search page of a built site in Chromium, type the query, and measure (see the module's docstring)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import launch_chromium, serve

    wait = debounce_ms()
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_context().new_page()
            page.add_init_script(WATCH)
            seen: list[tuple[str, object]] = []  # (when: page, start or search; the request)
            phase = ["page"]
            page.on("request", lambda request: seen.append((
                "pagefind" if "/pagefind/" in request.url and phase[0] == "page" else phase[0], request)))
            page.goto(f"{base}search/")
            page.wait_for_load_state("networkidle")
            phase[0] = "search"
            page.evaluate("(query) => { window.__search.query = query; }", query)
            box = page.get_by_label("Search the directory")
            box.click()
            box.press_sequentially(query, delay=KEY_DELAY_MS)
            deadline = time.monotonic() + 120
            while page.evaluate("window.__search.shown") is None:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no results were announced for {query!r} within two minutes")
                page.wait_for_timeout(50)
            page.wait_for_load_state("networkidle")
            typed, shown = page.evaluate("[window.__search.typed, window.__search.shown]")
            totals: Counter = Counter()
            files: dict[str, tuple[int, int]] = {}
            for when, request in seen:
                sizes = request.sizes()
                size = max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)
                totals[when] += size
                if "/pagefind/" in request.url:
                    count, total = files.get(_kind(request.url), (0, 0))
                    files[_kind(request.url)] = (count + 1, total + size)
        finally:
            browser.close()
    return SearchWeight(query, totals["page"], totals["pagefind"], totals["search"], shown - (typed + wait), files)


def report(weight: SearchWeight, councils: int) -> list[str]:
    """Lines of the benchmark's report."""
    kb = weight.pagefind_kb
    verdict_kb = f"{'met' if kb < TARGET_KB else 'MISSED'} < {TARGET_KB} KB"
    verdict_ms = f"{'met' if weight.latency_ms < TARGET_MS else 'MISSED'} < {TARGET_MS} ms"
    fetched = ", ".join(f"{kind} {total / 1024:.1f} KB ({count} file{'s' if count > 1 else ''})"
                        for kind, (count, total) in sorted(weight.files.items(), key=lambda item: -item[1][1]))
    return [
        f"## Search at {councils:,} councils: a visitor's first search", "",
        f"Typed: “{weight.query}” (the product most councils use), a key every {KEY_DELAY_MS} ms, in Chromium with "
        "an empty cache, from a local server compressing text as GitHub Pages does.", "",
        "| measurement | figure | target |", "|---|---:|---|",
        f"| Pagefind's bytes: starting, before typing (pagefind.js, wasm, entry, metadata, filters) "
        f"| {weight.start_bytes / 1024:.1f} KB | |",
        f"| Pagefind's bytes: the search (index chunks, fragments) | {weight.search_bytes / 1024:.1f} KB | |",
        f"| Pagefind's bytes, all after the page | {kb:.1f} KB | {verdict_kb} |",
        f"| the page itself (HTML, stylesheet, script, icon) | {weight.page_bytes / 1024:.1f} KB | |",
        f"| from the search running to its results announced | {weight.latency_ms:.0f} ms | {verdict_ms} |", "",
        f"Pagefind's files fetched, largest share first: {fetched}.", "",
    ]


if __name__ == "__main__":
    site_dir = Path(sys.argv[1])
    found = measure(site_dir, sys.argv[2] if len(sys.argv) > 2 else "Nimbus Document Management")
    print("\n".join(report(found, sum(1 for _ in site_dir.glob("councils/*/index.html")))))
