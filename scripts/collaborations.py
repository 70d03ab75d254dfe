"""The public record of councils working together, as content: funded projects, each council's part in them, and
more evidence of which councils use which product.

    python scripts/councils_from_register.py REGISTER --adoption ADOPTION_CSV --collaborations FOLDER

FOLDER is `shared/data/collaborations/` (its SOURCE.md says where every row was read): `projects.csv` (one row
per funding award), `participants.csv` (one row per council named as lead or partner on an award) and
`adoption.csv` (one row per council using a product). The register script owns the council files, so it
writes the facts below into them as it writes the rest of each profile; this module converts the rows:

- awards become the funded phases of projects, one project per piece of work (PROJECTS below says which
  awards belong together, and what the project is about), each phase with its programme, round, amount as
  stated, outputs, source and notes;
- participants become `projects:` entries in the councils' own files, one per funded phase, each citing its
  source; a body with no council file (the Greater London Authority, a combined authority) is not a
  participant, and is named in the phase's notes with its source instead;
- adoption rows become sourced stack entries.

Every row is used; a row this module cannot place (an unknown product, an award in no project, a council
named twice on one award) stops it, so nothing is dropped silently. The same rows always give the same text.
"""
from __future__ import annotations

import csv
import json
import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/project.schema.json"
HEADER = ("# From the public record of councils working together (shared/data/collaborations), each fact with\n"
          "# its source. Written by scripts/councils_from_register.py --collaborations: change\n"
          "# scripts/collaborations.py, not this file.")

# adoption.csv product -> (product id, capability id)
PRODUCTS = {
    "FixMyStreet Pro (mySociety)": ("fixmystreet", "street-problem-reporting"),
    "WasteWorks (mySociety)": ("wasteworks", "waste-management"),
    "PlanX (Open Digital Planning)": ("planx", "planning"),
}
# What SOURCE.md says a FixMyStreet cobrand module shows, and does not.
COBRAND_NOTE = ("Read from the council's cobrand module ({module}){uses} in mySociety's FixMyStreet code at commit "
                "{commit}: the code holds the council's configuration, which does not by itself show the service is "
                "live today.")

# projects.csv programme -> (funding programme id, round id or None when the record does not give the round)
PROGRAMMES = {
    **{f"local-digital-fund-round-{n}": ("local-digital-fund", str(n)) for n in range(1, 7)},
    "local-digital-fund-continuous-funding-model": ("local-digital-fund", "continuous-funding-model"),
    "local-digital-fund": ("local-digital-fund", None),
    "local-digital-c19-challenge": ("local-digital-c19-challenge", None),
}
# Awards whose round the record does not state but the compiler deduced (each row's notes say how).
ROUND_INFERRED = frozenset({
    "back-office-planning-system-discovery", "registration-data-discovery", "localgov-drupal-discovery",
    "reducing-invalid-planning-applications-alpha", "localgov-drupal-alpha", "income-management-alpha",
})


@dataclass(frozen=True)
class ProjectGroup:
    """One piece of work: the awards (rows of projects.csv) that funded its phases, and what it is about.
    Names and summaries only restate what the awards' rows say."""

    id: str
    name: str
    awards: tuple[str, ...]  # projects.csv ids, in the order the phases started
    summary: str = ""  # empty: the summary of its one award
    capabilities: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    website: str = ""
    repository: str = ""


