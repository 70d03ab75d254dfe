"""The open data: every file written is documented field by field, and says what the content says."""
from __future__ import annotations

import csv
import json
import re
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest

from directory.content.models import Directory
from directory.derive.indexes import derive
from directory.outputs.open_data import (
    FORMATS,
    OPEN_DATA,
    RECORDS_AT_ONCE,
    OpenData,
    _write_json,
    _write_records,
    export,
    spreadsheet_row,
)
from tests.conftest import ContentTree

# Profile text chosen to break naive CSV writers: formulas, commas, quotes and newlines.
ASHBY = """\
    website: https://www.ashby.gov.uk
    maintainers: [ashby-council/digital]
    contact: digital@ashby.gov.uk
    reviewed: 2026-10-01
    summary: Ashby's *digital* team.
    stack:
      - capability: website
        product: localgov-drupal
        since: 2020
        contract_ends: 2027-03-31
        hosting: saas
        notes: |
          We use it, with "our own" theme, and forms.
          =HYPERLINK("https://evil.example","click")
      - capability: planning
        product: planx
        source: https://example.org/evidence/planx
    challenges:
      - title: Fewer PDFs on our website
        topics: [pdf-reduction]
        capabilities: [website]
        status: exploring
        seeking: [partners, advice]
        description: We publish too many PDFs.
    projects:
      - project: localgov-elections
        role: funder
        pledge: {money_gbp: 5000, days: 10}
      - project: localgov-publications
        role: lead
      - project: repairs-online
        phase: repairs-discovery
        role: lead
        source: https://example.org/round-2
      - project: repairs-online
        phase: repairs-alpha
        role: lead
    contracts:
      - capability: website
        suppliers: [Web Hosts Ltd]
        starts: 2023-04-01
        ends: 2027-03-31
        value_gbp: 48732.42
    """
BRENT = """\
    reviewed: 2026-10-01
    stack:
      - capability: planning
        product: idox-uniform
        notes: "@SUM(1+1)*cmd|' /C calc'!A0"
      - capability: website
        product: localgov-drupal
    challenges:
      - title: -One website after the merger, "if we can"
        topics: [local-government-reorganisation]
        capabilities: [website, planning]
        status: planning
        seeking: [partners, advice]
    projects:
      - project: localgov-elections
        role: partner
        pledge: {money_gbp: 1000}
    contracts:
      - capability: website
        title: Website re-platforming
        value_gbp: 50000
        status: approved
        source: https://democracy.brent.example/decision-1
      - capability: planning
        product: idox-uniform
        title: "=Planning system support"
        ends: 2028-03-31
        value_gbp: 120000
        status: notice
        buyer_inferred: true
        ocid: ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000001
        source: https://mirror.example/contract/1
        notice: https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000001
        notes: Buyer identified from its postcode in the notice.
    """
REPAIRS = """\
    name: Repairs online
    kind: collaboration
    status: funded
    summary: Reporting housing repairs online.
    source: https://example.org/repairs
    phases:
      - id: repairs-discovery
        name: Repairs online discovery
        stages: [discovery]
        programme: local-digital-fund
        round: 2
        started: 2019-09
        amount_gbp: 100000
        outputs: https://example.org/repairs/report
        source: https://example.org/round-2
      - id: repairs-alpha
        stages: [alpha]
        programme: local-digital-fund
        started: 2020
        source: https://example.org/alpha
        notes: Amount not published.
    """
CRAWLEY = """\
    reviewed: 2025-06-30
    stack:
      - capability: planning
        product: planx
    """


