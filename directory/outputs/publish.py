"""Stage 7, publish: the new site replaces the old one in one step; a failed build leaves the old one intact."""
from __future__ import annotations

import ctypes
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@contextmanager
def staging_folder(out_dir: Path) -> Iterator[Path]:
    """A fresh folder beside the output (same file system, so the swap is a rename), removed on failure.

    A build killed outright (SIGKILL, a cancelled CI job) cannot remove its own folder, so each build first
    removes the folders that builds no longer running left beside the output. The building process's id is
    in each folder's name, so a build running at the same time keeps its own.
    """
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_left_behind(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=_prefix(out_dir, "new"), dir=out_dir.parent))
    try:
        yield staging
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def publish(staging: Path, out_dir: Path) -> None:
    """Swap staging into out_dir atomically where the system allows it, then remove the old site."""
    out_dir = Path(out_dir).resolve()
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a published site is readable
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old site
        return
    old = Path(tempfile.mkdtemp(prefix=_prefix(out_dir, "old"), dir=out_dir.parent))
    os.rename(out_dir, old / "site")
    os.rename(staging, out_dir)
    shutil.rmtree(old, ignore_errors=True)


def _prefix(out_dir: Path, kind: str) -> str:
    return f".{out_dir.name}-{kind}-{os.getpid()}-"


def _remove_left_behind(out_dir: Path) -> None:
    left_behind = re.compile(rf"\.{re.escape(out_dir.name)}-(?:new|old)-([0-9]+)-")
    for entry in os.scandir(out_dir.parent):
        found = left_behind.match(entry.name)
        if found and entry.is_dir(follow_symlinks=False) and not _running(int(found.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): both paths swap in one system call, so readers never see a gap."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0