PROJECTS: tuple[ProjectGroup, ...] = (
    ProjectGroup(
        "income-management", "Income management and e-payments for councils",
        ("gov-uk-pay-e-payment-discovery", "income-management-discovery", "income-management-alpha"),
        summary="Councils looked at what stops them using GOV.UK Pay as their main online payment service, then "
                "explored and prototyped opening up an income management system built by Barnsley, so that councils "
                "can move off legacy payment and reconciliation products.",
        capabilities=("payments", "income-management"), topics=("legacy-replacement", "open-source"),
        website="https://localgovims.digital/"),
    ProjectGroup("chatbots-and-ai", "User research into chatbots and AI", ("chatbots-and-ai-user-research-discovery",),
                 capabilities=("webchat",), topics=("ai-adoption", "user-research"),
                 website="https://localdigitalchatbots.github.io/"),
    ProjectGroup("taxi-licensing-applications", "Taxi licensing applications: fixing complexity, inefficiency and risk",
                 ("taxi-licensing-discovery",), capabilities=("licensing",), topics=("channel-shift", "user-research")),
    ProjectGroup("ehcp-analytics-and-ai", "Using analytics and AI to aid the production of EHCPs",
                 ("ehcp-analytics-and-ai-alpha",), capabilities=("send",), topics=("ai-adoption", "automation")),
    ProjectGroup("visualising-failure-in-waste-services", "Visualising failure in waste services",
                 ("visualising-failure-in-waste-services-alpha",), capabilities=("waste-management", "data-analytics"),
                 topics=("data-insight", "customer-experience")),
    ProjectGroup(
        "open-community", "Open Community: data standards for local community services",
        ("open-community-discovery", "open-community-alpha", "open-community-data-service-model"),
        summary="Councils researched the case for one data standard and set of APIs for directories of local "
                "community and voluntary services, then prototyped the standard and a service model for them: work "
                "that fed into the Open Referral UK standard.",
        capabilities=("service-directory",), topics=("open-standards",), website="https://opencommunity.org.uk"),
    ProjectGroup(
        "family-context", "Family Context", ("family-context-discovery-alpha", "family-context-beta"),
        summary="Councils researched and prototyped a tool that shows children's social workers which other services "
                "are involved with a family and who to contact, then took it into a private beta with social work "
                "teams in Stockport and Leeds.",
        capabilities=("childrens-social-care",), topics=("data-sharing",)),
    ProjectGroup("gmca-childrens-services-decision-making", "Improving decision making in children's services (GMCA)",
                 ("gmca-childrens-services-decision-making",), capabilities=("childrens-social-care",),
                 topics=("data-insight",)),
    ProjectGroup("gmca-data-protection-impact-assessments", "Simplifying data protection impact assessments (GMCA)",
                 ("gmca-data-protection-impact-assessments",), topics=("data-sharing",)),
    ProjectGroup("virtual-assistants-in-care", "Virtual assistants and chatbots in care (Birmingham)",
                 ("virtual-assistants-in-care",), topics=("ai-adoption",)),
    ProjectGroup(
        "back-office-planning-system", "Back-office Planning System (BOPS)",
        ("back-office-planning-system-discovery", "back-office-planning-system-alpha",
         "back-office-planning-system-beta"),
        summary="Southwark and partner councils researched what planning officers need from a back-office system for "
                "managing planning applications, prototyped the end-to-end journey of an application through one, "
                "then built a minimum viable system for lawful development certificate applications, ready for "
                "private beta.",
        capabilities=("planning",), topics=("digital-planning", "open-source"), website="https://bops.digital/",
        repository="https://github.com/unboxed/bops"),
    ProjectGroup(
        "registration-data", "Registration services data",
        ("registration-data-discovery", "registration-data-follow-on"),
        summary="Worcestershire public bodies explored how sharing birth, death and marriage registration data could "
                "help services such as safeguarding, planning and fraud prevention; councils then worked on using "
                "death registration data to free up social housing sooner, shorten waiting lists and avoid lost "
                "council tax.",
        topics=("data-sharing",)),
    ProjectGroup("housing-repairs-online", "Housing repairs online", ("housing-repairs-online",),
                 capabilities=("housing-management",), topics=("channel-shift", "user-research")),
    ProjectGroup(
        "localgov-drupal", "LocalGov Drupal",
        ("localgov-drupal-discovery", "localgov-drupal-alpha", "localgov-drupal-beta", "localgov-drupal-beta-cfm",
         "localgov-drupal-continuation"),
        summary="Councils already sharing a Drupal website codebase worked out how code-sharing between councils "
                "could be governed and scaled, made the code usable by any council, then built new features, "
                "governance and a community of councils around the shared codebase.",
        capabilities=("website",), topics=("open-source", "shared-services"), website="https://localgovdrupal.org/"),
    ProjectGroup(
        "reducing-invalid-planning-applications", "Reducing Invalid Planning Applications (RIPA)",
        ("reducing-invalid-planning-applications-alpha", "reducing-invalid-planning-applications-beta"),
        summary="Lambeth and partner councils built a first prototype of an online tool that guides householders to "
                "submit complete and valid planning applications, then developed it into a working service, starting "
                "with householder applications. The work continues as PlanX, within Open Digital Planning.",
        capabilities=("planning",), topics=("digital-planning",), website="https://www.ripa.digital/"),
    ProjectGroup("how-busy-is-toon", "How busy is Toon", ("how-busy-is-toon",), topics=("open-data",)),
    ProjectGroup("inclusive-digital-place-based-engagement", "Inclusive digital place-based engagement",
                 ("inclusive-digital-place-based-engagement",), capabilities=("consultation",),
                 topics=("digital-planning", "channel-shift")),
    ProjectGroup("vcs-and-council-data-exchange", "VCS and council data exchange", ("vcs-and-council-data-exchange",),
                 topics=("data-sharing",)),
    ProjectGroup("community-engagement-playbook", "Community engagement playbook", ("community-engagement-playbook",),
                 capabilities=("consultation",)),
    ProjectGroup("future-work-design", "Future work design", ("future-work-design",), topics=("ways-of-working",)),
    ProjectGroup("covid-demand-modelling-childrens-services", "Demand modelling tool for children's services",
                 ("covid-demand-modelling-childrens-services",), capabilities=("childrens-social-care",),
                 topics=("data-insight",)),
    ProjectGroup(
        "digital-inclusion-toolkit", "Digital Inclusion Toolkit",
        ("digital-inclusion-toolkit", "digital-inclusion-toolkit-follow-on"),
        summary="Leeds and Croydon produced an open playbook and website to help councils plan and run digital "
                "inclusion work, then widened its content and contributors, including rural themes.",
        topics=("digital-inclusion",)),
    ProjectGroup(
        "beach-check", "Beach Check", ("beach-check", "beach-check-uk"),
        summary="BCP Council added more frequent and automated updates to its app showing how crowded sections of "
                "its beaches are, then extended it so that other coastal destinations could use it.",
        topics=("open-data",)),
    ProjectGroup("digital-waste-service", "Digital Waste Service", ("digital-waste-service-beta",),
                 capabilities=("waste-management",), topics=("open-source", "channel-shift"),
                 website="https://wasteservice.digital/"),
    ProjectGroup(
        "tenancy-management-tooling", "Tenancy management tooling (open housing tools)",
        ("low-code-housing-management-alpha", "tenancy-management-tooling-beta"),
        summary="Redbridge tested whether low-code tools could deliver tenancy management services more cheaply and "
                "flexibly, then, with Newham and Kingston, turned to open-source housing tools that build on "
                "Hackney's housing platform APIs.",
        capabilities=("housing-management",), topics=("open-source",)),
    ProjectGroup(
        "open-revenues-and-benefits", "Open source revenues and benefits",
        ("open-revenues-and-benefits-discovery", "open-revenues-and-benefits-alpha"),
        summary="Councils led by Teignbridge researched whether an open-source revenues and benefits system could be "
                "built and shared, then tested implementing and migrating to an open-source business rates system, "
                "its usability for staff and how to govern an open-source community.",
        capabilities=("revenues", "benefits"), topics=("open-source", "legacy-replacement"),
        website="https://openrb.localgov.blog/"),
    ProjectGroup("prototyping-digital-taxi-licensing", "Prototyping a digital taxi licensing service",
                 ("prototyping-digital-taxi-licensing-alpha",), capabilities=("licensing",),
                 topics=("channel-shift",)),
)

