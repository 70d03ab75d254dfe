"""The content model: one pydantic model per content type, frozen once validated.

Field names are the public contract councils write to (ARCHITECTURE.md, "The content contract"). Every
field carries its description here, once: it feeds the JSON Schemas in `schemas/`, the editor's hover text
and the contribution guide.
Values arrive as text from the loader; these models decide their types.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema,
                      model_validator)
from pydantic.json_schema import SkipJsonSchema

from . import vocabulary

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


_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?(?:[/?#][^\s]*)?")


def _web_address(value: str) -> str:
    # A page cited as a source is cited as it was read: some councils' and parishes' pages are still http://.
    if not _WEB_ADDRESS.fullmatch(value):
        raise ValueError("must be a web address starting with https:// (or http:// for a page only published so)")
    return value


class PartialDate(str):
    """A date as precisely as its source gives it: 2026-03-25, 2026-03 when only the month is known, or 2026.
    Never a day or month the source does not give; first_day and last_day bound it, for comparing."""

    @property
    def has_day(self) -> bool:
        return len(self) == 10

    @property
    def first_day(self) -> date:
        return date(int(self[:4]), int(self[5:7] or 1), int(self[8:10] or 1))

    @property
    def last_day(self) -> date:
        if self.has_day:
            return self.first_day
        if len(self) == 4:
            return date(int(self), 12, 31)
        first = self.first_day
        return date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)


_DATE_AS_STATED = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _date_as_stated(value: str) -> PartialDate:
    match = _DATE_AS_STATED.fullmatch(value)
    try:
        if match is None:
            raise ValueError
        date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        raise ValueError("must be a date written YYYY-MM-DD, YYYY-MM or YYYY, as precisely as the source "
                         "gives it") from None
    return PartialDate(value)


def earlier(first: str, second: str) -> bool:
    """Whether a date as stated (YYYY, YYYY-MM or YYYY-MM-DD) is before another, as far as both say: 2019-09 is
    before 2019-10, but 2019 is neither before nor after 2019-10."""
    common = min(len(first), len(second))
    return first[:common] < second[:common]


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
WebAddress = Annotated[str, AfterValidator(_web_address), Field(json_schema_extra={"format": "uri"})]
DateAsStated = Annotated[str, AfterValidator(_date_as_stated), Field(json_schema_extra={
    "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"})]  # read as a PartialDate; ordered by `earlier`


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

_POUNDS = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")


def _pounds(value: object) -> object:
    if isinstance(value, str) and not _POUNDS.fullmatch(value):
        raise ValueError("must be an amount in pounds written with digits only, such as 48732.42 (no £ sign, "
                         "commas or 'k')")
    return value


def _as_number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


# An amount as its source states it, pence included; published as a JSON number.
Pounds = Annotated[Decimal, BeforeValidator(_pounds), Field(ge=0), PlainSerializer(_as_number, when_used="json"),
                   WithJsonSchema({"type": "number", "minimum": 0})]
# A code of the EU's Common Procurement Vocabulary (CPV 2008), without its check digit: 48161000.
Cpv = Annotated[str, Field(pattern=r"^[0-9]{8}$")]
# Another name people use for a capability or topic (an abbreviation, a shorthand): search finds what it stands for.
OtherName = Annotated[str, Field(min_length=1, max_length=60)]
OCID_REGEX = r"^ocds-[a-z0-9]{6}-\S+$"

# The allowed values, with their words and order, are in vocabulary.py: one home for each.
CouncilKind = vocabulary.COUNCIL_KIND.literal
Nation = vocabulary.NATION.literal
Region = vocabulary.REGION.literal
Hosting = vocabulary.HOSTING.literal
ChallengeStatus = vocabulary.CHALLENGE_STATUS.literal
Seeking = vocabulary.SEEKING.literal
Role = vocabulary.ROLE.literal
ProjectKind = vocabulary.PROJECT_KIND.literal
ProjectStatus = vocabulary.PROJECT_STATUS.literal
ReorganisationStatus = vocabulary.REORGANISATION_STATUS.literal
ReorganisationStage = vocabulary.REORGANISATION_STAGE.literal
Programme = vocabulary.PROGRAMME.literal
DecisionStanding = vocabulary.DECISION_STANDING.literal
ContractStatus = vocabulary.CONTRACT_STATUS.literal
SourceLicence = vocabulary.SOURCE_LICENCE.literal
CouncilStatus = vocabulary.COUNCIL_STATUS.literal
DeliveryStage = vocabulary.DELIVERY_STAGE.literal
FundingProgramme = vocabulary.FUNDING_PROGRAMME.literal
FundingRound = vocabulary.FUNDING_ROUND.literal


def provenance(source: str | None) -> str:
    """Where a fact about a council comes from (a stack entry, its part in a project): "declared" by the council in
    its own profile, or "public source" when it cites the public record. Pages and open data all read this."""
    return "declared" if source is None else "public source"


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
    cpv: list[Cpv] = Field(default_factory=list, description=(
        "Codes of the Common Procurement Vocabulary (CPV), eight digits such as 48161000 (library management system), "
        "that a contract notice for this capability is classified under. A notice's code counts when it is the same "
        "code or a more specific one under it."))
    words: list[str] = Field(default_factory=list, description=(
        "Words and phrases that identify this capability in a contract notice's title or description, such as "
        "'library management'. Matched as whole words, ignoring capitals and plurals; the longest found decides. "
        "A word two capabilities list (social care) makes a notice using only it fit both, so it is not placed."))
    also_known_as: list[OtherName] = Field(default_factory=list, description=(
        "Abbreviations and other names people search for it by, such as CMS for website content management or "
        "'revs and bens': typing one in the search box also finds the pages naming this capability, and its page "
        "lists them. Two capabilities may share one: 'revs and bens' finds both revenues and benefits (a word two "
        "capabilities share in words, by contrast, leaves a notice using only it unplaced)."))


class Capabilities(Model):
    """content/capabilities.yaml: what councils need software for."""

    groups: list[CapabilityGroup] = Field(min_length=1, description="The groups capabilities are shown in.")
    capabilities: list[Capability] = Field(min_length=1, description="Every capability, with a stable id.")


class Topic(Model):
    id: Id = Field(description="The topic's id, used by challenges and projects.")
    name: str = Field(min_length=1, description="What a challenge is about, in a few words.")
    description: str = Field(min_length=1, description="One or two sentences on what the topic covers.")
    also_known_as: list[OtherName] = Field(default_factory=list, description=(
        "Abbreviations and other names people search for it by, such as LGR for local government reorganisation: "
        "typing one in the search box also finds the pages naming this topic, and its page lists them."))


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


class Phase(Model):
    """One funded phase of a project: one award, from one programme, as the public record states it."""

    id: Id = Field(description="The phase's id, unique in the project: a council names it in its projects entry "
                               "(phase:) to say it took part in this phase.")
    name: str | None = Field(None, description="The phase's own title, as its source gives it.")
    stages: list[DeliveryStage] = Field(default_factory=list, description=(
        "The stages of delivery it paid for: discovery, alpha, beta or live, as the source names them. "
        "Empty when the source does not say."))
    programme: FundingProgramme = Field(description=(
        "The funding programme that paid for it: local-digital-fund or local-digital-c19-challenge."))
    round: FundingRound | None = Field(None, description=(
        "For the Local Digital Fund: the round that awarded it, 1 to 6 or continuous-funding-model. Leave it out "
        "when the source does not say."))
    round_inferred: Flag = Field(False, description=(
        "true when the source does not name the round and it was deduced: notes say how."))
    started: DateAsStated | None = Field(None, description=(
        "When it was awarded or began: YYYY-MM-DD, YYYY-MM or YYYY, as precisely as the source gives it."))
    amount_gbp: int | None = Field(None, ge=1, description=(
        "The award in whole pounds, as its source states it (£98k is written 98000). Leave it out when no amount "
        "was published."), examples=[98000])
    summary: Markdown | None = Field(None, description="What this phase did, in a sentence or two.")
    outputs: HttpsUrl | None = Field(None, description=(
        "Where what it produced is published: a report, a blog post, a service or its code."))
    source: HttpsUrl = Field(description="The public page this phase's facts come from.")
    notes: Markdown | None = Field(None, description=(
        "What the source leaves uncertain, other pages used, and who else took part that is not a council."))

    @model_validator(mode="after")
    def _round_of_its_programme(self) -> Phase:
        if self.round is not None and self.round not in vocabulary.FUNDING_ROUNDS.get(self.programme, ()):
            raise FieldError("round", f"the {vocabulary.FUNDING_PROGRAMME.label(self.programme)} does not award "
                                      "in rounds, so round does not apply")
        if self.round_inferred and self.round is None:
            raise FieldError("round_inferred", "round_inferred is only for a phase whose round is given")
        return self


class Project(Model):
    """content/projects/<id>.yaml: a shared module, community-fund project or collaboration."""

    id: RecordId = ""
    name: str = Field(min_length=1, description="The project's name.")
    kind: ProjectKind = Field(description="module (extends a shared platform), fund (community-funded work) "
                                          "or collaboration (councils working together on a problem).")
    status: ProjectStatus = Field(description="Where the project is: proposed, active, maintained, completed or "
                                              "archived; funded when the public record shows only that it was funded.")
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
    source: HttpsUrl | None = Field(None, description=(
        "The public source it is described from. Leave it out when the councils taking part describe it themselves."))
    phases: list[Phase] = Field(default_factory=list, description=(
        "Its funded phases, in the order they started: each award, with its programme, round, amount and source."))

    @model_validator(mode="after")
    def _fund_has_target(self) -> Project:
        if self.kind != "fund" and self.funding_target_gbp is not None:
            raise FieldError("funding_target_gbp", "funding_target_gbp is only for projects whose kind is fund")
        return self

    def phase(self, phase_id: str) -> Phase | None:
        return next((phase for phase in self.phases if phase.id == phase_id), None)


class Source(Model):
    # Not `url`: in the open data, url is always a page of this site.
    address: WebAddress = Field(description="The page's web address.")
    title: str | None = Field(None, description="Who published it and what it is, such as 'GOV.UK: Letter: West Sussex'.")
    licence: SourceLicence | None = Field(None, description=(
        "ogl-3.0 (Open Government Licence, for GOV.UK pages) or open-parliament-3.0 (Open Parliament Licence, "
        "for Hansard and parliamentary answers). Leave it out for other pages: their facts are cited, not copied."))


class ProposedCouncil(Model):
    name: str | None = Field(None, description="The new council's name as the proposal gives it, such as 'East Surrey'. "
                                               "Leave it out when the proposal does not name it.")
    whole: list[Id] = Field(default_factory=list, description=(
        "Ids of the existing councils whose whole area it takes in. A county council stands for the whole county."))
    part_of: list[Id] = Field(default_factory=list, description=(
        "Ids of the existing councils only part of whose area it takes in, where the proposal moves boundaries."))
    incomplete: Flag = Field(False, description="true when the source names only some of the areas it takes in.")
    notes: str | None = Field(None, description="What the source says of its makeup beyond whole councils, such as "
                                                "'plus 13 South Hams parishes', in the source's words.")
    council: Id | None = Field(None, description=(
        "Once a decision creates it: the id of the new council's profile (content/councils/). Only in the "
        "proposal the decision chose."))

    @model_validator(mode="after")
    def _says_something(self) -> ProposedCouncil:
        if not (self.name or self.whole or self.part_of):
            raise FieldError("whole", "a proposed council needs a name, or the councils it takes in (whole or part_of)")
        return self


class Proposal(Model):
    id: Id = Field(description="The proposal's id, unique in this file, such as surrey-1.")
    title: str = Field(min_length=1, description="What it proposes, in a few words, such as 'two unitary councils'.")
    councils: int | None = Field(None, ge=1, le=20, description=(
        "How many unitary councils it would leave across the area, existing unitaries left unchanged included. "
        "Leave it out when the sources disagree or do not say."), examples=[2])
    submitted_by: list[Id] = Field(default_factory=list, description=(
        "Ids of the councils that submitted or backed it. Empty when no source says."))
    submitted: DateAsStated | None = Field(None, description=(
        "When it was submitted: YYYY-MM-DD, YYYY-MM or YYYY, as precisely as the source gives it."))
    makeup: list[ProposedCouncil] = Field(default_factory=list, description=(
        "The councils it proposes, each with the existing councils it takes in, as far as a source gives them."))
    makeup_notes: str | None = Field(None, description=(
        "What the source says of the makeup beyond the councils listed, such as 'the other three not captured'."))
    also_covers: list[Id] = Field(default_factory=list, description=(
        "Ids of other reorganisations whose councils it also takes in, when it crosses into their area."))
    invalid: Markdown | None = Field(None, description=(
        "Why the government ruled it not a valid proposal, when it did. Such a submission is never consulted on."))
    source: WebAddress = Field(description="The public source saying it was submitted, and by whom.")
    sources: list[WebAddress] = Field(default_factory=list, description="Further sources, for its makeup or outcome.")
    notes: Markdown | None = Field(None, description="What else the sources say, or where they disagree.")


class Decision(Model):
    proposal: Id = Field(description="The id of the proposal chosen, from proposals.")
    date: DateAsStated | None = Field(None, description=(
        "When it was announced: YYYY-MM-DD, YYYY-MM or YYYY, as precisely as the source gives it. Leave it out when "
        "no source says."))
    standing: DecisionStanding = Field(description=(
        "confirmed (published by the government or a council: a .gov.uk or parliament.uk page) or reported-only "
        "(only reports of it were found, such as in the local or trade press)."))
    modifications: Markdown | None = Field(None, description=(
        "How the decision changes the proposal, where it does. Leave it out when it takes the proposal as submitted."))
    source: WebAddress = Field(description="The public source the decision is read from.")
    notes: Markdown | None = Field(None, description="What else is known, such as a legal challenge.")


class Reorganisation(Model):
    """content/reorganisations/<id>.yaml: councils merged or split by local government reorganisation, from its
    proposals to the day the new councils take over."""

    id: RecordId = ""
    name: str = Field(min_length=1, description="The reorganisation's name, such as 'Cumbria'.")
    programme: Programme | None = Field(None, description=(
        "For the reorganisation under way since 2025: devolution-priority, main or surrey, the round its area was "
        "invited in."))
    stage: ReorganisationStage = Field(description=(
        "The stage reached: proposals-submitted, consultation, consultation-closed, modification-consultation, "
        "decided, order-laid (the draft Structural Changes Order is before Parliament), order-made or vested "
        "(the new councils are running)."))
    as_of: DateAsStated | None = Field(None, description=(
        "The date of the latest fact recorded here: YYYY-MM-DD, YYYY-MM or YYYY, as precisely as the source gives it."))
    elections: DateAsStated | None = Field(None, description=(
        "When the first elections to the new councils are (or were): YYYY-MM-DD, or YYYY-MM (or YYYY) when only "
        "the month (or year) is planned."))
    vesting: date = Field(description="The day the new councils take over (planned, until it comes), written YYYY-MM-DD.")
    indicative: Flag = Field(False, description=(
        "true while the government gives the elections and vesting dates as an indicative timetable only."))
    timetable_notes: str | None = Field(None, description="Where the dates come from, or what is uncertain about them.")
    predecessors: list[Id] = Field(min_length=1, description="Ids of the existing councils it replaces or changes.")
    proposals: list[Proposal] = Field(default_factory=list, description=(
        "The proposals submitted to the government, each with who submitted it and the councils it would make."))
    decision: Decision | None = Field(None, description="Which proposal the government chose, once it has.")
    successors: list[Id] = Field(default_factory=list, description=(
        "Ids of the councils it creates, once a decision names them. A vested reorganisation needs them."))
    source: WebAddress = Field(description="The public source these facts come from.")
    sources: list[Source] = Field(default_factory=list, description=(
        "Every public page the file cites, once each, with its title and, for government pages, its licence, so "
        "that the directory credits them. Once there is a list, each source the file cites must be in it."))
    summary: Markdown | None = Field(None, description="Anything else readers should know.")

    @property
    def status(self) -> str:
        """proposed, agreed or vested: the stage in three words, for pages that show only those."""
        if self.stage == "vested":
            return "vested"
        return "agreed" if self.reached("decided") else "proposed"

    def reached(self, stage: str) -> bool:
        """Whether it has reached this stage (or gone beyond it)."""
        return vocabulary.REORGANISATION_STAGE.rank(self.stage) >= vocabulary.REORGANISATION_STAGE.rank(stage)

    def proposal(self, proposal_id: str) -> Proposal | None:
        return next((proposal for proposal in self.proposals if proposal.id == proposal_id), None)


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

    @property
    def provenance(self) -> str:
        return provenance(self.source)


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
    phase: Id | None = Field(None, description=(
        "For a project with funded phases: the id of the phase the council took part in (list the project once per "
        "phase). Leave it out for the project as a whole."))
    role: Role = Field(description="lead, funder, partner or user.")
    pledge: Pledge | None = Field(None, description="For a fund project: what the council pledges.")
    source: HttpsUrl | None = Field(None, description=(
        "The public source showing the council's part. Leave it out when the council declares its part itself."))
    notes: Markdown | None = Field(None, description=(
        "What the source leaves uncertain, such as a council named as it was before a reorganisation."))

    @property
    def provenance(self) -> str:
        return provenance(self.source)


class Contract(Model):
    """A contract of the council's: from its own statement, or read from a contract notice or a council decision."""

    capability: Id = Field(description="What the contract is for: an id from capabilities.yaml.")
    product: Id | None = Field(None, description=(
        "The product it is for, when the source names one: the id of a file in content/products/."))
    suppliers: list[str] = Field(default_factory=list, description=(
        "Who the contract is with, as the source names them. Leave it out when the source does not say."))
    title: str | None = Field(None, description="The notice's or decision's title, as published.")
    starts: date | None = Field(None, description="When the contract starts, written YYYY-MM-DD.")
    ends: date | None = Field(None, description=(
        "When the contract ends, written YYYY-MM-DD, before any extension it allows (say those in notes)."))
    value_gbp: Pounds | None = Field(None, description=(
        "Its value in pounds as the source states it, normally without VAT, such as 48732.42. Leave it out when "
        "the source gives none."), examples=[48732.42])
    status: ContractStatus = Field("signed", description=(
        "signed (in place: the council's own statement, or a notice showing it signed), awarded (an award notice), "
        "tender (a tender notice: the dates are the ones planned), notice (a published notice whose stage was not "
        "recorded) or approved (a council decision approving it, which does not show it was signed)."))
    buyer_inferred: Flag = Field(False, description=(
        "true when the notice does not name the council as its buyer and the council was identified from other "
        "evidence, such as its address or reference numbers: notes say which."))
    ocid: str | None = Field(None, pattern=OCID_REGEX, description=(
        "The Open Contracting ID of the procurement (ocds-...), as Contracts Finder and Find a Tender publish it."))
    source: HttpsUrl | None = Field(None, description=(
        "The public page these facts were read from. Leave it out when the council declares the contract itself."))
    notice: HttpsUrl | None = Field(None, description=(
        "The official notice page (Contracts Finder, Find a Tender), when the facts were read from a copy of it "
        "elsewhere (source)."))
    notes: Markdown | None = Field(None, description=(
        "What the source leaves uncertain: extension options, figures that conflict, how the buyer was identified."))

    @model_validator(mode="after")
    def _facts_agree(self) -> Contract:
        if self.starts is not None and self.ends is not None and self.ends < self.starts:
            raise FieldError("ends", f"the contract ends ({self.ends}) before it starts ({self.starts})")
        for field in ("buyer_inferred", "notice"):  # they say how a public source was read
            if getattr(self, field) and self.source is None:
                raise FieldError(field, f"{field} is only for a contract read from the public record, and this one "
                                        f"has no source: add source:, the page it was read from, or remove {field}")
        return self

    @property
    def provenance(self) -> str:
        return provenance(self.source)

    @property
    def identity(self) -> tuple:
        """What makes two entries the same contract: its procurement's ocid; else the page it was read from and what
        it is for; else, for a contract the council declares, what it is for, its product and its dates."""
        if self.ocid is not None:
            return ("ocid", self.ocid)
        if self.source is not None:
            return ("source", self.source, self.capability)
        return ("declared", self.capability, self.product, self.starts, self.ends)


STALE_AFTER = timedelta(days=365)  # a profile not confirmed for 12 months is flagged, on its page and by check


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
    contracts: list[Contract] = Field(default_factory=list, description=(
        "The council's contracts for the capabilities it buys software for: when each starts and ends, with whom, "
        "and the notice or decision each is read from."))

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

    def is_stale(self, today: date) -> bool:
        """Last confirmed more than STALE_AFTER before today, so some facts may be out of date. A profile never
        confirmed is not stale: it has no date to be judged by."""
        return self.reviewed is not None and today - self.reviewed > STALE_AFTER


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
