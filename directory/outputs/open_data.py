"""Stage 6, export: the open data (JSON, CSV, Atom feeds, sitemap) and the JSON Schemas, into the site.

Every file written here is documented in OPEN_DATA, which the open-data page renders: one record per
file, with every field. Model fields take their descriptions from the models (documented once, where
they are defined); only what export adds (urls, provenance, derived indexes) is described here.
Output is deterministic: records in id order, keys sorted, no build date anywhere.

To publish another file: add its OpenData record to OPEN_DATA and one line to `export` writing it.
A test fails when a written file or field is not documented, or a documented one is not written.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import orjson
from pydantic import BaseModel

from ..content.models import (
    Capability,
    CapabilityGroup,
    Challenge,
    Contract,
    Council,
    Directory,
    Decision,
    Participation,
    Phase,
    Pledge,
    Product,
    Project,
    Proposal,
    ProposedCouncil,
    Reorganisation,
    Source,
    StackEntry,
    Topic,
    provenance,
)
from ..content.vocabulary import REORGANISATION_STAGE, SEEKING
from ..derive.indexes import Derived
from ..derive.matching import REASON_KINDS, Match
from ..memory import collector_paused
from .feeds import FEED_FIELDS, PROGRAMME_FEED_FIELDS, write_feeds
from .schemas import json_schemas
from ..site.addresses import Addresses
from .sitemap import ROBOTS_FIELDS, SITEMAP_FIELDS, write_robots, write_sitemap

Fields = tuple[tuple[str, str], ...]
FORMATS = ("JSON", "CSV", "JSON Schema", "Atom", "XML", "Text")


@dataclass(frozen=True)
class OpenData:
    """One published file (or family of files, when the path holds <id> or <kind>), for the open-data page."""

    path: str  # relative to the site's root, such as api/councils.json
    title: str
    description: str
    format: str  # one of FORMATS
    fields: Fields  # (name, description) of every field: a JSON path like councils[].stack[].source, or a column

    @property
    def is_pattern(self) -> bool:
        """True for a family of files, such as feeds/capabilities/<id>.xml: the path is not itself a link."""
        return "<" in self.path


# ----------------------------------------------------------------------------------------------
# What each record holds: model fields described by the models, plus what export adds.

def _model_fields(model: type[BaseModel], prefix: str = "", skip: Iterable[str] = ()) -> Fields:
    return tuple((f"{prefix}{name}", field.description or "") for name, field in model.model_fields.items()
                 if name not in set(skip))


def _under(prefix: str, documented: Fields) -> Fields:
    return tuple((f"{prefix}{name}", description) for name, description in documented)


def _url_field(kind: str) -> tuple[str, str]:
    return "url", f"The {kind}'s page on this site."


PROVENANCE = ("provenance", '"declared" when the council states it in its own profile, "public source" when '
                            "it comes from the public source in source.")
STACK_ENTRY_FIELDS = _model_fields(StackEntry) + (PROVENANCE,)
CONTRACT_FIELDS = _model_fields(Contract) + (PROVENANCE,)
COUNCIL_FIELDS: Fields = (
    ("id", "The council's id: its file name in content/councils/, without .yaml."),
    *_model_fields(Council, skip=("id", "stack", "challenges", "projects", "contracts")),
    ("claimed", "true once the council names who maintains its profile (maintainers)."),
    _url_field("council"),
    ("stack", Council.model_fields["stack"].description),
    *_under("stack[].", STACK_ENTRY_FIELDS),
    ("challenges", Council.model_fields["challenges"].description),
    *_model_fields(Challenge, "challenges[]."),
    ("projects", Council.model_fields["projects"].description),
    *_model_fields(Participation, "projects[].", skip=("pledge",)),
    ("projects[].pledge", "What the council pledges to a fund project, or null."),
    *_model_fields(Pledge, "projects[].pledge."),
    *_under("projects[].", (PROVENANCE,)),
    ("contracts", Council.model_fields["contracts"].description + " In the order of the council's file."),
    *_under("contracts[].", CONTRACT_FIELDS),
    ("reorganisations", "Ids of the reorganisations the council is part of, as predecessor or successor."),
)
USE_FIELDS: Fields = (
    ("council", "The id of the council using it."),
    *_model_fields(StackEntry),
    PROVENANCE,
)
PRODUCT_FIELDS: Fields = (
    ("id", "The product's id: its file name in content/products/, without .yaml."),
    *_model_fields(Product, skip=("id",)),
    _url_field("product"),
    ("council_count", "How many councils use it, for any capability."),
    ("users", "Every council's stack entry naming this product, by council name: derived from the councils' "
              "own profiles."),
    *_under("users[].", USE_FIELDS),
)
PROJECT_FIELDS: Fields = (
    ("id", "The project's id: its file name in content/projects/, without .yaml."),
    *_model_fields(Project, skip=("id",)),
    *_model_fields(Phase, "phases[]."),
    _url_field("project"),
    ("participants", "The councils taking part, by role (lead, funder, partner, user) then name: derived from "
                     "the councils' own profiles."),
    ("participants[].council", "The council's id."),
    *_model_fields(Participation, "participants[].", skip=("project", "pledge")),
    ("participants[].pledge", "What the council pledges, or null."),
    *_model_fields(Pledge, "participants[].pledge."),
    *_under("participants[].", (PROVENANCE,)),
    ("pledged", "The participants' pledges added up."),
    ("pledged.money_gbp", "Money pledged in all, in pounds."),
    ("pledged.days", "Staff days pledged in all."),
)
CAPABILITY_FIELDS: Fields = (
    *_model_fields(Capability),
    _url_field("capability"),
    ("council_count", "How many councils have a stack entry for it."),
    ("products", "The products councils use for it, most used first."),
    ("products[].product", "The product's id."),
    ("products[].council_count", "How many councils use that product for this capability."),
)
TOPIC_FIELDS: Fields = (
    *_model_fields(Topic),
    _url_field("topic"),
    ("challenges", "The councils' challenges about this topic, by council name."),
    ("challenges[].council", "The id of the council working on it."),
    *_model_fields(Challenge, "challenges[].", skip=("topics", "capabilities", "description")),
    ("projects", "Ids of the projects that address this topic."),
)
REORGANISATION_FIELDS: Fields = (
    ("id", "The reorganisation's id: its file name in content/reorganisations/, without .yaml."),
    *_model_fields(Reorganisation, skip=("id",)),
    *_model_fields(Proposal, "proposals[]."),
    *_model_fields(ProposedCouncil, "proposals[].makeup[]."),
    *_model_fields(Decision, "decision."),
    *_model_fields(Source, "sources[]."),
    _url_field("reorganisation"),
)
MATCH_FIELDS: Fields = (
    ("councils", "The two councils' ids, in alphabetical order."),
    ("score", "How strongly the two councils should talk: the reasons' weights added up; higher is stronger."),
    ("reasons", "Why, strongest first."),
    ("reasons[].kind", f"The kind of reason: {', '.join(REASON_KINDS[:-1])} or {REASON_KINDS[-1]}, as the matches "
                       "page explains them."),
    ("reasons[].ids", "The ids the reason rests on: product, capability, topic, project or reorganisation ids."),
    ("reasons[].sentence", "The reason in plain words."),
    ("reasons[].weight", "The reason's share of the score."),
    ("reasons[].helper", "For can-help: the id of the council that can help the other; otherwise null."),
)

COUNCILS_CSV: Fields = (
    ("id", "The council's id."),
    ("name", "The council's official name."),
    ("gss", "Its ONS GSS code (empty for a council not yet vested that has none)."),
    ("kind", "county, district, unitary, metropolitan-district, london-borough or sui-generis."),
    ("nation", "england, scotland, wales or northern-ireland."),
    ("region", "The region, as the ONS names it."),
    ("status", "active, abolished or forthcoming."),
    ("ended", "For an abolished council: the day it ended (YYYY-MM-DD)."),
    ("replaced_by", "For an abolished council: ids of the councils that replaced it, separated by '; '."),
    ("website", "The council's website."),
    ("reviewed", "When the council last confirmed its profile (YYYY-MM-DD); empty if it never has."),
    ("claimed", "yes once the council names who maintains its profile, otherwise no."),
    ("stack_entries", "How many stack entries its profile has."),
    ("url", "The council's page on this site."),
)
STACK_CSV: Fields = (
    ("council_id", "The council's id."),
    ("council_name", "The council's official name."),
    ("gss", "The council's ONS GSS code."),
    ("capability_id", "What the product is used for: a capability id."),
    ("capability_name", "The capability's name."),
    ("product_id", "The product's id."),
    ("product_name", "The product's name."),
    ("vendor", "Who supplies the product."),
    ("since", "The year the council started using it."),
    ("contract_ends", "When the current contract ends (YYYY-MM-DD)."),
    ("hosting", "saas, cloud, on-premises or shared-service."),
    ("notes", "How the council uses it, as written in its profile (Markdown; may span several lines)."),
    ("provenance", "declared (stated by the council in its own profile) or public source."),
    ("source", "The public source of the entry, when it has one."),
)

PARTICIPATIONS_CSV: Fields = (
    ("council_id", "The council's id."),
    ("council_name", "The council's official name."),
    ("council_status", "active, abolished or forthcoming: an abolished council keeps its part in the projects it "
                       "took part in."),
    ("replaced_by", "For an abolished council: ids of the councils that replaced it, separated by '; '."),
    ("project_id", "The project's id."),
    ("project_name", "The project's name."),
    ("phase_id", "The funded phase the council took part in; empty for its part in the project as a whole."),
    ("phase_name", "The phase's own title, as its source gives it."),
    ("programme", "The funding programme that paid for the phase: local-digital-fund or local-digital-c19-challenge."),
    ("round", "The round of the programme that awarded the phase, when the source gives it."),
    ("started", "When the phase was awarded or began: YYYY-MM-DD, YYYY-MM or YYYY, as precisely as the source gives "
                "it."),
    ("role", "The council's role: lead, funder, partner or user."),
    ("provenance", "declared (stated by the council in its own profile) or public source."),
    ("source", "The public source showing the council's part, when it has one."),
    ("notes", "What the source leaves uncertain about the council's part (Markdown)."),
)
CHALLENGES_CSV: Fields = (
    ("council_id", "The council's id."),
    ("council_name", "The council's official name."),
    ("title", "The challenge, in a few words."),
    ("status", "exploring, planning, in-progress or done."),
    ("topics", "Ids of the topics it is about, separated by '; '."),
    ("capabilities", "Ids of the capabilities it concerns, separated by '; '."),
    ("seeking", f"What help the council would welcome ({', '.join(SEEKING.values)}), separated by '; '."),
    ("description", "More about the challenge, as written in the profile (Markdown; may span several lines)."),
)
PLEDGES_CSV: Fields = (
    ("council_id", "The council's id."),
    ("council_name", "The council's official name."),
    ("project_id", "The id of the project it pledges to."),
    ("project_name", "The project's name."),
    ("role", "The council's role in the project: lead, funder, partner or user."),
    ("money_gbp", "Money pledged, in pounds; empty when the pledge names none."),
    ("days", "Staff days pledged; empty when the pledge names none."),
    ("provenance", "declared (stated by the council in its own profile) or public source."),
    ("source", "The public source of the pledge, when it has one."),
)

PROPOSALS_CSV: Fields = (
    ("reorganisation_id", "The id of the reorganisation (area) the proposal was made for."),
    ("reorganisation_name", "The area's name."),
    ("stage", "The stage the area has reached: " + ", ".join(REORGANISATION_STAGE.values) + "."),
    ("as_of", "The date of the area's latest fact: YYYY-MM-DD, YYYY-MM or YYYY, as precisely as the source gives it."),
    ("proposal_id", Proposal.model_fields["id"].description),
    ("title", Proposal.model_fields["title"].description),
    ("councils", Proposal.model_fields["councils"].description),
    ("submitted_by", "Ids of the councils that submitted or backed it, separated by '; '; empty when no source says."),
    ("submitted", Proposal.model_fields["submitted"].description),
    ("proposed_councils", "The councils it would make, by name as it gives them ('unnamed' where it gives none), "
                          "separated by '; '; empty when no source gives its makeup."),
    ("also_covers", "Ids of other reorganisations whose councils it also takes in, separated by '; '."),
    ("invalid", "Why the government ruled it not a valid proposal, when it did (Markdown); otherwise empty."),
    ("chosen", "yes when the area's decision chose it, otherwise no."),
    ("decision_standing", "For the chosen proposal: confirmed (its source states the decision) or reported-only "
                          "(not confirmed by GOV.UK or the council); otherwise empty."),
    ("source", Proposal.model_fields["source"].description),
    ("url", "The proposal on its area's page on this site."),
)

CONTRACTS_CSV: Fields = (
    ("council_id", "The council's id."),
    ("council_name", "The council's official name."),
    ("gss", "The council's ONS GSS code."),
    ("council_status", "active, abolished or forthcoming: an abolished council keeps the contracts it signed."),
    ("capability_id", "What the contract is for: a capability id."),
    ("capability_name", "The capability's name."),
    ("product_id", "The product it is for, when the source names one."),
    ("product_name", "The product's name."),
    ("suppliers", "Who the contract is with, as the source names them, separated by '; '."),
    ("title", "The notice's or decision's title, as published."),
    ("starts", "When the contract starts (YYYY-MM-DD)."),
    ("ends", "When the contract ends (YYYY-MM-DD), before any extension it allows."),
    ("value_gbp", "Its value in pounds as the source states it, normally without VAT."),
    ("status", "signed, awarded, tender, notice or approved (a council decision approving it, which does not show it "
               "was signed)."),
    ("buyer_inferred", "yes when the notice does not name the council as its buyer and the council was identified "
                       "from other evidence (notes say which), otherwise no."),
    ("ocid", "The Open Contracting ID of the procurement, as Contracts Finder and Find a Tender publish it."),
    ("provenance", "declared (stated by the council in its own profile) or public source."),
    ("source", "The public page the facts were read from, when it has one."),
    ("notice", "The official notice page, when the facts were read from a copy of it elsewhere (source)."),
    ("notes", "What the source leaves uncertain (Markdown; may span several lines)."),
)

CSV_NOTE = ("UTF-8 with a byte order mark, so that Excel shows accented names correctly (Python reads it with "
            "encoding='utf-8-sig'); comma-separated, quoted where needed, lines ending in CRLF (RFC 4180). "
            "A cell that would start with =, +, -, @, a tab or a carriage return is prefixed with an apostrophe, "
            "so that no spreadsheet runs text from a profile as a formula.")


JSON_NOTE = (" Every record has every field: what a file leaves out is null, or an empty list. Keys are sorted; "
             "UTF-8.")


def _json_file(path: str, title: str, description: str, key: str, records: Fields) -> OpenData:
    return OpenData(path, title, description + JSON_NOTE, "JSON", ((key, f"The {title.lower()}, in id order."),
                                                      *_under(f"{key}[].", records)))


COUNCILS_JSON = _json_file(Addresses.councils_json, "Councils", "Every council's profile, with its stack entries and "
                           "where each comes from, challenges, projects and pledges.", "councils", COUNCIL_FIELDS)
PRODUCTS_JSON = _json_file(Addresses.products_json, "Products", "Every product, with the councils using it and for "
                           "what.", "products", PRODUCT_FIELDS)
PROJECTS_JSON = _json_file(Addresses.projects_json, "Projects", "Every shared module, community-fund project and "
                           "collaboration, with its participants and their pledges.", "projects", PROJECT_FIELDS)
CAPABILITIES_JSON = OpenData(
    Addresses.capabilities_json, "Capabilities", "What councils need software for, with the products they use for "
    "each and how many councils use them." + JSON_NOTE, "JSON",
    (("groups", "The groups capabilities are shown in."), *_model_fields(CapabilityGroup, "groups[]."),
     ("capabilities", "The capabilities, in id order."), *_under("capabilities[].", CAPABILITY_FIELDS)))
TOPICS_JSON = _json_file(Addresses.topics_json, "Topics", "What councils' challenges are about, with who is working "
                         "on each and the projects addressing it.", "topics", TOPIC_FIELDS)
REORGANISATIONS_JSON = _json_file(Addresses.reorganisations_json, "Reorganisations", "Councils merged or split by "
                                  "local government reorganisation.", "reorganisations", REORGANISATION_FIELDS)
MATCHES_JSON = OpenData(Addresses.matches_json, "Matches", "Every pair of councils that match, and why, in order of "
                        "the councils' ids; a pair appears once."
                        + JSON_NOTE, "JSON", (("matches", "The matches, in order of the councils' ids."),
                                              *_under("matches[].", MATCH_FIELDS)))
COUNCILS_CSV_FILE = OpenData(Addresses.councils_csv, "Councils (spreadsheet)", "One row per council. " + CSV_NOTE,
                             "CSV", COUNCILS_CSV)
STACK_CSV_FILE = OpenData(Addresses.stack_csv, "Stack entries (spreadsheet)", "One row per council and stack entry: "
                          "who uses which product for what, and where each fact comes from. " + CSV_NOTE,
                          "CSV", STACK_CSV)
PARTICIPATIONS_CSV_FILE = OpenData(Addresses.participations_csv, "Councils' parts in projects (spreadsheet)",
                                   "One row per council and part it took in a project: each funded phase it led "
                                   "or joined, or the project as a whole, with its role and where each fact comes "
                                   "from. Councils in id order; each council's projects as its page lists them, "
                                   "those it led first. " + CSV_NOTE, "CSV", PARTICIPATIONS_CSV)
CHALLENGES_CSV_FILE = OpenData(Addresses.challenges_csv, "Challenges (spreadsheet)", "One row per council and "
                               "challenge: what it is working on, and what help it would welcome. " + CSV_NOTE,
                               "CSV", CHALLENGES_CSV)
CONTRACTS_CSV_FILE = OpenData(Addresses.contracts_csv, "Contracts (spreadsheet)", "One row per council and contract: "
                              "what it is for, with whom, when it starts and ends, its value, how far it is shown to "
                              "have gone, and the notice or decision it comes from. Councils in id order; each "
                              "council's contracts as its page lists them. Notices from Contracts Finder and Find a "
                              "Tender: contains public sector information licensed under the Open Government Licence "
                              "v3.0. " + CSV_NOTE, "CSV", CONTRACTS_CSV)
PLEDGES_CSV_FILE = OpenData(Addresses.pledges_csv, "Pledges (spreadsheet)", "One row per pledge a council makes to a "
                            "project: money and staff days. " + CSV_NOTE, "CSV", PLEDGES_CSV)
PROPOSALS_CSV_FILE = OpenData(Addresses.proposals_csv, "Reorganisation proposals (spreadsheet)", "One row per proposal "
                              "submitted for the reorganisation under way, in order of the areas' ids, then as each "
                              "area's file lists them: who backed it, the councils it would make, and whether the "
                              "decision chose it. " + CSV_NOTE, "CSV", PROPOSALS_CSV)
SCHEMAS = OpenData(Addresses.schemas + "<kind>.schema.json", "JSON Schemas", "The rules every content file is checked "
                   "against, for editors and for anyone writing a profile with their own tools.", "JSON Schema",
                   tuple((name, (model_doc or "").strip()) for name, model_doc in (
                       ("council.schema.json", Council.__doc__), ("product.schema.json", Product.__doc__),
                       ("project.schema.json", Project.__doc__),
                       ("reorganisation.schema.json", Reorganisation.__doc__),
                       ("capabilities.schema.json", "content/capabilities.yaml: what councils need software for."),
                       ("topics.schema.json", "content/topics.yaml: what challenges are about."),
                       ("site.schema.json", "content/site.yaml: the directory's own settings."))))
CHANGES_FEED = OpenData(Addresses.changes_feed, "Profile changes (Atom feed)",
                        "Councils whose profiles were last confirmed most recently, newest first. A change is a "
                        "profile's reviewed date: a profile never confirmed by its council does not appear.",
                        "Atom", FEED_FIELDS)
CAPABILITY_FEED = OpenData(Addresses.capability_feeds + "<id>.xml", "Changes for one capability (Atom feed)",
                           "The same, for one capability: the councils that record a product for it. <id> is the "
                           "capability's id.",
                           "Atom", FEED_FIELDS)
PROGRAMME_FEED = OpenData(Addresses.reorganisations_feed, "Reorganisation programme changes (Atom feed)",
                          "Where each area being reorganised has got to, an entry per area dated by its latest fact "
                          "(as_of), newest first. The same content always gives the same feed: no build date.",
                          "Atom", PROGRAMME_FEED_FIELDS)
SITEMAP = OpenData(Addresses.sitemap, "Sitemap", "Every page of the site, for search engines.", "XML", SITEMAP_FIELDS)
ROBOTS = OpenData(Addresses.robots, "robots.txt", "Tells search engines where the sitemap is.", "Text", ROBOTS_FIELDS)


OPEN_DATA: tuple[OpenData, ...] = (
    COUNCILS_JSON, PRODUCTS_JSON, PROJECTS_JSON, CAPABILITIES_JSON, TOPICS_JSON,
    REORGANISATIONS_JSON, PROPOSALS_CSV_FILE, PROGRAMME_FEED, MATCHES_JSON,
    COUNCILS_CSV_FILE, STACK_CSV_FILE, PARTICIPATIONS_CSV_FILE, CHALLENGES_CSV_FILE, PLEDGES_CSV_FILE, CONTRACTS_CSV_FILE, SCHEMAS, CHANGES_FEED, CAPABILITY_FEED, SITEMAP, ROBOTS,
)


# ----------------------------------------------------------------------------------------------
# The stage


def export(directory: Directory, derived: Derived, staging: Path, pages: list[str]) -> None:
    """Write every file in OPEN_DATA into the site; pages: the path of every page render wrote, for the sitemap."""
    urls = Addresses(directory.site)
    with collector_paused():  # hundreds of thousands of records, none in a reference cycle: see directory/memory.py
        for name, text in json_schemas().items():
            _write_text(staging / "schemas" / name, text)
        # No file per council: creating 10,000 more files would cost seconds on a slow disk, for what
        # api/councils.json already holds.
        councils = {council.id: council_record(council, urls, derived)
                    for council in directory.councils.values()}
        _write_records(staging / COUNCILS_JSON.path, "councils", councils.values())
        _write_records(staging / PRODUCTS_JSON.path, "products", products_records(directory, urls, derived, councils))
        _write_json(staging / PROJECTS_JSON.path, {"projects": projects_records(directory, urls, derived)})
        _write_json(staging / CAPABILITIES_JSON.path, capabilities_data(directory, urls, derived))
        _write_json(staging / TOPICS_JSON.path, {"topics": topics_records(directory, urls, derived)})
        _write_json(staging / REORGANISATIONS_JSON.path, {"reorganisations": reorganisations_records(directory, urls)})
        matches = sorted(derived.all_matches, key=lambda match: match.councils)
        _write_records(staging / MATCHES_JSON.path, "matches", map(match_record, matches))
        _write_csv(staging / COUNCILS_CSV_FILE.path, COUNCILS_CSV, councils_rows(directory, urls))
        _write_csv(staging / STACK_CSV_FILE.path, STACK_CSV, stack_rows(directory))
        _write_csv(staging / PROPOSALS_CSV_FILE.path, PROPOSALS_CSV, proposals_rows(directory, urls))
        _write_csv(staging / PARTICIPATIONS_CSV_FILE.path, PARTICIPATIONS_CSV, participations_rows(directory, derived))
        _write_csv(staging / CHALLENGES_CSV_FILE.path, CHALLENGES_CSV, challenges_rows(directory))
        _write_csv(staging / PLEDGES_CSV_FILE.path, PLEDGES_CSV, pledges_rows(directory))
        _write_csv(staging / CONTRACTS_CSV_FILE.path, CONTRACTS_CSV, contracts_rows(directory, derived))
        write_feeds(directory, derived, staging)
        write_sitemap(urls, pages, staging)
        write_robots(urls, staging)


# ----------------------------------------------------------------------------------------------
# JSON records


def council_record(council: Council, urls: Addresses, derived: Derived) -> dict:
    record = council.model_dump(mode="json")
    for fact in (*record["stack"], *record["projects"], *record["contracts"]):
        fact["provenance"] = provenance(fact["source"])
    record.update(claimed=council.claimed, url=urls.full(urls.council(council.id)),
                  reorganisations=sorted(derived.council_reorganisations.get(council.id, [])))
    return record


def products_records(directory: Directory, urls: Addresses, derived: Derived, councils: dict[str, dict]) -> list[dict]:
    """Each product with its users: the stack entries of the council records, in derive's order (by name)."""
    entry_records = {id(entry): record for council in directory.councils.values()
                     for entry, record in zip(council.stack, councils[council.id]["stack"])}
    records = []
    for product in directory.products.values():
        users = derived.product_users[product.id]
        records.append({**product.model_dump(mode="json"), "url": urls.full(urls.product(product.id)),
                        "council_count": derived.product_councils[product.id],
                        "users": [{"council": use.council.id, **entry_records[id(use.entry)]} for use in users]})
    return records


