"""What `python build.py serve` keeps between rebuilds, so that checking again after one file changed reads and
validates that file only: each file as read (with the problems reading it found), and each record's model.

The rules that span files still run over the whole directory each time; only the work that one file's content
decides on its own is kept. A normal build or check never uses this.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .load import Document, read_document
from .problems import Problem, Problems, errors_in


@dataclass
class _File:
    file: str  # its absolute path
    stamp: tuple[int, int, int]  # size, modification time and inode when it was read
    document: Document | None
    found: Problems  # what reading it reported
    model: Any = None  # the record validated from `document`, once it was without errors
    model_found: list[Problem] = field(default_factory=list)  # its warnings


class ContentCache:
    """Files as read and records as validated, by path, kept while the file is unchanged on disk.

    A file counts as unchanged while its size, modification time and inode are; a watcher that saw a file
    change says so with `forget`, as two saves within one tick of the file system's clock can look alike.
    """

    def __init__(self) -> None:
        self._files: dict[str, _File] = {}

    def forget(self, files: Iterable[Path | str]) -> None:
        """Read these files again next time."""
        gone = {os.path.abspath(file) for file in files}
        if gone:
            self._files = {path: kept for path, kept in self._files.items() if kept.file not in gone}

    def read(self, file: Path, path: str, problems: Problems, depth: int) -> Document | None:
        """load.read_document, or what it gave the last time for the same file."""
        try:
            status = file.stat()
            stamp = (status.st_size, status.st_mtime_ns, status.st_ino)
        except OSError:
            return read_document(file, path, problems, depth)  # it reports the file that cannot be read
        kept = self._files.get(path)
        if kept is None or kept.stamp != stamp:
            found = Problems()
            kept = self._files[path] = _File(os.path.abspath(file), stamp, read_document(file, path, found, depth), found)
        problems.items.extend(kept.found.items)
        problems.unreadable_paths.update(kept.found.unreadable_paths)
        return kept.document

    def model(self, document: Document, problems: Problems, validate_one: Callable[[Problems], Any]) -> Any:
        """The record validated from this document: validate_one(problems) the first time, then kept while the
        document is the one read then. A record with errors is validated again each time, as its hints name
        other records ("did you mean"), which may have changed."""
        kept = self._files.get(document.path)
        if kept is not None and kept.document is document and kept.model is not None:
            problems.items.extend(kept.model_found)
            return kept.model
        found = Problems()
        model = validate_one(found)
        problems.items.extend(found.items)
        if kept is not None and kept.document is document and model is not None and not errors_in(found.items):
            kept.model, kept.model_found = model, found.items
        return model
