"""The build, stage by stage. Nothing is written until all content is read, checked and derived."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .content.load import load
from .content.models import Directory
from .content.problems import ContentError, Problem, Problems, errors_in, warnings_in
from .content.validate import validate
from .derive.indexes import derive
from .outputs.open_data import OPEN_DATA, export
from .outputs.publish import publish, staging_folder
from .outputs.search import index_search
from .site.render import render


@dataclass(frozen=True)
class Checked:
    directory: Directory | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings_in(self.problems)


def check(content_dir: Path, today: date, repo_root: Path | None = None) -> Checked:
    """Load and validate a content tree, collecting every problem in every file."""
    problems = Problems()
    raw = load(content_dir, problems, repo_root)
    directory = validate(raw, problems, today)
    return Checked(directory, problems.sorted())


def build(content_dir: Path, out_dir: Path, today: date, repo_root: Path | None = None,
          search: bool = True) -> Checked:
    """Check, derive, render into a fresh folder, index, export, then swap it into place in one step."""
    checked = check(content_dir, today, repo_root)
    if checked.errors or checked.directory is None:
        raise ContentError(checked.problems)
    directory = checked.directory
    derived = derive(directory)
    with staging_folder(out_dir) as staging, ThreadPoolExecutor(max_workers=1) as background:
        pages = render(directory, derived, staging, OPEN_DATA)
        # Pagefind (its own process) reads only the pages, so it indexes them while export writes the data.
        indexing = background.submit(index_search, staging) if search else None
        export(directory, derived, staging, pages)
        if indexing is not None:
            indexing.result()
        publish(staging, out_dir)
    return checked
