"""Stage 4, render: one Jinja2 template per page type, written into the staging folder.

Every page lives at the address `Addresses` names for it (addresses.py) and links to the others relatively,
because the site may be served from a sub-path. Each page type's template reads one context (contexts.py),
built here from the directory and what derive computed; templates only format it, with the words of the
vocabulary (content/vocabulary.py) for every allowed value.
"""
from __future__ import annotations

import os
import shutil
import traceback
from dataclasses import dataclass, fields
from functools import cache, partial
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..content import vocabulary
from ..content.load import as_id
from ..content.models import (Capability, Challenge, Council, Directory, Participation, Pledge, Product, Project,
                               Reorganisation, StackEntry, Topic)
from ..derive import matching
from ..derive.indexes import COUNCIL_FACETS, Derived, counties_of_districts
from ..derive.records import by_name
from .. import wording
from ..memory import collector_paused, frozen_for_fork
from ..wording import long_date, month_year
from . import charts, contexts, maps
from .addresses import Addresses
from .markdown import markdown
from .search_filters import FilterCounts, filters_of

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"

def money(value: int | None) -> str:
    return wording.money(value) if value is not None else ""


def number(value: int) -> str:
    return f"{value:,}"


def financial_year(year: Any) -> str:
    """A financial year (derive's FinancialYear) in words: '2026 to 2027'."""
    return wording.financial_year(year.year)


def environment() -> Environment:
    # Each template compiled once, then kept as Python bytecode between builds (a third of a second of a small
    # build): in Jinja's cache in the temporary folder, private to the user, keyed by the template's source.
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      extensions=["jinja2.ext.do"], auto_reload=False,  # templates do not change during a build
                      bytecode_cache=FileSystemBytecodeCache())
    env.filters.update(markdown=markdown, label=vocabulary.label, long_date=long_date, month=month_year,
                       as_stated=wording.date_as_stated,
                       money=money, number=number, slug=as_id, financial_year=financial_year, pledge=wording.pledge_words,
                       heading=lambda value, name: vocabulary.VOCABULARIES[name].heading(value),
                       meaning=lambda value, name: vocabulary.VOCABULARIES[name].meaning(value))
    env.globals.update(vocabulary=vocabulary.VOCABULARIES, FACETS=COUNCIL_FACETS, hexmap_credit=maps.CREDIT,
                       tag_colour=lambda value, name: vocabulary.VOCABULARIES[name].colour(value))
    return env


@dataclass(frozen=True)
class QueuedPage:
    """A page to render: its file, its template, and how to make its context. The context is made when the page
    is rendered, not when it is queued, so that `serve` can make and render the pages open in a browser first."""

    target: Path
    template: str
    context: Callable[[], Any]
    path: str  # its address on the site
    root: str  # how its links reach the site's root: "../" per folder, or the site's own path (the not-found page)
    reads_every_page: bool = False  # its context reads what every other page's made (the search page's filters)


Job = tuple[Path, str, dict[str, Any]]  # a page ready to render: its file, its template and its variables


class Pages:
    """Renders pages into the site, each at the address of its path (its index.html), from its context.

    Pages are queued by `add` and rendered by `finish`: in two processes when there are thousands, because
    rendering is most of a large build's time and each page is independent of the others.
    """

    def __init__(self, staging: Path, common: contexts.Common):
        self.staging, self.env = staging, environment()
        self.common, self.names = _variables(common), common.names
        self.search_filters = FilterCounts()  # the values of the filters of the pages made, for the search page
        self.queue: list[QueuedPage] = []
        self.paths: list[str] = []  # every page's path, for the sitemap

    def add(self, path: str, template: str, context: Callable[[], Any], *, reads_every_page: bool = False) -> None:
        """context: makes the page's context; a page that reads_every_page is made after every other."""
        self.paths.append(path)
        self.queue.append(QueuedPage(self.target(path), template, context, path, "../" * path.count("/"),
                                     reads_every_page))

    def target(self, path: str) -> Path:
        """The file of the page at this path."""
        return self.staging / path / "index.html" if path else self.staging / "index.html"

    def add_file(self, target: Path, template: str, context: Callable[[], Any], *, path: str, root: str) -> None:
        """A page written to a file of its own (404.html), not to a folder's index.html; not in the sitemap."""
        self.queue.append(QueuedPage(target, template, context, path, root))

    def made(self, queued: QueuedPage) -> Job:
        """The page's context made, and its search filters counted for the search page (once per page)."""
        context = queued.context()
        filters = filters_of(queued.template, context, self.names)
        if filters is not None:
            self.search_filters.add(filters)
        page = contexts.Page(root=queued.root, path=queued.path, search_filters=filters)
        return queued.target, queued.template, {**_variables(page), **_variables(context)}

    def make(self, queued: list[QueuedPage]) -> list[Job]:
        """Each page's context, in the order queued, but those that read every page after all the others."""
        with collector_paused():  # every page's context and map: many small objects, no cycles (directory/memory.py)
            jobs = {id(page): self.made(page) for page in sorted(queued, key=attrgetter("reads_every_page"))}
        return [jobs[id(page)] for page in queued]

    def finish(self) -> list[str]:
        """Render every queued page; returns the paths of the pages, in path order."""
        jobs = self.make(self.queue)
        self.queue = []
        in_parallel(self._render, jobs)
        return sorted(self.paths)

    def _render(self, job: Job) -> None:
        target, template, variables = job
        html = self.env.get_template(template).render(**self.common, **variables)
        # Each page's folder made as it is written, by the process that renders it: making 11,000 folders takes
        # 0.3-3 s on a busy file system, which one process did alone before both rendered.
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def _variables(context: Any) -> dict[str, Any]:
    """A context's fields as template variables (shallow: the records stay as they are)."""
    return {field.name: getattr(context, field.name) for field in fields(context)}


