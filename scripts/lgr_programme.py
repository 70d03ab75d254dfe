"""Write the reorganisation under way since 2025 from the LGR programme dataset: one file per area.

    python scripts/lgr_programme.py PROGRAMME_FOLDER [--content DIR]

PROGRAMME_FOLDER is `lgr-programme/` of the shared data: areas.csv (21 areas: stage, latest date, planned
dates, decision), area_councils.csv (205 councils, each in one area), proposals.csv (72 proposals) and
SOURCE.md (how it was compiled, its licences and its sources' titles). Writes content/reorganisations/
<area>-<vesting year>.yaml for every area, and a forthcoming profile (content/councils/<id>.yaml) for each
new council a decision names, never for one it does not. Existing councils are found by their GSS code in
the council profiles already in DIR, which this script never changes. The same data always gives the same
files.

Nothing is added to what the data says: a proposal's makeup is read from its text, and where the text is
not a plain list of councils, the reading is written out below (READINGS) beside the text it reads, so
that a change in the data stops the script instead of being misread. Towns, wards and parishes are never
turned into councils: what the text says beyond whole councils stays in its words, in notes.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script, from anywhere
from directory.content.load import as_id  # noqa: E402 - after the path is set

# SOURCE.md's source types, and the licence each type's pages are under (SOURCE.md, "Licence situation").
LICENCES = {"GOV": "ogl-3.0", "CS": "ogl-3.0", "PARL": "open-parliament-3.0", "WEB": None}
MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
# How proposals write some councils' names: the register's name is on the right.
ALIASES = {"City of Lincoln": "City of Lincoln", "Lincoln": "City of Lincoln", "Gloucester City": "Gloucester",
           "Leicester City": "Leicester", "King's Lynn and West Norfolk": "Kings Lynn and West Norfolk",
           "East Herts": "East Hertfordshire", "North Herts": "North Hertfordshire"}
# Names areas.csv gives that are not the area's own name.
NAMES = {"oxfordshire": "Oxfordshire"}  # "Oxfordshire (proposals also cover West Berkshire)": said in its summary
INVALID = {"surrey-x1"}  # ruled not a valid proposal: its notes say why in their first sentence
TIMETABLE_NOTES = ("Indicative timetable: elections to the new councils in May 2027 and the new councils going live "
                   "in April 2028 (GOV.UK and Parliament); the day, 1 April 2028, is from council pages.")

# Each decision the data records: the proposal chosen, the page it is read from, and the name the decision gives
# each new council (keyed by the name the proposal gave it). Only named councils get profiles.
DECISIONS = {
    "surrey": ("surrey-1", "https://www.gov.uk/government/consultations/local-government-reorganisation-in-surrey/"
                           "outcome/proposals-for-local-government-reorganisation-in-surrey-government-response",
               {"East Surrey": "East Surrey Council", "West Surrey": "West Surrey Council"}),
    "essex-southend-thurrock": ("essex-4", "https://glendross.com/government-backs-five-council-plan-for-essex", {}),
    "norfolk": ("norfolk-3", "http://www.norfolk.gov.uk/onecouncil",
                {"West Norfolk": "West Norfolk", "East Norfolk": "East Norfolk",
                 "Greater Norwich": "Greater Norwich City"}),
    "suffolk": ("suffolk-2", "https://www.ipswich.co.uk/suffolk-is-taking-the-government-to-court-over-lgr-but-can-it-"
                             "win-its-500k-taxpayer-funded-battle/",
                {"Western Suffolk": "Western Suffolk Council",
                 "Central & Eastern Suffolk": "Central and Eastern Suffolk Council",
                 "Ipswich & Southern Suffolk": "Ipswich and South Suffolk Council"}),
}


def council(name: str | None = None, whole: str = "", part_of: str = "", notes: str | None = None,
            incomplete: bool = False) -> dict:
    """A proposed council as read from a proposal's text; whole and part_of are council names, comma-separated."""
    return {"name": name, "whole": [n.strip() for n in whole.split(",") if n.strip()],
            "part_of": [n.strip() for n in part_of.split(",") if n.strip()], "notes": notes, "incomplete": incomplete}


