"""`python build.py freshness`: what needs a council's attention, for the weekly workflow's job summary.

Profiles not reviewed for 12 months, and contracts that end within 6 months (each council's next end for each
capability, from its stack and its contracts: derive/renewals.py), or whose stack entry says they have ended: the two
things that make the directory wrong without anyone changing it. A contract listed in `contracts` that has ended is
a record of the past, not a mistake, so it is not listed.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from ..content.models import Council, Directory
from ..derive.renewals import ContractEnd, next_ends, still_to_come
from .report import Report

CONTRACT_HORIZON_MONTHS = 6


@dataclass(frozen=True)
class Freshness:
    today: date
    horizon: date  # contracts ending on or before this day are listed
    stale: list[Council]  # reviewed more than 12 months ago (Council.is_stale), oldest first
    never_reviewed: list[Council]  # claimed profiles with no reviewed date, by id
    unclaimed_never_reviewed: int
    contracts: list[ContractEnd]  # ending by the horizon, or ended by the stack's word, soonest first


def months_later(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def freshness(directory: Directory) -> Freshness:
    today = directory.today
    horizon = months_later(today, CONTRACT_HORIZON_MONTHS)
    current = [council for council in directory.councils.values() if council.status != "abolished"]
    unreviewed = [council for council in current if council.reviewed is None]
    contracts = [end for council in current for end in next_ends(council, today).values() if end.ends <= horizon]
    contracts += [ContractEnd(council, entry.capability, entry.contract_ends, entry=entry) for council in current
                  for entry in council.stack
                  if entry.contract_ends is not None and not still_to_come(entry.contract_ends, today)]
    return Freshness(
        today=today,
        horizon=horizon,
        stale=sorted((c for c in current if c.is_stale(today)), key=lambda c: (c.reviewed, c.id)),
        never_reviewed=[council for council in unreviewed if council.maintainers],
        unclaimed_never_reviewed=sum(1 for council in unreviewed if not council.maintainers),
        contracts=sorted(contracts, key=lambda end: (end.ends, end.council.id, end.capability)),
    )


def freshness_report(directory: Directory, markdown: bool) -> str:
    """The report on a directory that checked without errors, so every id in it names a record."""
    found = freshness(directory)
    out = Report(markdown)
    out.heading(f"Freshness of the directory on {found.today}")
    out.heading(f"Profiles not reviewed for 12 months: {len(found.stale)}", 3)
    out.table(["Council", "Last reviewed", "Maintainers"],
              [[f"{c.name} ({c.id})", str(c.reviewed), _maintainers(c) or "directory maintainers"] for c in found.stale])
    out.heading(f"Claimed profiles never reviewed: {len(found.never_reviewed)}", 3)
    out.table(["Council", "Maintainers"], [[f"{c.name} ({c.id})", _maintainers(c)] for c in found.never_reviewed])
    out.paragraph(f"{found.unclaimed_never_reviewed} profile(s) not yet claimed by their council have never been "
                  "reviewed: they hold what public sources say until the council claims them.")
    out.heading(f"Contracts ending by {found.horizon}: {len(found.contracts)}", 3)
    out.table(["Ends", "Council", "Capability", "Product or supplier", "From"],
              [[str(end.ends) + ("" if still_to_come(end.ends, found.today) else " (ended)"),
                f"{end.council.name} ({end.council.id})", directory.capabilities[end.capability].name,
                _product_or_supplier(directory, end), "stack" if end.entry is not None else "contracts"]
               for end in found.contracts])
    if found.contracts:
        out.paragraph("If a contract has been renewed or replaced, update its contract_ends date, or the stack "
                      "entry, in the council's profile, and add the contract that follows it to its contracts.")
    return out.text()


def _product_or_supplier(directory: Directory, end: ContractEnd) -> str:
    if end.product is not None:
        return directory.products[end.product].name
    return "; ".join(end.suppliers) or "not named"


def _maintainers(council: Council) -> str:
    return " ".join(f"@{account}" for account in council.maintainers)
