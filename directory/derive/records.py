"""The small records derived indexes are made of: a fact of a council, with the council it belongs to."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, TypeVar

from ..content.models import Challenge, Council, Participation, StackEntry

Named = TypeVar("Named")  # any record with a name and an id: council, product, project


def by_name(records: Iterable[Named]) -> list[Named]:
    """Records in the order people look for them: by name, case aside, then by id."""
    return sorted(records, key=lambda record: (record.name.lower(), record.id))


@dataclass(frozen=True)
class Usage:
    council: Council
    entry: StackEntry


@dataclass(frozen=True)
class Participant:
    council: Council
    participation: Participation
    successors: tuple[Council, ...] = ()  # for an abolished council: the councils that replaced it, by name

    @property
    def provenance(self) -> str:
        return self.participation.provenance


@dataclass(frozen=True)
class ChallengeOf:
    council: Council
    challenge: Challenge
