"""Large sites render in two processes; the pages must be the same as rendered in one."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from directory.content.check import check
from directory.demo import generate
from directory.derive.indexes import derive
from directory.outputs.open_data import OPEN_DATA
from directory.site import render

TODAY = date(2026, 11, 1)


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_rendered_in_two_processes_are_the_pages_rendered_in_one(tmp_path, monkeypatch):
    generate(tmp_path / "content", 60, start=TODAY)
    directory = check(tmp_path / "content", TODAY, tmp_path).directory
    derived = derive(directory)
    monkeypatch.setattr(render, "PARALLEL_FROM", 10**9)
    render.render(directory, derived, tmp_path / "one", OPEN_DATA)
    monkeypatch.setattr(render, "PARALLEL_FROM", 10)
    render.render(directory, derived, tmp_path / "two", OPEN_DATA)
    assert digests(tmp_path / "one") == digests(tmp_path / "two")


def test_a_failure_in_the_second_process_fails_the_build(monkeypatch):
    monkeypatch.setattr(render, "PARALLEL_FROM", 2)
    done = []

    def work(job: int) -> None:
        if job == 3:
            raise ValueError("broken page")
        done.append(job)

    with pytest.raises(RuntimeError, match="second process failed"):
        render.in_parallel(work, [0, 1, 2, 3])
    assert done == [0, 2]  # the parent's share; the child's is lost with it