# A reorganisation under way, decided, with two proposals: one titled to break a spreadsheet.
BRENTSHIRE = """\
    name: Brentshire
    programme: main
    stage: decided
    as_of: 2026-03
    elections: 2027-05
    vesting: 2028-04-01
    indicative: true
    predecessors: [brent, crawley]
    proposals:
      - id: brentshire-1
        title: one unitary council
        councils: 1
        submitted_by: [brent]
        submitted: 2025-11-28
        makeup:
          - name: Greater Brent
            whole: [brent]
            part_of: [crawley]
            notes: and most of Crawley
        source: https://www.gov.uk/brentshire-1
        sources: [https://example.org/brentshire-makeup]
      - id: brentshire-2
        title: "=two councils"
        submitted_by: [crawley]
        makeup:
          - whole: [crawley]
          - name: Brent
            whole: [brent]
        source: https://example.org/brentshire-2
    decision:
      proposal: brentshire-1
      date: 2026-03
      standing: reported-only
      source: https://example.org/brentshire-decision
    source: https://www.gov.uk/brentshire-1
    sources:
      - {address: https://www.gov.uk/brentshire-1, title: "GOV.UK: Brentshire proposal", licence: ogl-3.0}
      - {address: https://example.org/brentshire-makeup, title: Its makeup}
      - {address: https://example.org/brentshire-2, title: The second proposal}
      - {address: https://example.org/brentshire-decision, title: A report of the decision}
    """


@pytest.fixture
def directory(content: ContentTree) -> Directory:
    content.council("ashby", ASHBY, name="Ashby District Council", gss="E07000010")
    content.council("brent", BRENT, name='"-Brent, the Borough"', gss="E07000011")
    content.council("crawley", CRAWLEY, name="+Crawley Council", gss="E07000012")
    content.write("projects/repairs-online.yaml", REPAIRS)
    content.council("old-district", "ended: 2023-04-01\nreplaced_by: [ashby]\n" + textwrap.dedent("""\
        projects:
          - project: repairs-online
            phase: repairs-discovery
            role: partner
            source: https://example.org/round-2
            notes: "=Named as Old District in the source"
        """), gss="E07000013", status="abolished")
    content.write("reorganisations/ashby-2023.yaml", """\
        name: Ashby
        stage: vested
        vesting: 2023-04-01
        predecessors: [old-district]
        successors: [ashby]
        source: https://example.org/ashby-order
        """)
    content.write("reorganisations/brentshire-2028.yaml", BRENTSHIRE)
    checked = content.check()
    assert checked.errors == [], [problem.as_text() for problem in checked.errors]
    return checked.directory


@pytest.fixture
def site(directory: Directory, tmp_path: Path) -> Path:
    staging = tmp_path / "site"
    staging.mkdir()
    pages = ["", "capabilities/planning/", "councils/", "councils/ashby/"]
    export(directory, derive(directory), staging, pages)
    return staging