# What the sources leave uncertain about one council's part in one award, from SOURCE.md and the rows' notes.
# (award, council code) -> note.
JOINT = "The source names {body}, which serves both councils, so it is recorded for each."
NO_LEAD = "The source names the councils taking part without marking a lead, so each is recorded as a partner."
DROPPED_OUT = "The lead's reflections blog says one partner council dropped out early, without naming it."
CONTRIBUTES = ("The funded application says it would contribute through user research, steering groups and show "
               "and tells.")
PARTICIPANT_NOTES: dict[tuple[str, str], str] = {
    **{("chatbots-and-ai-user-research-discovery", code): JOINT.format(body="\"Adur and Worthing Councils\"")
       for code in ("ADU", "WOT")},
    **{("open-community-discovery", code): JOINT.format(body="\"Adur & Worthing Councils\"")
       for code in ("ADU", "WOT")},
    **{("open-community-alpha", code): JOINT.format(body="\"Adur and Worthing Council\"") for code in ("ADU", "WOT")},
    **{("registration-data-follow-on", code): JOINT.format(body="\"Redditch and Bromsgrove Council\"") + " " + NO_LEAD
       for code in ("RED", "BRM")},
    **{("registration-data-follow-on", code): NO_LEAD for code in ("WOR", "SFK")},
    **{(award, code): NO_LEAD for award, codes in (("housing-repairs-online", ("LIC", "SWK", "SKE", "GRE")),
                                                  ("vcs-and-council-data-exchange", ("CMD",)),
                                                  ("community-engagement-playbook", ("SGC", "KTT")))
       for code in codes},
    **{("gov-uk-pay-e-payment-discovery", code): DROPPED_OUT for code in ("OXO", "ALL")},
    ("registration-data-discovery", "SFK"): CONTRIBUTES,
    ("registration-data-discovery", "KHL"): "The source names \"Hull City Council\". " + CONTRIBUTES,
    ("open-community-discovery", "BKM"): "The source says only \"Buckinghamshire\": read as Buckinghamshire County "
                                         "Council, which led the follow-on alpha, but the body is not named.",
    ("income-management-discovery", "HUN"): "The source names \"Huntingdon District Council\".",
    ("income-management-discovery", "NEL"): "The source names \"North East Lincolnshire District Council\".",
    ("income-management-alpha", "DOR"): "The source names Dorset County Council, which Dorset Council had replaced "
                                        "in April 2019, before this phase: Dorset Council is probably meant.",
    ("reducing-invalid-planning-applications-beta", "WYO"): (
        "The Round 4 announcement names Wycombe District Council, abolished on 31 March 2020; Lambeth's project "
        "page names Buckinghamshire Council (\"formerly Wycombe DC\") for the beta."),
    ("localgov-drupal-alpha", "CRY"): "Croydon as lead is inferred: it led the discovery and is one of the six "
                                      "Round 4 lead councils.",
    ("localgov-drupal-alpha", "BNH"): "Recorded as a partner because the page names its website code, not as a "
                                      "partner in the page's words.",
    ("tenancy-management-tooling-beta", "KTT"): "The source says \"Kingston\", among London boroughs.",
}