# Proposals whose makeup is not a plain list of whole councils: the text, then how it is read
# (the proposed councils, then what the text says of the rest of the makeup).
READINGS: dict[str, tuple[str, list[dict], str | None]] = {
    "essex-3": (
        "One unitary of Thurrock, Brentwood, Epping Forest and Harlow (Thames to the county's north-west border); "
        "the other three not captured",
        [council(whole="Thurrock, Brentwood, Epping Forest, Harlow", notes="Thames to the county's north-west border")],
        "the other three not captured"),
    "hampshire-3": (
        "Four mainland unitaries plus Isle of Wight unchanged, with boundary changes; exact composition not captured "
        "(a parish council summary says it would move eleven parishes into the two city-based unitaries)",
        [council("Isle of Wight", whole="Isle of Wight")],
        "Four mainland unitaries plus Isle of Wight unchanged, with boundary changes; exact composition not captured "
        "(a parish council summary says it would move eleven parishes into the two city-based unitaries)"),
    "hampshire-4": (
        "Winchester backed \"Option 2\" of the joint business case (its report also refers to a conditional "
        "\"Option 1A\"); composition not captured. Winchester said residents supported a Mid Hampshire unitary of "
        "Test Valley, Winchester and East Hampshire",
        [],
        "Winchester backed \"Option 2\" of the joint business case (its report also refers to a conditional "
        "\"Option 1A\"); composition not captured. Winchester said residents supported a Mid Hampshire unitary of "
        "Test Valley, Winchester and East Hampshire"),
    "norfolk-2": (
        "Norwich & East Norfolk; West & North Norfolk",
        [council("Norwich & East Norfolk"), council("West & North Norfolk")],
        None),
    "norfolk-3": (
        "Greater Norwich; East Norfolk; West Norfolk - with boundary changes (Greater Norwich reaches beyond the "
        "city; East Norfolk takes Great Yarmouth, North Norfolk and much of South Norfolk and Broadland; West Norfolk "
        "takes King's Lynn and West Norfolk, Breckland and a sliver of South Norfolk)",
        [council("Greater Norwich", whole="Norwich", notes="reaches beyond the city", incomplete=True),
         council("East Norfolk", whole="Great Yarmouth, North Norfolk", part_of="South Norfolk, Broadland",
                 notes="Great Yarmouth, North Norfolk and much of South Norfolk and Broadland"),
         council("West Norfolk", whole="King's Lynn and West Norfolk, Breckland", part_of="South Norfolk",
                 notes="King's Lynn and West Norfolk, Breckland and a sliver of South Norfolk")],
        "with boundary changes"),
    "suffolk-2": (
        "Western Suffolk (anchored by Bury St Edmunds); Ipswich & Southern Suffolk (Ipswich, incl. Felixstowe, "
        "Hadleigh, Kesgrave, Shotley Peninsula); Central & Eastern Suffolk (Lowestoft, incl. Woodbridge and "
        "Stowmarket) - new boundaries splitting districts",
        [council("Western Suffolk", notes="anchored by Bury St Edmunds"),
         council("Ipswich & Southern Suffolk", notes="Ipswich, incl. Felixstowe, Hadleigh, Kesgrave, Shotley Peninsula"),
         council("Central & Eastern Suffolk", notes="Lowestoft, incl. Woodbridge and Stowmarket")],
        "new boundaries splitting districts"),
    "east-sussex-2": (
        "A: Brighton and Hove plus 4 wards and 1 parish from Lewes; B: Eastbourne, Hastings, Rother plus 5 wards from "
        "Lewes and 9 from Wealden; C: Mid Sussex plus 34 wards from Wealden and 10 from Lewes; D: Chichester, Crawley, "
        "Horsham; E: Adur, Arun, Worthing",
        [council("A", whole="Brighton and Hove", part_of="Lewes", notes="plus 4 wards and 1 parish from Lewes"),
         council("B", whole="Eastbourne, Hastings, Rother", part_of="Lewes, Wealden",
                 notes="plus 5 wards from Lewes and 9 from Wealden"),
         council("C", whole="Mid Sussex", part_of="Wealden, Lewes", notes="plus 34 wards from Wealden and 10 from Lewes"),
         council("D", whole="Chichester, Crawley, Horsham"),
         council("E", whole="Adur, Arun, Worthing")],
        None),
    "cambridgeshire-D": (
        "Greater Peterborough: Peterborough plus parts of western Huntingdonshire; Mid Cambridgeshire: eastern "
        "Huntingdonshire, Fenland, East Cambridgeshire; Greater Cambridge: Cambridge, South Cambridgeshire",
        [council("Greater Peterborough", whole="Peterborough", part_of="Huntingdonshire",
                 notes="plus parts of western Huntingdonshire"),
         council("Mid Cambridgeshire", whole="Fenland, East Cambridgeshire", part_of="Huntingdonshire",
                 notes="eastern Huntingdonshire"),
         council("Greater Cambridge", whole="Cambridge, South Cambridgeshire")],
        None),
    "derbyshire-county": (
        "Single council covering the whole of Derby and Derbyshire",
        [council(whole="Derby, Derbyshire")],
        None),
    "derbyshire-A1": (
        "As Proposal A but using parish boundaries within Amber Valley to decide which areas join which council",
        [council("North", whole="Bolsover, Chesterfield, Derbyshire Dales, High Peak, North East Derbyshire",
                 part_of="Amber Valley", notes="and the parishes of Amber Valley that join it"),
         council("South", whole="Derby, Erewash, South Derbyshire", part_of="Amber Valley",
                 notes="and the parishes of Amber Valley that join it")],
        "As Proposal A but using parish boundaries within Amber Valley to decide which areas join which council"),
    "derbyshire-B1": (
        "As Proposal B but using parish boundaries within Amber Valley to decide which areas join which council",
        [council("North", whole="Bolsover, Chesterfield, Derbyshire Dales, High Peak, North East Derbyshire",
                 part_of="Amber Valley", notes="and the parishes of Amber Valley that join it"),
         council("South", whole="Derby, Erewash, South Derbyshire", part_of="Amber Valley",
                 notes="and the parishes of Amber Valley that join it")],
        "As Proposal B but using parish boundaries within Amber Valley to decide which areas join which council"),
    "devon-exeter-plymouth": (
        "Plymouth plus 13 South Hams parishes; Exeter plus 49 parishes from East Devon, Teignbridge and Mid Devon; "
        "Torbay plus 21 parishes from Teignbridge and South Hams; Devon Coast and Countryside (remainder)",
        [council(whole="Plymouth", part_of="South Hams", notes="plus 13 South Hams parishes"),
         council(whole="Exeter", part_of="East Devon, Teignbridge, Mid Devon",
                 notes="plus 49 parishes from East Devon, Teignbridge and Mid Devon"),
         council(whole="Torbay", part_of="Teignbridge, South Hams",
                 notes="plus 21 parishes from Teignbridge and South Hams"),
         council("Devon Coast and Countryside", part_of="Devon", notes="the remainder")],
        None),
    "devon-torbay": (
        "Torbay on existing boundaries; Plymouth expanded to cover its Growth Area; a new Exeter council; Rural Devon "
        "Coast and Countryside",
        [council("Torbay", whole="Torbay", notes="on existing boundaries"),
         council("Plymouth", whole="Plymouth", notes="expanded to cover its Growth Area", incomplete=True),
         council("Exeter", whole="Exeter", notes="a new Exeter council", incomplete=True),
         council("Rural Devon Coast and Countryside")],
        None),
    "devon-451plus": (
        "As 4-5-1 but Plymouth expands into four parishes currently in South Hams",
        [council("Exeter and Northern Devon", whole="East Devon, Exeter, Mid Devon, North Devon, Torridge"),
         council("Torbay and Southern Devon", whole="Teignbridge, Torbay, West Devon", part_of="South Hams",
                 notes="South Hams but for the four parishes that join Plymouth"),
         council("Plymouth", whole="Plymouth", part_of="South Hams",
                 notes="expands into four parishes currently in South Hams")],
        "As 4-5-1 but Plymouth expands into four parishes currently in South Hams"),
    "gloucestershire-3": (
        "Greater Gloucester: Gloucester City plus 21 surrounding parishes; Gloucestershire Unitary: rest of the county",
        [council("Greater Gloucester", whole="Gloucester City", notes="plus 21 surrounding parishes", incomplete=True),
         council("Gloucestershire Unitary", part_of="Gloucestershire", notes="rest of the county")],
        None),
    "hertfordshire-3": (
        "Eastern: Broxbourne, East Herts, North Herts, Stevenage; the other two councils not captured",
        [council("Eastern", whole="Broxbourne, East Herts, North Herts, Stevenage")],
        "the other two councils not captured"),
    "hertfordshire-4": ("Composition not captured", [], "Composition not captured"),
    "kent-1a": (
        "Single unitary for Kent and Medway with three area assemblies (north, east, west)",
        [council(whole="Kent, Medway", notes="with three area assemblies (north, east, west)")],
        None),
    "kent-4d": (
        "Four unitaries with changes to existing council boundaries (Dover DC describes an east Kent including "
        "Folkestone and Faversham); full composition not captured",
        [],
        "Four unitaries with changes to existing council boundaries (Dover DC describes an east Kent including "
        "Folkestone and Faversham); full composition not captured"),
    "kent-5a": (
        "North: Dartford, Gravesham, Swanley and parts of Medway up to the River Medway and to Snodland; Mid: the rest "
        "of Medway south of the River Medway and Swale; East: Faversham, Canterbury, Thanet; then Sevenoaks, Tonbridge "
        "and Malling, Maidstone and Tunbridge Wells... (rest truncated in source)",
        [council("North", whole="Dartford, Gravesham", part_of="Medway",
                 notes="Dartford, Gravesham, Swanley and parts of Medway up to the River Medway and to Snodland",
                 incomplete=True),
         council("Mid", part_of="Medway", notes="the rest of Medway south of the River Medway and Swale",
                 incomplete=True),
         council("East", whole="Canterbury, Thanet", notes="Faversham, Canterbury, Thanet", incomplete=True)],
        "then Sevenoaks, Tonbridge and Malling, Maidstone and Tunbridge Wells... (rest truncated in source)"),
    "lancashire-2": (
        "North and South, broadly divided by the River Ribble",
        [council("North"), council("South")],
        "broadly divided by the River Ribble"),
    "lancashire-4b": (
        "One council of Blackpool, Fylde, Preston and the western half of Wyre (up to the River Wyre); the other "
        "three not captured",
        [council(whole="Blackpool, Fylde, Preston", part_of="Wyre",
                 notes="and the western half of Wyre (up to the River Wyre)")],
        "the other three not captured"),
    "lancashire-5": (
        "Includes a unitary covering Burnley, Pendle and Rossendale (about 272,000 residents); the other four not "
        "captured",
        [council(whole="Burnley, Pendle, Rossendale", notes="about 272,000 residents")],
        "the other four not captured"),
    "leicestershire-county": (
        "Single unitary council for Leicestershire; Leicester unchanged; inclusion of Rutland reported inconsistently",
        [council(whole="Leicestershire", notes="inclusion of Rutland reported inconsistently"),
         council("Leicester", whole="Leicester", notes="unchanged")],
        None),
    "leicestershire-city": (
        "Leicester expanded (parts of Blaby, Charnwood and Harborough and all of Oadby and Wigston; city population "
        "to over 620,000) plus a single unitary for the rest of the county",
        [council("Leicester", whole="Leicester, Oadby and Wigston", part_of="Blaby, Charnwood, Harborough",
                 notes="expanded: parts of Blaby, Charnwood and Harborough and all of Oadby and Wigston; city "
                       "population to over 620,000"),
         council(part_of="Leicestershire", notes="a single unitary for the rest of the county")],
        None),
    "lincolnshire-city": (
        "Lincoln City: Lincoln plus 12 wards from North Kesteven and 7 from West Lindsey; Rural Lincolnshire: Boston, "
        "East Lindsey, South Kesteven, South Holland and the rest of North Kesteven and West Lindsey; North East "
        "Lincolnshire unchanged; North Lincolnshire unchanged",
        [council("Lincoln City", whole="Lincoln", part_of="North Kesteven, West Lindsey",
                 notes="plus 12 wards from North Kesteven and 7 from West Lindsey"),
         council("Rural Lincolnshire", whole="Boston, East Lindsey, South Kesteven, South Holland",
                 part_of="North Kesteven, West Lindsey", notes="and the rest of North Kesteven and West Lindsey"),
         council("North East Lincolnshire", whole="North East Lincolnshire", notes="unchanged"),
         council("North Lincolnshire", whole="North Lincolnshire", notes="unchanged")],
        None),
    "lincolnshire-kesteven": (
        "Unitary 1: North Kesteven, South Holland, South Kesteven; Unitary 2: Boston, City of Lincoln, ... (rest not "
        "captured)",
        [council("Unitary 1", whole="North Kesteven, South Holland, South Kesteven"),
         council("Unitary 2", whole="Boston, City of Lincoln", notes="rest not captured", incomplete=True)],
        "rest not captured"),
    "nottinghamshire-city": (
        "Southwest: Nottingham plus 15 wards from Broxtowe, 15 from Gedling and 17 from Rushcliffe; North and East: "
        "Ashfield, Bassetlaw, Mansfield, Newark and Sherwood plus 5 wards from Broxtowe, 4 from Gedling and 7 from "
        "Rushcliffe",
        [council("Southwest", whole="Nottingham", part_of="Broxtowe, Gedling, Rushcliffe",
                 notes="plus 15 wards from Broxtowe, 15 from Gedling and 17 from Rushcliffe"),
         council("North and East", whole="Ashfield, Bassetlaw, Mansfield, Newark and Sherwood",
                 part_of="Broxtowe, Gedling, Rushcliffe",
                 notes="plus 5 wards from Broxtowe, 4 from Gedling and 7 from Rushcliffe")],
        None),
    "oxfordshire-1": (
        "Oxfordshire County Council's current boundaries (not including West Berkshire)",
        [council(whole="Oxfordshire", notes="the county council's current boundaries, not including West Berkshire")],
        None),
    "oxfordshire-3": (
        "Greater Oxford: Oxford and its Green Belt; Northern Oxfordshire: most of Cherwell and West Oxfordshire; "
        "Ridgeway: most of South Oxfordshire and Vale of White Horse plus West Berkshire",
        [council("Greater Oxford", whole="Oxford", notes="Oxford and its Green Belt", incomplete=True),
         council("Northern Oxfordshire", part_of="Cherwell, West Oxfordshire",
                 notes="most of Cherwell and West Oxfordshire"),
         council("Ridgeway", whole="West Berkshire", part_of="South Oxfordshire, Vale of White Horse",
                 notes="most of South Oxfordshire and Vale of White Horse plus West Berkshire")],
        "Involves boundary changes"),
    "staffordshire-enhanced-north": (
        "North Staffordshire: Newcastle-under-Lyme, Stoke-on-Trent, Staffordshire Moorlands plus 16 parishes from "
        "East Staffordshire and 6 from Stafford; Southern and Mid-Staffordshire: Cannock Chase, Lichfield, South "
        "Staffordshire, Tamworth and the remaining 22 parishes of East Staffordshire and 34 of Stafford",
        [council("North Staffordshire", whole="Newcastle-under-Lyme, Stoke-on-Trent, Staffordshire Moorlands",
                 part_of="East Staffordshire, Stafford", notes="plus 16 parishes from East Staffordshire and 6 from Stafford"),
         council("Southern and Mid-Staffordshire", whole="Cannock Chase, Lichfield, South Staffordshire, Tamworth",
                 part_of="East Staffordshire, Stafford",
                 notes="and the remaining 22 parishes of East Staffordshire and 34 of Stafford")],
        None),
    "staffordshire-3": (
        "North Staffordshire (composition not stated in the captured text); South West Staffordshire: South "
        "Staffordshire, Stafford, Cannock Chase; South East Staffordshire: Lichfield, East Staffordshire, Tamworth",
        [council("North Staffordshire", notes="composition not stated in the captured text"),
         council("South West Staffordshire", whole="South Staffordshire, Stafford, Cannock Chase"),
         council("South East Staffordshire", whole="Lichfield, East Staffordshire, Tamworth")],
        None),
}