def _load(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def _pattern(record: OpenData) -> re.Pattern:
    return re.compile(re.sub(r"<[a-z]+>", "[a-z0-9-]+", re.escape(record.path).replace(r"\<", "<").replace(r"\>", ">")))


def _rows(site: Path, path: str) -> list[dict[str, str]]:
    with (site / path).open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


# ----------------------------------------------------------------------------------------------
# The registry the open-data page renders


def test_every_file_in_the_registry_is_documented_field_by_field():
    assert len({record.path for record in OPEN_DATA}) == len(OPEN_DATA)
    for record in OPEN_DATA:
        assert record.title and record.description, record.path
        assert record.format in FORMATS, record.path
        assert record.fields, record.path
        undocumented = [name for name, description in record.fields if not description.strip()]
        assert undocumented == [], f"{record.path}: {undocumented}"


def test_every_written_file_is_in_the_registry_and_every_registered_file_is_written(site: Path):
    written = sorted(path.relative_to(site).as_posix() for path in site.rglob("*")
                     if path.is_file() and path.suffix != ".html")
    patterns = {record.path: _pattern(record) for record in OPEN_DATA}
    unregistered = [path for path in written if not any(p.fullmatch(path) for p in patterns.values())]
    assert unregistered == []
    missing = [path for path, pattern in patterns.items() if not any(pattern.fullmatch(w) for w in written)]
    assert missing == []


def _key_paths(value: object, prefix: str = "") -> set[str]:
    """Every key path in a JSON value, written as the registry writes them: councils[].stack[].source."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            paths |= {path} | _key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= _key_paths(item, f"{prefix}[]")
    return paths


@pytest.mark.parametrize("record", [r for r in OPEN_DATA if r.format == "JSON"], ids=lambda r: r.path)
def test_each_json_file_has_exactly_the_documented_fields(site: Path, record: OpenData):
    pattern = _pattern(record)
    files = [path for path in site.rglob("*.json") if pattern.fullmatch(path.relative_to(site).as_posix())]
    assert files
    found: set[str] = set()
    for path in files:
        found |= _key_paths(json.loads(path.read_text(encoding="utf-8")))
    documented = {name for name, _ in record.fields}
    assert found - documented == set(), "written but not documented"
    assert documented - found == set(), "documented but never written"


# ----------------------------------------------------------------------------------------------
# JSON


def test_councils_are_in_id_order_with_their_stack_and_where_each_entry_comes_from(site: Path):
    councils = _load(site, "api/councils.json")["councils"]
    assert [c["id"] for c in councils] == ["ashby", "brent", "crawley", "cumberland", "old-district"]
    ashby = councils[0]
    assert ashby["url"] == "https://example.github.io/directory/councils/ashby/"
    assert ashby["claimed"] is True and councils[1]["claimed"] is False
    assert ashby["reviewed"] == "2026-10-01"
    assert ashby["reorganisations"] == ["ashby-2023"]
    website, planning = ashby["stack"]
    assert (website["product"], website["provenance"], website["source"]) == ("localgov-drupal", "declared", None)
    assert (website["since"], website["contract_ends"], website["hosting"]) == (2020, "2027-03-31", "saas")
    assert (planning["product"], planning["provenance"]) == ("planx", "public source")
    assert planning["source"] == "https://example.org/evidence/planx"
    assert ashby["projects"][0] == {"project": "localgov-elections", "phase": None, "role": "funder",
                                    "pledge": {"money_gbp": 5000, "days": 10}, "source": None, "notes": None,
                                    "provenance": "declared"}
    assert councils[4]["status"] == "abolished" and councils[4]["replaced_by"] == ["ashby"]


def test_council_records_carry_each_contract_with_its_source_and_provenance(site: Path):
    councils = {c["id"]: c for c in _load(site, "api/councils.json")["councils"]}
    [declared] = councils["ashby"]["contracts"]
    assert (declared["capability"], declared["suppliers"], declared["ends"], declared["value_gbp"], declared["status"],
            declared["source"], declared["provenance"]) == (
        "website", ["Web Hosts Ltd"], "2027-03-31", 48732.42, "signed", None, "declared")
    approval, notice = councils["brent"]["contracts"]  # in the order of the file
    assert (approval["status"], approval["value_gbp"], approval["provenance"], approval["source"]) == (
        "approved", 50000, "public source", "https://democracy.brent.example/decision-1")
    assert (notice["buyer_inferred"], notice["ocid"], notice["notice"], notice["title"]) == (
        True, "ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000001",
        "https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000001",
        "=Planning system support")  # JSON is not escaped


def test_products_list_their_users_from_the_councils_files(site: Path):
    products = {p["id"]: p for p in _load(site, "api/products.json")["products"]}
    assert list(products) == sorted(products)
    planx = products["planx"]
    assert planx["council_count"] == 2
    assert [(u["council"], u["capability"], u["provenance"]) for u in planx["users"]] == [  # by name: "+C" < "A"
        ("crawley", "planning", "declared"), ("ashby", "planning", "public source")]
    assert products["localgov-drupal"]["council_count"] == 2
    assert products["idox-uniform"]["users"][0]["notes"] == "@SUM(1+1)*cmd|' /C calc'!A0"  # JSON is not escaped


def test_projects_list_participants_by_role_with_pledges_added_up(site: Path):
    projects = {p["id"]: p for p in _load(site, "api/projects.json")["projects"]}
    elections = projects["localgov-elections"]
    declared = {"phase": None, "source": None, "notes": None, "provenance": "declared"}
    assert elections["participants"] == [
        {"council": "ashby", "role": "funder", "pledge": {"money_gbp": 5000, "days": 10}, **declared},
        {"council": "brent", "role": "partner", "pledge": {"money_gbp": 1000, "days": None}, **declared}]
    assert elections["pledged"] == {"money_gbp": 6000, "days": 10}
    assert elections["funding_target_gbp"] == 40000
    assert projects["localgov-publications"]["participants"] == [
        {"council": "ashby", "role": "lead", "pledge": None, **declared}]
    assert projects["localgov-publications"]["pledged"] == {"money_gbp": 0, "days": 0}


def test_projects_have_their_funded_phases_with_amounts_as_stated_and_sources(site: Path):
    repairs = {p["id"]: p for p in _load(site, "api/projects.json")["projects"]}["repairs-online"]
    assert repairs["source"] == "https://example.org/repairs"
    discovery, alpha = repairs["phases"]
    assert discovery == {"id": "repairs-discovery", "name": "Repairs online discovery", "stages": ["discovery"],
                         "programme": "local-digital-fund", "round": "2", "round_inferred": False,
                         "started": "2019-09", "amount_gbp": 100000, "summary": None,
                         "outputs": "https://example.org/repairs/report", "source": "https://example.org/round-2",
                         "notes": None}
    assert (alpha["id"], alpha["round"], alpha["started"], alpha["amount_gbp"], alpha["notes"]) == (
        "repairs-alpha", None, "2020", None, "Amount not published.")  # no amount published: null, not 0
    assert [(p["council"], p["role"], p["phase"], p["provenance"]) for p in repairs["participants"]] == [
        ("ashby", "lead", "repairs-discovery", "public source"), ("old-district", "partner", "repairs-discovery",
                                                                   "public source")]


def test_council_records_carry_each_part_in_a_project_with_its_phase_and_provenance(site: Path):
    councils = {c["id"]: c for c in _load(site, "api/councils.json")["councils"]}
    parts = [(p["project"], p["phase"], p["role"], p["source"], p["provenance"]) for p in councils["ashby"]["projects"]]
    assert parts[2:] == [
        ("repairs-online", "repairs-discovery", "lead", "https://example.org/round-2", "public source"),
        ("repairs-online", "repairs-alpha", "lead", None, "declared")]
    [old] = councils["old-district"]["projects"]
    assert (old["phase"], old["notes"]) == ("repairs-discovery", "=Named as Old District in the source")


def test_capabilities_count_councils_per_product_most_used_first(site: Path):
    data = _load(site, "api/capabilities.json")
    assert [g["id"] for g in data["groups"]] == ["customer", "place"]
    capabilities = {c["id"]: c for c in data["capabilities"]}
    assert capabilities["planning"]["council_count"] == 3
    assert capabilities["planning"]["products"] == [{"product": "planx", "council_count": 2},
                                                    {"product": "idox-uniform", "council_count": 1}]
    assert capabilities["revenues"]["council_count"] == 0 and capabilities["revenues"]["products"] == []
    assert capabilities["planning"]["url"] == "https://example.github.io/directory/capabilities/planning/"


def test_topics_and_reorganisations(site: Path):
    topics = {t["id"]: t for t in _load(site, "api/topics.json")["topics"]}
    assert topics["pdf-reduction"]["challenges"] == [
        {"council": "ashby", "title": "Fewer PDFs on our website", "status": "exploring",
         "seeking": ["partners", "advice"]}]
    assert topics["pdf-reduction"]["projects"] == ["localgov-publications"]
    reorganisation, brentshire = _load(site, "api/reorganisations.json")["reorganisations"]
    assert (reorganisation["id"], reorganisation["vesting"], reorganisation["successors"]) == (
        "ashby-2023", "2023-04-01", ["ashby"])
    assert (reorganisation["stage"], reorganisation["proposals"], reorganisation["decision"]) == ("vested", [], None)


def test_reorganisations_carry_their_stage_dates_proposals_and_decision(site: Path):
    brentshire = _load(site, "api/reorganisations.json")["reorganisations"][1]
    assert (brentshire["stage"], brentshire["as_of"], brentshire["elections"], brentshire["vesting"],
            brentshire["indicative"]) == ("decided", "2026-03", "2027-05", "2028-04-01", True)
    first = brentshire["proposals"][0]
    assert (first["id"], first["title"], first["councils"], first["submitted_by"], first["source"]) == (
        "brentshire-1", "one unitary council", 1, ["brent"], "https://www.gov.uk/brentshire-1")
    assert first["makeup"] == [{"name": "Greater Brent", "whole": ["brent"], "part_of": ["crawley"], "incomplete": False,
                                "notes": "and most of Crawley", "council": None}]
    assert brentshire["decision"] == {"proposal": "brentshire-1", "date": "2026-03", "standing": "reported-only",
                                      "modifications": None, "source": "https://example.org/brentshire-decision",
                                      "notes": None}
    assert brentshire["sources"][0] == {"address": "https://www.gov.uk/brentshire-1",
                                        "title": "GOV.UK: Brentshire proposal", "licence": "ogl-3.0"}


@pytest.mark.parametrize("count", [0, 1, RECORDS_AT_ONCE, RECORDS_AT_ONCE + 1, 2 * RECORDS_AT_ONCE + 7])
def test_records_written_in_batches_are_the_bytes_of_one_json_document(tmp_path: Path, count: int):
    records = [{"id": f"council-{number}", "name": f"Café {number}", "stack": [{"z": None, "a": number}]}
               for number in range(count)]
    _write_records(tmp_path / "batched.json", "councils", iter(records))
    _write_json(tmp_path / "whole.json", {"councils": records})
    assert (tmp_path / "batched.json").read_bytes() == (tmp_path / "whole.json").read_bytes()
    assert json.loads((tmp_path / "batched.json").read_text(encoding="utf-8")) == {"councils": records}


def test_json_files_are_the_bytes_the_standard_library_would_write(tmp_path: Path):
    """orjson writes them faster; the bytes are those of json.dumps, keys sorted, compact and unescaped UTF-8 (for
    the numbers the open data holds: the two differ on floats below 0.0001, and scores are rounded to four places)."""
    data = {"zeta": [1, 2.5, 0.1234, 0.0001, -0.0, 123456789012, True, None], "Ärger": "naïve “quoted” \u2028 \t",
            "alpha": {"b": {"d": [], "c": {}}, "a": "</script>"}, "years": {2028: "vesting", 2027: "a"}, "émoji": "🏛"}
    _write_json(tmp_path / "data.json", data)
    expected = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert (tmp_path / "data.json").read_bytes() == expected.encode("utf-8")


def test_json_schemas_are_published(site: Path):
    schema = _load(site, "schemas/council.schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "stack" in schema["properties"]


# ----------------------------------------------------------------------------------------------
# CSV


CSV_FILES = ["data/councils.csv", "data/stack.csv", "data/participations.csv", "data/challenges.csv",
             "data/pledges.csv", "data/proposals.csv", "data/contracts.csv"]


@pytest.mark.parametrize("path", CSV_FILES)
def test_csv_files_start_with_a_byte_order_mark_and_the_documented_columns(site: Path, path: str):
    raw = (site / path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    [record] = [r for r in OPEN_DATA if r.path == path]
    with (site / path).open(encoding="utf-8-sig", newline="") as file:
        header = next(csv.reader(file))
    assert header == [name for name, _ in record.fields]
    assert raw.count(b"\r\n") >= 2  # RFC 4180 line ends


def test_councils_csv_has_one_row_per_council(site: Path):
    rows = _rows(site, "data/councils.csv")
    assert [row["id"] for row in rows] == ["ashby", "brent", "crawley", "cumberland", "old-district"]
    ashby = rows[0]
    assert (ashby["gss"], ashby["reviewed"], ashby["claimed"], ashby["stack_entries"]) == (
        "E07000010", "2026-10-01", "yes", "2")
    assert ashby["url"] == "https://example.github.io/directory/councils/ashby/"
    assert rows[1]["claimed"] == "no"
    assert (rows[4]["status"], rows[4]["ended"], rows[4]["replaced_by"]) == ("abolished", "2023-04-01", "ashby")


def test_stack_csv_has_one_row_per_council_and_entry_with_provenance(site: Path):
    rows = _rows(site, "data/stack.csv")
    assert [(r["council_id"], r["capability_id"], r["product_id"]) for r in rows] == [
        ("ashby", "planning", "planx"), ("ashby", "website", "localgov-drupal"),
        ("brent", "planning", "idox-uniform"), ("brent", "website", "localgov-drupal"),
        ("crawley", "planning", "planx")]
    planx, drupal = rows[0], rows[1]
    assert (planx["provenance"], planx["source"]) == ("public source", "https://example.org/evidence/planx")
    assert (drupal["provenance"], drupal["source"]) == ("declared", "")
    assert (drupal["capability_name"], drupal["product_name"], drupal["vendor"]) == (
        "Website", "LocalGov Drupal", "LocalGov Drupal community")
    assert (drupal["since"], drupal["contract_ends"], drupal["hosting"]) == ("2020", "2027-03-31", "saas")


def test_participations_csv_has_a_row_per_part_with_its_phase_and_where_it_comes_from(site: Path):
    rows = _rows(site, "data/participations.csv")
    assert [(r["council_id"], r["project_id"], r["phase_id"], r["role"]) for r in rows] == [
        ("ashby", "localgov-publications", "", "lead"),  # what it led first, by project name
        ("ashby", "repairs-online", "repairs-discovery", "lead"), ("ashby", "repairs-online", "repairs-alpha", "lead"),
        ("ashby", "localgov-elections", "", "funder"),
        ("brent", "localgov-elections", "", "partner"),
        ("old-district", "repairs-online", "repairs-discovery", "partner")]
    discovery = rows[1]
    assert (discovery["project_name"], discovery["phase_name"], discovery["programme"], discovery["round"],
            discovery["started"]) == ("Repairs online", "Repairs online discovery", "local-digital-fund", "2", "2019-09")
    assert (discovery["provenance"], discovery["source"]) == ("public source", "https://example.org/round-2")
    assert (rows[2]["provenance"], rows[2]["source"], rows[2]["round"]) == ("declared", "", "")
    old = rows[5]
    assert (old["council_status"], old["replaced_by"]) == ("abolished", "ashby")  # its part kept, its successor named
    assert old["notes"] == "'=Named as Old District in the source"


def test_contracts_csv_has_a_row_per_contract_with_its_source_guarded_against_formulas(site: Path):
    rows = _rows(site, "data/contracts.csv")
    # Councils in id order; each council's contracts by capability name ("Planning applications" < "Website").
    assert [(r["council_id"], r["capability_id"], r["status"], r["provenance"]) for r in rows] == [
        ("ashby", "website", "signed", "declared"),
        ("brent", "planning", "notice", "public source"), ("brent", "website", "approved", "public source")]
    ashby, planning, approval = rows
    assert (ashby["suppliers"], ashby["starts"], ashby["ends"], ashby["value_gbp"], ashby["source"]) == (
        "Web Hosts Ltd", "2023-04-01", "2027-03-31", "48732.42", "")
    assert (planning["product_name"], planning["title"], planning["buyer_inferred"], planning["value_gbp"]) == (
        "Uniform", "'=Planning system support", "yes", "120000")
    assert planning["notice"] == "https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000001"
    assert (planning["council_name"], approval["buyer_inferred"], approval["ends"]) == (
        "'-Brent, the Borough", "no", "")


def test_challenges_csv_has_a_row_per_challenge(site: Path):
    rows = _rows(site, "data/challenges.csv")
    assert [(r["council_id"], r["status"]) for r in rows] == [("ashby", "exploring"), ("brent", "planning")]
    ashby = rows[0]
    assert (ashby["title"], ashby["topics"], ashby["capabilities"], ashby["seeking"], ashby["description"]) == (
        "Fewer PDFs on our website", "pdf-reduction", "website", "partners; advice", "We publish too many PDFs.")
    assert rows[1]["title"] == "'-One website after the merger, \"if we can\""
    assert rows[1]["capabilities"] == "website; planning"


def test_pledges_csv_has_a_row_per_pledge(site: Path):
    rows = _rows(site, "data/pledges.csv")
    assert [(r["council_id"], r["project_id"], r["role"], r["money_gbp"], r["days"], r["provenance"]) for r in rows] == [
        ("ashby", "localgov-elections", "funder", "5000", "10", "declared"),
        ("brent", "localgov-elections", "partner", "1000", "", "declared")]
    assert rows[0]["project_name"] == "LocalGov Elections"


def test_proposals_csv_has_one_row_per_proposal_with_its_backers_makeup_and_standing(site: Path):
    rows = _rows(site, "data/proposals.csv")
    assert [(r["reorganisation_id"], r["proposal_id"]) for r in rows] == [
        ("brentshire-2028", "brentshire-1"), ("brentshire-2028", "brentshire-2")]
    chosen, other = rows
    assert (chosen["stage"], chosen["as_of"], chosen["councils"], chosen["submitted_by"], chosen["submitted"]) == (
        "decided", "2026-03", "1", "brent", "2025-11-28")
    assert (chosen["proposed_councils"], chosen["chosen"], chosen["decision_standing"]) == (
        "Greater Brent", "yes", "reported-only")
    assert chosen["url"] == "https://example.github.io/directory/reorganisations/brentshire-2028/#proposal-brentshire-1"
    assert (other["title"], other["councils"], other["proposed_councils"], other["chosen"], other["decision_standing"]) == (
        "'=two councils", "", "unnamed; Brent", "no", "")  # a title that would be a formula, neutralised


def test_commas_quotes_and_newlines_in_notes_survive_a_round_trip(site: Path):
    drupal = _rows(site, "data/stack.csv")[1]
    assert drupal["notes"] == ('We use it, with "our own" theme, and forms.\n'
                               '=HYPERLINK("https://evil.example","click")')


def test_no_cell_starts_like_a_formula(site: Path):
    for path in CSV_FILES:
        with (site / path).open(encoding="utf-8-sig", newline="") as file:
            for row in csv.reader(file):
                assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], row
    rows = _rows(site, "data/stack.csv")
    assert rows[2]["notes"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows[2]["council_name"] == "'-Brent, the Borough"  # a comma, quoted, and neutralised
    assert rows[4]["council_name"] == "'+Crawley Council"


@pytest.mark.parametrize("value, cell", [
    ("Planning", "Planning"), ("=1+1", "'=1+1"), ("+44 1234", "'+44 1234"), ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""),
    ("https://example.org", "https://example.org"), (None, None), (2020, 2020),
])
def test_spreadsheet_cells(value: object, cell: object):
    assert spreadsheet_row(["id", value]) == ["id", cell]


# ----------------------------------------------------------------------------------------------
# Sitemap and robots.txt


def test_the_sitemap_lists_every_page_with_its_full_address(site: Path):
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert root.tag == f"{namespace}urlset"
    locations = [url.findtext(f"{namespace}loc") for url in root.findall(f"{namespace}url")]
    base = "https://example.github.io/directory/"
    assert locations == [base, f"{base}capabilities/planning/", f"{base}councils/", f"{base}councils/ashby/"]


def test_robots_txt_points_to_the_sitemap(site: Path):
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Sitemap: https://example.github.io/directory/sitemap.xml" in lines
    assert "User-agent: *" in lines
