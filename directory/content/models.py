"""The content model: one pydantic model per content type, frozen once validated.

Field names are the public contract councils write to (DESIGN.md). Every field carries its description
here, once: it feeds the JSON Schemas in `schemas/`, the editor's hover text and the contribution guide.
Values arrive as text from the loader; these models decide their types.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic.json_schema import SkipJsonSchema

ID_REGEX = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
GSS_REGEX = r"^[ENSW][0-9]{8}$"
EMAIL_REGEX = re.compile(r"^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$")
# A GitHub user (jane-doe) or an organisation's team (organisation/team-name), with an optional leading @.
GITHUB_ACCOUNT_REGEX = r"^@?[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:/[A-Za-z0-9][A-Za-z0-9_-]*)?$"


class FieldError(ValueError):
    """A rule about one field checked at model level; `validate` points the message at that field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


_HTTPS_URL = re.compile(r"https://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?(?:[/?#][^\s]*)?")
_YEAR = re.compile(r"[0-9]{4}")


def _https_url(value: str) -> str:
    if not _HTTPS_URL.fullmatch(value):
        raise ValueError("must be a web address starting with https://")
    return value


def _strict_bool(value: object) -> object:
    # YAML 1.1 would read yes/no/on/off as booleans; here only true and false are, as in YAML 1.2.
    if isinstance(value, str):
        if value in ("true", "True", "TRUE"):
            return True
        if value in ("false", "False", "FALSE"):
            return False
        raise ValueError("must be true or false")
    return value


def _year(value: object) -> object:
    if isinstance(value, str) and not _YEAR.fullmatch(value):
        raise ValueError("must be a year written with four digits, such as 2023")
    return value


def _email(value: str) -> str:
    if not EMAIL_REGEX.match(value):
        raise ValueError("must be an email address, such as digital@example.gov.uk")
    return value


Id = Annotated[str, Field(pattern=ID_REGEX, description="An id: lower-case words joined by hyphens.")]
HttpsUrl = Annotated[str, AfterValidator(_https_url), Field(json_schema_extra={"format": "uri", "pattern": "^https://"})]
Markdown = Annotated[str, Field(json_schema_extra={"contentMediaType": "text/markdown"})]
Flag = Annotated[bool, BeforeValidator(_strict_bool)]
Year = Annotated[int, BeforeValidator(_year), Field(ge=1980, le=2100)]
Email = Annotated[str, AfterValidator(_email), Field(json_schema_extra={"format": "email"})]


def _github_account(value: str) -> str:
    login = value.removeprefix("@").split("/", 1)[0]
    if not re.match(GITHUB_ACCOUNT_REGEX, value) or len(login) > 39:
        raise ValueError("must be a GitHub user name, such as jane-doe, or a team written organisation/team-name "
                         "(never an email address)")
    return value.removeprefix("@")


# Stored without the @, which YAML does not allow at the start of a plain value; CODEOWNERS adds it back.
GitHubAccount = Annotated[str, AfterValidator(_github_account),
                          Field(json_schema_extra={"pattern": GITHUB_ACCOUNT_REGEX})]
RecordId = SkipJsonSchema[str]  # the file name, set by the loader; never written in the file

