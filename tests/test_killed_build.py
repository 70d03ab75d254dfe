"""A build that is killed leaves nothing behind: the old site stays, the next build removes what the killed one
left beside the output, and no build writes outside its staging and output folders."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from directory.demo import generate

ROOT = Path(__file__).resolve().parent.parent


def _start_build(content: Path, out: Path, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out),
                             "--today", "2026-11-01"], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_staging(parent: Path, build: subprocess.Popen) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and build.poll() is None:
        staging = [entry for entry in parent.iterdir() if entry.name.startswith(".site-new-")]
        if staging and any(staging[0].iterdir()):
            return staging[0]
        time.sleep(0.02)
    raise AssertionError("the build never started writing its staging folder")


def _build(content: Path, out: Path, cwd: Path) -> None:
    build = _start_build(content, out, cwd)
    _, stderr = build.communicate(timeout=300)
    assert build.returncode == 0, stderr.decode()


def test_a_killed_build_leaves_the_old_site_and_the_next_build_clears_its_staging(tmp_path: Path):
    content = generate(tmp_path / "content", 300, start=date(2026, 10, 1))
    work = tmp_path / "work"
    work.mkdir()
    out = work / "site"
    _build(content, out, work)
    old_home = (out / "index.html").read_bytes()

    killed = _start_build(content, out, work)
    left = _wait_for_staging(work, killed)
    killed.kill()
    killed.wait()
    assert left.exists(), "SIGKILL gives the build no chance to clean up"
    assert (out / "index.html").read_bytes() == old_home

    _build(content, out, work)
    assert sorted(entry.name for entry in work.iterdir()) == ["site"]


def test_a_build_told_to_stop_removes_its_own_staging(tmp_path: Path):
    content = generate(tmp_path / "content", 300, start=date(2026, 10, 1))
    work = tmp_path / "work"
    work.mkdir()
    stopped = _start_build(content, work / "site", work)
    _wait_for_staging(work, stopped)
    stopped.send_signal(signal.SIGTERM)
    assert stopped.wait(timeout=120) == 128 + signal.SIGTERM
    assert list(work.iterdir()) == []


def test_a_build_running_at_the_same_time_keeps_its_staging(tmp_path: Path):
    from directory.outputs.publish import staging_folder

    out = tmp_path / "site"
    with staging_folder(out) as first:
        (first / "page.html").write_text("mine", encoding="utf-8")
        alive_elsewhere = tmp_path / f".site-new-{os.getppid()}-abc"  # the test runner's parent is running
        alive_elsewhere.mkdir()
        with staging_folder(out) as second:
            assert first.exists() and alive_elsewhere.exists() and second != first


def test_nothing_is_written_outside_the_output_folder(tmp_path: Path):
    content = generate(tmp_path / "content", 40, start=date(2026, 10, 1))
    work = tmp_path / "work"
    work.mkdir()
    _build(content, work / "out", work)
    assert sorted(entry.name for entry in work.iterdir()) == ["out"]
    assert (work / "out" / "pagefind" / "pagefind-entry.json").exists()
