"""Stage 1, load: content files to raw records, keeping the line and column of every value.

Every profile arrives from outside, so the YAML is read defensively:
- only plain data: no tags, no anchors or aliases (an alias bomb is stopped at its first alias),
  no duplicate keys, one document per file, nesting and size bounded;
- the type of a value is decided by the schema, not by YAML 1.1 guessing: every scalar is read as
  text (or null when empty), so `name: No`, `on:`, `version: 1.10` and `mode: 0755` keep their meaning;
- every problem is reported with its file, line and column, never as a traceback.
We build the tree from libyaml's events ourselves rather than relying on a composer, so alias and
anchor rejection works the same with the C parser as with the pure-Python one.

Where each value was written is needed only to report a problem, so a file is read without it, and read
again for it when a problem about it is reported (`Document.where`). With thousands of files, the second
last ones are read in a second process (`_read_all`).
"""
from __future__ import annotations

import marshal
import os
import re
import threading
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

from ..memory import collector_paused
from .problems import Problem, Problems
from .yaml_mistakes import ODD_SPACE, explain_syntax_error, odd_space_in_structure

try:  # libyaml's parser is an order of magnitude faster; the pure-Python one behaves the same here
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import Loader as _Parser  # type: ignore[assignment]

if TYPE_CHECKING:
    from .cache import ContentCache

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 20
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID_WORDS = re.compile(r"[a-z0-9]+")
NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INDENTING_TAB = re.compile(r"^ *\t", re.MULTILINE)

# What a content tree holds: single files, and folders of one file per record.
SINGLE_FILES = {"site.yaml": "site", "capabilities.yaml": "capabilities", "topics.yaml": "topics"}
FOLDERS = {
    "councils": "council",
    "products": "product",
    "projects": "project",
    "reorganisations": "reorganisation",
}
SCHEMA_NAMES = {**SINGLE_FILES, **FOLDERS}

Location = tuple[int, int]
FieldPath = tuple[Any, ...]  # where a value sits in a file: keys and list positions, such as ("stack", 0, "product")


@dataclass
class Document:
    """One content file, parsed: its data, and its text, from which where each value and key was written is
    found when a problem needs it (most files have none, and keeping every position costs more than reading)."""

    path: str  # relative to the repository root, forward slashes
    data: dict[str, Any]
    text: str
    # Where each value and each key was written, as far as the text has been read for them: up to the first value
    # asked for (`where`), or all of it (`places`).
    _places: tuple[dict[FieldPath, Location], dict[FieldPath, Location]] | None = field(
        default=None, init=False, repr=False, compare=False)
    _read_whole: bool = field(default=False, init=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".yaml")

    def where(self, loc: FieldPath, *, key: bool = False) -> Location:
        """The line and column of a value (or of its key), falling back to the nearest enclosing value."""
        loc = tuple(loc)
        if self._places is None:  # read up to the value only: most files with a problem have one, such as `reviewed`
            self._places = _build(self.text, positions=True, until=loc)[1:]
            self._read_whole = loc not in self._places[0]  # no such value: read to the end looking for it
        values, keys = self._places
        if not self._read_whole and loc not in (keys if key else values):  # it may lie beyond what was read
            values, keys = self.places()
        if key and loc in keys:
            return keys[loc]
        while loc:
            if loc in values:
                return values[loc]
            if loc in keys:
                return keys[loc]
            loc = loc[:-1]
        return values.get((), (1, 1))

    def places(self) -> tuple[dict[FieldPath, Location], dict[FieldPath, Location]]:
        """Where each value, and each key, was written: the whole text read again, the first time they are asked for."""
        if not self._read_whole:
            _, values, keys = _build(self.text, positions=True)
            self._places, self._read_whole = (values, keys), True
        return self._places


@dataclass
class RawContent:
    """Everything read from a content tree, before validation."""

    root: Path
    site: Document | None = None
    capabilities: Document | None = None
    topics: Document | None = None
    councils: dict[str, Document] = field(default_factory=dict)
    products: dict[str, Document] = field(default_factory=dict)
    projects: dict[str, Document] = field(default_factory=dict)
    reorganisations: dict[str, Document] = field(default_factory=dict)
    # The id of every record file found, read or not: a file with a syntax error still names a record that
    # exists, so only that file reports, not every file that refers to it.
    present: dict[str, set[str]] = field(default_factory=lambda: {folder: set() for folder in FOLDERS})


class _Rejected(Exception):
    def __init__(self, location: Location, message: str, hint: str = ""):
        self.location, self.message, self.hint = location, message, hint


def schema_line(kind: str, depth: int) -> str:
    """The first line every content file carries, so editors check it as it is typed."""
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json"