CouncilKind = Literal[
    "county", "district", "unitary", "metropolitan-district", "london-borough", "sui-generis"
]
Nation = Literal["england", "scotland", "wales", "northern-ireland"]
Region = Literal[
    "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West", "Scotland", "Wales", "Northern Ireland",
]
Hosting = Literal["saas", "cloud", "on-premises", "shared-service"]
ChallengeStatus = Literal["exploring", "planning", "in-progress", "done"]
Seeking = Literal["partners", "advice", "funding", "testers", "suppliers"]
Role = Literal["lead", "partner", "user", "funder"]
ProjectKind = Literal["module", "fund", "collaboration"]
ProjectStatus = Literal["proposed", "active", "maintained", "completed", "archived"]
ReorganisationStatus = Literal["proposed", "agreed", "vested"]
CouncilStatus = Literal["active", "abolished", "forthcoming"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# ----------------------------------------------------------------------------------------------
# Vocabularies and the site


class Site(Model):
    """content/site.yaml: the directory's own settings."""

    title: str = Field(min_length=1, description="The directory's name, shown in every page's header.")
    description: str = Field(description="One sentence saying what the directory is for, shown on the home page.")
    base_url: HttpsUrl = Field(description="Where the site is published, such as https://example.github.io/directory/.")
    repository: HttpsUrl = Field(description="The GitHub repository holding the content, for 'edit this page' links.")
    branch: str = Field("main", description="The repository's default branch.")
    licence: str = Field(description="The licence of the directory's content, such as CC BY 4.0.")
    licence_url: HttpsUrl = Field(description="Where the content licence is published.")
    maintainers: list[GitHubAccount] = Field(default_factory=list, description=(
        "GitHub users or organisation/team names who maintain the directory: they own the vocabularies, the code "
        "and every council profile not yet claimed (.github/CODEOWNERS)."))


class CapabilityGroup(Model):
    id: Id = Field(description="The group's id.")
    name: str = Field(min_length=1, description="The group's name, as shown on the site.")


class Capability(Model):
    id: Id = Field(description="The capability's id, used by stack entries, products and projects.")
    name: str = Field(min_length=1, description="What councils need software for, in a few words.")
    group: Id = Field(description="The id of the group this capability belongs to (from `groups`).")
    description: str = Field(min_length=1, description="One or two sentences saying what it covers, so that "
                                                        "two councils mean the same thing by it.")
    lgsl: list[int] = Field(default_factory=list, description="Local Government Service List codes of the "
                                                               "services this capability supports, where GOV.UK lists them.")


class Capabilities(Model):
    """content/capabilities.yaml: what councils need software for."""

    groups: list[CapabilityGroup] = Field(min_length=1, description="The groups capabilities are shown in.")
    capabilities: list[Capability] = Field(min_length=1, description="Every capability, with a stable id.")


class Topic(Model):
    id: Id = Field(description="The topic's id, used by challenges and projects.")
    name: str = Field(min_length=1, description="What a challenge is about, in a few words.")
    description: str = Field(min_length=1, description="One or two sentences on what the topic covers.")


class Topics(Model):
    """content/topics.yaml: what challenges are about."""

    topics: list[Topic] = Field(min_length=1, description="Every topic, with a stable id.")


class Product(Model):
    """content/products/<id>.yaml: a product councils use. Real products and vendors only."""

    id: RecordId = ""
    name: str = Field(min_length=1, description="The product's name as its vendor writes it.")
    vendor: str = Field(min_length=1, description="Who supplies it; for community-built software, the community.")
    capabilities: list[Id] = Field(min_length=1, description="Ids of the capabilities it serves (capabilities.yaml).")
    open_source: Flag = Field(description="true when its source code is published under an open-source licence.")
    licence: str | None = Field(None, description="Its SPDX licence id, such as GPL-2.0-or-later, when open source.")
    website: HttpsUrl = Field(description="The product's web page.")
    repository: HttpsUrl | None = Field(None, description="Where its source code is published, when it is.")
    description: Markdown | None = Field(None, description="A short description of the product.")


class Project(Model):
    """content/projects/<id>.yaml: a shared module, community-fund project or collaboration."""

    id: RecordId = ""
    name: str = Field(min_length=1, description="The project's name.")
    kind: ProjectKind = Field(description="module (extends a shared platform), fund (community-funded work) "
                                          "or collaboration (councils working together on a problem).")
    status: ProjectStatus = Field(description="Where the project is: proposed, active, maintained, completed or archived.")
    summary: Markdown = Field(min_length=1, description="What the project does and why, in a few sentences.")
    product: Id | None = Field(None, description="For a module: the id of the platform product it extends.")
    capabilities: list[Id] = Field(default_factory=list, description="Ids of the capabilities it serves.")
    topics: list[Id] = Field(default_factory=list, description="Ids of the topics it addresses.")
    seeking: list[Seeking] = Field(default_factory=list, description="What the project is looking for now.")
    repository: HttpsUrl | None = Field(None, description="Where its code is published.")
    licence: str | None = Field(None, description="Its SPDX licence id.")
    website: HttpsUrl | None = Field(None, description="Its web page, if it has one beyond the repository.")
    funding_target_gbp: int | None = Field(None, ge=1, description="For a fund project: the money it needs, in pounds, "
                                                                          "when a target has been published.",
                                           examples=[40000])

    @model_validator(mode="after")
    def _fund_has_target(self) -> Project:
        if self.kind != "fund" and self.funding_target_gbp is not None:
            raise FieldError("funding_target_gbp", "funding_target_gbp is only for projects whose kind is fund")
        return self


class Reorganisation(Model):
    """content/reorganisations/<id>.yaml: councils merged or split by local government reorganisation."""

    id: RecordId = ""
    name: str = Field(min_length=1, description="The reorganisation's name, such as 'Cumbria'.")
    status: ReorganisationStatus = Field(description="proposed, agreed (legislation made) or vested (new councils running).")
    vesting: date = Field(description="The day the new councils take over, written YYYY-MM-DD.")
    predecessors: list[Id] = Field(min_length=1, description="Ids of the councils it replaces.")
    successors: list[Id] = Field(min_length=1, description="Ids of the councils it creates.")
    source: HttpsUrl = Field(description="The public source these facts come from.")
    summary: Markdown | None = Field(None, description="Anything else readers should know.")


# ----------------------------------------------------------------------------------------------
# The council profile


class StackEntry(Model):
    capability: Id = Field(description="What the product is used for: an id from capabilities.yaml.")
    product: Id = Field(description="The product used: the id of a file in content/products/.")
    since: Year | None = Field(None, description="The year the council started using it.")
    contract_ends: date | None = Field(None, description="When the current contract ends, written YYYY-MM-DD.")
    hosting: Hosting | None = Field(None, description="saas, cloud, on-premises or shared-service.")
    notes: Markdown | None = Field(None, description="How the council uses it: its variations and extensions.")
    source: HttpsUrl | None = Field(None, description="The public source this entry comes from. Leave it out when "
                                                      "the council declares the entry itself.")

    @model_validator(mode="after")
    def _contract_after_start(self) -> StackEntry:
        if self.since is not None and self.contract_ends is not None and self.contract_ends.year < self.since:
            raise FieldError("contract_ends", f"contract_ends ({self.contract_ends}) is before since ({self.since})")
        return self


class Challenge(Model):
    title: str = Field(min_length=1, description="The challenge, in a few words.")
    topics: list[Id] = Field(min_length=1, description="Ids of the topics it is about (topics.yaml).")
    capabilities: list[Id] = Field(default_factory=list, description="Ids of the capabilities it concerns, if any.")
    status: ChallengeStatus = Field(description="exploring, planning, in-progress or done.")
    seeking: list[Seeking] = Field(default_factory=list, description="What help the council would welcome.")
    description: Markdown | None = Field(None, description="More about the challenge.")


class Pledge(Model):
    money_gbp: int | None = Field(None, ge=0, description="Money pledged, in pounds.", examples=[5000])
    days: int | None = Field(None, ge=0, description="Staff days pledged.", examples=[5])


class Participation(Model):
    project: Id = Field(description="The id of a file in content/projects/.")
    role: Role = Field(description="lead, partner, user or funder.")
    pledge: Pledge | None = Field(None, description="For a fund project: what the council pledges.")


class Council(Model):
    """content/councils/<id>.yaml: one council's profile. Only that council's maintainers approve changes."""

    id: RecordId = ""
    name: str = Field(min_length=1, description="The council's official name.")
    gss: str | None = Field(None, pattern=GSS_REGEX, description="The council's ONS GSS code, such as E06000063. "
                                                                  "Unique. Only a council not yet vested may leave it out.")
    kind: CouncilKind = Field(description="county, district, unitary, metropolitan-district, london-borough or sui-generis.")
    nation: Nation = Field(description="england, scotland, wales or northern-ireland.")
    region: Region = Field(description="The region, as the ONS names it (Scotland, Wales and Northern Ireland are one each).")
    website: HttpsUrl | None = Field(None, description="The council's website.")
    status: CouncilStatus = Field("active", description="active, abolished or forthcoming (created but not yet vested).")
    starts: date | None = Field(None, description="For a forthcoming council: the day it takes over.")
    ended: date | None = Field(None, description="For an abolished council: the day it ended.")
    replaced_by: list[Id] = Field(default_factory=list, description="For an abolished council: ids of the councils that replaced it.")
    maintainers: list[GitHubAccount] = Field(default_factory=list, description=(
        "GitHub user names (jane-doe) or teams (organisation/team-name) who approve changes to this file. "
        "Empty: the directory's maintainers do."))
    contact: Email | None = Field(None, description="A team mailbox on the council's own web domain, never a person's address.")
    reviewed: date | None = Field(None, description="When the council last confirmed this profile, written YYYY-MM-DD.")
    summary: Markdown | None = Field(None, description="A few sentences about the council's digital work.")
    stack: list[StackEntry] = Field(default_factory=list, description="The products the council uses, one entry per capability and product.")
    challenges: list[Challenge] = Field(default_factory=list, description="Problems the council is working on.")
    projects: list[Participation] = Field(default_factory=list, description="Shared projects the council takes part in.")

    @model_validator(mode="after")
    def _status_facts(self) -> Council:
        if self.status == "abolished" and self.ended is None:
            raise FieldError("status", "an abolished council needs ended: the day it ended, written YYYY-MM-DD")
        if self.status == "abolished" and not self.replaced_by:
            raise FieldError("status", "an abolished council needs replaced_by: the ids of the councils that replaced it")
        if self.status != "abolished" and self.ended is not None:
            raise FieldError("ended", "ended is only for a council whose status is abolished")
        if self.status != "abolished" and self.replaced_by:
            raise FieldError("replaced_by", "replaced_by is only for a council whose status is abolished")
        if self.status == "forthcoming" and self.starts is None:
            raise FieldError("status", "a forthcoming council needs starts: the day it takes over, written YYYY-MM-DD")
        if self.status != "forthcoming" and self.starts is not None:
            raise FieldError("starts", "starts is only for a council whose status is forthcoming")
        if self.status != "forthcoming" and self.gss is None:
            raise FieldError("gss", "gss is missing: add the council's ONS GSS code, such as E06000063")
        return self

    @property
    def claimed(self) -> bool:
        """A profile is claimed once the council names who maintains it."""
        return bool(self.maintainers)


MODELS: dict[str, type[Model]] = {
    "site": Site,
    "capabilities": Capabilities,
    "topics": Topics,
    "council": Council,
    "product": Product,
    "project": Project,
    "reorganisation": Reorganisation,
}


class Directory(BaseModel):
    """Every record of a valid content tree, each kind keyed by id in id order. What later stages read."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    site: Site
    capability_groups: dict[str, CapabilityGroup]
    capabilities: dict[str, Capability]
    topics: dict[str, Topic]
    products: dict[str, Product]
    projects: dict[str, Project]
    reorganisations: dict[str, Reorganisation]
    councils: dict[str, Council]
    today: date  # the day the directory is judged on: staleness and ended contracts depend on it
