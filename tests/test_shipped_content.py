"""The real content: checks clean, and holds what the register says."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from directory.content.check import check

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT.parent / "shared" / "data" / "uk-local-authorities" / "uk_local_authorities.csv"
CONTRACTS = ROOT.parent / "shared" / "data" / "contracts" / "contracts.csv"


@pytest.fixture(scope="module")
def shipped():
    return check(ROOT / "content", date(2026, 11, 1), ROOT)


def test_shipped_content_has_no_errors(shipped):
    assert [p.as_text() for p in shipped.errors] == []


def test_one_profile_per_current_principal_council_and_each_abolished_since_2019(shipped):
    councils = shipped.directory.councils.values()
    assert sum(c.status == "active" for c in councils) == 382
    assert sum(c.status == "abolished" for c in councils) == 48
    assert sorted(c.name for c in councils if c.status == "forthcoming") == [  # named by decisions (lgr_programme.py)
        "Central and Eastern Suffolk Council", "East Norfolk", "East Surrey Council", "Greater Norwich City",
        "Ipswich and South Suffolk Council", "West Norfolk", "West Surrey Council", "Western Suffolk Council"]


def test_profiles_carry_the_registers_facts(shipped):
    cumberland = shipped.directory.councils["cumberland"]
    assert (cumberland.name, cumberland.gss, cumberland.kind, cumberland.region) == \
        ("Cumberland Council", "E06000063", "unitary", "North West")
    allerdale = shipped.directory.councils["allerdale"]
    assert (allerdale.status, allerdale.ended, allerdale.replaced_by) == ("abolished", date(2023, 4, 1), ["cumberland"])


def test_surrey_reorganisation_as_agreed(shipped):
    surrey = shipped.directory.reorganisations["surrey-2027"]
    assert surrey.status == "agreed" and surrey.vesting == date(2027, 4, 1)
    assert len(surrey.predecessors) == 12 and surrey.successors == ["east-surrey", "west-surrey"]


def test_reorganisations_since_2019(shipped):  # those under way: tests/test_shipped_programme.py
    assert sorted(r.id for r in shipped.directory.reorganisations.values() if r.stage == "vested") == [
        "buckinghamshire-2020", "cumbria-2023", "dorset-2019", "north-yorkshire-2023", "northamptonshire-2021",
        "somerset-2023", "somerset-west-and-taunton-2019", "suffolk-2019"]


def test_public_adoption_entries_cite_their_source_and_nothing_else_is_invented(shipped):
    entries = [(c.id, e) for c in shipped.directory.councils.values() for e in c.stack]
    assert len(entries) == 93  # 42 from public-adoption, 51 from collaborations (tests/test_shipped_collaborations.py)
    assert all(entry.source and entry.product in ("localgov-drupal", "planx", "fixmystreet", "wasteworks")
               for _, entry in entries)
    assert not any(c.challenges for c in shipped.directory.councils.values())
    assert all(part.source for c in shipped.directory.councils.values() for part in c.projects)


@pytest.mark.skipif(not (REGISTER.exists() and CONTRACTS.exists()), reason="the shared data is not beside this checkout")
@pytest.mark.parametrize("given_as", ["path", "address"])
def test_the_register_script_reproduces_the_shipped_profiles(tmp_path, given_as):
    """From a path or from an address (a file:// one here: the published address needs the network); then the
    reorganisation under way, and the contracts imported."""
    import subprocess
    import sys
    adoption = REGISTER.parent.parent / "public-adoption" / "adoption.csv"
    register = str(REGISTER) if given_as == "path" else REGISTER.as_uri()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "councils_from_register.py"), register,
                    "--adoption", str(adoption), "--collaborations", str(REGISTER.parent.parent / "collaborations"),
                    "--content", str(tmp_path)], check=True, capture_output=True)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "lgr_programme.py"), str(REGISTER.parent.parent / "lgr-programme"),
                    "--content", str(tmp_path)], check=True, capture_output=True)  # the reorganisation under way
    # The contracts from the public record, imported into the profiles as the README says: the import checks the
    # content first, so the vocabularies go beside the councils.
    for name in ("site.yaml", "capabilities.yaml", "topics.yaml"):
        shutil.copy(ROOT / "content" / name, tmp_path / name)
    shutil.copytree(ROOT / "content" / "products", tmp_path / "products")
    subprocess.run([sys.executable, str(ROOT / "build.py"), "import", "contracts", str(CONTRACTS), "--content",
                    str(tmp_path), "--today", "2026-11-01"], check=True, capture_output=True)
    for folder in ("councils", "reorganisations"):
        made = {p.name: p.read_text() for p in (tmp_path / folder).glob("*.yaml")}
        shipped_files = {p.name: p.read_text() for p in (ROOT / "content" / folder).glob("*.yaml")}
        assert made == shipped_files
