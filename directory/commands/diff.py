"""What a change does to the directory: compare the derived directory of two content trees.

`python build.py diff BASE` reads the base (a content folder, or the repository's content/ at a git ref)
and the current content, checks and derives both with the same code, and says what changed in the words
of the domain: profiles and projects added, removed or changed; stack entries, challenges and project
participations (with pledges) added, removed or changed; matches gained and lost; warnings new in the
change. The pull-request workflow writes it into the job summary; it is as useful locally.
"""
from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from ..content.models import Council, Directory, Model, Participation, Pledge, StackEntry
from ..content.problems import Problem
from ..derive.indexes import Derived, derive
from ..content.check import Checked, check
from ..wording import pledge_words
from .report import Report


class BaseNotFound(Exception):
    """The base is neither a content folder nor a git ref holding one."""


@dataclass(frozen=True)
class Tree:
    """One side of the comparison: a content tree, checked and (when valid) derived."""

    label: str
    checked: Checked
    derived: Derived | None
    prefix: str  # the content folder's path as problems show it, to compare problems across trees

    @property
    def directory(self) -> Directory | None:
        return self.checked.directory

    def problem_key(self, problem: Problem) -> tuple[str, str]:
        # Lines move when a file is edited, so a warning is "the same" if its file and message are.
        return problem.path.removeprefix(self.prefix), problem.message


def read_tree(content_dir: Path, today: date, repo_root: Path, label: str) -> Tree:
    checked = check(content_dir, today, repo_root)
    derived = derive(checked.directory) if checked.directory is not None and not checked.errors else None
    folder, root = Path(content_dir).resolve(), Path(repo_root).resolve()
    prefix = (folder.relative_to(root) if folder.is_relative_to(root) else folder).as_posix() + "/"
    return Tree(label, checked, derived, prefix)