@dataclass
class Collaborations:
    """The three files converted: what goes into each council's file, and each project's file."""

    stack: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=lambda: defaultdict(list))
    # council code -> [(capability, product, source, notes)]
    participations: dict[str, list[dict[str, str]]] = field(default_factory=lambda: defaultdict(list))
    # council code -> projects entries, as field -> value in the order written
    project_files: dict[str, str] = field(default_factory=dict)  # project id -> the file's text
    left_out: list[str] = field(default_factory=list)  # rows not written as council facts, and why


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def convert(folder: Path, council_codes: set[str]) -> Collaborations:
    """Every row of the three files, as content. council_codes: the register codes that have a council file."""
    awards = {row["project_id"]: row for row in read_rows(folder / "projects.csv")}
    participants = read_rows(folder / "participants.csv")
    _check_groups(awards)
    collaborations = Collaborations()
    for row in read_rows(folder / "adoption.csv"):
        _add_adoption(collaborations, row, council_codes)
    project_of = {award: group for group in PROJECTS for award in group.awards}
    others: dict[str, list[dict[str, str]]] = defaultdict(list)  # award -> rows naming a body with no council file
    seen: set[tuple[str, str]] = set()
    for row in participants:
        award, code = row["project_id"], row["local_authority_code"]
        if award not in awards or (award, code) in seen or row["role"] not in ("lead", "partner"):
            raise SystemExit(f"participants.csv: unknown award, repeated council or bad role: {row}")
        seen.add((award, code))
        if code not in council_codes:
            others[award].append(row)
            collaborations.left_out.append(f"{row['council_name']} ({code}) on {award}: no council file, so named in "
                                           "the phase's notes with its source")
            continue
        entry = {"project": project_of[award].id, "phase": award, "role": row["role"], "source": row["source_url"]}
        if (award, code) in PARTICIPANT_NOTES:
            entry["notes"] = PARTICIPANT_NOTES[(award, code)]
        collaborations.participations[code].append(entry)
    unused = set(PARTICIPANT_NOTES) - seen
    if unused:
        raise SystemExit(f"PARTICIPANT_NOTES names parts no row gives: {sorted(unused)}")
    phase_order = {award: index for group in PROJECTS for index, award in enumerate(group.awards)}
    for entries in collaborations.participations.values():
        entries.sort(key=lambda entry: (entry["project"], phase_order[entry["phase"]]))
    for group in PROJECTS:
        collaborations.project_files[group.id] = project_file(group, [awards[award] for award in group.awards], others)
    return collaborations


