"""What each page type's template reads, named in one place (compare mkdocs' TemplateContext).

render builds one of these per page; the template sees its fields as variables, beside what every page
has (`Common`). Templates never reach into the whole directory or the derived indexes: what a page shows is
chosen here, computed in derive, and only formatted by the template.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..content.models import (Capability, CapabilityGroup, Contract, Council, Directory, Pledge, Product, Project,
                              Reorganisation, Site, Topic)
from ..derive.collaborations import CouncilProject, FundedPhase, FundedProgramme, Totals
from ..derive.indexes import AreaProposal, Board, CouncilPlace, Figures, Programme, RenewalCalendar
from ..derive.matching import Match, RenewalWindow, Summary
from ..derive.opportunities import Candidate, PeerGroup
from ..derive.records import ChallengeOf, Participant, Usage
from ..derive.renewals import ContractEnd
from .addresses import Addresses
from .maps import HexMap


class Names:
    """A record by its id, for the pages that name what a profile refers to (a stack entry's product)."""

    def __init__(self, directory: Directory):
        self._directory = directory

    def council(self, council_id: str) -> Council:
        return self._directory.councils[council_id]

    def product(self, product_id: str) -> Product:
        return self._directory.products[product_id]

    def capability(self, capability_id: str) -> Capability:
        return self._directory.capabilities[capability_id]

    def capability_group(self, group_id: str) -> CapabilityGroup:
        return self._directory.capability_groups[group_id]

    def topic(self, topic_id: str) -> Topic:
        return self._directory.topics[topic_id]

    def project(self, project_id: str) -> Project:
        return self._directory.projects[project_id]

    def reorganisation(self, reorganisation_id: str) -> Reorganisation:
        return self._directory.reorganisations[reorganisation_id]


@dataclass(frozen=True)
class Common:
    """What every page has."""

    site: Site
    urls: Addresses
    names: Names
    today: date  # the day the directory is judged on: ended contracts, staleness


Filters = tuple[tuple[str, tuple[str, ...]], ...]  # a page's search filters: (filter, its values), in a fixed order


@dataclass(frozen=True)
class FilterChoice:
    """One search filter as the search page lists it: its values, each with the number of pages carrying it."""

    key: str
    legend: str
    values: tuple[tuple[str, int], ...]  # by name


@dataclass(frozen=True)
class Page:
    """Where a page is: `root` leads back to the site's root from it, `path` is its own address."""

    root: str
    path: str
    search_filters: Filters | None  # what search can narrow it by (site/search_filters.py); None: not indexed


# ----------------------------------------------------------------------------------------------
# One context per page type, named after its template.


@dataclass(frozen=True)
class HomePage:
    figures: Figures
    recently_reviewed: list[Council]


@dataclass(frozen=True)
class CouncilsPage:
    councils: list[CouncilRow]  # the councils listed, by name
    profiles: int  # every council profile, for "N of M"
    facet: str | None  # nation, region, kind or status when the list is filtered by one
    value: str | None  # its value
    groups: dict[str, dict[str, int]]  # facet -> value -> its number of councils, for the filter links


@dataclass(frozen=True)
class CouncilRow:
    """A council as the lists show it: only what they show, so that `serve` renders a list again only when that
    changed (an edit to a council's stack changes 10,000 councils' A to Z only when it adds or removes an entry)."""

    id: str
    name: str
    kind: str
    region: str
    status: str
    stack_entries: int

    @classmethod
    def of(cls, council: Council) -> CouncilRow:
        return cls(council.id, council.name, council.kind, council.region, council.status, len(council.stack))


@dataclass(frozen=True)
class CouncilPage:
    council: Council
    stale: bool  # not reviewed for 12 months
    predecessors: list[Council]  # the councils it replaced
    reorganisations: list[Reorganisation]  # those it is part of, as predecessor or successor
    matches: list[Match]  # its best matches with councils it is not being reorganised with, best first
    place: CouncilPlace | None  # its area in the reorganisation under way, and the proposals it is in
    partners: list[Match]  # its matches with the councils it is being reorganised with, best first
    projects: list[CouncilProject]  # the projects it led or joined, led first, each with its parts in it
    contracts: list[Contract]  # its contracts by capability name, then when they start (derive's council_contracts)
    map: HexMap | None  # where it is, with the councils it is being reorganised with; None when it has no hex


@dataclass(frozen=True)
class CapabilityRow:
    capability: Capability
    councils: int  # councils recording any product for it
    products: int  # products in use for it


@dataclass(frozen=True)
class CapabilitiesPage:
    groups: list[tuple[CapabilityGroup, list[CapabilityRow]]]  # each group with its capabilities by name


@dataclass(frozen=True)
class CapabilityPage:
    capability: Capability
    group: CapabilityGroup
    users: dict[str, list[Usage]]  # product id -> the councils using it for this capability, most used first
    councils: int  # councils recording any product for it
    products: list[Product]  # every product that serves it
    projects: list[Project]  # projects about it
    helpers: list[ChallengeOf]  # finished challenges about it: who can help
    seekers: list[ChallengeOf]  # open challenges asking for help with it
    endings: list[ContractEnd]  # councils' next contracts for it ending in the next five financial years
    maps: list[HexMap]  # each council coloured by the product it records for it (districts, then counties)


@dataclass(frozen=True)
class ProductRow:
    product: Product
    councils: int


@dataclass(frozen=True)
class ProductsPage:
    products: list[ProductRow]


@dataclass(frozen=True)
class ProductPage:
    product: Product
    usages: list[Usage]
    councils: int
    modules: list[Project]  # projects extending it
    maps: list[HexMap]  # the councils that use it (districts, then counties)


@dataclass(frozen=True)
class ProjectRow:
    project: Project
    participants: int


@dataclass(frozen=True)
class ProjectsPage:
    by_kind: dict[str, list[ProjectRow]]  # project kind -> its projects, by name
    funded: Totals  # funded collaborative work added up, for the link to it


@dataclass(frozen=True)
class ProjectPage:
    project: Project
    participants: list[Participant]  # by role, then name
    pledges: Pledge  # the participants' pledges added up
    candidates: list[Candidate]  # councils whose open challenges fit it
    phases: list[FundedPhase]  # its funded phases in the order they started, each with who took part


@dataclass(frozen=True)
class FundedWorkPage:
    programmes: list[FundedProgramme]  # each programme with its rounds, in the vocabulary's order
    totals: Totals  # every funded phase added up
    projects: int  # every project in the directory, for "N of M"


@dataclass(frozen=True)
class TopicRow:
    topic: Topic
    challenges: int


@dataclass(frozen=True)
class TopicsPage:
    topics: list[TopicRow]


@dataclass(frozen=True)
class TopicPage:
    topic: Topic
    challenges: list[ChallengeOf]
    helpers: list[ChallengeOf]
    projects: list[Project]


@dataclass(frozen=True)
class ReorganisationsPage:
    """The programme: every area under way by stage, its timeline and what is next; then those done before."""

    programme: Programme
    timeline_drawing: dict[str, Any]  # the timeline drawn (charts.programme_timeline): params of its component
    map: HexMap | None  # each district and unitary council coloured by its area's stage
    reorganisations: list[Reorganisation]  # those vested (done before), latest vesting day first


@dataclass(frozen=True)
class ReorganisationPage:
    reorganisation: Reorganisation
    board: Board
    peers: list[PeerGroup]
    proposals: tuple[AreaProposal, ...]  # every proposal for its area, its own first, resolved to councils
    # capability id -> what the councils created in 2019-2023 use for it, by capability name: who has done it before
    done_before: dict[str, list[Usage]]
    maps: list[HexMap]  # the area's councils: for each proposal giving its makeup, which new council each goes to


@dataclass(frozen=True)
class ReorganisationEmbed:
    """What the embeddable view of a reorganisation shows: its maps and its convergence board, no more, so that
    `serve` renders it again only when they change."""

    reorganisation: Reorganisation
    board: Board
    maps: list[HexMap]


@dataclass(frozen=True)
class RenewalsPage:
    calendar: RenewalCalendar
    windows: list[RenewalWindow]


@dataclass(frozen=True)
class MatchesPage:
    strongest: list[Match]
    summary: Summary
    rules: Any  # the matching module: its reasons, their names, rules and weights


@dataclass(frozen=True)
class EmbedExample:
    """An embeddable view, as the open-data page offers it: what it shows, one example and its snippet's parts."""

    shows: str  # what every view of its kind shows
    address: str  # the views' address, with {id} for the record's
    example: str  # the example view's path
    title: str  # the example iframe's title, which names it to screen readers
    height: int  # a height in pixels that shows the example without scrolling on a desktop


@dataclass(frozen=True)
class OpenDataPage:
    files: tuple[Any, ...]  # catalogue.OpenData records
    embeds: list[EmbedExample]


@dataclass(frozen=True)
class ContributePage:
    fields: dict[str, list[tuple[str, str]]]  # part of a profile -> (field, description)


@dataclass(frozen=True)
class SearchPage:
    synonyms: dict[str, list[str]]  # another name, lower case -> the names search also looks for (derive)
    filters: tuple[FilterChoice, ...]  # every filter's values, each with the number of pages carrying it


@dataclass(frozen=True)
class PlainPage:
    """A page with nothing of its own to show: about."""


@dataclass(frozen=True)
class NotFoundPage:
    inline_css: Any  # the stylesheet, inline: the page is served at any depth