UNCHANGED = re.compile(r"(?P<council>.+?) (?:unchanged|on existing boundaries|on its current boundary)")
TRAILING_NOTE = re.compile(r"(?P<body>.*?)\s*\((?P<note>[^()]*)\)")
LABELLED = re.compile(r"(?P<label>[^:()]+(?:\([^()]*\))?): (?P<body>.*)")  # 'Sherwood Forest (north): Ashfield, ...'


# ----------------------------------------------------------------------------------------------
# Reading the data


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def read_sources(source_md: Path) -> dict[str, tuple[str, str]]:
    """URL -> (source type, title), from the table at the end of SOURCE.md."""
    found = {}
    for line in source_md.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\| (GOV|CS|PARL|WEB) \| (.*) \| (\S+) \| .* \|", line.strip())
        if match:
            found[match[3]] = (match[1], match[2])
    return found


def read_councils(content: Path) -> dict[str, tuple[str, str]]:
    """GSS code -> (council id, region), from the profiles in content/councils/."""
    found = {}
    for path in sorted((content / "councils").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        gss, region = re.search(r"^gss: (\S+)", text, re.MULTILINE), re.search(r"^region: (.+)$", text, re.MULTILINE)
        if gss:
            found[gss[1]] = (path.stem, region[1].strip().strip('"') if region else "")
    return found


def month_date(text: str) -> str | None:
    """'announced 28 Oct 2025' -> 2025-10-28; 'confirmed March 2026' -> 2026-03; never a day the text lacks."""
    match = re.search(r"(?:announced|confirmed) (?:([0-9]{1,2}) )?([A-Z][a-z]+) ([0-9]{4})", text)
    if not match:
        return None
    month = f"{match[3]}-{MONTHS[match[2][:3].lower()]:02d}"
    return f"{month}-{int(match[1]):02d}" if match[1] else month


def planned_elections(text: str) -> tuple[str, bool]:
    """'May 2027 (elections to the new councils; indicative timetable)' -> ('2027-05', True); a full date as it is."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return text, False
    match = re.fullmatch(r"([A-Z][a-z]+) ([0-9]{4}) \((.*)\)", text)
    if not match:
        raise SystemExit(f"planned_elections {text!r}: extend planned_elections")
    return f"{match[2]}-{MONTHS[match[1][:3].lower()]:02d}", "indicative" in match[3]


class Area:
    """One area of areas.csv with its councils and proposals, as ids of this directory."""

    def __init__(self, row: dict[str, str], councils: list[dict[str, str]], ids: dict[str, str]):
        self.row, self.id = row, row["area_id"]
        self.vesting = date.fromisoformat(row["planned_vesting"])
        self.reorganisation = f"{self.id}-{self.vesting.year}"
        self.councils = [ids[c["gss_code"]] for c in councils]
        self.by_code = {c["local_authority_code"]: ids[c["gss_code"]] for c in councils}
        self.by_name = {c["council_name"]: ids[c["gss_code"]] for c in councils}
        self.counties = [ids[c["gss_code"]] for c in councils if c["role"] == "county"]


class Programme:
    def __init__(self, folder: Path, content: Path):
        self.sources = read_sources(folder / "SOURCE.md")
        gss = read_councils(content)
        members = read_csv(folder / "area_councils.csv")
        unmapped = [row for row in members if row["gss_code"] not in gss]
        if unmapped:
            raise SystemExit("no profile has the GSS code of: " + ", ".join(
                f"{row['council_name']} ({row['gss_code']})" for row in unmapped))
        self.ids = {code: council_id for code, (council_id, _) in gss.items()}
        self.regions = {council_id: region for council_id, region in gss.values()}
        by_area = defaultdict(list)
        for row in members:
            by_area[row["area_id"]].append(row)
        self.members = by_area
        self.areas = {row["area_id"]: Area(row, by_area[row["area_id"]], self.ids)
                      for row in read_csv(folder / "areas.csv")}
        self.area_of = {council_id: area for area in self.areas.values() for council_id in area.councils}
        self.proposals = defaultdict(list)
        for row in read_csv(folder / "proposals.csv"):
            self.proposals[row["area_id"]].append(row)

    def council_id(self, code: str) -> str:
        for area in self.areas.values():
            if code in area.by_code:
                return area.by_code[code]
        raise SystemExit(f"submitted_by names {code}, which is in no area")

    def council_named(self, name: str) -> str:
        register_name = ALIASES.get(name, name)
        found = {area.by_name[register_name] for area in self.areas.values() if register_name in area.by_name}
        if len(found) != 1:
            raise SystemExit(f"'{name}' names {len(found)} councils of the programme: add it to ALIASES")
        return found.pop()


# ----------------------------------------------------------------------------------------------
# Reading a proposal's makeup


def plain_makeup(text: str, names: list[str]) -> list[dict] | None:
    """The makeup of a text that is only lists of whole councils ('East Surrey: Elmbridge, ...; West Surrey: ...'),
    or None when a part of it is anything else."""
    known = sorted(set(names) | set(ALIASES), key=len, reverse=True)
    name = "(?:" + "|".join(re.escape(n) for n in known) + ")"
    listing = re.compile(rf"{name}(?:(?:, and |, | and ){name})*")
    makeup = []
    for segment in text.split("; "):
        labelled = LABELLED.fullmatch(segment)
        label, body = (labelled["label"], labelled["body"]) if labelled else ("", segment)
        unchanged = UNCHANGED.fullmatch(body)
        if unchanged and unchanged["council"] in known:
            makeup.append(council(label or unchanged["council"], whole=unchanged["council"],
                                  notes=body[len(unchanged["council"]) + 1:]))
            continue
        note = None
        trailing = TRAILING_NOTE.fullmatch(body)
        if trailing and listing.fullmatch(trailing["body"]):
            body, note = trailing["body"], trailing["note"]
        if not listing.fullmatch(body):
            return None
        whole = re.findall(name, body)
        makeup.append(council(label or None, whole=", ".join(whole), notes=note))
    return makeup


def read_makeup(row: dict[str, str], names: list[str]) -> tuple[list[dict], str | None]:
    text = row["proposed_unitaries"]
    if row["proposal_id"] in READINGS:
        read, makeup, rest = READINGS[row["proposal_id"]]
        if read != text:
            raise SystemExit(f"{row['proposal_id']}: its makeup now reads {text!r}: read it again in READINGS")
        return makeup, rest
    if not text:
        return [], None
    makeup = plain_makeup(text, names)
    if makeup is None:
        raise SystemExit(f"{row['proposal_id']}: {text!r} is not a plain list of councils: add a reading to READINGS")
    return makeup, None


# ----------------------------------------------------------------------------------------------
# Writing YAML


def text(value: str) -> str:
    """A YAML scalar that reads back as exactly this text."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.()'&-]*", value) and not value.endswith(" ") and \
            value.lower() not in {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}:
        return value
    return json.dumps(value, ensure_ascii=False)