def load(content_dir: Path, problems: Problems, repo_root: Path | None = None,
         cache: ContentCache | None = None) -> RawContent:
    """Read every file of a content tree. Problems are collected, not raised: one run reports them all.
    cache: the files read before, kept by `serve` between rebuilds (content/cache.py), so only changed ones are read."""
    content_dir = Path(content_dir)
    read = cache.read if cache is not None else read_document
    repo_root = Path(repo_root) if repo_root else content_dir.parent
    raw = RawContent(root=content_dir)
    shown = _relative_namer(repo_root)
    if not content_dir.is_dir():
        problems.error(shown(content_dir), 1, 1, "the content folder does not exist.")
        return raw
    records: list[tuple[str, str, Path, str]] = []  # folder, record id, file, path shown
    with collector_paused():  # plain data, no reference cycles: see directory/memory.py
        for entry in sorted(os.scandir(content_dir), key=lambda e: e.name):
            if entry.name in SINGLE_FILES and entry.is_file():
                setattr(raw, SINGLE_FILES[entry.name], read(Path(entry.path), shown(entry.path), problems, 1))
            elif entry.name in FOLDERS and entry.is_dir():
                for record_id, file, path in _record_files(Path(entry.path), shown, problems):
                    raw.present[entry.name].add(record_id)
                    records.append((entry.name, record_id, file, path))
            elif entry.name != ".gitkeep":
                _stray(shown(entry.path), entry.is_dir(), problems, top=True)
        documents = _read_all([(file, path) for _, _, file, path in records], problems, read)
        for (folder, record_id, _, _), document in zip(records, documents):
            if document is not None:
                getattr(raw, folder)[record_id] = document
    for name, attribute in SINGLE_FILES.items():
        if not (content_dir / name).is_file():
            problems.error(shown(content_dir / name), 1, 1, f"{name} is missing.",
                           "Every content tree needs site.yaml, capabilities.yaml and topics.yaml.")
    return raw


def _record_files(folder: Path, shown, problems: Problems):
    """(record id, file, path shown) of each record file in a folder; anything else there is reported."""
    prefix = shown(folder)  # one path computation per folder, not per file: check reads thousands
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        name = entry.name
        path = f"{prefix}/{name}"
        if name == ".gitkeep":
            continue
        if entry.is_dir() or not name.endswith(".yaml"):
            _stray(path, entry.is_dir(), problems, top=False)
            continue
        record_id = name.removesuffix(".yaml")
        if not ID_PATTERN.match(record_id):
            suggestion = as_id(record_id)
            problems.error(path, 1, 1, f"the file name '{name}' is not a valid id.",
                           "Use lower-case words joined by hyphens"
                           + (f", for example '{suggestion}.yaml'." if suggestion else "."))
            continue
        yield record_id, Path(entry.path), path


PARALLEL_FROM = 2000  # record files; below this, a second process costs more than it saves
CHILD_SHARE = 0.55  # of the files: the parent also lists them all first, and reads back what the child sends


def _read_all(files: list[tuple[Path, str]], problems: Problems, read) -> list[Document | None]:
    """Each record file read (None where it cannot be): with thousands of them, the last ones in a forked child
    process, which sends back plain data (marshal) that takes less time to read back than the files take to parse.
    A child that fails is no failure: its files are read here again."""
    if read is not read_document or len(files) < PARALLEL_FROM or not _second_process_helps():
        return [read(file, path, problems, 2) for file, path in files]
    own = len(files) - int(len(files) * CHILD_SHARE)
    incoming, outgoing = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(incoming)
        _send(files[own:], outgoing)
    os.close(outgoing)
    try:
        with open(incoming, "rb") as pipe:  # closed before the wait below, so a child still writing then stops
            first = [read_document(file, path, problems, 2) for file, path in files[:own]]
            sent = pipe.read()
    finally:
        _, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return first + [read_document(file, path, problems, 2) for file, path in files[own:]]
    return first + _received(sent, files[own:], problems)


def _second_process_helps() -> bool:
    """Two processors to run on, and fork to start the second, safely: no other thread that could hold a lock."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return hasattr(os, "fork") and cpus >= 2 and threading.active_count() == 1


def _send(files: list[tuple[Path, str]], outgoing: int) -> NoReturn:
    """In the child: read the files, write what was read and what was found into the pipe, and leave without
    running any of the parent's cleanup."""
    status = 1
    try:
        found = Problems()
        documents = [read_document(file, path, found, 2) for file, path in files]
        sent = marshal.dumps(([None if document is None else (document.data, document.text) for document in documents],
                              [astuple(problem) for problem in found.items], sorted(found.unreadable_paths)))
        with open(outgoing, "wb") as pipe:
            pipe.write(sent)
        status = 0
    finally:
        os._exit(status)


