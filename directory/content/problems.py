"""Problems found in the content: what is wrong, where, and how to fix it.

Every stage reports through these, so a council officer reads one kind of message whatever went wrong:
`content/councils/cumberland.yaml:12:14: error: ...`. Errors block the build; warnings do not
(unless `check --strict`, or, for those marked blocks_merge, `check --pull-request`).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repository root, with forward slashes
    line: int  # 1-based
    column: int  # 1-based
    severity: Severity
    message: str
    hint: str = ""
    # A warning that must still be fixed before merging (a placeholder, a person's address: hygiene.py).
    # Locally it warns; `check --pull-request` reports it as an error. Not part of a problem's identity.
    blocks_merge: bool = field(default=False, compare=False)

    def in_pull_request(self) -> Problem:
        """The problem as the pull-request check reports it."""
        return replace(self, severity="error") if self.blocks_merge else self

    def as_text(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} {self.hint}" if self.hint else text

    def as_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the changed line of the pull request."""
        kind = "error" if self.severity == "error" else "warning"
        body = _escape_data(f"{self.message} {self.hint}".strip())
        return (
            f"::{kind} file={_escape_property(self.path)},line={self.line},col={self.column},"
            f"title={_escape_property(self.severity + ' in ' + self.path)}::{body}"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """Collects every problem of a run, so that all of them are reported at once."""

    items: list[Problem] = field(default_factory=list)
    unreadable_paths: set[str] = field(default_factory=set)

    def unreadable(self, path: str, line: int, column: int, message: str, hint: str = "") -> None:
        """An error that stops a file being read at all. It is reported first: until it is mended, nothing
        else about that file can be checked."""
        self.unreadable_paths.add(path)
        self.error(path, line, column, message, hint)

    def error(self, path: str, line: int, column: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(path, line, column, "error", message, hint))

    def warning(self, path: str, line: int, column: int, message: str, hint: str = "", *,
                blocks_merge: bool = False) -> None:
        self.items.append(Problem(path, line, column, "warning", message, hint, blocks_merge))

    def sorted(self) -> list[Problem]:
        """Files that could not be read first, then every other problem by file, line and column."""
        return sorted(set(self.items), key=lambda problem: (problem.path not in self.unreadable_paths, problem))


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop the build."""
    return [p for p in problems if p.severity == "error"]


def warnings_in(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that are reported but do not stop the build (unless `check --strict`)."""
    return [p for p in problems if p.severity == "warning"]


class ContentError(Exception):
    """Raised by a stage when the content has errors; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(errors_in(problems))} error(s) in the content")
        self.problems = problems

    def __reduce__(self):  # pickled as its problems (a build's child process sends it back: memory.in_child)
        return ContentError, (self.problems,)


def did_you_mean(word: str, known: Iterable[str], noun: str) -> str:
    """A hint naming the closest known ids, for an id that does not resolve."""
    close = difflib.get_close_matches(word, list(known), n=3, cutoff=0.6)
    if not close:
        return ""
    quoted = " or ".join(f"'{c}'" for c in close)
    return f"Did you mean {quoted}?"