PARALLEL_FROM = 500  # pages; below this a second process costs more than it saves


def in_parallel(work: Callable[[Any], None], jobs: list[Any]) -> None:
    """Do work(job) for every job: every other one in a forked child process when there are many.

    The child inherits everything by fork, so nothing is pickled (see memory.frozen_for_fork).
    """
    if len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        for job in jobs:
            work(job)
        return
    with frozen_for_fork():
        child = os.fork()
        if child == 0:  # the child renders every other page, then leaves without running any cleanup
            status = 0
            try:
                for job in jobs[1::2]:
                    work(job)
            except BaseException:  # noqa: BLE001 - reported through the exit status
                traceback.print_exc()
                status = 1
            os._exit(status)
        for job in jobs[::2]:
            work(job)
        _, status = os.waitpid(child, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError("rendering pages in the second process failed (see above)")


def render(directory: Directory, derived: Derived, staging: Path, open_data: tuple[Any, ...],
           pages_type: Callable[[Path, contexts.Common], Pages] = Pages) -> list[str]:
    """Write every page into staging; returns the paths of the pages written. open_data: what the open-data
    page lists (outputs/open_data.py OPEN_DATA, handed in by the pipeline: render comes before outputs).
    pages_type: what renders the pages queued; `serve` gives site/changes.py's ChangedPages, which renders
    only the pages whose inputs changed since its last rendering."""
    urls = Addresses(directory.site)
    pages = pages_type(staging, contexts.Common(site=directory.site, urls=urls, names=contexts.Names(directory),
                                                today=directory.today))
    copy_static(staging)
    _queue(pages, urls, directory, derived, open_data)
    return pages.finish()


def _queue(pages: Pages, urls: Addresses, directory: Directory, derived: Derived, open_data: tuple[Any, ...]) -> None:
    """Every page of the site, queued with what makes its context."""
    pages.add(urls.home, "home.html", lambda: contexts.HomePage(derived.figures, derived.recently_reviewed))
    _councils(pages, urls, directory, derived)
    _vocabularies(pages, urls, directory, derived)
    _projects(pages, urls, directory, derived)
    _reorganisations(pages, urls, directory, derived)
    pages.add(urls.renewals, "renewals.html",
              lambda: contexts.RenewalsPage(derived.renewal_calendar, derived.renewal_windows))
    pages.add(urls.matches, "matches.html",
              lambda: contexts.MatchesPage(derived.strongest_matches, derived.match_summary, matching))
    # Made after every page search indexes, whose filters it lists.
    pages.add(urls.search, "search.html",
              lambda: contexts.SearchPage(derived.search_synonyms, pages.search_filters.choices()),
              reads_every_page=True)
    pages.add(urls.contribute, "contribute.html", lambda: contexts.ContributePage(_field_docs()))
    pages.add(urls.open_data, "open_data.html",
              lambda: contexts.OpenDataPage(open_data, _embed_examples(urls, directory, derived)))
    pages.add(urls.about, "about.html", contexts.PlainPage)
    # Served for any missing path, at any depth: its links are absolute from the site's own path.
    pages.add_file(pages.staging / urls.not_found, "404.html",
                   lambda: contexts.NotFoundPage(Markup((STATIC / "style.css").read_text(encoding="utf-8"))),
                   path=urls.not_found, root=urlsplit(directory.site.base_url).path)


def _reorganisations(pages: Pages, urls: Addresses, directory: Directory, derived: Derived) -> None:
    """The programme page (the reorganisations' index) and a page per reorganisation."""
    def programme_page() -> contexts.ReorganisationsPage:
        done = sorted((r for r in directory.reorganisations.values() if r.stage == "vested"),
                      key=lambda r: (-r.vesting.toordinal(), r.name))
        return contexts.ReorganisationsPage(
            derived.programme, charts.programme_timeline(derived.programme.timeline, directory.today),
            maps.programme_map(derived.programme, directory.councils), done)

    def area_page(reorganisation: Reorganisation) -> contexts.ReorganisationPage:
        proposals = derived.area_proposals[reorganisation.id]
        return contexts.ReorganisationPage(
            reorganisation, derived.boards[reorganisation.id], derived.reorganisation_peers.get(reorganisation.id, []),
            proposals, derived.done_before if reorganisation.stage != "vested" else {},
            maps.area_maps(reorganisation, proposals, directory.councils))

    def embed(page: Callable[[], contexts.ReorganisationPage]) -> contexts.ReorganisationEmbed:
        made = page()
        return contexts.ReorganisationEmbed(made.reorganisation, made.board, made.maps)

    pages.add(urls.reorganisations, "reorganisations.html", programme_page)
    for reorganisation in directory.reorganisations.values():
        page = cache(partial(area_page, reorganisation))  # the embed shows its board and maps
        pages.add(urls.reorganisation(reorganisation.id), "reorganisation.html", page)
        pages.add(urls.embed_reorganisation(reorganisation.id), "embed_reorganisation.html", partial(embed, page))


def _embed_examples(urls: Addresses, directory: Directory, derived: Derived) -> list[contexts.EmbedExample]:
    """The embeddable views, each with an example: the capability most councils record, the first area under way."""
    examples = []
    if directory.capabilities:
        capability = directory.capabilities[max(sorted(derived.capability_councils),
                                                key=derived.capability_councils.__getitem__)]
        examples.append(contexts.EmbedExample(
            "A capability: the products councils use for it, as a table, and each council on a map coloured by "
            "the product it records.", urls.embed_capability("{id}"), urls.embed_capability(capability.id),
            f"{capability.name}: what councils use", 1500))
    if directory.reorganisations:
        area = (derived.programme.timeline[0].reorganisation if derived.programme.timeline
                else next(iter(directory.reorganisations.values())))
        examples.append(contexts.EmbedExample(
            "A reorganisation: its councils on a map, where each goes, and its convergence board, each council's "
            "product for each capability side by side.", urls.embed_reorganisation("{id}"),
            urls.embed_reorganisation(area.id), f"{area.name}: convergence board", 1200))
    return examples


def copy_static(staging: Path) -> None:
    target = staging / "static"
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(STATIC.iterdir()):
        if source.is_file():
            shutil.copyfile(source, target / source.name)


def _councils(pages: Pages, urls: Addresses, directory: Directory, derived: Derived) -> None:
    @cache
    def rows() -> dict[str, contexts.CouncilRow]:
        return {council.id: contexts.CouncilRow.of(council) for council in directory.councils.values()}

    @cache
    def counts() -> dict[str, dict[str, int]]:
        return {facet: {value: len(councils) for value, councils in values.items()}
                for facet, values in derived.council_groups.items()}

    @cache
    def districts() -> dict[str, list[Council]]:  # county id -> its districts
        found: dict[str, list[Council]] = {}
        for district, county in counties_of_districts(directory).items():
            found.setdefault(county, []).append(directory.councils[district])
        return found

    def listed(councils: list[Council], facet: str | None = None, value: str | None = None) -> contexts.CouncilsPage:
        return contexts.CouncilsPage([rows()[council.id] for council in councils], len(directory.councils), facet,
                                     value, counts())

    def council_page(council: Council) -> contexts.CouncilPage:
        place = derived.council_places.get(council.id)
        # On its map: those the decision merges it with, else the councils of its area under way.
        reorganised_with = (place.merging_with or [directory.councils[c] for c in place.reorganisation.predecessors]
                            if place else [])
        return contexts.CouncilPage(
            council=council, stale=council.id in derived.stale_councils,
            predecessors=derived.council_predecessors.get(council.id, []),
            reorganisations=[directory.reorganisations[r] for r in derived.council_reorganisations.get(council.id, [])],
            matches=derived.matches.get(council.id, []), projects=derived.council_projects[council.id],
            place=place, partners=derived.merger_partners.get(council.id, []),
            contracts=derived.council_contracts.get(council.id, []),
            map=maps.council_map(council, reorganised_with, bool(place and place.merging_with),
                                 districts().get(council.id, ()), derived.council_predecessors.get(council.id, [])))

    pages.add(urls.councils, "councils.html", lambda: listed(by_name(directory.councils.values())))
    for facet, values in derived.council_groups.items():
        for value, councils in values.items():
            pages.add(urls.councils_by(facet, value), "councils.html", partial(listed, councils, facet, value))
    for council in directory.councils.values():
        pages.add(urls.council(council.id), "council.html", partial(council_page, council))


def _vocabularies(pages: Pages, urls: Addresses, directory: Directory, derived: Derived) -> None:
    products, projects = by_name(directory.products.values()), by_name(directory.projects.values())
    counties = frozenset(c.gss for c in directory.councils.values() if c.kind == "county" and c.status == "active" and c.gss)

    def capabilities_page() -> contexts.CapabilitiesPage:
        return contexts.CapabilitiesPage([
            (group, [contexts.CapabilityRow(capability, derived.capability_councils[capability.id],
                                            len(derived.capability_users[capability.id]))
                     for capability in by_name(c for c in directory.capabilities.values() if c.group == group.id)])
            for group in directory.capability_groups.values()])

    def capability_page(capability: Capability) -> contexts.CapabilityPage:
        return contexts.CapabilityPage(
            capability=capability, group=directory.capability_groups[capability.group],
            users=derived.capability_users[capability.id], councils=derived.capability_councils[capability.id],
            products=[p for p in products if capability.id in p.capabilities],
            projects=[p for p in projects if capability.id in p.capabilities],
            helpers=derived.capability_helpers.get(capability.id, []),
            seekers=derived.capability_seekers.get(capability.id, []),
            endings=derived.renewal_calendar.endings.get(capability.id, []),
            maps=maps.capability_maps(capability.name, derived.capability_users[capability.id], directory.products,
                                      urls.product, counties))

    def product_page(product: Product) -> contexts.ProductPage:
        return contexts.ProductPage(
            product, derived.product_users[product.id], derived.product_councils[product.id],
            [p for p in projects if p.product == product.id],
            maps.product_maps(product, derived.product_users[product.id], counties))

    def topic_page(topic: Topic) -> contexts.TopicPage:
        return contexts.TopicPage(topic, derived.topic_challenges[topic.id], derived.topic_helpers.get(topic.id, []),
                                  [p for p in projects if topic.id in p.topics])

    pages.add(urls.capabilities, "capabilities.html", capabilities_page)
    for capability in directory.capabilities.values():
        page = cache(partial(capability_page, capability))  # the embed shows the same
        pages.add(urls.capability(capability.id), "capability.html", page)
        pages.add(urls.embed_capability(capability.id), "embed_capability.html", page)
    pages.add(urls.products, "products.html", lambda: contexts.ProductsPage(
        [contexts.ProductRow(product, derived.product_councils[product.id]) for product in products]))
    for product in directory.products.values():
        pages.add(urls.product(product.id), "product.html", partial(product_page, product))
    pages.add(urls.topics, "topics.html", lambda: contexts.TopicsPage(
        [contexts.TopicRow(topic, len(derived.topic_challenges[topic.id])) for topic in by_name(directory.topics.values())]))
    for topic in directory.topics.values():
        pages.add(urls.topic(topic.id), "topic.html", partial(topic_page, topic))


def _projects(pages: Pages, urls: Addresses, directory: Directory, derived: Derived) -> None:
    def projects_page() -> contexts.ProjectsPage:
        by_kind: dict[str, list[contexts.ProjectRow]] = {kind: [] for kind in vocabulary.PROJECT_KIND.values}
        for project in by_name(directory.projects.values()):
            by_kind[project.kind].append(contexts.ProjectRow(project, len(derived.project_participants[project.id])))
        return contexts.ProjectsPage(by_kind, derived.funded_totals)

    def project_page(project: Project) -> contexts.ProjectPage:
        return contexts.ProjectPage(
            project, derived.project_participants[project.id], derived.project_pledges[project.id],
            derived.project_candidates.get(project.id, []), derived.project_phases[project.id])

    pages.add(urls.projects, "projects.html", projects_page)
    pages.add(urls.funded_work, "funded_work.html", lambda: contexts.FundedWorkPage(
        list(derived.funded_programmes.values()), derived.funded_totals, len(directory.projects)))
    for project in directory.projects.values():
        pages.add(urls.project(project.id), "project.html", partial(project_page, project))


def _field_docs() -> dict[str, list[tuple[str, str]]]:
    """Each part of a council profile, its fields and their descriptions, straight from the models."""
    parts = {"profile": Council, "stack": StackEntry, "challenges": Challenge, "projects": Participation,
             "pledge": Pledge}
    return {part: [(name, field.description or "") for name, field in model.model_fields.items()
                   if name != "id"] for part, model in parts.items()}
