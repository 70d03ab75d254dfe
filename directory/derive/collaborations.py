"""Councils working together, derived: each project's funded phases with the councils that took part, funded
work added up by programme and round, and the projects each council led or joined.

What was funded is read from the project files; who took part, from the councils' own files (ARCHITECTURE.md,
"The content contract"), each part with where it comes from (declared, or a public source) and, for a council
since abolished, the councils that replaced it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..content import vocabulary
from ..content.models import Council, Directory, Participation, Phase, Project
from ..wording import listed
from .records import Participant, by_name


@dataclass(frozen=True)
class FundedPhase:
    project: Project
    phase: Phase
    participants: tuple[Participant, ...]  # the councils that took part in this phase, by role then name


@dataclass(frozen=True)
class Totals:
    """Funded phases added up: the figures a page or a download shows for a round or a programme."""

    phases: int  # funded phases (one award each)
    projects: int  # the projects they belong to
    councils: int  # councils that took part in any of them, abolished ones included
    amount_gbp: int  # the amounts stated, added up
    amounts_stated: int  # how many of the phases state an amount: the others are not in amount_gbp


@dataclass(frozen=True)
class FundedRound:
    round: str | None  # a funding round id (vocabulary.FUNDING_ROUND); None: awards whose round is not given
    phases: tuple[FundedPhase, ...]  # by start (undated last), then project name
    totals: Totals


@dataclass(frozen=True)
class FundedProgramme:
    programme: str  # a funding programme id (vocabulary.FUNDING_PROGRAMME)
    rounds: tuple[FundedRound, ...]  # in the programme's order; the awards whose round is not given last
    totals: Totals


@dataclass(frozen=True)
class CouncilProject:
    """A project a council led or joined, with each of its entries for it (one per funded phase it was part of)."""

    project: Project
    role: str  # its main role: the first of its roles in vocabulary.ROLE's order (lead if it led any phase)
    participations: tuple[Participation, ...]  # in the order of the project's phases; the project as a whole first

    @property
    def led(self) -> bool:
        return self.role == "lead"


def participant(directory: Directory, council: Council, participation: Participation) -> Participant:
    """A council's part in a project, with the councils that replaced it if it has been abolished."""
    successors = by_name(directory.councils[c] for c in council.replaced_by if c in directory.councils)
    return Participant(council, participation, tuple(successors))


def by_role(participants: Iterable[Participant]) -> list[Participant]:
    """Lead first, then funders, partners and users; by name within a role."""
    return sorted(participants, key=lambda p: (vocabulary.ROLE.rank(p.participation.role), p.council.name.lower(),
                                               p.council.id))


def phase_participants(directory: Directory) -> dict[tuple[str, str], list[Participant]]:
    """(project id, phase id) -> the councils whose files name that phase, by role then name."""
    found: dict[tuple[str, str], list[Participant]] = defaultdict(list)
    for council in directory.councils.values():
        for participation in council.projects:
            if participation.phase is not None:
                found[(participation.project, participation.phase)].append(
                    participant(directory, council, participation))
    return {key: by_role(members) for key, members in found.items()}


def project_phases(directory: Directory, participants: dict[tuple[str, str], list[Participant]]
                   ) -> dict[str, list[FundedPhase]]:
    """Project id -> its funded phases in the order they started (as validated), each with who took part."""
    return {project.id: [FundedPhase(project, phase, tuple(participants.get((project.id, phase.id), ())))
                         for phase in project.phases]
            for project in directory.projects.values()}


def funding_totals(phases: Iterable[FundedPhase]) -> Totals:
    phases = list(phases)
    amounts = [funded.phase.amount_gbp for funded in phases if funded.phase.amount_gbp is not None]
    return Totals(phases=len(phases), projects=len({funded.project.id for funded in phases}),
                  councils=len({p.council.id for funded in phases for p in funded.participants}),
                  amount_gbp=sum(amounts), amounts_stated=len(amounts))


def funded_programmes(phases: dict[str, list[FundedPhase]]) -> dict[str, FundedProgramme]:
    """Programme id -> its funded phases by round, added up; programmes in the vocabulary's order, those that
    funded nothing here left out."""
    by_round: dict[str, dict[str | None, list[FundedPhase]]] = defaultdict(lambda: defaultdict(list))
    for funded in (funded for project_phases in phases.values() for funded in project_phases):
        by_round[funded.phase.programme][funded.phase.round].append(funded)
    programmes = {}
    for programme in vocabulary.FUNDING_PROGRAMME.values:
        if programme not in by_round:
            continue
        order = [*vocabulary.FUNDING_ROUNDS.get(programme, ()), None]
        rounds = tuple(FundedRound(round_id, tuple(sorted(members, key=_by_start)), funding_totals(members))
                       for round_id in order if (members := by_round[programme].get(round_id)))
        programmes[programme] = FundedProgramme(
            programme, rounds, funding_totals(funded for funded_round in rounds for funded in funded_round.phases))
    return programmes


def funded_period(project: Project) -> str:
    """'Local Digital Fund, 2019-2020': the programmes that funded a project's phases and the years they started
    in, for a sentence naming the project; empty for a project with no funded phases."""
    programmes = {phase.programme for phase in project.phases}
    years = sorted({phase.started[:4] for phase in project.phases if phase.started})
    words = [listed(vocabulary.FUNDING_PROGRAMME.label(p) for p in vocabulary.FUNDING_PROGRAMME.values
                    if p in programmes)] if programmes else []
    if years:
        words.append(years[0] if years[0] == years[-1] else f"{years[0]}-{years[-1]}")
    return ", ".join(words)


def _by_start(funded: FundedPhase) -> tuple:
    started = funded.phase.started
    return (started is None, started or "", funded.project.name.lower(), funded.phase.id)


def council_projects(directory: Directory) -> dict[str, list[CouncilProject]]:
    """Council id -> the projects it led or joined: those it led first, then by project name. Every council has
    an entry."""
    found = {}
    for council in directory.councils.values():
        entries: dict[str, list[Participation]] = defaultdict(list)
        for participation in council.projects:
            entries[participation.project].append(participation)
        projects = []
        for project_id, participations in entries.items():
            project = directory.projects[project_id]
            order = {phase.id: index for index, phase in enumerate(project.phases)}
            participations.sort(key=lambda p: -1 if p.phase is None else order.get(p.phase, len(order)))
            role = min((p.role for p in participations), key=vocabulary.ROLE.rank)
            projects.append(CouncilProject(project, role, tuple(participations)))
        projects.sort(key=lambda item: (not item.led, item.project.name.lower(), item.project.id))
        found[council.id] = projects
    return found
