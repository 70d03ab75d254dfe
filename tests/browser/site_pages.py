"""Finding the pages to test in the built site, by reading its HTML rather than guessing its URLs.

Each page type is found the way a visitor finds it: a section from the home page's link to it (by the
link's words), a page of that section from the first link in the section's index. Only the pages the
issue names as examples (a council with a stack, a product, a fund project, a reorganisation, a decided and an
undecided area of the reorganisation under way, and a council in each) are fixed. The reorganisations index is
the programme page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

from directory.content.models import Directory

_BASE = "http://site.invalid/"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NOT_TEXT = {"script", "style", "template", "title", "desc"}  # title, desc: an SVG's name and description, not shown


@dataclass(frozen=True)
class Link:
    path: str       # site-relative, such as "councils/cumberland/"; "" is the home page
    text: str       # the link's words, whitespace collapsed
    in_main: bool


@dataclass
class _Open:
    tag: str
    unseen: bool    # this element or one around it is never shown: a script, or hidden (nothing on a
                    # browse page can reveal it, since browse pages have no script)
    link: list | None = None


class _Reader(HTMLParser):
    """Collects a page's links and scripts, and the pieces of text in its <main>, as written in the file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, bool]] = []
        self.main_text: list[str] = []      # one entry per text node
        self.scripts: list[dict[str, str | None]] = []
        self._open: list[_Open] = []

    @property
    def _in_main(self) -> bool:
        return any(element.tag == "main" for element in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        if tag in VOID:
            return
        unseen = (self._open and self._open[-1].unseen) or tag in NOT_TEXT or "hidden" in attrs
        link = [attrs["href"], [], self._in_main or tag == "main"] if tag == "a" and "href" in attrs else None
        self._open.append(_Open(tag, bool(unseen), link))

    def handle_endtag(self, tag):
        if not any(element.tag == tag for element in self._open):
            return
        while self._open:
            element = self._open.pop()
            if element.link is not None:
                href, words, in_main = element.link
                self.links.append((href, " ".join("".join(words).split()), in_main))
            if element.tag == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            if element.link is not None:
                element.link[1].append(data)
        if self._in_main and not self._open[-1].unseen and data.strip():
            self.main_text.append(" ".join(data.split()))


def page_file(site_dir: Path, path: str) -> Path:
    """The file served for a path: its index.html, or 404.html for a page that does not exist."""
    written = site_dir / path / "index.html"
    return written if written.is_file() else site_dir / "404.html"


def read_page(site_dir: Path, path: str) -> _Reader:
    reader = _Reader()
    reader.feed(page_file(site_dir, path).read_text(encoding="utf-8"))
    reader.close()
    return reader


def links(site_dir: Path, path: str) -> list[Link]:
    """Every link on the page that stays inside the site, as a site-relative path."""
    found = []
    for href, text, in_main in read_page(site_dir, path).links:
        url = urlsplit(urljoin(_BASE + path, href))
        if f"{url.scheme}://{url.netloc}/" != _BASE:
            continue
        found.append(Link(url.path.lstrip("/"), text, in_main))
    return found


def main_text_pieces(site_dir: Path, path: str) -> list[str]:
    """Each piece of text (text node) in the page's <main> as written in the HTML file, whitespace collapsed;
    left out: scripts, styles and elements marked hidden."""
    return read_page(site_dir, path).main_text


def main_text(site_dir: Path, path: str) -> str:
    return " ".join(main_text_pieces(site_dir, path))


def executable_scripts(site_dir: Path, path: str) -> list[str]:
    """The page's <script> elements a browser would run (data blocks such as JSON-LD are not scripts)."""
    runnable = {"", "text/javascript", "module", "application/javascript"}
    return [attrs.get("src") or "(inline script)" for attrs in read_page(site_dir, path).scripts
            if (attrs.get("type") or "").lower() in runnable]


class NotFound(AssertionError):
    pass


def first_link(site_dir: Path, index: str, accept: Callable[[str], bool], what: str) -> str:
    for link in links(site_dir, index):
        if link.in_main and accept(link.path):
            return link.path
    raise NotFound(f"{index or 'the home page'} has no link to {what} in its <main>")


def linked_by_words(site_dir: Path, words: str, what: str) -> str:
    """The page a home-page link whose words match `words` leads to (header, navigation or footer)."""
    pattern = re.compile(words, re.IGNORECASE)
    for link in links(site_dir, ""):
        if pattern.search(link.text) and link.path:
            return link.path
    raise NotFound(f"the home page has no link to {what} (a link whose words match /{words}/i)")


def _child_of(section: str, ids) -> Callable[[str], bool]:
    ids = set(ids)
    return lambda path: bool(re.fullmatch(rf"{section}/([a-z0-9-]+)/", path)) and path.split("/")[1] in ids


@dataclass(frozen=True)
class PageType:
    id: str
    find: Callable[[Path, Directory], str]
    needs_script: bool = False    # the search page: only it may depend on JavaScript


def _index(words: str, what: str) -> Callable[[Path, Directory], str]:
    """A section's index page, found from the home page's link to it."""
    return lambda site, d: linked_by_words(site, words, what)


def _first_in(index: Callable[[Path, Directory], str], section: str, ids: Callable[[Directory], object], what: str):
    """The first page of a section that its index page links to in <main>, among the given ids."""
    return lambda site, d: first_link(site, index(site, d), _child_of(section, ids(d)), what)


def _council_filter(site: Path, d: Directory) -> str:
    """A councils-by-nation/region/kind/status page: linked from the A–Z, under councils/, not a council.
    The smallest of them, since any one shows the page type and axe takes seconds on a long list."""
    index = COUNCILS(site, d)
    def is_filter(path: str) -> bool:
        parts = path.split("/")
        return (path.startswith("councils/") and path != index and path.endswith("/")
                and not (len(parts) == 3 and parts[1] in d.councils))
    filters = {link.path for link in links(site, index) if link.in_main and is_filter(link.path)}
    if not filters:
        raise NotFound(f"{index} has no link to a councils filter page (by nation, region, kind or status)")
    return min(sorted(filters), key=lambda path: page_file(site, path).stat().st_size)


def _capabilities_in_use(d: Directory) -> set[str]:
    """Capabilities in some council's stack: their pages have the most to check (products, chart, table)."""
    return {entry.capability for council in d.councils.values() for entry in council.stack}


def _council_with_contracts(d: Directory) -> str:
    """The first council, by id, whose contracts show every state a contracts table shows: an approval not yet signed,
    a notice, a buyer inferred from the notice."""
    for council in sorted(d.councils.values(), key=lambda council: council.id):
        statuses = {contract.status for contract in council.contracts}
        if {"approved", "notice"} <= statuses and any(contract.buyer_inferred for contract in council.contracts):
            return council.id
    raise NotFound("no council has contracts with an approval, a notice and a buyer inferred")


def _modules(d: Directory) -> list[str]:
    return [p.id for p in d.projects.values() if p.kind == "module"]


def _funded_projects(d: Directory) -> list[str]:
    return [p.id for p in d.projects.values() if len(p.phases) > 1]


def _councils_that_led(d: Directory) -> list[str]:
    return [c.id for c in d.councils.values() if any(p.role == "lead" and p.phase for p in c.projects)]


COUNCILS = _index(r"^councils( a to z)?$", "the councils A to Z")
CAPABILITIES = _index(r"^capabilities$", "the capabilities")
PRODUCTS = _index(r"^products$", "the products")
PROJECTS = _index(r"^(shared )?projects$", "the shared projects")
TOPICS = _index(r"^topics$", "the topics")
REORGANISATIONS = _index(r"^reorganisations$", "the reorganisations")
FUNDED_WORK = _index(r"^funded collaborative work$", "the funded collaborative work")
OPEN_DATA = _index(r"open data", "the open data page")

PAGE_TYPES: list[PageType] = [
    PageType("home", lambda site, d: ""),
    PageType("councils-a-z", COUNCILS),
    PageType("council-filter", _council_filter),
    PageType("council-with-stack", lambda site, d: "councils/cumberland/"),
    PageType("council-with-contracts", lambda site, d: f"councils/{_council_with_contracts(d)}/"),
    PageType("capabilities", CAPABILITIES),
    PageType("capability", _first_in(CAPABILITIES, "capabilities", _capabilities_in_use,
                                     "the page of a capability some council uses")),
    PageType("products", PRODUCTS),
    PageType("product", lambda site, d: "products/localgov-drupal/"),
    PageType("projects", PROJECTS),
    PageType("fund-project", lambda site, d: "projects/localgov-elections/"),
    PageType("module", _first_in(PROJECTS, "projects", _modules, "a shared module's page")),
    PageType("funded-work", FUNDED_WORK),
    PageType("funded-project", _first_in(FUNDED_WORK, "projects", _funded_projects,
                                         "the page of a project with several funded phases")),
    PageType("council-that-led", _first_in(FUNDED_WORK, "councils", _councils_that_led,
                                           "the page of a council that led a funded project")),
    PageType("topics", TOPICS),
    PageType("topic", _first_in(TOPICS, "topics", lambda d: d.topics, "a topic's page")),
    PageType("reorganisations", REORGANISATIONS),
    PageType("reorganisation", lambda site, d: "reorganisations/surrey-2027/"),
    # The reorganisation under way: a decided area, an undecided one, and a council in each.
    PageType("reorganisation-decided", lambda site, d: "reorganisations/norfolk-2028/"),
    PageType("reorganisation-undecided", lambda site, d: "reorganisations/hampshire-iow-portsmouth-southampton-2028/"),
    PageType("council-in-decided-area", lambda site, d: "councils/breckland/"),
    PageType("council-in-undecided-area", lambda site, d: "councils/hart/"),
    PageType("renewals", _index(r"renewal", "the renewals page")),
    PageType("matches", lambda site, d: linked_by_words(site, r"match", "the matches page")),
    PageType("search", _index(r"^search$", "the search page"), needs_script=True),
    PageType("contribute", _index(r"contribut", "how to contribute")),
    PageType("open-data", OPEN_DATA),
    # The embeddable views, found from the examples the open-data page gives.
    PageType("embed-capability", lambda site, d: first_link(site, OPEN_DATA(site, d), lambda p: p.startswith(
        "embed/capabilities/"), "an embeddable view of a capability")),
    PageType("embed-reorganisation", lambda site, d: first_link(site, OPEN_DATA(site, d), lambda p: p.startswith(
        "embed/reorganisations/"), "an embeddable view of a reorganisation")),
    PageType("about", _index(r"^about", "the about page")),
    PageType("not-found", lambda site, d: "no-such-page/"),
]
