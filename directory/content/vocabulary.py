"""Every set of allowed values in the content, once: the values in the order pages list them, the words
pages show for each, and the colour of its tag where it has one.

The models build their Literal types from these, so a value cannot be allowed without its words, and
`label` raises for a value it does not know instead of showing the raw id on a page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal


@dataclass(frozen=True)
class Vocabulary:
    name: str  # how templates name it: council.kind|label("kind")
    words: dict[str, str]  # value -> the words pages show, in the order pages list the values
    colours: dict[str, str] = field(default_factory=dict)  # value -> tag colour (GOV.UK style: it repeats the words)
    headings: dict[str, str] = field(default_factory=dict)  # value -> heading over a group of them
    meanings: dict[str, str] = field(default_factory=dict)  # value -> what it means, in a sentence, where pages say

    @property
    def literal(self) -> Any:
        """The pydantic type that allows exactly these values."""
        return Literal[tuple(self.words)]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.words)

    def label(self, value: str) -> str:
        try:
            return self.words[value]
        except KeyError:
            raise ValueError(f"{value!r} has no words in the {self.name} vocabulary") from None

    def heading(self, value: str) -> str:
        return self.headings[value]

    def colour(self, value: str) -> str:
        return self.colours[value]

    def meaning(self, value: str) -> str:
        return self.meanings[value]

    def rank(self, value: str) -> int:
        """A value's place in the order pages list them, for sorting."""
        return self._ranks[value]

    @cached_property
    def _ranks(self) -> dict[str, int]:
        return {value: index for index, value in enumerate(self.words)}


COUNCIL_KIND = Vocabulary("kind", {
    "county": "County council", "district": "District council", "unitary": "Unitary authority",
    "metropolitan-district": "Metropolitan district", "london-borough": "London borough",
    "sui-generis": "Sui generis authority"})
NATION = Vocabulary("nation", {"england": "England", "scotland": "Scotland", "wales": "Wales",
                               "northern-ireland": "Northern Ireland"})
REGION = Vocabulary("region", {region: region for region in (
    "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands", "East of England",
    "London", "South East", "South West", "Scotland", "Wales", "Northern Ireland")})
COUNCIL_STATUS = Vocabulary("status", {"active": "Active", "abolished": "Abolished", "forthcoming": "Forthcoming"},
                            colours={"active": "green", "abolished": "grey", "forthcoming": "blue"})
HOSTING = Vocabulary("hosting", {"saas": "Software as a service", "cloud": "Cloud", "on-premises": "On premises",
                                 "shared-service": "Shared service"})
CHALLENGE_STATUS = Vocabulary("challenge", {"exploring": "Exploring", "planning": "Planning",
                                            "in-progress": "In progress", "done": "Done"},
                              colours={"exploring": "blue", "planning": "purple", "in-progress": "yellow",
                                       "done": "green"})
SEEKING = Vocabulary("seeking", {"partners": "Partners", "advice": "Advice", "funding": "Funding",
                                 "testers": "Testers", "suppliers": "Suppliers"})
# In the order a project's participants are listed: who leads, who pays, who builds, who uses.
ROLE = Vocabulary("role", {"lead": "Lead", "funder": "Funder", "partner": "Partner", "user": "User"},
                  headings={"lead": "Leading", "funder": "Funding", "partner": "Partners", "user": "Using it"})
PROJECT_KIND = Vocabulary("project_kind", {"module": "Shared module", "fund": "Community-fund project",
                                           "collaboration": "Collaboration"},
                          headings={"module": "Shared modules", "fund": "Community-fund projects",
                                    "collaboration": "Collaborations"})
# funded: the public record shows the project was funded, and not what became of it since.
PROJECT_STATUS = Vocabulary("project_status", {"proposed": "Proposed", "active": "Active", "maintained": "Maintained",
                                               "completed": "Completed", "archived": "Archived", "funded": "Funded"},
                            colours={"proposed": "blue", "active": "green", "maintained": "turquoise",
                                     "completed": "grey", "archived": "grey", "funded": "purple"})
# The stages of agile delivery a funded phase of a project pays for (GOV.UK Service Manual), in their order.
DELIVERY_STAGE = Vocabulary("delivery_stage", {"discovery": "Discovery", "alpha": "Alpha", "beta": "Beta",
                                               "live": "Live"})
# Funding programmes that paid for councils' collaborative projects, and the rounds of those that award in rounds.
FUNDING_PROGRAMME = Vocabulary("funding_programme", {"local-digital-fund": "Local Digital Fund",
                                                     "local-digital-c19-challenge": "Local Digital C-19 Challenge"})
FUNDING_ROUND = Vocabulary("funding_round", {"1": "Round 1", "2": "Round 2", "3": "Round 3", "4": "Round 4",
                                             "5": "Round 5", "6": "Round 6",
                                             "continuous-funding-model": "Continuous Funding Model"})
