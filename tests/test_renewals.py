"""When councils' contracts end (derive/renewals.py): the one rule combining the stack's contract_ends with the
contracts' ends, read alike by the renewal calendar, renewal windows, renewal-window matches and the boards; and the
financial years renewals are counted in."""
from __future__ import annotations

from datetime import date

from directory.derive.indexes import derive, vesting_renewals
from directory.derive.matching import find_matches
from directory.derive.renewals import FinancialYear, contract_ends, next_ends
from directory.wording import financial_year
from tests.conftest import TODAY, ContentTree
from tests.helpers import council, directory_of

NOTICE = "https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-00000000000"


def test_a_stack_entry_and_a_contract_ending_the_same_day_are_one_contract(content: ContentTree):
    council(content, "ash", 1, f"""\
        stack:
          - {{capability: website, product: localgov-drupal, contract_ends: 2027-03-31}}
        contracts:
          - {{capability: website, suppliers: [Web Co], ends: 2027-03-31, status: notice, source: {NOTICE}1}}
          - {{capability: website, ends: 2025-03-31, status: notice, source: {NOTICE}2}}
          - {{capability: planning, ends: 2027-03-31, status: approved, source: {NOTICE}3}}
          - {{capability: planning, starts: 2024-04-01}}
        """)
    ash = directory_of(content).councils["ash"]
    ends = contract_ends(ash)
    assert [(end.capability, end.ends) for end in ends] == [
        ("planning", date(2027, 3, 31)), ("website", date(2025, 3, 31)), ("website", date(2027, 3, 31))]
    planning, ended, website = ends
    assert (website.entry, website.contract) == (ash.stack[0], ash.contracts[0])
    # The product from the stack, the suppliers from the notice; the council's own statement makes it declared.
    assert (website.product, website.suppliers, website.provenance, website.status) == (
        "localgov-drupal", ["Web Co"], "declared", "signed")
    assert (planning.product, planning.provenance, planning.source, planning.status) == (
        None, "public source", f"{NOTICE}3", "approved")


def test_a_councils_next_end_for_a_capability_is_the_earliest_still_to_come(content: ContentTree):
    council(content, "ash", 1, f"""\
        stack:
          - {{capability: website, product: localgov-drupal, contract_ends: 2028-03-31}}
          - {{capability: planning, product: planx, contract_ends: 2026-10-31}}
        contracts:
          - {{capability: website, ends: 2027-06-30, status: notice, source: {NOTICE}1}}
          - {{capability: planning, ends: {TODAY.isoformat()}}}
          - {{capability: revenues, ends: 2026-10-31}}
        """)
    council(content, "gone", 2, "stack: [{capability: website, product: localgov-drupal, contract_ends: 2027-06-30}]",
            status="abolished", ended="2023-04-01", replaced_by="[ash]")
    directory = directory_of(content)
    found = next_ends(directory.councils["ash"], TODAY)
    # The notice's June 2027 comes before the stack's March 2028; a contract ending today has not ended; the stack's
    # planning contract and the revenues contract ended before today.
    assert {capability: end.ends for capability, end in found.items()} == {
        "planning": TODAY, "website": date(2027, 6, 30)}
    assert next_ends(directory.councils["gone"], TODAY) == {}  # an abolished council renews nothing


def test_calendar_windows_matching_and_boards_read_the_same_next_ends(content: ContentTree):
    council(content, "ash", 1, "stack: [{capability: website, product: localgov-drupal, contract_ends: 2027-05-31}]")
    council(content, "birch", 2, f"""\
        contracts:
          - {{capability: website, ends: 2027-09-30, status: approved, source: {NOTICE}1}}
          - {{capability: website, ends: 2029-09-30, status: notice, source: {NOTICE}2}}
        """)
    content.write("reorganisations/ashbirch-2028.yaml", """\
        name: Ashbirch
        stage: decided
        vesting: 2028-04-01
        predecessors: [ash, birch]
        source: https://example.gov.uk/ashbirch
        """)
    directory = directory_of(content)
    derived = derive(directory)
    assert [(end.council.id, end.ends) for end in derived.renewal_calendar.endings["website"]] == [
        ("ash", date(2027, 5, 31)), ("birch", date(2027, 9, 30))]
    [window] = derived.renewal_windows
    assert (window.starts, [end.council.id for end in window.entries]) == (date(2027, 4, 1), ["ash", "birch"])
    [match] = find_matches(directory)
    assert [reason.sentence for reason in match.reasons if reason.kind == "renewal-window"] == [
        "Website contracts end within 4 months of each other (May 2027 and September 2027)"]
    board = derived.boards["ashbirch-2028"]
    assert [end.council.id for end in board.renewals.before] == ["ash", "birch"] and board.renewals.after == ()
    assert board.ending_before_vesting == 2
    later = vesting_renewals(directory, board.predecessors, date(2027, 7, 1))  # were vesting day 1 July 2027
    assert ([end.council.id for end in later.before], [end.council.id for end in later.after]) == (["ash"], ["birch"])


def test_financial_years_run_from_april_to_march_and_are_named_by_both_years():
    assert FinancialYear.holding(date(2027, 3, 31)) == FinancialYear(2026)
    assert FinancialYear.holding(date(2027, 4, 1)) == FinancialYear(2027)
    year = FinancialYear(2026)
    assert (year.starts, year.ends, year.following()) == (date(2026, 4, 1), date(2027, 3, 31), FinancialYear(2027))
    assert FinancialYear(2026) < FinancialYear(2027)
    assert financial_year(2026) == "2026 to 2027"
