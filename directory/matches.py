"""Matches: which councils should talk to each other, and why, in plain words.

The shapes the rest of the build reads; the matching itself is added below them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .derive import Usage

REASON_KINDS = ("same-product", "shared-topic", "can-help", "renewal-window", "same-project", "same-reorganisation")


@dataclass(frozen=True)
class Reason:
    kind: str  # one of REASON_KINDS
    ids: tuple[str, ...]  # the ids it rests on: product, capability, topic, project or reorganisation ids
    sentence: str  # for people, e.g. "Both use Idox Uniform for planning"
    weight: float  # its share of the pair's score


@dataclass(frozen=True)
class Match:
    councils: tuple[str, str]  # the two council ids, sorted
    score: float
    reasons: tuple[Reason, ...]  # strongest first

    def other(self, council_id: str) -> str:
        return self.councils[1] if self.councils[0] == council_id else self.councils[0]


@dataclass(frozen=True)
class RenewalWindow:
    """Councils whose contracts for one capability end within the same 12 months: a chance to procure together."""

    capability: str
    starts: date
    ends: date
    entries: tuple[Usage, ...]  # each council's stack entry, with its current product and contract end