FUNDING_ROUNDS: dict[str, tuple[str, ...]] = {"local-digital-fund": FUNDING_ROUND.values}  # programme -> its rounds
REORGANISATION_STATUS = Vocabulary("reorganisation", {"proposed": "Proposed", "agreed": "Agreed", "vested": "Vested"},
                                   colours={"proposed": "blue", "agreed": "yellow", "vested": "green"})
# The stages of a reorganisation, in the order it goes through them: the government's statutory process from
# proposals submitted to the new councils taking over (vesting).
REORGANISATION_STAGE = Vocabulary("stage", {
    "proposals-submitted": "Proposals submitted", "consultation": "Consultation open",
    "consultation-closed": "Consultation closed", "modification-consultation": "Consulting on changes",
    "decided": "Decided", "order-laid": "Order laid before Parliament", "order-made": "Order made",
    "vested": "Vested"},
    colours={"proposals-submitted": "blue", "consultation": "blue", "consultation-closed": "purple",
             "modification-consultation": "purple", "decided": "yellow", "order-laid": "yellow",
             "order-made": "yellow", "vested": "green"},
    meanings={"proposals-submitted": "Councils have sent the government their proposals.",
              "consultation": "The government is asking the public and councils what they think of the proposals.",
              "consultation-closed": "The consultation has closed; no decision has been found yet.",
              "modification-consultation": "The government is consulting on changing a proposal before it decides.",
              "decided": "The government has chosen a proposal, subject to Parliament approving it.",
              "order-laid": "The draft order that creates the new councils is before Parliament.",
              "order-made": "The order is made: the new councils will be created on vesting day.",
              "vested": "The new councils are running and the old ones are abolished."})
PROGRAMME = Vocabulary("programme", {"devolution-priority": "Devolution Priority Programme",
                                     "main": "Main programme", "surrey": "Surrey (accelerated)"})
DECISION_STANDING = Vocabulary("standing", {"confirmed": "Confirmed", "reported-only": "Reported only"},
                               colours={"confirmed": "green", "reported-only": "orange"},
                               meanings={"confirmed": "Confirmed: published by the government or the council.",
                                         "reported-only": "Reported only: not confirmed by GOV.UK or the council."})
SOURCE_LICENCE = Vocabulary("source_licence", {"ogl-3.0": "Open Government Licence v3.0",
                                               "open-parliament-3.0": "Open Parliament Licence v3.0"})
# How far a contract from the public record is shown to have gone: an approval to award is not a signed contract.
CONTRACT_STATUS = Vocabulary("contract_status", {
    "signed": "Signed", "awarded": "Awarded", "tender": "Out to tender", "notice": "Notice published",
    "approved": "Approved, not yet signed"},
    colours={"signed": "green", "awarded": "green", "tender": "blue", "notice": "grey", "approved": "orange"},
    meanings={"signed": "In place: the council says so, or a notice shows the contract signed.",
              "awarded": "An award notice was published: the contract was awarded, to the supplier named where the "
                         "notice names one.",
              "tender": "A tender notice was published: its dates are those planned when it was advertised.",
              "notice": "A contract notice was published; the record does not say whether it was a tender or an "
                        "award, so its dates may be those planned.",
              "approved": "A council decision approved the award: it does not show that the contract was signed."})
# Not written in files: what pages say of derived values.
COUNCIL_FACET = Vocabulary("facet", {"nation": "Nation", "region": "Region", "kind": "Kind of council",
                                     "status": "Status"})
# Where a fact about a council comes from (models.provenance): pages say it in these words.
PROVENANCE = Vocabulary("provenance", {"declared": "Declared by the council", "public source": "From the public record"})
BOARD_AGREEMENT = Vocabulary("agreement", {"agree": "Same product", "differ": "Different products",
                                           "single": "One council only", "none": "New councils only"},
                             colours={"agree": "green", "differ": "orange", "single": "grey", "none": "grey"})

VOCABULARIES: dict[str, Vocabulary] = {vocabulary.name: vocabulary for vocabulary in (
    COUNCIL_KIND, NATION, REGION, COUNCIL_STATUS, HOSTING, CHALLENGE_STATUS, SEEKING, ROLE, PROJECT_KIND,
    PROJECT_STATUS, REORGANISATION_STATUS, REORGANISATION_STAGE, PROGRAMME, DECISION_STANDING, SOURCE_LICENCE,
    DELIVERY_STAGE, FUNDING_PROGRAMME, FUNDING_ROUND, CONTRACT_STATUS, COUNCIL_FACET, BOARD_AGREEMENT, PROVENANCE)}


def label(value: str, vocabulary: str) -> str:
    """The words for a value: council.kind|label("kind") -> "Unitary authority"."""
    return VOCABULARIES[vocabulary].label(value)
