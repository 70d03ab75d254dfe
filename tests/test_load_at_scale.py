"""What makes `check` quick on thousands of files gives the answers of the plain way: a file read without
positions says where a value was exactly as one read with them, and files read in two processes are the files
read in one, with the same problems."""
from __future__ import annotations

import marshal
import random
import shutil
import threading
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from directory.content import load as load_module
from directory.content.check import check
from directory.content.load import _build, parse_yaml
from directory.content.problems import Problems
from directory.demo import generate

TODAY = date(2026, 11, 1)


def where_with_every_position(values: dict, keys: dict, loc: tuple, key: bool) -> tuple[int, int]:
    """Document.where as it was when every position was kept from the first reading."""
    if key and loc in keys:
        return keys[loc]
    while loc:
        if loc in values:
            return values[loc]
        if loc in keys:
            return keys[loc]
        loc = loc[:-1]
    return values.get((), (1, 1))


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("demo") / "content"
    generate(content, 40, start=TODAY)
    return content


def test_a_value_is_placed_where_it_was_written_whether_or_not_positions_were_kept(demo: Path):
    rng = random.Random(12)
    files = sorted(demo.glob("*.yaml")) + rng.sample(sorted(demo.glob("*/*.yaml")), 20)
    for file in files:
        text = file.read_text(encoding="utf-8")
        _, values, keys = _build(text, positions=True)
        asked = list(values) + list(keys)
        asked += [loc + ("not-a-field",) for loc in rng.sample(asked, min(5, len(asked)))]  # nearest enclosing
        asked += [(), ("not-a-field",), ("stack", 99, "product")]
        for loc in rng.sample(asked, 10):  # the first question of a file, which reads only up to its value
            first = parse_yaml(text, "content/x.yaml").where(loc)
            assert first == where_with_every_position(values, keys, loc, False), (file, loc)
        document = parse_yaml(text, "content/x.yaml")
        for loc in asked:  # a file with many problems: asked again and again
            for key in (False, True):
                assert document.where(loc, key=key) == where_with_every_position(values, keys, loc, key), (file, loc)
        assert document.places() == (values, keys)


def test_a_duplicate_key_read_without_positions_still_names_the_first_line():
    with pytest.raises(load_module._Rejected) as rejected:
        parse_yaml("name: A\nsummary: x\nname: B\n", "content/x.yaml")
    assert (rejected.value.location, rejected.value.message) == ((3, 1), "'name' appears twice in the same mapping "
                                                                         "(first on line 1).")


def _broken_copy(demo: Path, target: Path) -> Path:
    """The demo with one file of each kind of mistake the reader reports, spread over both halves."""
    shutil.copytree(demo, target)
    councils = sorted((target / "councils").glob("*.yaml"))
    mistakes = ["name: &a A\n", "\tname: A\n", b"\xff\xfe", "", "# only a comment\n", "- a\n- b\n",
                "name: [unclosed\n", "name: A\nname: B\n", "stack:\n  - capability: website\n    product: nowhere\n"]
    for number, text in enumerate(mistakes):
        file = councils[number * len(councils) // len(mistakes)]
        file.write_bytes(text if isinstance(text, bytes) else text.encode())
    (target / "councils" / "Not An Id.yaml").write_text("name: A\n", encoding="utf-8")
    (target / "councils" / "stray.yml").write_text("name: A\n", encoding="utf-8")
    return target


def _outcome(content: Path):
    checked = check(content, TODAY, content.parent)
    directory = checked.directory
    return checked.problems, None if directory is None else (directory.councils, directory.products)


def test_files_read_in_two_processes_are_the_files_read_in_one(demo: Path, tmp_path: Path, monkeypatch):
    content = _broken_copy(demo, tmp_path / "content")
    monkeypatch.setattr(load_module, "PARALLEL_FROM", 10**9)
    one = _outcome(content)
    monkeypatch.setattr(load_module, "PARALLEL_FROM", 2)
    # Whatever threads earlier tests left running (a served site, a browser's), which make load stay serial.
    monkeypatch.setattr(load_module, "_second_process_helps", lambda: True)
    forks = []
    fork = load_module.os.fork
    monkeypatch.setattr(load_module.os, "fork", lambda: forks.append(1) or fork())
    two = _outcome(content)
    assert forks, "the second process was used"
    assert len([p for p in one[0] if p.severity == "error"]) >= 10
    assert one == two


def test_a_second_process_that_fails_costs_only_time(demo: Path, monkeypatch):
    monkeypatch.setattr(load_module, "PARALLEL_FROM", 2)
    one = Problems()
    expected = load_module.load(demo, one, demo.parent)
    sending = SimpleNamespace(dumps=lambda *_: 1 / 0, loads=marshal.loads)  # only the child sends
    monkeypatch.setattr(load_module, "marshal", sending)
    two = Problems()
    raw = load_module.load(demo, two, demo.parent)
    assert raw.councils == expected.councils and raw.present == expected.present
    assert sorted(two.items) == sorted(one.items)


def test_no_second_process_while_another_thread_runs():
    """fork copies only the thread that calls it: a lock another thread holds would never be released."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not load_module._second_process_helps()
    finally:
        stop.set()
        other.join()
