"""`freshness`: profiles not reviewed for 12 months and contracts ending within 6 months."""
from __future__ import annotations

from datetime import date

import build
from directory.commands.freshness import freshness, freshness_report, months_later
from tests.conftest import TODAY, ContentTree


def test_months_later_keeps_the_day_where_the_month_has_it():
    assert months_later(date(2026, 11, 1), 6) == date(2027, 5, 1)
    assert months_later(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_what_needs_attention(content: ContentTree):
    content.council("stale", gss="E07000002", reviewed="2025-06-01", extra="maintainers: [jo-bloggs]\n")
    content.council("fresh", gss="E07000003", reviewed="2026-10-01")
    content.council("claimed", gss="E07000004", extra="maintainers: [sam-jones]\n")
    content.council("gone", gss="E07000005", status="abolished", ended="2023-03-31", replaced_by="[cumberland]",
                    reviewed="2020-01-01")
    content.council("renewing", gss="E07000006", reviewed="2026-10-01", extra="""\
        stack:
          - capability: website
            product: localgov-drupal
            contract_ends: 2027-05-01
          - capability: planning
            product: planx
            contract_ends: 2027-05-02
          - capability: revenues
            product: idox-uniform
            contract_ends: 2026-09-30
        """)
    found = freshness(content.check().directory)
    assert [council.id for council in found.stale] == ["stale"]  # not the abolished one
    assert [council.id for council in found.never_reviewed] == ["claimed"]
    assert found.unclaimed_never_reviewed == 1  # cumberland
    assert [(end.council.id, end.capability) for end in found.contracts] == [
        ("renewing", "revenues"), ("renewing", "website")]  # ended, then within 6 months; not 2027-05-02


def test_contracts_listed_are_each_councils_next_ends_from_its_stack_and_its_contracts(content: ContentTree):
    content.council("renewing", gss="E07000006", extra="""\
        stack:
          - capability: website
            product: localgov-drupal
            contract_ends: 2027-03-31
        contracts:
          - capability: website
            ends: 2027-03-31
          - capability: planning
            ends: 2027-01-31
            status: notice
            source: https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000001
          - capability: planning
            ends: 2027-04-30
          - capability: revenues
            ends: 2026-06-30
            source: https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000002
        """)
    found = freshness(content.check().directory)
    # The website contract in the stack and in contracts is one; planning's next end is January's; the revenues
    # contract from the public record has ended, which is history, not something to update.
    assert [(end.capability, end.ends, end.entry is not None, end.contract is not None) for end in found.contracts] \
        == [("planning", date(2027, 1, 31), False, True), ("website", date(2027, 3, 31), True, True)]


def test_report_in_both_formats(content: ContentTree, capsys):
    content.council("stale", gss="E07000002", reviewed="2025-06-01", extra="maintainers: [jo-bloggs]\n")
    directory = content.check().directory
    markdown = freshness_report(directory, markdown=True)
    assert markdown.startswith("## Freshness of the directory on 2026-11-01\n")
    assert "| Stale Council \\(stale\\) | 2025-06-01 | @jo-bloggs |" not in markdown
    assert "| Stale Council (stale) | 2025-06-01 | @jo-bloggs |" in markdown
    text = freshness_report(directory, markdown=False)
    assert "Profiles not reviewed for 12 months: 1" in text and "|" not in text
    assert build.main(["freshness", "--content", str(content.root), "--today", TODAY.isoformat(),
                       "--format", "markdown"]) == 0
    assert capsys.readouterr().out == markdown