def projects_records(directory: Directory, urls: Addresses, derived: Derived) -> list[dict]:
    records = []
    for project in directory.projects.values():
        participants = [{"council": p.council.id, **p.participation.model_dump(mode="json", exclude={"project"}),
                         "provenance": p.participation.provenance}
                        for p in derived.project_participants[project.id]]
        pledged = derived.project_pledges[project.id]
        records.append({**project.model_dump(mode="json"), "url": urls.full(urls.project(project.id)),
                        "participants": participants,
                        "pledged": {"money_gbp": pledged.money_gbp or 0, "days": pledged.days or 0}})
    return records


def capabilities_data(directory: Directory, urls: Addresses, derived: Derived) -> dict:
    records = []
    for capability in directory.capabilities.values():
        products = derived.capability_users[capability.id]  # a council records a product once per capability
        records.append({**capability.model_dump(mode="json"),
                        "url": urls.full(urls.capability(capability.id)),
                        "council_count": derived.capability_councils[capability.id],
                        "products": [{"product": product, "council_count": len(uses)}
                                     for product, uses in products.items()]})
    return {"groups": [group.model_dump(mode="json") for group in directory.capability_groups.values()],
            "capabilities": records}


def topics_records(directory: Directory, urls: Addresses, derived: Derived) -> list[dict]:
    return [{**topic.model_dump(mode="json"), "url": urls.full(urls.topic(topic.id)),
             "challenges": [{"council": item.council.id, "title": item.challenge.title,
                             "status": item.challenge.status, "seeking": list(item.challenge.seeking)}
                            for item in derived.topic_challenges[topic.id]],
             "projects": [project.id for project in directory.projects.values() if topic.id in project.topics]}
            for topic in directory.topics.values()]