@contextmanager
def content_at(ref: str, repo_root: Path, content_path: str = "content") -> Iterator[Path]:
    """The repository's content folder as it was at a git ref, extracted into a temporary folder."""
    if not ref or ref.startswith("-"):
        raise BaseNotFound(f"'{ref}' is not a content folder or a git ref.")
    archive = subprocess.run(["git", "-C", str(repo_root), "archive", "--format=tar", ref, "--", content_path],
                             capture_output=True)
    if archive.returncode != 0:
        reason = archive.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BaseNotFound(f"'{ref}' is not a content folder, and git cannot read {content_path}/ at that ref"
                           + (f" ({reason[-1]})" if reason else "") + ".")
    with tempfile.TemporaryDirectory(prefix="directory-base-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        yield Path(folder) / content_path


# ----------------------------------------------------------------------------------------------
# The comparison


@dataclass(frozen=True)
class Change:
    kind: str  # added | removed | changed
    text: str  # for people: what was added, removed or changed


@dataclass(frozen=True)
class Section:
    title: str
    changes: list[Change]

    def count(self, kind: str) -> int:
        return sum(change.kind == kind for change in self.changes)


@dataclass
class Comparison:
    base: str
    head: str
    base_errors: list[Problem] = field(default_factory=list)
    head_errors: list[Problem] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    new_warnings: list[Problem] = field(default_factory=list)
    fixed_warnings: int = 0

    @property
    def compared(self) -> bool:
        return not self.base_errors and not self.head_errors

    def section(self, title: str) -> Section:
        return next(section for section in self.sections if section.title == title)


PROFILES, PROJECTS, RECORDS = "Council profiles", "Projects", "Products, vocabularies and reorganisations"
STACK, CHALLENGES, PARTICIPATION, MATCHES = "Stack entries", "Challenges", "Project participation and pledges", "Matches"
# What each section counts, for the one-line summary.
NOUNS = {PROFILES: "profile", PROJECTS: "project", RECORDS: "record", STACK: "stack entry", CHALLENGES: "challenge",
         PARTICIPATION: "participation", MATCHES: "match"}
VERBS = {"added": "added", "removed": "removed", "changed": "changed"}
MATCH_VERBS = {"added": "gained", "removed": "lost", "changed": "changed"}
PLURALS = {"match": "matches", "stack entry": "stack entries"}


def compare(base: Tree, head: Tree) -> Comparison:
    comparison = Comparison(base.label, head.label, base.checked.errors, head.checked.errors)
    if not comparison.compared or base.directory is None or head.directory is None:
        return comparison
    old, new = base.directory, head.directory
    comparison.sections = [
        Section(PROFILES, _records(old.councils, new.councils, _council_name, nested=("stack", "challenges", "projects"))),
        Section(PROJECTS, _records(old.projects, new.projects, lambda p: f"{p.name} ({p.id})")),
        Section(RECORDS, _vocabularies(old, new)),
        Section(STACK, _stack(old, new)),
        Section(CHALLENGES, _challenges(old, new)),
        Section(PARTICIPATION, _participation(old, new)),
        Section(MATCHES, _matches(base, head)),
    ]
    old_warnings = {base.problem_key(p) for p in base.checked.warnings}
    new_warnings = {head.problem_key(p) for p in head.checked.warnings}
    comparison.new_warnings = [p for p in head.checked.warnings if head.problem_key(p) not in old_warnings]
    comparison.fixed_warnings = len(old_warnings - new_warnings)
    return comparison


def _council_name(council: Council) -> str:
    return f"{council.name} ({council.id})"


def _changed_fields(before: Model, after: Model) -> list[str]:
    return [name for name in type(after).model_fields if getattr(before, name) != getattr(after, name)]


def _records(old: dict[str, Any], new: dict[str, Any], name, nested: tuple[str, ...] = ()) -> list[Change]:
    """Records added, removed, or changed (naming the fields that changed)."""
    changes = []
    for record_id in sorted(old.keys() | new.keys()):
        before, after = old.get(record_id), new.get(record_id)
        if before is None:
            changes.append(Change("added", f"added {name(after)}"))
        elif after is None:
            changes.append(Change("removed", f"removed {name(before)}"))
        elif before != after:
            shown = [f"{f} (below)" if f in nested else f for f in _changed_fields(before, after)]
            changes.append(Change("changed", f"changed {name(after)}: {', '.join(shown)}"))
    return changes


def _vocabularies(old: Directory, new: Directory) -> list[Change]:
    changes = []
    for attribute, noun in (("products", "product"), ("capabilities", "capability"), ("topics", "topic"),
                            ("capability_groups", "capability group"), ("reorganisations", "reorganisation")):
        changes += _records(getattr(old, attribute), getattr(new, attribute),
                            lambda record, noun=noun: f"{noun} {record.name} ({record.id})")
    if old.site != new.site:
        fields = ", ".join(_changed_fields(old.site, new.site))
        changes.append(Change("changed", f"changed the directory's settings (site.yaml): {fields}"))
    return changes


def _keyed(directory: Directory, items: str, key) -> dict[tuple, tuple[Council, Any]]:
    found = {}
    for council in directory.councils.values():
        for item in getattr(council, items):
            found[(council.id, *key(item))] = (council, item)
    return found


def _nested(old: Directory, new: Directory, items: str, key, joined, left, changed) -> list[Change]:
    """Items of a council's list (stack, challenges, projects) added, removed or changed, by key."""
    before, after = _keyed(old, items, key), _keyed(new, items, key)
    changes = []
    for item_key in sorted(before.keys() | after.keys()):
        if item_key not in before:
            council, item = after[item_key]
            changes.append(Change("added", joined(council, item, new)))
        elif item_key not in after:
            council, item = before[item_key]
            changes.append(Change("removed", left(council, item, old)))
        elif before[item_key][1] != after[item_key][1]:
            council, item = after[item_key]
            changes.append(Change("changed", changed(council, before[item_key][1], item, new)))
    return changes


def _differences(before: Model, after: Model, long: tuple[str, ...] = ()) -> str:
    """'since 2020 → 2021, notes changed': each changed field, with old and new values when they are short."""
    return ", ".join(f"{name} changed" if name in long
                     else f"{name} {_value(getattr(before, name))} → {_value(getattr(after, name))}"
                     for name in _changed_fields(before, after))


def _value(value: Any) -> str:
    if value is None or value == []:
        return "(none)"
    if isinstance(value, Pledge):
        return pledge_words(value) or "(none)"
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value)
    if isinstance(value, Model):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.model_dump().items() if v is not None) + "}"
    return str(value)


def _product_for(directory: Directory, entry: StackEntry) -> str:
    """'LocalGov Drupal for Website'. Both trees are valid when compared, so every id names a record."""
    return f"{directory.products[entry.product].name} for {directory.capabilities[entry.capability].name}"


def _stack(old: Directory, new: Directory) -> list[Change]:
    def entry(council, item, directory):
        provenance = f"from {item.source}" if item.source else "declared by the council"
        ends = f", contract ends {item.contract_ends}" if item.contract_ends else ""
        return f"{_council_name(council)}: {_product_for(directory, item)}{ends} ({provenance})"

    return _nested(old, new, "stack", lambda e: (e.capability, e.product),
                   lambda c, e, d: "added " + entry(c, e, d),
                   lambda c, e, d: "removed " + entry(c, e, d),
                   lambda c, before, e, d: f"changed {_council_name(c)}: {_product_for(d, e)}: "
                                           f"{_differences(before, e, ('notes',))}")


