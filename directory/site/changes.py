"""Rendering again only the pages whose inputs changed, for `python build.py serve`.

A page is made from its template, its context, what every page has (the site, today) and what it reads of the
records it looks up by id through `names` while it renders (a council page shows the names of the councils it
matches). `PageMemory` keeps these from the last rendering; `ChangedPages` renders only the pages whose inputs
differ (every page when a template changed), compares each with its file and writes only the files that changed,
after every page rendered without an error: a template that fails leaves the site as it was. The pages open in
a browser are the exception: they are written first, and put back should another page then fail. A record in a
context counts whole: a list of councils is rendered again when any profile in it changed, though it shows
only their names (it is then found unchanged, and not written).

A normal build never uses this: it renders every page (render.Pages), so what it writes cannot depend on it.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from jinja2 import Environment
from markupsafe import Markup
from pydantic import BaseModel

from . import contexts
from .render import Job, Pages

# What a page read of a record it looked up: the Names method, the id and the attribute, such as
# ("council", "cumberland", "name"); the attribute None stands for the lookup itself (the record exists).
LookUp = tuple[str, str, str | None]


@dataclass(frozen=True)
class _Rendered:
    template: str
    variables: dict[str, Any]  # the page's own variables: where it is and its context's fields
    looked_up: frozenset[LookUp]


@dataclass
class PageMemory:
    """What each page was last rendered from, by the file it was written to."""

    pages: dict[Path, _Rendered] = field(default_factory=dict)
    records: dict[LookUp, Any] = field(default_factory=dict)  # what pages read of the records they looked up
    common: tuple[Any, ...] | None = None  # the site and today
    env: Environment | None = None  # the templates, compiled once while they do not change


class _RecordingNames:
    """contexts.Names, noting what a page reads of each record it looks up: a council page that names the
    councils it matches depends on their names, not on the rest of their profiles."""

    def __init__(self, names: contexts.Names, read: dict[LookUp, Any]):
        self._names, self._read = names, read

    def __getattr__(self, kind: str) -> Any:
        lookup = getattr(self._names, kind)

        def recorded(record_id: str) -> _ReadRecord:
            record = lookup(record_id)
            self._read[(kind, record_id, None)] = True
            return _ReadRecord(record, kind, record_id, self._read)

        return recorded


class _ReadRecord:
    """A record looked up through names, noting each attribute the template reads of it (and what it was)."""

    __slots__ = ("_record", "_kind", "_id", "_read")

    def __init__(self, record: Any, kind: str, record_id: str, read: dict[LookUp, Any]):
        self._record, self._kind, self._id, self._read = record, kind, record_id, read

    def __getattr__(self, attribute: str) -> Any:
        value = getattr(self._record, attribute)
        self._read[(self._kind, self._id, attribute)] = value
        return value


class ChangedPages(Pages):
    """Pages (render.py) that renders only the pages whose inputs changed since `memory` was last updated.

    first: the site paths of the pages to bring up to date before any other (those open in a browser): their
    contexts are made, and the derived indexes they read worked out, before the others', their files written and
    `shown` told which changed. Should another page then fail, they are put back as they were (and `shown` told
    again), and nothing else is written.

    After `finish`, `changed` holds the site paths of the files written or removed ('councils/cumberland/',
    '404.html'), `shown_first` those of them `shown` was told, and `rendered` how many pages were rendered.
    """

    def __init__(self, memory: PageMemory, staging: Path, common: contexts.Common, *, templates_changed: bool,
                 first: Collection[str] = (), shown: Callable[[list[str]], None] = lambda paths: None):
        super().__init__(staging, common)
        self.memory, self.first, self.shown = memory, frozenset(first), shown
        self.everything = templates_changed or memory.common is None or \
            not same(memory.common, (common.site, common.today))
        if memory.env is not None and not templates_changed:
            self.env = memory.env  # compiling the templates again would cost more than most rebuilds
        self.changed: list[str] = []
        self.shown_first: list[str] = []
        self.rendered = 0

    def finish(self) -> list[str]:
        queued, self.queue = self.queue, []
        memory, records = self.memory, _Records(self.common["names"], self.memory.records)
        wanted = {self.target(path) for path in self.first}
        early = [page for page in queued if page.target in wanted and not page.reads_every_page]
        outcomes = self._look_at(self.make(early), records)  # raises before anything is written
        before: dict[Path, bytes | None] = {}  # what the pages written first held, to put back on a failure
        for (target, _, _), html, _ in outcomes:
            contents, data = _contents(target), html.encode("utf-8")
            if data != contents:
                before[target] = contents
                _write(target, data)
        self.shown_first = [self._site_path(target) for target in before]
        if early:
            self.shown(self.shown_first)
        made_early = {id(page) for page in early}
        try:
            rest = self._look_at(self.make([page for page in queued if id(page) not in made_early]), records)
        except BaseException:
            for target, contents in before.items():
                _put_back(target, contents, self.staging)
            if before:
                self.shown(self.shown_first)
            raise
        self.changed = list(self.shown_first)
        for (target, _, _), html, _ in rest:
            if _write_if_changed(target, html):
                self.changed.append(self._site_path(target))
        outcomes += rest
        self.rendered = len(outcomes)
        for (target, template, variables), _, looked_up in outcomes:
            memory.pages[target] = _Rendered(template, variables, frozenset(looked_up))
            memory.records.update(looked_up)
        queued_targets = {page.target for page in queued}
        for target in [target for target in memory.pages if target not in queued_targets]:
            del memory.pages[target]
            _remove(target, self.staging)
            self.changed.append(self._site_path(target))
        for key in records.gone:
            memory.records.pop(key, None)
        memory.records.update(records.now)
        memory.common = (self.common["site"], self.common["today"])
        memory.env = self.env
        self.changed.sort()
        return sorted(self.paths)

    def _look_at(self, jobs: list[Job], records: _Records) -> list[tuple[Job, str, dict[LookUp, Any]]]:
        """Each page whose inputs changed, rendered. In one process: a second one (as render.in_parallel
        forks for a build) was measured to save next to nothing here, the comparing being shared too."""
        return [(job, *self._render_recording(job)) for job in jobs
                if self.everything or _changed(self.memory.pages.get(job[0]), job, records)]

    def _render_recording(self, job: tuple[Path, str, dict[str, Any]]) -> tuple[str, dict[LookUp, Any]]:
        _, template, variables = job
        looked_up: dict[LookUp, Any] = {}
        common = {**self.common, "names": _RecordingNames(self.common["names"], looked_up)}
        return self.env.get_template(template).render(**common, **variables), looked_up

    def _site_path(self, target: Path) -> str:
        path = target.relative_to(self.staging).as_posix()
        return path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path


class _Records:
    """Which of the records pages looked up last time changed since, each worked out once. Every page kept in
    PageMemory has all it looked up in `before` (what it read is added as it renders; what is gone is removed only
    once every page that looked it up has been rendered again), so the changed ones are found by going through
    `before` once, and a page asks only whether it read any of them: at 10,000 councils, one set operation per page
    instead of some eighty lookups."""

    def __init__(self, names: contexts.Names, before: dict[LookUp, Any]):
        self.names, self.before = names, before
        self.known: dict[tuple[int, int], bool] = {}  # see same()
        self.now: dict[LookUp, Any] = {}  # the records that changed, as they are now
        self.gone: set[LookUp] = set()  # looked up last time, no longer there
        self._changed: set[LookUp] | None = None

    @property
    def changed(self) -> set[LookUp]:
        if self._changed is None:
            self._changed = {key for key, value in self.before.items() if self._differs(key, value)}
        return self._changed

    def _differs(self, key: LookUp, before: Any) -> bool:
        kind, record_id, attribute = key
        try:
            record = getattr(self.names, kind)(record_id)
            value = True if attribute is None else getattr(record, attribute)
        except (KeyError, AttributeError):
            self.gone.add(key)
            return True
        if same(value, before, self.known):
            return False
        self.now[key] = value
        return True


def _changed(before: _Rendered | None, job: tuple[Path, str, dict[str, Any]], records: _Records) -> bool:
    _, template, variables = job
    return (before is None or before.template != template or not same(before.variables, variables, records.known)
            or not records.changed.isdisjoint(before.looked_up))


def same(first: Any, second: Any, known: dict[tuple[int, int], bool] | None = None) -> bool:
    """Whether two values render alike: equal, of the same types, and every dict in the same order (templates
    show a dict's entries in its order, which == ignores). Records (pydantic models) compare with ==: one read
    from an unchanged file is the very same object (content/cache.py). known: verdicts on large values already
    compared, by the values' ids, as many pages share them (every council list page has the same groups)."""
    if first is second:
        return True
    kind = type(first)
    if kind is not type(second):
        return False
    if _plain(kind):
        return bool(first == second)
    large = known is not None and (kind not in _SEQUENCES or len(first) > 16)
    if large and (verdict := known.get((id(first), id(second)))) is not None:
        return verdict
    if kind is dict:
        verdict = len(first) == len(second) and all(
            key == other_key and same(value, other_value, known)
            for (key, value), (other_key, other_value) in zip(first.items(), second.items()))
    elif kind in _SEQUENCES:
        verdict = len(first) == len(second) and (
            bool(first == second) if all(map(_plain, set(map(type, first)))) else
            all(same(a, b, known) for a, b in zip(first, second)))
    elif is_dataclass(first):
        verdict = all(same(getattr(first, name), getattr(second, name), known) for name in _field_names(kind))
    else:
        verdict = bool(first == second)
    if large:
        known[(id(first), id(second))] = verdict
    return verdict


_SEQUENCES = (list, tuple)
_SCALARS = (str, int, float, bool, type(None), date, Markup)


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    """The fields that make a dataclass what it is (not those kept only to sort it by, compare=False)."""
    return tuple(each.name for each in fields(kind) if each.compare)


@lru_cache(maxsize=None)
def _plain(kind: type) -> bool:
    """Whether == tells alike from different for values of this type: no dict can be inside one (so no order to
    check), by its type hints. Scalars, records (pydantic models) and dataclasses of such things are plain."""
    if issubclass(kind, _SCALARS) or issubclass(kind, BaseModel) or kind in (set, frozenset):
        return True
    if not is_dataclass(kind):
        return False
    try:
        hints = get_type_hints(kind)
    except Exception:  # noqa: BLE001 - a hint that cannot be resolved: walk its fields instead
        return False
    return all(_plain_hint(hints[name], {kind}) for name in _field_names(kind))


def _plain_hint(hint: Any, seen: set[type]) -> bool:
    origin = get_origin(hint)
    if origin is None:
        if hint is type(None) or hint in seen:
            return True
        if not isinstance(hint, type):
            return False  # Any, a type variable: anything may be inside
        if is_dataclass(hint) and not issubclass(hint, _SCALARS):
            hints = get_type_hints(hint)
            return all(_plain_hint(hints[name], seen | {hint}) for name in _field_names(hint))
        return hint is not dict and _plain(hint)
    if origin is Literal:
        return True
    if origin in (list, tuple, set, frozenset, Union, UnionType):
        return all(_plain_hint(argument, seen) for argument in get_args(hint) if argument is not Ellipsis)
    return False  # dict, and anything else that may hold one


def _write_if_changed(target: Path, html: str) -> bool:
    """Write the page unless its file already holds it."""
    data = html.encode("utf-8")
    if _contents(target) == data:
        return False
    _write(target, data)
    return True


def _contents(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except FileNotFoundError:
        return None


def _write(target: Path, data: bytes) -> None:
    """The page's file replaced in one step, never seen half written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, target)


def _put_back(target: Path, contents: bytes | None, staging: Path) -> None:
    """A page's file as it was before this rendering (None: there was none)."""
    if contents is None:
        _remove(target, staging)
    else:
        _write(target, contents)


def _remove(target: Path, staging: Path) -> None:
    """Remove a page that is no longer made, and the folders it leaves empty."""
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != staging and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