def reorganisations_records(directory: Directory, urls: Addresses) -> list[dict]:
    return [{**reorganisation.model_dump(mode="json"),
             "url": urls.full(urls.reorganisation(reorganisation.id))}
            for reorganisation in directory.reorganisations.values()]


def match_record(match: Match) -> dict:
    return {"councils": list(match.councils), "score": round(match.score, 4),
            "reasons": [{"kind": reason.kind, "ids": list(reason.ids), "sentence": reason.sentence,
                         "weight": round(reason.weight, 4), "helper": reason.helper}
                        for reason in match.reasons]}


# ----------------------------------------------------------------------------------------------
# CSV rows, in the order of each file's columns (COUNCILS_CSV, STACK_CSV, PARTICIPATIONS_CSV...)


def councils_rows(directory: Directory, urls: Addresses) -> Iterable[list]:
    for council in directory.councils.values():
        yield [council.id, council.name, council.gss, council.kind, council.nation, council.region, council.status,
               council.ended, "; ".join(council.replaced_by), council.website, council.reviewed,
               "yes" if council.claimed else "no", len(council.stack), urls.full(urls.council(council.id))]


def stack_rows(directory: Directory) -> Iterable[list]:
    for council in directory.councils.values():
        for entry in sorted(council.stack, key=lambda e: (e.capability, e.product)):
            capability, product = directory.capabilities[entry.capability], directory.products[entry.product]
            yield [council.id, council.name, council.gss, capability.id, capability.name, product.id, product.name,
                   product.vendor, entry.since, entry.contract_ends, entry.hosting, entry.notes,
                   provenance(entry.source), entry.source]