def _received(sent: bytes, files: list[tuple[Path, str]], problems: Problems) -> list[Document | None]:
    documents, found, unreadable = marshal.loads(sent)
    problems.items.extend(Problem(*fields) for fields in found)
    problems.unreadable_paths.update(unreadable)
    return [None if read is None else Document(path, *read) for (_, path), read in zip(files, documents)]


def _stray(path: str, is_dir: bool, problems: Problems, top: bool) -> None:
    name = path.rsplit("/", 1)[-1]
    if is_dir:
        allowed = ", ".join(f"{f}/" for f in FOLDERS) if top else "no sub-folders"
        problems.error(path, 1, 1, f"unexpected folder '{name}'.", f"This folder holds {allowed}: move or remove it.")
    elif name.endswith(".yml"):
        problems.error(path, 1, 1, f"'{name}' ends in .yml, so it is not read.",
                       f"Rename it to '{name[:-4]}.yaml'.")
    elif top:
        problems.error(path, 1, 1, f"unexpected file '{name}'.",
                       "The content folder holds only site.yaml, capabilities.yaml, topics.yaml and the folders "
                       + ", ".join(f"{f}/" for f in FOLDERS) + ".")
    else:
        problems.error(path, 1, 1, f"unexpected file '{name}': only .yaml files are read here.",
                       "Move or remove it.")


def as_id(text: str) -> str:
    """Text as an id (matching ID_PATTERN), or '' when it has no letters or digits: 'King's Lynn & West
    Norfolk' -> 'kings-lynn-and-west-norfolk'. Suggested ids, the register's council ids and folder names
    for facet values are all made by this."""
    text = text.lower().replace("&", " and ").replace("'", "").replace("’", "")
    return "-".join(_ID_WORDS.findall(text))


def _relative_namer(repo_root: Path):
    root = os.path.abspath(repo_root)

    def shown(path) -> str:
        absolute = os.path.abspath(path)
        relative = os.path.relpath(absolute, root)
        return (absolute if relative.startswith("..") else relative).replace(os.sep, "/")

    return shown


def read_document(file: Path, path: str, problems: Problems, depth: int) -> Document | None:
    """Read one content file; on any problem, report it and return None."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Rejected((1, 1), f"the file is {size // 1024} KB; the limit is {MAX_FILE_BYTES // 1024} KB.",
                            "A profile is a few KB: check that nothing was pasted into it by mistake.")
        text = _decode(file.read_bytes())
        _reject_tabs(text)
        document = parse_yaml(text, path)
    except _Rejected as rejected:
        problems.unreadable(path, *rejected.location, rejected.message, rejected.hint)
        return None
    except OSError as error:
        problems.unreadable(path, 1, 1, f"the file cannot be read ({error.strerror}).")
        return None
    kind = SCHEMA_NAMES.get(file.name) or SCHEMA_NAMES.get(file.parent.name)
    expected = schema_line(kind, depth) if kind else None
    if expected and not text.startswith(expected):
        problems.warning(path, 1, 1, "the first line should name the file's schema, so editors check it as you type.",
                         f"Make the first line: {expected}")
    return document


def _decode(data: bytes) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise _Rejected((line, column), "the file is not UTF-8 text.",
                        "Save it as UTF-8 (GitHub's web editor does this for you).") from None
    if not text.strip():
        raise _Rejected((1, 1), "the file is empty.", "Start from the example in CONTRIBUTING.md.")
    control = _CONTROL.search(text)
    if control:
        number = control.start()
        line = text.count("\n", 0, number) + 1
        column = number - (text.rfind("\n", 0, number) + 1) + 1
        raise _Rejected((line, column), f"the file contains a control character (U+{ord(control.group()):04X}).",
                        "Delete it: content files are plain text.")
    return text


def _reject_tabs(text: str) -> None:
    tab = _INDENTING_TAB.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        column = tab.end() - (text.rfind("\n", 0, tab.start()) + 1)
        raise _Rejected((line, column), "a tab is used for indentation.",
                        "YAML indents with spaces only: replace the tab with spaces.")


def parse_yaml(text: str, path: str) -> Document:
    """Build plain data (dicts, lists, text, None) from libyaml's events; the positions only when needed here."""
    try:
        root, _, _ = _build(text, positions=False)
    except yaml.MarkedYAMLError as error:
        explained = explain_syntax_error(text, error)
        if explained:
            raise _Rejected(*explained) from None
        mark = error.problem_mark or error.context_mark
        location = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (error.problem or error.context or "the YAML cannot be read").rstrip(".")
        raise _Rejected(location, f"YAML syntax error: {problem}.",
                        "Check the indentation, and that each 'key: value' has a space after the colon; "
                        "put text containing ': ' or starting with a special character in quotes.") from None
    except yaml.YAMLError as error:
        raise _Rejected((1, 1), f"YAML error: {error}.") from None
    document = Document(path=path, data=root, text=text)
    # A pasted non-breaking space can leave a file that parses but means something else. isascii() is free.
    if not text.isascii() and ODD_SPACE.search(text):
        values, keys = document.places()
        explained = odd_space_in_structure(text, {line for line, _ in (*keys.values(), *values.values())})
        if explained:
            raise _Rejected(*explained)
    if root is None:
        raise _Rejected((1, 1), "the file holds no data, only comments.", "Add the record's fields.")
    if not isinstance(root, dict):
        raise _Rejected(document.where(()), "the file must be a mapping of 'field: value' lines at the top level.",
                        "Start each top-level line with a field name, such as 'name: ...', not with '- '.")
    return document


