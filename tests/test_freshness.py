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
    assert [(council.id, entry.capability) for council, entry in found.contracts] == [
        ("renewing", "revenues"), ("renewing", "website")]  # ended, then within 6 months; not 2027-05-02


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