def participations_rows(directory: Directory, derived: Derived) -> Iterable[list]:
    for council in directory.councils.values():
        for item in derived.council_projects[council.id]:
            for participation in item.participations:
                phase = item.project.phase(participation.phase) if participation.phase else None
                yield [council.id, council.name, council.status, "; ".join(council.replaced_by), item.project.id,
                       item.project.name, participation.phase, phase and phase.name, phase and phase.programme,
                       phase and phase.round, phase and phase.started, participation.role, participation.provenance,
                       participation.source, participation.notes]


def challenges_rows(directory: Directory) -> Iterable[list]:
    for council in directory.councils.values():
        for challenge in council.challenges:
            yield [council.id, council.name, challenge.title, challenge.status, "; ".join(challenge.topics),
                   "; ".join(challenge.capabilities), "; ".join(challenge.seeking), challenge.description]


def pledges_rows(directory: Directory) -> Iterable[list]:
    for council in directory.councils.values():
        for participation in council.projects:
            if participation.pledge is not None:
                yield [council.id, council.name, participation.project, directory.projects[participation.project].name,
                       participation.role, participation.pledge.money_gbp, participation.pledge.days,
                       participation.provenance, participation.source]


def proposals_rows(directory: Directory, urls: Addresses) -> Iterable[list]:
    for reorganisation in directory.reorganisations.values():
        decision = reorganisation.decision
        for proposal in reorganisation.proposals:
            chosen = decision is not None and decision.proposal == proposal.id
            yield [reorganisation.id, reorganisation.name, reorganisation.stage, reorganisation.as_of, proposal.id,
                   proposal.title, proposal.councils, "; ".join(proposal.submitted_by), proposal.submitted,
                   "; ".join(proposed.name or "unnamed" for proposed in proposal.makeup),
                   "; ".join(proposal.also_covers), proposal.invalid, "yes" if chosen else "no",
                   decision.standing if chosen else None, proposal.source,
                   urls.full(urls.reorganisation(reorganisation.id)) + f"#proposal-{proposal.id}"]


