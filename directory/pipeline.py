"""The build, stage by stage. Nothing is written until all content is read, checked and derived."""
from __future__ import annotations

import os
import shutil
import time
import traceback
from collections.abc import Callable, Collection, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from .content.cache import ContentCache
from .content.check import check
from .content.models import Directory
from .content.problems import ContentError, Problem, errors_in, warnings_in
from .derive.indexes import Derived, derive
from .derive.matching import MatchMemory
from .memory import collect_set_aside, collector_paused, in_child, set_aside
from .outputs.open_data import OPEN_DATA, export
from .outputs.publish import publish, staging_folder
from .outputs.search import index_search, indexing
from .site.changes import ChangedPages, PageMemory
from .site.render import TEMPLATES, render


@dataclass(frozen=True)
class Built:
    """What a build reports: the problems found (warnings: content with errors raises ContentError instead)."""

    problems: list[Problem]
    councils: int  # council profiles published

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)


def build(content_dir: Path, out_dir: Path, today: date, repo_root: Path | None = None,
          search: bool = True) -> Built:
    """Check, derive, render and export into a fresh folder, index it, then swap it into place in one step.

    A child process writes the site (memory.in_child), so that its memory is given back once it has written it.
    Pagefind, its own process, starts as soon as the pages are written and reads them while the child exports
    the open data; it takes most of its memory only after reading every page, by which time the child has ended
    (the figures: benchmarks/README.md, "Where the build's memory goes")."""
    with staging_folder(out_dir) as staging, in_child(partial(_write_site, Path(content_dir), staging, today,
                                                              repo_root)) as writing:
        writing.heard()  # the pages are written
        with indexing(staging) if search else nullcontext():
            built = writing.result()
        publish(staging, out_dir)
    return built


def _write_site(content_dir: Path, staging: Path, today: date, repo_root: Path | None,
                tell: Callable[[object], None]) -> Built:
    checked = check(content_dir, today, repo_root)
    if checked.errors or checked.directory is None:
        raise ContentError(checked.problems)
    derived = derive(checked.directory)
    pages = render(checked.directory, derived, staging, OPEN_DATA)
    tell("pages written")
    export(checked.directory, derived, staging, pages)
    return Built(checked.problems, len(checked.directory.councils))


# ----------------------------------------------------------------------------------------------
# The preview `serve` shows: rebuilt in place after each change, only what the change touches


@dataclass(frozen=True)
class Rebuilt:
    """What one rebuild of the preview did."""

    problems: list[Problem]  # every problem found; with errors, nothing was written
    changed: list[str] | None  # site paths of the pages written or removed ('councils/x/'); None: not rebuilt
    rendered: int  # pages rendered to find them
    seconds: dict[str, float]  # stage -> wall seconds
    shown_first: list[str] = field(default_factory=list)  # those of `changed` already shown (Preview.rebuild)

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)


