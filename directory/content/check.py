"""The check: stages 1 and 2 together, as `python build.py check` runs them on every pull request.

Its own module, apart from the pipeline, so that checking imports only what reads and validates the content:
not Jinja, markdown-it, derive or the outputs, which only a build needs (build.py imports them only to build).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .cache import ContentCache
from .load import load
from .models import Directory
from .problems import Problem, Problems, errors_in, warnings_in
from .validate import validate


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


def check(content_dir: Path, today: date, repo_root: Path | None = None, cache: ContentCache | None = None) -> Checked:
    """Load and validate a content tree, collecting every problem in every file. cache: what `serve` keeps between
    rebuilds, so that only the files changed since are read and validated again."""
    problems = Problems()
    raw = load(content_dir, problems, repo_root, cache)
    directory = validate(raw, problems, today, cache)
    return Checked(directory, problems.sorted())
