"""Stage 3, derive: indexes computed from the validated directory. Each function computes one thing;
templates only format what these return.

A module's list of users, a project's participants, a product's councils: all are derived from the
councils' own files (DESIGN.md principle 2), never written anywhere else.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .models import Challenge, Council, Directory, Participation, StackEntry


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


@dataclass(frozen=True)
class Derived:
    product_users: dict[str, list[Usage]]  # product id -> uses, by council name
    capability_users: dict[str, dict[str, list[Usage]]]  # capability id -> product id -> uses
    project_participants: dict[str, list[Participant]]  # project id -> participants, by role then name
    topic_challenges: dict[str, list[ChallengeOf]]  # topic id -> challenges on it
    council_reorganisations: dict[str, list[str]]  # council id -> ids of the reorganisations it is part of


def derive(directory: Directory) -> Derived:
    return Derived(
        product_users=product_users(directory),
        capability_users=capability_users(directory),
        project_participants=project_participants(directory),
        topic_challenges=topic_challenges(directory),
        council_reorganisations=council_reorganisations(directory),
    )


def _by_name(councils: dict[str, Council]) -> list[Council]:
    return sorted(councils.values(), key=lambda council: (council.name.lower(), council.id))


def product_users(directory: Directory) -> dict[str, list[Usage]]:
    users: dict[str, list[Usage]] = {product_id: [] for product_id in directory.products}
    for council in _by_name(directory.councils):
        for entry in council.stack:
            users[entry.product].append(Usage(council, entry))
    return users


def capability_users(directory: Directory) -> dict[str, dict[str, list[Usage]]]:
    users: dict[str, dict[str, list[Usage]]] = {capability_id: {} for capability_id in directory.capabilities}
    for council in _by_name(directory.councils):
        for entry in council.stack:
            users[entry.capability].setdefault(entry.product, []).append(Usage(council, entry))
    return {capability: dict(sorted(products.items(), key=lambda item: (-len(item[1]), item[0])))
            for capability, products in users.items()}


ROLE_ORDER = {"lead": 0, "funder": 1, "partner": 2, "user": 3}


def project_participants(directory: Directory) -> dict[str, list[Participant]]:
    participants: dict[str, list[Participant]] = {project_id: [] for project_id in directory.projects}
    for council in _by_name(directory.councils):
        for participation in council.projects:
            participants[participation.project].append(Participant(council, participation))
    for members in participants.values():
        members.sort(key=lambda p: ROLE_ORDER[p.participation.role])  # stable: by name within a role
    return participants


def topic_challenges(directory: Directory) -> dict[str, list[ChallengeOf]]:
    challenges: dict[str, list[ChallengeOf]] = {topic_id: [] for topic_id in directory.topics}
    for council in _by_name(directory.councils):
        for challenge in council.challenges:
            for topic in challenge.topics:
                challenges[topic].append(ChallengeOf(council, challenge))
    return challenges


def council_reorganisations(directory: Directory) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for reorganisation in directory.reorganisations.values():
        for council in (*reorganisation.predecessors, *reorganisation.successors):
            found[council].append(reorganisation.id)
    return dict(found)
