"""Stage 4, render: one Jinja2 template per page type, written into the staging folder.

Every page lives at a folder path such as 'councils/cumberland/' (its index.html) and links to the
others relatively (`root` is '../' once per level), because the site is served from a sub-path.
Templates only format: what they show is computed in derive.py; the labels below turn ids and
enumerations into words.
"""
from __future__ import annotations

import gc
import os
import re
import shutil
import traceback
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..content.models import Challenge, Council, Directory, Participation, Pledge, StackEntry
from ..derive import matching
from ..derive.indexes import COUNCIL_FACETS, Derived
from ..derive.records import by_name
from ..outputs import open_data as export
from ..wording import MONTHS, long_date, month_year
from .markdown import markdown

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"

LABELS: dict[str, dict[str, str]] = {
    "kind": {"county": "County council", "district": "District council", "unitary": "Unitary authority",
             "metropolitan-district": "Metropolitan district", "london-borough": "London borough",
             "sui-generis": "Sui generis authority"},
    "nation": {"england": "England", "scotland": "Scotland", "wales": "Wales", "northern-ireland": "Northern Ireland"},
    "status": {"active": "Active", "abolished": "Abolished", "forthcoming": "Forthcoming"},
    "hosting": {"saas": "Software as a service", "cloud": "Cloud", "on-premises": "On premises",
                "shared-service": "Shared service"},
    "role": {"lead": "Lead", "partner": "Partner", "user": "User", "funder": "Funder"},
    "roles": {"lead": "Leading", "funder": "Funding", "partner": "Partners", "user": "Using it"},
    "challenge": {"exploring": "Exploring", "planning": "Planning", "in-progress": "In progress", "done": "Done"},
    "seeking": {"partners": "Partners", "advice": "Advice", "funding": "Funding", "testers": "Testers",
                "suppliers": "Suppliers"},
    "project_kind": {"module": "Shared module", "fund": "Community-fund project", "collaboration": "Collaboration"},
    "project_kinds": {"module": "Shared modules", "fund": "Community-fund projects", "collaboration": "Collaborations"},
    "project_status": {"proposed": "Proposed", "active": "Active", "maintained": "Maintained",
                       "completed": "Completed", "archived": "Archived"},
    "reorganisation": {"proposed": "Proposed", "agreed": "Agreed", "vested": "Vested"},
    "facet": {"nation": "Nation", "region": "Region", "kind": "Kind of council", "status": "Status"},
}
# Tag colours, GOV.UK style: a tag says a state, its colour only repeats it.
TAG_COLOURS: dict[str, dict[str, str]] = {
    "status": {"active": "green", "abolished": "grey", "forthcoming": "blue"},
    "challenge": {"exploring": "blue", "planning": "purple", "in-progress": "yellow", "done": "green"},
    "project_status": {"proposed": "blue", "active": "green", "maintained": "turquoise", "completed": "grey",
                       "archived": "grey"},
    "reorganisation": {"proposed": "blue", "agreed": "yellow", "vested": "green"},
    "agreement": {"agree": "green", "differ": "orange", "single": "grey", "none": "grey"},
}
INDEXED = {"council.html": "Council", "product.html": "Product", "project.html": "Project",
           "capability.html": "Capability", "topic.html": "Topic", "reorganisation.html": "Reorganisation"}