def _challenges(old: Directory, new: Directory) -> list[Change]:
    return _nested(old, new, "challenges", lambda c: (c.title,),
                   lambda c, ch, d: f"added {_council_name(c)}: “{ch.title}” ({ch.status})",
                   lambda c, ch, d: f"removed {_council_name(c)}: “{ch.title}”",
                   lambda c, before, ch, d: f"changed {_council_name(c)}: “{ch.title}”: "
                                            f"{_differences(before, ch, ('description',))}")


def _pledge(participation: Participation) -> str:
    words = pledge_words(participation.pledge)
    return f", pledging {words}" if words else ""


def _participation(old: Directory, new: Directory) -> list[Change]:
    def project(p, d) -> str:  # a council takes part in a project once per funded phase
        return d.projects[p.project].name + (f" ({p.phase})" if p.phase else "")

    return _nested(old, new, "projects", lambda p: (p.project, p.phase or ""),
                   lambda c, p, d: f"{_council_name(c)} joined {project(p, d)} as {p.role}{_pledge(p)}",
                   lambda c, p, d: f"{_council_name(c)} left {project(p, d)} (was {p.role}{_pledge(p)})",
                   lambda c, before, p, d: f"{_council_name(c)} in {project(p, d)}: "
                                           f"{_differences(before, p)}")


def _matches(base: Tree, head: Tree) -> list[Change]:
    """Matches gained and lost, each with its strongest reason."""
    before = {tuple(match.councils): match for match in base.derived.all_matches}
    after = {tuple(match.councils): match for match in head.derived.all_matches}
    changes = []
    for pair in sorted(before.keys() ^ after.keys()):
        gained = pair in after
        match, directory = (after[pair], head.directory) if gained else (before[pair], base.directory)
        names = " and ".join(directory.councils[c].name for c in pair)
        why = f": {match.reasons[0].sentence}" if match.reasons else ""
        changes.append(Change("added", f"gained {names}{why}") if gained else Change("removed", f"lost {names}{why}"))
    return changes


# ----------------------------------------------------------------------------------------------
# Saying it


def summary_line(comparison: Comparison) -> str:
    parts = []
    for section in comparison.sections:
        verbs = MATCH_VERBS if section.title == MATCHES else VERBS
        for kind in ("added", "removed", "changed"):
            count = section.count(kind)
            if count:
                noun = NOUNS[section.title]
                parts.append(f"{count} {noun if count == 1 else PLURALS.get(noun, noun + 's')} {verbs[kind]}")
    return ", ".join(parts)


def report(comparison: Comparison, markdown: bool) -> str:
    out = Report(markdown)
    out.heading("What this change does to the directory")
    out.paragraph(f"Comparing {comparison.head} with {comparison.base}.")
    if comparison.head_errors:
        out.paragraph(f"This change has {len(comparison.head_errors)} error(s), so it cannot be compared yet. "
                      "Fix them first: each says where and how (the check step shows them on the changed lines).")
        out.bullets([p.as_text() for p in comparison.head_errors], limit=20)
    if comparison.base_errors:
        out.paragraph(f"The base ({comparison.base}) has {len(comparison.base_errors)} error(s) when checked by "
                      "this version of the directory, so this change cannot be compared with it.")
        out.bullets([p.as_text() for p in comparison.base_errors], limit=20)
    if not comparison.compared:
        return out.text()
    line = summary_line(comparison)
    out.paragraph(f"In short: {line}." if line else "This change does not change what the directory says.")
    for section in comparison.sections:
        if section.changes:
            out.heading(section.title, 3)
            out.bullets([change.text for change in section.changes])
    if comparison.new_warnings:
        out.heading("New warnings", 3)
        out.paragraph("These do not block the change, but are worth fixing:")
        out.bullets([p.as_text() for p in comparison.new_warnings])
    if comparison.fixed_warnings:
        out.paragraph(f"This change fixes {comparison.fixed_warnings} warning(s).")
    return out.text()


def diff(base: str, content_dir: Path, today: date, repo_root: Path, markdown: bool) -> tuple[str, Comparison]:
    """The report comparing content_dir with base (a content folder, or a git ref of repo_root)."""
    head = read_tree(content_dir, today, repo_root, "this change")
    folder = Path(base)
    if folder.is_dir():
        if not (folder / "site.yaml").exists() and (folder / "content").is_dir():
            folder = folder / "content"  # a checkout of the repository
        comparison = compare(read_tree(folder, today, folder.parent, str(base)), head)
    else:
        with content_at(base, repo_root) as extracted:
            label = base[:12] if len(base) == 40 and all(c in "0123456789abcdef" for c in base) else base
            comparison = compare(read_tree(extracted, today, extracted.parent, label), head)
    return report(comparison, markdown), comparison