def contracts_rows(directory: Directory, derived: Derived) -> Iterable[list]:
    for council in directory.councils.values():
        for contract in derived.council_contracts.get(council.id, []):
            capability = directory.capabilities[contract.capability]
            product = directory.products[contract.product] if contract.product else None
            yield [council.id, council.name, council.gss, council.status, capability.id, capability.name,
                   contract.product, product and product.name, "; ".join(contract.suppliers), contract.title,
                   contract.starts, contract.ends, contract.value_gbp, contract.status,
                   "yes" if contract.buyer_inferred else "no", contract.ocid, contract.provenance, contract.source,
                   contract.notice, contract.notes]


FORMULA_STARTS = frozenset("=+-@\t\r")  # what makes a spreadsheet read a cell as a formula (OWASP)


def spreadsheet_row(values: list) -> list:
    """A row no spreadsheet runs: text that would start a formula gets a leading apostrophe.

    Every text cell is guarded, whoever wrote it. Other values are dates, years and counts, checked by the
    models, which the csv module writes as they print (None as an empty cell). One comprehension rather than
    a call per cell: the stack of 10,000 councils has over a million cells.
    """
    return ["'" + value if value.__class__ is str and value[:1] in FORMULA_STARTS else value for value in values]


# ----------------------------------------------------------------------------------------------
# Writing


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _json(data: object) -> bytes:
    """Compact JSON with its keys sorted, in UTF-8: the bytes of json.dumps(data, sort_keys=True,
    ensure_ascii=False, separators=(",", ":")), written by orjson, five times faster (the matches of 400 councils
    are 30 MB). The two differ only on floats below 0.0001, which it never holds: scores are rounded to 4 places."""
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_json(data) + b"\n")


RECORDS_AT_ONCE = 2000


def _write_records(path: Path, key: str, records: Iterable[dict]) -> None:
    """{"key":[record,...]} written a few thousand records at a time, so that the largest files (every match
    of 10,000 councils) are never whole in memory. The bytes are those of _write_json({key: list(records)})."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        file.write(f'{{"{key}":['.encode())
        records, separator = iter(records), b""
        while batch := list(islice(records, RECORDS_AT_ONCE)):
            file.write(separator + _json(batch)[1:-1])  # the batch's records without its brackets
            separator = b","
        file.write(b"]}\n")


def _write_csv(path: Path, columns: Fields, rows: Iterable[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)  # the excel dialect: commas, minimal quoting, CRLF
        writer.writerow([name for name, _ in columns])
        writer.writerows(map(spreadsheet_row, rows))