class Preview:
    """A site kept up to date in out_dir while its content and templates change (`python build.py serve`).

    Each rebuild checks the content again, reading and validating only the files changed since (ContentCache).
    The pages open in a browser come first: the indexes they read are worked out (Derived), matching only what
    the changed profiles touch (MatchMemory), and they are rendered, written if they changed and shown. Then every
    other index and page, rendering only the pages whose inputs changed (site/changes.py), and writing each page
    whose file changed. Content with errors, or a template that fails, leaves the last good site (a page shown
    first is put back). The open data and the search index are made again afterwards (`refresh_outputs`), as
    they take longer than the pages and are not what is on screen.
    """

    def __init__(self, content_dir: Path, out_dir: Path, today: date, repo_root: Path):
        self.content_dir, self.out_dir, self.today, self.repo_root = Path(content_dir), Path(out_dir), today, repo_root
        self.cache, self.memory, self.matched = ContentCache(), PageMemory(), MatchMemory()
        self.built: tuple[Directory, Derived, list[str]] | None = None  # the last good site's, for refresh_outputs
        self.templates_changed = False  # since the last good site: every page is rendered again
        self.outputs_current = False

    def rebuild(self, changed_files: Iterable[Path] = (), templates_changed: bool = False,
                first: Collection[str] = (), shown: Callable[[list[str]], None] = lambda paths: None) -> Rebuilt:
        """Bring the site up to date after these files changed (all of them, the first time). first: the site
        paths of the pages open ('councils/x/'), brought up to date before the others; shown(paths) is told
        which of them changed as soon as they are written (and again should they be put back)."""
        self.cache.forget(changed_files)
        self.templates_changed = self.templates_changed or templates_changed
        with collector_paused():  # see directory/memory.py; the preview's heap is large and long-lived
            try:
                return self._rebuild(self.templates_changed, first, shown)
            finally:
                set_aside()  # what the rebuild made is collected by collect_garbage(), once the page reloaded

    def _rebuild(self, templates_changed: bool, first: Collection[str], shown: Callable[[list[str]], None]
                 ) -> Rebuilt:
        started = time.perf_counter()
        checked = check(self.content_dir, self.today, self.repo_root, self.cache)
        seconds = {"check": time.perf_counter() - started}
        if checked.errors or checked.directory is None:
            return Rebuilt(checked.problems, None, 0, seconds)
        made: list[ChangedPages] = []

        def stage(name: str) -> None:
            seconds[name] = time.perf_counter() - started - sum(seconds.values())

        def shown_first(paths: list[str]) -> None:
            if "open pages" not in seconds:
                stage("open pages")
            shown(paths)

        def changed_pages(staging: Path, common: Any) -> ChangedPages:
            made.append(ChangedPages(self.memory, staging, common, templates_changed=templates_changed,
                                     first=first, shown=shown_first))
            return made[-1]

        try:
            derived = Derived(checked.directory, self.matched)
            if not first:
                derived.everything()
                stage("derive")
            pages = render(checked.directory, derived, self.out_dir, OPEN_DATA, changed_pages)
        except Exception as error:  # noqa: BLE001 - a broken template or a bug: reported, the last site kept
            return Rebuilt(checked.problems + [failure_problem(error, self.repo_root)], None, 0, seconds)
        stage("other pages" if "open pages" in seconds else "render")
        self.built, self.outputs_current, self.templates_changed = (checked.directory, derived, pages), False, False
        return Rebuilt(checked.problems, made[0].changed, made[0].rendered, seconds, made[0].shown_first)

    def collect_garbage(self) -> None:
        """What the rebuilds since the last call made and no longer use: set aside until now, so that the open
        page was told to reload without waiting for the collector (directory/memory.py)."""
        collect_set_aside()

    def refresh_outputs(self, interrupted: Callable[[], bool] = lambda: False) -> bool:
        """The open data and the search index of the last good site; stops early (False) once interrupted()."""
        if self.built is None or self.outputs_current:
            return True
        directory, derived, pages = self.built
        export(directory, derived, self.out_dir, pages)
        if interrupted():
            return False
        fresh, old = self.out_dir / ".pagefind-new", self.out_dir / ".pagefind-old"
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        index_search(self.out_dir, fresh)
        if (self.out_dir / "pagefind").exists():
            os.rename(self.out_dir / "pagefind", old)
        os.rename(fresh, self.out_dir / "pagefind")
        shutil.rmtree(old, ignore_errors=True)
        self.outputs_current = True
        return True


def failure_problem(error: Exception, repo_root: Path) -> Problem:
    """A template that cannot be read or rendered (or a failure of the build itself), as a problem on its line."""
    line = getattr(error, "lineno", None)
    name = getattr(error, "filename", None)
    if name is None or line is None:  # a failure while rendering: the innermost frame in a template says where
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if Path(frame.filename).resolve().is_relative_to(TEMPLATES)]
        name, line = (frames[-1].filename, frames[-1].lineno) if frames else (None, None)
    if name is None:
        traceback.print_exception(error)
        return Problem("build.py", 1, 1, "error", f"the preview could not be built ({type(error).__name__}: {error}).",
                       "The traceback above says where.")
    file = Path(name).resolve()
    shown = file.relative_to(repo_root.resolve()).as_posix() if file.is_relative_to(repo_root.resolve()) else str(file)
    message = getattr(error, "message", None) or str(error)
    return Problem(shown, line or 1, 1, "error", f"the template cannot be used: {message}.")
