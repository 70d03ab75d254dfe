"""The small records derived indexes are made of: a fact of a council, with the council it belongs to."""
from __future__ import annotations

from dataclasses import dataclass

from .models import Challenge, Council, Participation, StackEntry


@dataclass(frozen=True)
class Usage:
    council: Council
    entry: StackEntry


@dataclass(frozen=True)
class Participant:
    council: Council
    participation: Participation


@dataclass(frozen=True)
class ChallengeOf:
    council: Council
    challenge: Challenge
