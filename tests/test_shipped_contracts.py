"""The shipped contracts from the public record: the shared contracts table imported into the councils' profiles
(`python build.py import contracts`), each citing the notice or decision it was read from, inferred buyers flagged,
approvals never shown as signed; and the renewals, windows and boards reading them.

The import itself, and that it reproduces the shipped profiles, are tested in test_import_contracts.py and
test_shipped_content.py."""
from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from directory.content.check import check
from directory.derive.indexes import derive

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT.parent / "shared" / "data" / "contracts" / "contracts.csv"
needs_shared = pytest.mark.skipif(not CONTRACTS.exists(), reason="the shared data is not beside this checkout")
CONTRACTS_FINDER = re.compile(r"ocds-b5fd17-([0-9a-f-]{36})")


@pytest.fixture(scope="module")
def directory():
    checked = check(ROOT / "content", date(2026, 11, 1), ROOT)
    assert [p.as_text() for p in checked.errors] == []
    return checked.directory


@pytest.fixture(scope="module")
def contracts(directory):
    return [(council, contract) for council in directory.councils.values() for contract in council.contracts]


def test_the_usable_rows_of_the_shared_table_are_in_the_profiles(contracts):
    # 373 rows: 199 written; 43 fit several capabilities and 127 none (reported by the import, not forced), 3 have
    # no source the directory can cite, and 1 has a buyer read only from a mirror's generated summary.
    assert len(contracts) == 199
    assert len({council.id for council, _ in contracts}) == 121
    statuses = {}
    for _, contract in contracts:
        statuses[contract.status] = statuses.get(contract.status, 0) + 1
    assert statuses == {"notice": 168, "approved": 31}


def test_each_imported_contract_cites_the_page_it_was_read_from(contracts):
    assert all(contract.source and contract.source.startswith("https://") for _, contract in contracts)
    for _, contract in contracts:
        found = CONTRACTS_FINDER.fullmatch(contract.ocid or "")
        if found:  # a Contracts Finder notice: its official page, beside the copy that was read
            assert contract.notice == f"https://www.contractsfinder.service.gov.uk/Notice/{found[1]}"
    assert sum(1 for _, contract in contracts if contract.notice) == 123


def test_approvals_are_never_shown_as_signed(contracts):
    assert not any(contract.status == "signed" for _, contract in contracts)
    decisions = [contract for _, contract in contracts
                 if contract.ocid is None and "digitalmarketplace" not in contract.source]
    assert decisions and all(contract.status == "approved" for contract in decisions)


@needs_shared
def test_inferred_buyers_are_flagged_and_only_they_are(contracts):
    with CONTRACTS.open(encoding="utf-8", newline="") as file:
        inferred = {(row["ocid"] or row["source_url"]) for row in csv.DictReader(file) if "BUYER INFERRED" in row["notes"]}
    flagged = {contract.ocid or contract.source for _, contract in contracts if contract.buyer_inferred}
    assert len(flagged) == 30
    assert flagged <= inferred
    written = {contract.ocid or contract.source for _, contract in contracts}
    assert inferred & written == flagged


def test_abolished_councils_keep_the_contracts_they_signed_but_renew_nothing(directory):
    abolished = [council for council in directory.councils.values() if council.status == "abolished" and council.contracts]
    assert sum(len(council.contracts) for council in abolished) == 8
    derived = derive(directory)
    ending = {end.council.id for ends in derived.renewal_calendar.endings.values() for end in ends}
    assert not ending & {council.id for council in abolished}


def test_the_renewals_windows_matches_and_boards_read_the_contracts(directory):
    derived = derive(directory)
    calendar = derived.renewal_calendar
    assert [year.year for year in calendar.years] == [2026, 2027, 2028, 2029, 2030]
    assert calendar.totals == (6, 9, 5, 4, 2)
    assert [(w.capability, [end.council.id for end in w.entries]) for w in derived.renewal_windows] == [
        ("education-management", ["bromley", "cumberland"]), ("website", ["dartford", "hertfordshire"])]
    west_sussex = derived.boards["west-sussex-2028"].renewals
    assert [(end.council.id, end.capability, end.ends) for end in west_sussex.before] == [
        ("west-sussex", "booking", date(2027, 3, 6)), ("mid-sussex", "electoral-registration", date(2028, 3, 31)),
        ("west-sussex", "libraries", date(2028, 3, 31))]
    kent = derived.boards["kent-medway-2028"].renewals
    assert [(end.council.id, end.capability) for end in kent.after] == [
        ("kent", "libraries"), ("ashford", "document-management")]
    renewing_together = sorted(match.councils for match in derived.all_matches for reason in match.reasons
                               if reason.kind == "renewal-window")
    assert renewing_together == [
        ("bromley", "buckinghamshire"), ("bromley", "cumberland"), ("buckinghamshire", "cumberland"),
        ("cumberland", "nottingham"), ("dartford", "hertfordshire"), ("gosport", "mid-sussex"), ("kent", "west-sussex"),
        ("mid-sussex", "south-tyneside")]