_COLLECTION_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_PLAIN_STRING_TAGS = (None, "!", "tag:yaml.org,2002:str")


def _build(text: str, positions: bool, until: FieldPath | None = None
           ) -> tuple[Any, dict[FieldPath, Location], dict[FieldPath, Location]]:
    """The hot loop of `check`: one pass over the events, no recursion. positions: keep where each value and each
    key was written, as we go (without, both are left empty: reading is a fifth quicker). until: with positions,
    stop once the value at this path is placed."""
    values: dict[FieldPath, Location] = {}
    keys: dict[FieldPath, Location] = {}
    root: Any = None
    container: Any = None  # the collection being filled
    here: FieldPath = ()  # its path (with positions only)
    key: Any = None  # in a mapping, the key waiting for its value
    stack: list[tuple[Any, FieldPath, Any]] = []
    documents = 0
    parser = _Parser(text)
    try:
        while True:
            event = parser.get_event()
            if event is None:
                break
            kind = event.__class__
            if kind is yaml.ScalarEvent or kind in _COLLECTION_STARTS:
                if event.anchor is not None:
                    raise _Rejected(_at(event), f"anchors ('&{event.anchor}') are not allowed.",
                                    "Write each value out in full.")
                if kind is yaml.ScalarEvent:
                    if event.tag not in _PLAIN_STRING_TAGS:
                        raise _Rejected(_at(event), f"YAML tags ('{event.tag}') are not allowed.",
                                        "Remove the tag: values are plain text, lists and mappings.")
                    value = None if (not event.style and event.value in NULL_WORDS) else event.value
                    if container.__class__ is dict and key is None:
                        if value is None:
                            raise _Rejected(_at(event), "a field name is missing before the colon.")
                        if value in container:
                            if not positions:  # the message names the line of the first: read again, with them
                                return _build(text, positions=True)
                            raise _Rejected(_at(event), f"'{value}' appears twice in the same mapping "
                                                        f"(first on line {keys[here + (value,)][0]}).",
                                            "Keep one of them: YAML would silently use only the last.")
                        key = value
                        if positions:
                            keys[here + (value,)] = _at(event)
                        continue
                else:
                    if event.tag is not None:
                        raise _Rejected(_at(event), f"YAML tags ('{event.tag}') are not allowed.",
                                        "Remove the tag: values are plain text, lists and mappings.")
                    if container.__class__ is dict and key is None:
                        raise _Rejected(_at(event), "a field name must be a single word or phrase, not a list or "
                                                    "mapping.", "Check the indentation of this line.")
                    if len(stack) >= MAX_DEPTH:
                        raise _Rejected(_at(event), f"the data is nested more than {MAX_DEPTH} levels deep.")
                    value = {} if kind is yaml.MappingStartEvent else []
                # Place the value in its container.
                path_of_value = here
                if container is None:
                    root = value
                elif container.__class__ is dict:
                    container[key] = value
                    if positions:
                        path_of_value = here + (key,)
                    key = None
                else:
                    if positions:
                        path_of_value = here + (len(container),)
                    container.append(value)
                if positions:
                    values[path_of_value] = _at(event)
                    if path_of_value == until:
                        break
                if kind is not yaml.ScalarEvent:
                    stack.append((container, here, key))
                    container, here, key = value, path_of_value, None
            elif kind in _COLLECTION_ENDS:
                container, here, key = stack.pop()
            elif kind is yaml.AliasEvent:
                raise _Rejected(_at(event), f"aliases ('*{event.anchor}') are not allowed.",
                                "Write the value out in full where it is needed.")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Rejected(_at(event), "the file holds more than one YAML document.",
                                    "Remove the second '---' line: one file is one record.")
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()
    return root, values, keys


def _at(event: yaml.Event) -> Location:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1
