"""When councils' contracts end: the one rule that combines what a council's stack says (`contract_ends`) with the
contracts it lists (`contracts[].ends`), and the financial years renewals are counted in.

A stack entry says when the council's current contract for a capability ends; a contract, declared by the council or
read from the public record, says when that contract ends. Both are ends of the council's contracts for a
capability, and they combine by one rule:

- the same capability ending on the same day is one contract, however many entries say so (a stack entry and the
  notice of its contract; two notices of one procurement), as `import contracts` also assumes;
- a council's next end for a capability is the earliest of them still to come: on directory.today or later (a
  contract ending today has not ended yet, as `check` and the council page say);
- an abolished council renews nothing: its contracts passed to the councils that replaced it.

The renewals page and each capability's page, the renewal windows, renewal-window matches, the reorganisation
boards' contracts either side of vesting day and `freshness` all read `next_ends`, so they cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..content.models import Contract, Council, Directory, StackEntry, provenance


@dataclass(frozen=True)
class ContractEnd:
    """A council's contract for a capability ending on a day: from its stack entry, its contract, or both."""

    council: Council
    capability: str
    ends: date
    entry: StackEntry | None = None  # the stack entry whose contract_ends is this day, if any
    contract: Contract | None = None  # the contract listed as ending this day, if any

    @property
    def product(self) -> str | None:
        """The product the contract is for, where the stack entry or the contract names one."""
        if self.entry is not None:
            return self.entry.product
        return self.contract.product if self.contract is not None else None

    @property
    def suppliers(self) -> list[str]:
        return self.contract.suppliers if self.contract is not None else []

    @property
    def source(self) -> str | None:
        """The public page the end date comes from: the contract's, else the stack entry's; None when declared."""
        for fact in (self.contract, self.entry):
            if fact is not None and fact.source is not None:
                return fact.source
        return None

    @property
    def provenance(self) -> str:
        """'declared' when the council states the end itself (in its stack or its contracts), else 'public source'."""
        declared = any(fact is not None and fact.source is None for fact in (self.entry, self.contract))
        return provenance(None if declared else self.source)

    @property
    def status(self) -> str:
        """How far the contract is shown to have gone (vocabulary CONTRACT_STATUS): a stack entry is in place."""
        return self.contract.status if self.contract is not None and self.entry is None else "signed"


def contract_ends(council: Council) -> list[ContractEnd]:
    """Every end of the council's contracts, whatever its status, one per capability and day: by capability id, then
    day. The stack entry (then the contract) listed first in the file stands for the others on the same day."""
    ends: dict[tuple[str, date], ContractEnd] = {}
    for entry in council.stack:
        if entry.contract_ends is not None:
            ends.setdefault((entry.capability, entry.contract_ends),
                            ContractEnd(council, entry.capability, entry.contract_ends, entry=entry))
    for contract in council.contracts:
        if contract.ends is not None:
            key = (contract.capability, contract.ends)
            found = ends.get(key)
            if found is None:
                ends[key] = ContractEnd(council, contract.capability, contract.ends, contract=contract)
            elif found.contract is None:
                ends[key] = ContractEnd(council, found.capability, found.ends, found.entry, contract)
    return [ends[key] for key in sorted(ends)]


def still_to_come(day: date, today: date) -> bool:
    """Whether a contract ending on `day` has not ended by `today`."""
    return day >= today


def next_ends(council: Council, today: date) -> dict[str, ContractEnd]:
    """Capability id -> the council's next contract end for it (the earliest still to come), by capability id; none
    for an abolished council."""
    if council.status == "abolished":
        return {}
    found: dict[str, ContractEnd] = {}
    for end in contract_ends(council):  # by capability, then day: the first still to come is the next
        if end.capability not in found and still_to_come(end.ends, today):
            found[end.capability] = end
    return found


NextEnds = dict[str, dict[str, ContractEnd]]  # council id -> capability id -> its next contract end (next_ends)


def next_ends_by_council(directory: Directory) -> NextEnds:
    """next_ends of each council, by id, on directory.today: derive works them out once for the matches, the
    renewals calendar and the renewal windows (at 10,000 councils, each working them out again cost a fifth of a
    second)."""
    return {council.id: next_ends(council, directory.today) for council in directory.councils.values()}


@dataclass(frozen=True, order=True)
class FinancialYear:
    """1 April to 31 March, the year councils budget and procure in, named by the year it starts in."""

    year: int  # 2027: 1 April 2027 to 31 March 2028

    @classmethod
    def holding(cls, day: date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def starts(self) -> date:
        return date(self.year, 4, 1)

    @property
    def ends(self) -> date:
        return date(self.year + 1, 3, 31)

    def following(self) -> FinancialYear:
        return FinancialYear(self.year + 1)