def _check_groups(awards: dict[str, dict[str, str]]) -> None:
    grouped = [award for group in PROJECTS for award in group.awards]
    if sorted(grouped) != sorted(awards):
        raise SystemExit(f"PROJECTS must hold each award of projects.csv once: missing "
                         f"{sorted(set(awards) - set(grouped))}, unknown or repeated "
                         f"{sorted(award for award in grouped if award not in awards or grouped.count(award) > 1)}")
    unknown_programmes = {row["programme"] for row in awards.values()} - set(PROGRAMMES)
    if unknown_programmes:
        raise SystemExit(f"projects.csv: unknown programmes {sorted(unknown_programmes)}")


def _add_adoption(collaborations: Collaborations, row: dict[str, str], council_codes: set[str]) -> None:
    code = row["local-authority-code"]
    if row["product"] not in PRODUCTS or code not in council_codes:
        raise SystemExit(f"adoption.csv: unknown product or council: {row}")
    product, capability = PRODUCTS[row["product"]]
    notes = ""
    if product in ("fixmystreet", "wasteworks"):
        module = re.search(r"/Cobrand/([A-Za-z]+\.pm)$", row["evidence-url"])
        commit = re.search(r"/blob/([0-9a-f]{7})", row["evidence-url"])
        uses = ", which uses FixMyStreet's waste modules," if product == "wasteworks" else ""
        notes = COBRAND_NOTE.format(module=module[1], uses=uses, commit=commit[1])
        named = re.search(r'council_name "([^"]+)"; this is the name of the highways service', row["evidence-says"])
        if named:
            notes += f" The module names the council's highways service, {named[1]}."
    collaborations.stack[code].append((capability, product, row["evidence-url"], notes))


# ----------------------------------------------------------------------------------------------
# Writing YAML that reads back as exactly what was meant