def flow(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def sentences(notes: str) -> tuple[str, str]:
    """The first sentence of notes, and the rest."""
    first, _, rest = notes.partition(". ")
    return (first if first.endswith(".") else first + "."), rest



def official(address: str) -> bool:
    """A decision is confirmed only where a government or council publishes it (a .gov.uk or parliament.uk
    site); reported elsewhere (the local press, trade journals), it is reported only."""
    host = urlsplit(address).hostname or ""
    return host.endswith((".gov.uk", ".parliament.uk")) or host in ("gov.uk", "parliament.uk")

def area_file(programme: Programme, area: Area, successors: dict[str, str]) -> str:
    row = area.row
    cited: list[str] = []

    def cite(urls: str) -> list[str]:
        listed = urls.split()
        cited.extend(url for url in listed if url not in cited)
        return listed

    area_sources = cite(row["source_urls"])
    decision = DECISIONS.get(area.id)
    if decision:
        cite(decision[1])
    lines = ["# yaml-language-server: $schema=../../schemas/reorganisation.schema.json",
             "# From the LGR programme dataset (lgr-programme, written by scripts/lgr_programme.py): refresh it there.",
             f"name: {text(NAMES.get(area.id, row['area_name']))}",
             f"programme: {row['programme']}",
             f"stage: {row['status']}",
             f"as_of: {row['latest_status_date']}"]
    elections, indicative = planned_elections(row["planned_elections"])
    lines += [f"elections: {elections}", f"vesting: {area.vesting.isoformat()}"]
    if indicative:
        lines += ["indicative: true", f"timetable_notes: {text(TIMETABLE_NOTES)}"]
    lines += ["predecessors:", *[f"  - {c}" for c in sorted(area.councils)], "proposals:"]
    names = [name for a in programme.areas.values() for name in a.by_name]
    for proposal in programme.proposals[area.id]:
        lines += proposal_lines(programme, area, proposal, names, successors, decision, cite)
    if decision:
        chosen, source, _ = decision
        standing = "confirmed" if official(source) and not row["decision"].startswith("Reported only") \
            else "reported-only"
        lines += ["decision:", f"  proposal: {as_id(chosen)}"]
        when = month_date(row["decision"])
        lines += [f"  date: {when}"] if when else []
        lines += [f"  standing: {standing}", f"  source: {source}", f"  notes: {text(row['decision'])}"]
    if successors:
        lines += ["successors:", *[f"  - {c}" for c in sorted(successors.values())]]
    for member in programme.members[area.id]:
        cite(member["source_url"])
    lines += [f"source: {area_sources[0]}", "sources:"]
    for url in cited:
        kind, title = programme.sources[url]
        lines += [f"  - address: {url}", f"    title: {text(title)}"]
        lines += [f"    licence: {LICENCES[kind]}"] if LICENCES[kind] else []
    summary = row["notes"]
    if not decision and row["decision"]:
        summary += " " + row["decision"]
    if area.id in NAMES:
        summary = f"{row['area_name']}. {summary}"
    lines.append(f"summary: {text(summary)}")
    return "\n".join(lines) + "\n"


def proposal_lines(programme: Programme, area: Area, row: dict[str, str], names: list[str],
                   successors: dict[str, str], decision, cite) -> list[str]:
    proposal_id = as_id(row["proposal_id"])
    submitters = [programme.council_id(code) for code in row["submitted_by"].split(";") if code]
    makeup, rest = read_makeup(row, names)
    lines = [f"  - id: {proposal_id}", f"    title: {text(row['title'])}"]
    lines += [f"    councils: {row['unitaries']}"] if row["unitaries"] else []
    lines.append(f"    submitted_by: {flow(submitters)}")
    lines += [f"    submitted: {row['submitted_date']}"] if row["submitted_date"] else []
    named: list[str] = []
    if makeup:
        lines.append("    makeup:")
    for future in makeup:
        whole = [programme.council_named(n) for n in future["whole"]]
        part_of = [programme.council_named(n) for n in future["part_of"]]
        named += whole + part_of
        fields = [("name", text(future["name"])) if future["name"] else None,
                  ("whole", flow(whole)) if whole else None, ("part_of", flow(part_of)) if part_of else None,
                  ("incomplete", "true") if future["incomplete"] else None,
                  ("notes", text(future["notes"])) if future["notes"] else None]
        if decision and decision[0] == row["proposal_id"] and future["name"] in successors:
            fields.append(("council", successors[future["name"]]))
        lines += [f"{'      - ' if index == 0 else '        '}{field}: {value}"
                  for index, (field, value) in enumerate(f for f in fields if f)]
    if rest:
        lines.append(f"    makeup_notes: {text(rest)}")
    covers = sorted({programme.area_of[c].reorganisation for c in submitters + named if programme.area_of[c] is not area})
    if covers:
        lines.append(f"    also_covers: {flow(covers)}")
    notes = row["notes"]
    if row["proposal_id"] in INVALID:
        reason, notes = sentences(notes)
        if "did not meet the statutory requirements" not in reason:
            raise SystemExit(f"{row['proposal_id']}: its notes no longer say why it was invalid")
        lines.append(f"    invalid: {text(reason)}")
    urls = cite(row["source_url"])
    lines.append(f"    source: {urls[0]}")
    if urls[1:]:
        lines += ["    sources:", *[f"      - {url}" for url in urls[1:]]]
    if notes:
        lines.append(f"    notes: {text(notes)}")
    return lines


def forthcoming_profile(name: str, area: Area, region: str) -> str:
    return "\n".join([
        "# yaml-language-server: $schema=../../schemas/council.schema.json",
        f"# Named by the decision on the {area.row['area_name']} reorganisation (content/reorganisations/"
        f"{area.reorganisation}.yaml, from the LGR programme dataset); not yet vested, so no GSS code yet.",
        f"name: {text(name)}",
        "kind: unitary",
        "nation: england",
        f"region: {text(region)}",
        "status: forthcoming",
        f"starts: {area.vesting.isoformat()}",
    ]) + "\n"


def named_councils(programme: Programme, area: Area) -> dict[str, str]:
    """Proposed council's name -> the id of the council the decision names, for an area whose decision names any."""
    if area.id not in DECISIONS:
        return {}
    chosen, source, names = DECISIONS[area.id]
    if source not in area.row["source_urls"].split() + [u for p in programme.proposals[area.id]
                                                        for u in p["source_url"].split()]:
        raise SystemExit(f"{area.id}: the decision's source {source} is not among the area's sources")
    if not any(p["proposal_id"] == chosen for p in programme.proposals[area.id]):
        raise SystemExit(f"{area.id}: no proposal {chosen}")
    for decided in names.values():
        if decided not in area.row["decision"]:
            raise SystemExit(f"{area.id}: the decision no longer names {decided}")
    # As the other profiles' ids: the name without 'Council' (East Surrey Council is east-surrey).
    return {proposed: as_id(decided).removesuffix("-council") for proposed, decided in names.items()}


def write(path: Path, content: str) -> bool:
    """Write the file unless it is a profile a council has claimed (it names maintainers)."""
    if path.exists():
        existing = path.read_text(encoding="utf-8")
        if existing == content:
            return False
        if re.search(r"^maintainers:\s*\[?\s*[A-Za-z@]", existing, re.MULTILINE):
            print(f"kept {path}: claimed by its council", file=sys.stderr)
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("programme", type=Path, help="the lgr-programme folder of the shared data")
    parser.add_argument("--content", type=Path, default=Path(__file__).resolve().parent.parent / "content")
    args = parser.parse_args(argv)

    programme = Programme(args.programme, args.content)
    written = created = 0
    for area in programme.areas.values():
        successors = named_councils(programme, area)
        regions = {programme.regions[c] for c in area.councils}
        if successors and len(regions) != 1:
            raise SystemExit(f"{area.id}: its councils are in {len(regions)} regions: which is the new councils'?")
        for proposed, council_id in successors.items():
            decided = DECISIONS[area.id][2][proposed]
            created += write(args.content / "councils" / f"{council_id}.yaml",
                             forthcoming_profile(decided, area, min(regions)))
        written += write(args.content / "reorganisations" / f"{area.reorganisation}.yaml",
                         area_file(programme, area, successors))
    proposals = sum(len(rows) for rows in programme.proposals.values())
    print(f"{len(programme.areas)} areas, {len(programme.area_of)} councils, {proposals} proposals, "
          f"{len(DECISIONS)} decisions; {written} reorganisation and {created} council files written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
