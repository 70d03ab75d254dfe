"""The demo directory: valid, deterministic, plainly fictional, with the shape of the real thing."""
from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from directory.content.check import check
from directory.demo import generate

START = date(2026, 11, 1)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_demo_directory_is_valid_and_fictional(tmp_path):
    generate(tmp_path / "content", 120, start=START)
    checked = check(tmp_path / "content", START, tmp_path)
    assert checked.errors == []
    directory = checked.directory
    assert len(directory.councils) == 120
    assert all(c.gss.startswith("E99") and c.website.endswith(".example") for c in directory.councils.values())
    assert all("(fictional)" in p.vendor for p in directory.products.values())


def test_demo_is_deterministic(tmp_path):
    generate(tmp_path / "a", 60, start=START)
    generate(tmp_path / "b", 60, start=START)
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_demo_has_dominant_and_niche_products_and_future_contracts(tmp_path):
    generate(tmp_path / "content", 400, start=START)
    directory = check(tmp_path / "content", START, tmp_path).directory
    uses = Counter(e.product for c in directory.councils.values() for e in c.stack if e.capability == "website")
    counts = sorted(uses.values(), reverse=True)
    assert counts[0] > 4 * counts[-1]
    ends = [e.contract_ends for c in directory.councils.values() for e in c.stack]
    assert min(ends) > START and max(ends) < date(START.year + 6, 1, 1)
    assert any(c.challenges for c in directory.councils.values())
    assert any(p.pledge for c in directory.councils.values() for p in c.projects)
    assert directory.reorganisations
