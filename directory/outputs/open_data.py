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
import json
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from pydantic import BaseModel

from ..content.models import (
    Capability,
    CapabilityGroup,
    Challenge,
    Council,
    Directory,
    Participation,
    Pledge,
    Product,
    Project,
    Reorganisation,
    StackEntry,
    Topic,
    provenance,
)
from ..derive.indexes import Derived
from ..derive.matching import Match
from ..memory import collector_paused
from .feeds import FEED_FIELDS, write_feeds
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
COUNCIL_FIELDS: Fields = (
    ("id", "The council's id: its file name in content/councils/, without .yaml."),
    *_model_fields(Council, skip=("id", "stack", "challenges", "projects")),
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
    _url_field("reorganisation"),
)
MATCH_FIELDS: Fields = (
    ("councils", "The two councils' ids, in alphabetical order."),
    ("score", "How strongly the two councils should talk: the reasons' weights added up; higher is stronger."),
    ("reasons", "Why, strongest first."),
    ("reasons[].kind", "The kind of reason: same-product, shared-topic, can-help, renewal-window, same-project or "
                       "same-reorganisation."),
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
SITEMAP = OpenData(Addresses.sitemap, "Sitemap", "Every page of the site, for search engines.", "XML", SITEMAP_FIELDS)
ROBOTS = OpenData(Addresses.robots, "robots.txt", "Tells search engines where the sitemap is.", "Text", ROBOTS_FIELDS)


OPEN_DATA: tuple[OpenData, ...] = (
    COUNCILS_JSON, PRODUCTS_JSON, PROJECTS_JSON, CAPABILITIES_JSON, TOPICS_JSON,
    REORGANISATIONS_JSON, MATCHES_JSON,
    COUNCILS_CSV_FILE, STACK_CSV_FILE, SCHEMAS, CHANGES_FEED, CAPABILITY_FEED, SITEMAP, ROBOTS,
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
        write_feeds(directory, derived, staging)
        write_sitemap(urls, pages, staging)
        write_robots(urls, staging)


# ----------------------------------------------------------------------------------------------
# JSON records


def council_record(council: Council, urls: Addresses, derived: Derived) -> dict:
    record = council.model_dump(mode="json")
    for fact in (*record["stack"], *record["projects"]):
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
# CSV rows, in the order of COUNCILS_CSV and STACK_CSV


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


def _json(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _write_json(path: Path, data: object) -> None:
    _write_text(path, _json(data) + "\n")


RECORDS_AT_ONCE = 2000


def _write_records(path: Path, key: str, records: Iterable[dict]) -> None:
    """{"key":[record,...]} written a few thousand records at a time, so that the largest files (every match
    of 10,000 councils) are never whole in memory. The bytes are those of _write_json({key: list(records)})."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as file:
        file.write(f'{{"{key}":[')
        records, separator = iter(records), ""
        while batch := list(islice(records, RECORDS_AT_ONCE)):
            file.write(separator + _json(batch)[1:-1])  # the batch's records without its brackets
            separator = ","
        file.write("]}\n")


def _write_csv(path: Path, columns: Fields, rows: Iterable[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)  # the excel dialect: commas, minimal quoting, CRLF
        writer.writerow([name for name, _ in columns])
        writer.writerows(map(spreadsheet_row, rows))