def slug(value: str) -> str:
    """'Yorkshire and The Humber' -> 'yorkshire-and-the-humber': a facet value as a folder name."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def label(value: str, kind: str) -> str:
    return LABELS.get(kind, {}).get(value, value)


def money(value: int | None) -> str:
    return f"£{value:,}" if value is not None else ""


def number(value: int) -> str:
    return f"{value:,}"


def quarter_label(quarter: Any) -> str:
    """'Jan to Mar 2027': short, for a column heading."""
    first = MONTHS[3 * quarter.number - 3][:3]
    last = MONTHS[3 * quarter.number - 1][:3]
    return f"{first} to {last} {quarter.year}"


def quarters_span(first: Any, last: Any) -> str:
    """'October 2026 to September 2027': the months from the start of one quarter to the end of another."""
    return f"{MONTHS[3 * first.number - 3]} {first.year} to {MONTHS[3 * last.number - 1]} {last.year}"


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      extensions=["jinja2.ext.do"], auto_reload=False)  # templates do not change during a build
    env.filters.update(markdown=markdown, label=label, long_date=long_date, month=month_year, money=money,
                       number=number, slug=slug, quarter=quarter_label)
    env.globals.update(quarters_span=quarters_span)
    env.globals.update(tag_colour=lambda value, kind: TAG_COLOURS[kind].get(value, "grey"),
                       LABELS=LABELS, FACETS=COUNCIL_FACETS)
    return env


class Pages:
    """Writes pages into the site, each at a path like 'councils/cumberland/' (its index.html).

    Pages are queued by `write` and rendered by `finish`: in two processes when there are thousands,
    because rendering is most of a large build's time and each page is independent of the others.
    """

    def __init__(self, staging: Path, directory: Directory, derived: Derived):
        self.staging, self.env = staging, environment()
        self.common = {"site": directory.site, "directory": directory, "derived": derived,
                       "today": directory.today, "edit_url": _edit_url(directory), "feeds": _feeds()}
        self.queue: list[tuple[Path, str, dict[str, Any]]] = []

    def write(self, path: str, template: str, **context: Any) -> None:
        target = self.staging / path / "index.html" if path else self.staging / "index.html"
        self.write_file(target, template, root="../" * path.count("/"), path=path, **context)

    def write_file(self, target: Path, template: str, **context: Any) -> None:
        self.queue.append((target, template, context))

    def finish(self) -> None:
        """Render every queued page."""
        jobs, self.queue = self.queue, []
        for target in sorted({target.parent for target, _, _ in jobs}):
            target.mkdir(parents=True, exist_ok=True)
        in_parallel(self._render, jobs)

    def _render(self, job: tuple[Path, str, dict[str, Any]]) -> None:
        target, template, context = job
        html = self.env.get_template(template).render(**self.common, search_type=INDEXED.get(template), **context)
        target.write_text(html, encoding="utf-8")


PARALLEL_FROM = 500  # pages; below this a second process costs more than it saves


def in_parallel(work: Callable[[Any], None], jobs: list[Any]) -> None:
    """Do work(job) for every job: every other one in a forked child process when there are many.

    The child inherits everything by fork, so nothing is pickled; gc.freeze keeps the collector from
    touching (and so copying) the parent's objects in the child.
    """
    if len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        for job in jobs:
            work(job)
        return
    gc.freeze()
    try:
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
    finally:
        gc.unfreeze()


def render(directory: Directory, derived: Derived, staging: Path) -> None:
    pages = Pages(staging, directory, derived)
    copy_static(staging)
    pages.write("", "home.html")
    _councils(pages, directory, derived)
    _vocabularies(pages, directory)
    pages.write("projects/", "projects.html", by_kind=_projects_by_kind(directory))
    for project in directory.projects.values():
        pages.write(f"projects/{project.id}/", "project.html", project=project,
                    pledges=derived.project_pledges[project.id])
    pages.write("reorganisations/", "reorganisations.html",
                reorganisations=sorted(directory.reorganisations.values(), key=lambda r: (-r.vesting.toordinal(), r.name)))
    for reorganisation in directory.reorganisations.values():
        pages.write(f"reorganisations/{reorganisation.id}/", "reorganisation.html", reorganisation=reorganisation,
                    board=derived.boards[reorganisation.id])
    pages.write("renewals/", "renewals.html", calendar=derived.renewal_calendar)
    pages.write("matches/", "matches.html", strongest=matching.strongest(derived.all_matches),
                summary=matching.summarise(derived.all_matches), rules=matching)
    pages.write("search/", "search.html")
    pages.write("contribute/", "contribute.html", fields=_field_docs())
    pages.write("open-data/", "open_data.html", files=export.OPEN_DATA)
    pages.write("about/", "about.html")
    # Served for any missing path, at any depth: its links are absolute from the site's own path.
    pages.write_file(staging / "404.html", "404.html", root=urlsplit(directory.site.base_url).path, path="404.html",
                     inline_css=Markup((STATIC / "style.css").read_text(encoding="utf-8")))
    pages.finish()


def copy_static(staging: Path) -> None:
    target = staging / "static"
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(STATIC.iterdir()):
        if source.is_file():
            shutil.copyfile(source, target / source.name)


def _councils(pages: Pages, directory: Directory, derived: Derived) -> None:
    pages.write("councils/", "councils.html", councils=by_name(directory.councils.values()), facet=None, value=None)
    for facet, values in derived.council_groups.items():
        for value, councils in values.items():
            pages.write(f"councils/by-{facet}/{slug(value)}/", "councils.html", councils=councils, facet=facet,
                        value=value)
    for council in directory.councils.values():
        pages.write(f"councils/{council.id}/", "council.html", council=council)


def _vocabularies(pages: Pages, directory: Directory) -> None:
    products, projects = by_name(directory.products.values()), by_name(directory.projects.values())
    pages.write("capabilities/", "capabilities.html")
    for capability in directory.capabilities.values():
        pages.write(f"capabilities/{capability.id}/", "capability.html", capability=capability,
                    products=[p for p in products if capability.id in p.capabilities],
                    projects=[p for p in projects if capability.id in p.capabilities])
    pages.write("products/", "products.html", products=products)
    for product in directory.products.values():
        pages.write(f"products/{product.id}/", "product.html", product=product,
                    modules=[p for p in projects if p.product == product.id])
    pages.write("topics/", "topics.html")
    for topic in directory.topics.values():
        pages.write(f"topics/{topic.id}/", "topic.html", topic=topic,
                    projects=[p for p in projects if topic.id in p.topics])


def _projects_by_kind(directory: Directory) -> dict[str, list[Any]]:
    by_kind: dict[str, list[Any]] = {kind: [] for kind in LABELS["project_kind"]}
    for project in by_name(directory.projects.values()):
        by_kind[project.kind].append(project)
    return by_kind


def _feeds() -> dict[str, str]:
    """Where export writes the Atom feeds: 'changes' (site-wide) and 'capability' (with <id> in it)."""
    return {"changes": export.CHANGES_FEED.path, "capability": export.CAPABILITY_FEED.path}


def _edit_url(directory: Directory) -> str:
    """The start of GitHub's web-editor link for a content file: append 'councils/<id>.yaml'."""
    site = directory.site
    return f"{site.repository.rstrip('/')}/edit/{site.branch}/content/"


def _field_docs() -> dict[str, list[tuple[str, str]]]:
    """Each part of a council profile, its fields and their descriptions, straight from the models."""
    parts = {"profile": Council, "stack": StackEntry, "challenges": Challenge, "projects": Participation,
             "pledge": Pledge}
    return {part: [(name, field.description or "") for name, field in model.model_fields.items()
                   if name != "id"] for part, model in parts.items()}
