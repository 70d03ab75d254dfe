"""What search can narrow the results by: the filters each indexed page carries, and every filter's values.

The one home of search's filters. Each page search indexes carries its filters as hidden elements Pagefind reads
(templates/base.html), and the search page lists every value with the number of pages carrying it, counted here
as the pages are queued, so that a visitor's browser shows the filters without downloading Pagefind's filter
index (at 10,000 councils, 380 KB before the first search): Pagefind fetches a filter's index only when a value
of it is chosen.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Callable

from ..content import vocabulary
from . import contexts
from .contexts import FilterChoice, Filters

# Each filter and its legend on the search page, in the order the page shows them.
FILTERS = (("type", "Type of page"), ("nation", "Nation"), ("region", "Region"), ("capability", "Capability"),
           ("product", "Product"))


def _council(page: contexts.CouncilPage, names: contexts.Names) -> dict[str, list[str]]:
    council = page.council
    return {"type": ["Council"], "nation": [vocabulary.label(council.nation, "nation")], "region": [council.region],
            "capability": [names.capability(entry.capability).name for entry in council.stack],
            "product": [names.product(entry.product).name for entry in council.stack]}


def _product(page: contexts.ProductPage, names: contexts.Names) -> dict[str, list[str]]:
    return {"type": ["Product"], "product": [page.product.name],
            "capability": [names.capability(capability).name for capability in page.product.capabilities]}


def _capability(page: contexts.CapabilityPage, names: contexts.Names) -> dict[str, list[str]]:
    # The products that serve it, used by a council or not.
    return {"type": ["Capability"], "capability": [page.capability.name],
            "product": [names.product(product).name for product in page.users] + [p.name for p in page.products]}


def _project(page: contexts.ProjectPage, names: contexts.Names) -> dict[str, list[str]]:
    project = page.project
    return {"type": ["Project"], "product": [names.product(project.product).name] if project.product else [],
            "capability": [names.capability(capability).name for capability in project.capabilities]}


def _topic(page: contexts.TopicPage, names: contexts.Names) -> dict[str, list[str]]:
    return {"type": ["Topic"]}


def _reorganisation(page: contexts.ReorganisationPage, names: contexts.Names) -> dict[str, list[str]]:
    return {"type": ["Reorganisation"], "region": [council.region for council in page.board.predecessors]}


# The page types search indexes (by template), and what each is filtered by.
INDEXED: dict[str, Callable[[Any, contexts.Names], dict[str, list[str]]]] = {
    "council.html": _council, "product.html": _product, "capability.html": _capability, "project.html": _project,
    "topic.html": _topic, "reorganisation.html": _reorganisation}


def filters_of(template: str, context: Any, names: contexts.Names) -> Filters | None:
    """The filters of a page made with this template from this context; None when search leaves the page out."""
    found = INDEXED.get(template)
    if found is None:
        return None
    values = found(context, names)
    return tuple((key, tuple(sorted(set(values[key]), key=_by_name))) for key, _ in FILTERS if values.get(key))


class FilterCounts:
    """How many pages carry each value of each filter, as the pages are queued."""

    def __init__(self) -> None:
        self._counts: dict[str, Counter[str]] = {key: Counter() for key, _ in FILTERS}
        self._read = False

    def add(self, filters: Filters) -> None:
        if self._read:
            raise RuntimeError("a page search indexes was queued after the search page read the filters' counts")
        for key, values in filters:
            self._counts[key].update(values)

    def choices(self) -> tuple[FilterChoice, ...]:
        """Every filter with a value, as the search page lists them (no page may be queued after this)."""
        self._read = True
        return tuple(FilterChoice(key, legend, tuple((value, self._counts[key][value])
                                                     for value in sorted(self._counts[key], key=_by_name)))
                     for key, legend in FILTERS if self._counts[key])


def _by_name(value: str) -> tuple[str, str]:
    return value.casefold(), value