def scalar(text: str) -> str:
    """A one-line YAML value that reads back as exactly this text."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ,.()'/:?=&_%-]*", text) and not text.endswith(" ") and ": " not in text \
            and " #" not in text and yaml.safe_load(f"k: {text}") == {"k": text}:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def folded(key: str, text: str, indent: str) -> list[str]:
    """key: text, as a folded block when it is long: easier to read and to change in a pull request."""
    line = f"{indent}{key}: {scalar(text)}"
    if len(line) <= 110 or "  " in text or text != text.strip():
        return [line]
    body = textwrap.wrap(text, width=100, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}{key}: >-", *(f"{indent}  {part}" for part in body)]


def project_file(group: ProjectGroup, awards: list[dict[str, str]], others: dict[str, list[dict[str, str]]]) -> str:
    summary = group.summary or awards[0]["summary"]
    lines = [SCHEMA_LINE, HEADER, f"name: {scalar(group.name)}", "kind: collaboration", "status: funded",
             *folded("summary", summary, "")]
    if group.capabilities:
        lines.append(f"capabilities: [{', '.join(group.capabilities)}]")
    if group.topics:
        lines.append(f"topics: [{', '.join(group.topics)}]")
    if group.repository:
        lines.append(f"repository: {scalar(group.repository)}")
    if group.website:
        lines.append(f"website: {scalar(group.website)}")
    lines += [f"source: {scalar(awards[0]['source_url'])}", "phases:"]
    for award in awards:
        lines += phase_lines(award, others.get(award["project_id"], []))
    text = "\n".join(lines) + "\n"
    _reads_back(text, group, awards)
    return text


def phase_lines(award: dict[str, str], others: list[dict[str, str]]) -> list[str]:
    programme, round_id = PROGRAMMES[award["programme"]]
    stages = [stage.strip() for stage in award["phase"].split(";") if stage.strip()]
    lines = [f"  - id: {award['project_id']}", f"    name: {scalar(award['name'])}"]
    if stages:
        lines.append(f"    stages: [{', '.join(stages)}]")
    lines.append(f"    programme: {programme}")
    if round_id:
        lines.append(f"    round: {round_id}")  # read as text, as every value is: 1 is the round named '1'
        if award["project_id"] in ROUND_INFERRED:
            lines.append("    round_inferred: true")
    if award["started"]:
        lines.append(f"    started: {award['started']}")
    if award["amount_gbp"]:
        lines.append(f"    amount_gbp: {int(award['amount_gbp'])}")
    lines += folded("summary", award["summary"], "    ")
    if award["outputs_url"]:
        lines.append(f"    outputs: {scalar(award['outputs_url'])}")
    lines.append(f"    source: {scalar(award['source_url'])}")
    notes = " ".join(part for part in (award["notes"], *map(_named_elsewhere, others)) if part)
    if notes:
        lines += folded("notes", notes, "    ")
    return lines


def _named_elsewhere(row: dict[str, str]) -> str:
    return (f"The {row['council_name']} is also named as {'the lead' if row['role'] == 'lead' else 'a partner'} "
            f"(source: {row['source_url']}); it has no council file in this directory, so it is not listed as a "
            "participant.")


def _reads_back(text: str, group: ProjectGroup, awards: list[dict[str, str]]) -> None:
    data = yaml.safe_load(text)
    phases = data["phases"]
    if data["name"] != group.name or [str(phase["id"]) for phase in phases] != [a["project_id"] for a in awards] or \
            any(phase["summary"] != award["summary"] or phase["source"] != award["source_url"]
                for phase, award in zip(phases, awards)):
        raise SystemExit(f"{group.id}: the project file does not read back as written")


def participation_lines(entries: list[dict[str, str]]) -> list[str]:
    """The projects: block of a council file."""
    if not entries:
        return []
    lines = ["projects:"]
    for entry in entries:
        lines += [f"  - project: {entry['project']}", f"    phase: {entry['phase']}", f"    role: {entry['role']}",
                  f"    source: {scalar(entry['source'])}"]
        if "notes" in entry:
            lines += folded("notes", entry["notes"], "    ")
    return lines


def stack_lines(entries: list[tuple[str, str, str, str]]) -> list[str]:
    """The stack: block of a council file, entries by capability, product and source."""
    if not entries:
        return []
    lines = ["stack:"]
    for capability, product, source, notes in sorted(entries):
        lines += [f"  - capability: {capability}", f"    product: {product}", f"    source: {scalar(source)}"]
        if notes:
            lines += folded("notes", notes, "    ")
    return lines
