"""`build.py import contracts`: a small OCDS release package of our own (several releases of one process, a buyer
that is not a council, a notice fitting no capability, a council that already declares the same contract) placed
into the councils' files, and the shared contracts table's own rules."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from directory.commands.import_contracts import UnreadableFile, import_contracts, report
from directory.content.procurement import Placer, cpv_under, phrase
from tests.conftest import TODAY, ContentTree

ROOT = Path(__file__).resolve().parent.parent
SHARED_TABLE = ROOT.parent / "shared" / "data" / "contracts" / "contracts.csv"

CAPABILITIES = """\
groups:
  - id: customer
    name: Customer and digital
  - id: place
    name: Planning and place
capabilities:
  - id: website
    name: Website
    group: customer
    description: Publishing the council's website.
    cpv: [72413000]
    words: [website, content management system]
  - id: planning
    name: Planning applications
    group: place
    description: Receiving and deciding planning applications.
    words: [planning]
  - id: revenues
    name: Revenues
    group: customer
    description: Collecting council tax and business rates.
    words: [council tax, revenues]
  - id: benefits
    name: Benefits
    group: customer
    description: Housing benefit and council tax support.
    words: [benefits, council tax support]
  - id: libraries
    name: Library management
    group: place
    description: The library management system.
    cpv: [48161000, 92510000]
    words: [library management]
"""
CUMBERLAND = """\
# Cumberland's own profile: this comment, the blank line below and the flow list stay as they are.
name: Cumberland Council
gss: E06000063
kind: unitary
nation: england
region: North West

website: https://www.cumberland.gov.uk
maintainers: [cumberland-digital/web-team]
stack:
  - capability: website  # declared by the council
    product: localgov-drupal
"""
WESTMORLAND = """\
name: Westmorland and Furness Council
gss: E06000064
kind: unitary
nation: england
region: North West
contracts:
  - capability: website
    ends: 2028-03-31
    ocid: ocds-b5fd17-dddddddd-0000-4000-8000-000000000004
    notes: Our own record of this contract.
"""
LIBRARY = "ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000001"
COUNCIL = {"id": "GB-LAE-CBD", "name": "Cumberland Council"}


def release(ocid: str, day: str, tag: str, buyer: dict, **parts) -> dict:
    party = {"id": buyer["id"], "name": buyer["name"], "roles": ["buyer"],
             "identifier": dict(zip(("scheme", "id"), buyer["id"].rsplit("-", 1), strict=True))}
    return {"ocid": ocid, "id": f"{ocid}-{day}", "date": f"{day}T09:00:00Z", "tag": [tag], "initiationType": "tender",
            "parties": [party], "buyer": {"id": buyer["id"], "name": buyer["name"]}, **parts}


def tender(title: str, cpv: str, **more) -> dict:
    return {"id": "1", "title": title, "classification": {"scheme": "CPV", "id": cpv}, **more}


PACKAGE = {
    "uri": "https://www.contractsfinder.service.gov.uk/Published/Notices/OCDS/Search?order=asc",
    "publishedDate": "2026-10-01T00:00:00Z", "version": "1.1",
    "releases": [
        # One process, three releases: the tender, the award, and a correction of the tender's description.
        release(LIBRARY, "2026-01-10", "tender", COUNCIL, tender=tender(
            "Library Management System", "48161000-5", description="Replacing the county's library system.",
            value={"amount": 120000, "currency": "GBP"},
            contractPeriod={"startDate": "2026-04-01T00:00:00+01:00", "endDate": "2029-03-31T23:59:59+01:00"})),
        release(LIBRARY, "2026-03-01", "award", COUNCIL, awards=[{
            "id": "1", "status": "active", "suppliers": [{"id": "GB-COH-01", "name": "Example Library Systems Ltd"}],
            "value": {"amount": 118500.5, "currency": "GBP"},
            "contractPeriod": {"startDate": "2026-04-01T00:00:00+01:00", "endDate": "2030-03-31T23:59:59+01:00"}}]),
        release(LIBRARY, "2026-02-01", "tenderUpdate", COUNCIL, tender={"id": "1", "description": "Corrected."}),
        # A buyer that is not a council.
        release("ocds-b5fd17-bbbbbbbb-0000-4000-8000-000000000002", "2026-05-01", "tender",
                {"id": "GB-NHS-RXX", "name": "Example NHS Trust"}, tender=tender("Library management for the "
                                                                                  "hospital", "48161000")),
        # A notice fitting no capability.
        release("ocds-b5fd17-cccccccc-0000-4000-8000-000000000003", "2026-06-01", "tender", COUNCIL,
                tender=tender("Microsoft Enterprise Agreement", "48000000")),
        # The contract Westmorland and Furness declares itself.
        release("ocds-b5fd17-dddddddd-0000-4000-8000-000000000004", "2026-07-01", "award",
                {"id": "GB-LAE-WAF", "name": "Westmorland and Furness Council"},
                tender=tender("Website content management", "72413000"),
                awards=[{"id": "1", "status": "active", "suppliers": [{"id": "X", "name": "Example Web Ltd"}]}]),
        # Neither software nor IT services: not considered.
        release("ocds-b5fd17-eeeeeeee-0000-4000-8000-000000000005", "2026-08-01", "tender", COUNCIL,
                tender=tender("Resurfacing of the library car park", "45233222")),
    ],
}
CUMBERLAND_IMPORTED = CUMBERLAND + """\
contracts:
  - capability: libraries
    suppliers: [Example Library Systems Ltd]
    title: Library Management System
    starts: 2026-04-01
    ends: 2030-03-31
    value_gbp: 118500.5
    status: awarded
    ocid: ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000001
    source: https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000001
"""
REPORT = """\
Read 5 notice(s) and decision(s). 1 contracting process(es) for neither software nor IT services (CPV divisions 48 \
and 72) were not considered.
Wrote 1 contract(s) into 1 council file(s): 1 added, 0 brought up to date; 0 already there unchanged.
  content/councils/cumberland.yaml: 1 added
The buyer is not a council in the directory (1):
  releases.json ocds-b5fd17-bbbbbbbb-0000-4000-8000-000000000002 'Library management for the hospital': the buyer, \
Example NHS Trust (GB-NHS-RXX), is not identified as a council (GB-LAE-...).
The notice fits no capability (1):
  releases.json ocds-b5fd17-cccccccc-0000-4000-8000-000000000003 'Microsoft Enterprise Agreement': fits no \
capability: no capability's words are in what it says it is for, and its CPV code 48000000 is not one a capability \
lists.
The council declares this contract itself: left as it is (1):
  releases.json ocds-b5fd17-dddddddd-0000-4000-8000-000000000004 'Website content management': \
content/councils/westmorland-and-furness.yaml declares it as contract 1 (the same ocid).
"""


@pytest.fixture
def tree(content: ContentTree) -> ContentTree:
    content.write("capabilities.yaml", CAPABILITIES)
    content.write("councils/cumberland.yaml", CUMBERLAND, schema_line=False)
    content.write("councils/westmorland-and-furness.yaml", WESTMORLAND, schema_line=False)
    return content


def package(tmp_path: Path, data: dict = PACKAGE, name: str = "releases.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def imported(tree: ContentTree, *files: Path):
    return import_contracts(files, tree.root, TODAY, tree.repo)


def test_the_releases_of_one_process_are_merged_into_the_councils_own_file(tree, tmp_path):
    imported(tree, package(tmp_path))
    # The award's period, value and supplier; the file's comments, blank line and flow list kept.
    assert (tree.root / "councils/cumberland.yaml").read_text() == CUMBERLAND_IMPORTED
    assert tree.check().errors == []


def test_what_could_not_be_placed_is_reported_with_the_reason(tree, tmp_path):
    assert report(imported(tree, package(tmp_path))) == REPORT


def test_a_contract_the_council_declares_is_never_touched(tree, tmp_path):
    imported(tree, package(tmp_path))
    assert (tree.root / "councils/westmorland-and-furness.yaml").read_text() == WESTMORLAND


def test_a_second_run_changes_nothing(tree, tmp_path):
    releases = package(tmp_path)
    imported(tree, releases)
    first = {path: path.read_bytes() for path in (tree.root / "councils").glob("*.yaml")}
    again = imported(tree, releases)
    assert {path: path.read_bytes() for path in (tree.root / "councils").glob("*.yaml")} == first
    assert report(again).splitlines()[1] == "No file changed: 1 contract(s) already there unchanged."


def test_a_later_release_brings_the_imported_entry_up_to_date_in_place(tree, tmp_path):
    imported(tree, package(tmp_path))
    path = tree.root / "councils/cumberland.yaml"
    path.write_text(path.read_text().replace("    ends: 2030-03-31\n", "    ends: 2030-03-31  # checked\n"))
    signed = release(LIBRARY, "2026-09-01", "contract", COUNCIL, contracts=[{
        "id": "1", "awardID": "1", "status": "active", "period": {"startDate": "2026-04-01", "endDate": "2031-03-31"}}])
    result = imported(tree, package(tmp_path, {**PACKAGE, "releases": [*PACKAGE["releases"], signed]}))
    assert result.updated == {"content/councils/cumberland.yaml": 1}
    assert path.read_text() == (CUMBERLAND_IMPORTED.replace("    ends: 2030-03-31\n", "    ends: 2031-03-31  # checked\n")
                                .replace("status: awarded", "status: signed"))


def test_a_record_package_gives_each_process_its_compiled_release(tree, tmp_path):
    compiled = release(LIBRARY, "2026-03-01", "compiled", COUNCIL, tender=tender("Library Management System",
                                                                                  "48161000"))
    records = {"uri": "https://example.org/records.json", "records": [{"ocid": LIBRARY, "compiledRelease": compiled},
                                                                       {"ocid": "ocds-b5fd17-x", "releases": [
                                                                           {"url": "https://example.org/r.json"}]}]}
    result = imported(tree, package(tmp_path, records, "records.json"))
    assert result.added == {"content/councils/cumberland.yaml": 1}
    assert "status: tender\n" in (tree.root / "councils/cumberland.yaml").read_text()
    assert [(item.where, item.reason) for item in result.left_out] == [
        ("records.json ocds-b5fd17-x", "the record has no compiled release and only links to its releases, so there "
                                       "is nothing to read")]


def test_a_file_that_is_not_a_package_cannot_be_imported(tree, tmp_path):
    with pytest.raises(UnreadableFile, match="is neither an OCDS release package nor a record package"):
        imported(tree, package(tmp_path, {"ocid": LIBRARY}))


# ----------------------------------------------------------------------------------------------
# The shared contracts table: its rows, read as its SOURCE.md says

TABLE_HEAD = ("ocid,local_authority_code,gss_code,council_name,title,what_for,cpv,value_gbp,start_date,end_date,"
              "procurement_method,supplier,product,source_url,notice_url,notes\n")


def test_the_shared_tables_rows_keep_what_their_source_says_and_no_more(tree, tmp_path):
    table = tmp_path / "contracts.csv"
    table.write_text(TABLE_HEAD + textwrap.dedent("""\
        ocds-h6vhtk-04a687,CBD,E06000063,Cumberland,Revenues System,council tax system,48000000 Software,1438690,2024-09-30,2027-12-27,,Unit4 Business Software Limited,Unit4,https://d3tenders.com/contract/?ocid=ocds-h6vhtk-04a687,,"Facts from the mirror's generated summary: signed 30 Sep 2024."
        ,CBD,E06000063,Cumberland,Approval to award a library system contract,library management system,,50000,,,,Example Ltd,,https://democracy.cumberland.gov.uk/ieDecisionDetails.aspx?ID=1,,"Cabinet decision (not a contract notice)."
        ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000009,CBD,E06000063,Cumberland,Planning System,planning system,,,,,,,,https://d3tenders.com/contract/?ocid=ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000009,https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000009,"BUYER INFERRED: tender id prefix CUMB001 and the council's postcode."
        ,CBD,E06000063,Cumberland,Website decision,website,,,,,,,,http://democracy.cumberland.gov.uk/1,,
        ,CBD,E06000099,Cumberland,Website decision,website,,,,,,,,https://democracy.cumberland.gov.uk/2,,
        """), encoding="utf-8")
    result = imported(tree, table)
    assert (tree.root / "councils/cumberland.yaml").read_text() == CUMBERLAND + textwrap.dedent("""\
        contracts:
          - capability: libraries
            suppliers: [Example Ltd]
            title: Approval to award a library system contract
            value_gbp: 50000
            status: approved
            source: https://democracy.cumberland.gov.uk/ieDecisionDetails.aspx?ID=1
            notes: Cabinet decision (not a contract notice).
          - capability: planning
            title: Planning System
            status: notice
            buyer_inferred: true
            ocid: ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000009
            source: https://d3tenders.com/contract/?ocid=ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000009
            notice: https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000009
            notes: "BUYER INFERRED: tender id prefix CUMB001 and the council's postcode."
          - capability: revenues
            title: Revenues System
            status: notice
            ocid: ocds-h6vhtk-04a687
            source: https://d3tenders.com/contract/?ocid=ocds-h6vhtk-04a687
            notes: >-
              Left out, as read only from a third-party mirror's generated summary: the supplier, the
              product, the value, the start date and the end date; and the source's notes, which repeat
              them.
        """)
    assert [(item.where, item.reason) for item in result.left_out] == [
        ("contracts.csv:5", "its source (http://democracy.cumberland.gov.uk/1) is not an https:// address"),
        ("contracts.csv:6", "the buyer's code CBD is E06000063 in the register, but the source gives E06000099")]


@pytest.mark.skipif(not SHARED_TABLE.exists(), reason="the shared contracts data is not beside this checkout")
def test_the_shipped_content_holds_the_shared_table_so_importing_it_again_changes_nothing(tmp_path):
    """Imported into profiles without contracts, it reproduces the shipped ones: test_shipped_content.py."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    again = import_contracts([SHARED_TABLE], tmp_path / "content", TODAY, tmp_path)
    assert again.problems == [] and again.added == again.updated == {} and again.unchanged == 199


# ----------------------------------------------------------------------------------------------
# The command line


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "import", "contracts", *args, "--today",
                           "2026-11-01"], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_the_command_prints_the_report_and_exits_0(tree, tmp_path):
    result = run("--content", str(tree.root), str(package(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Read 5 notice(s) and decision(s).")


def test_a_file_it_cannot_read_is_bad_usage(tree, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = run("--content", str(tree.root), str(broken))
    assert result.returncode == 2 and "cannot be read as JSON" in result.stderr


def test_content_with_errors_is_left_as_it_was_and_exits_1(tree, tmp_path):
    tree.council("broken", kind="distrct")
    result = run("--content", str(tree.root), str(package(tmp_path)))
    assert result.returncode == 1 and ": error: kind is 'distrct'" in result.stdout
    assert (tree.root / "councils/cumberland.yaml").read_text() == CUMBERLAND


# ----------------------------------------------------------------------------------------------
# Placing a notice by the vocabularies (content/procurement.py)


@pytest.fixture
def placer(tree) -> Placer:
    directory = tree.check().directory
    return Placer(directory.capabilities.values(), directory.products.values())


def test_the_longest_word_decides(placer):
    assert placer.place(["Council tax support scheme"], None).capability == "benefits"
    assert placer.place(["Council tax billing"], None).capability == "revenues"


def test_a_notice_fitting_several_capabilities_is_not_placed(placer):
    placement = placer.place(["Revenues and Benefits System"], "48000000")
    assert (placement.capability, placement.reason) == (None, "fits several capabilities (benefits, revenues)")


def test_the_first_text_with_words_decides_then_products_then_the_cpv_code(placer):
    assert placer.place(["", "A new website"], None).capability == "website"
    assert placer.place(["Support and maintenance"], None, ["planx"]).capability == "planning"
    assert placer.place(["Support and maintenance"], "48161000-5").capability == "libraries"


def test_a_product_named_narrows_and_is_kept_when_it_serves_the_capability(placer):
    placement = placer.place(["Planning system (Idox Uniform)"], None, placer.products_named("Idox Uniform"))
    assert (placement.capability, placement.product) == ("planning", "idox-uniform")


def test_a_products_ordinary_word_names_it_only_in_a_product_column(placer):
    assert placer.products_named("School uniform supply") == []
    assert placer.products_named("Uniform", product_column=True) == ["idox-uniform"]
    assert placer.products_named("LocalGov Drupal microsites") == ["localgov-drupal"]


def test_words_are_matched_whole_ignoring_capitals_plurals_and_possessives():
    assert phrase("Children's Libraries & Archives") == " children librarie and archive "
    assert " library management " in phrase("LIBRARY MANAGEMENT SYSTEMS")


def test_a_cpv_code_covers_the_codes_under_it():
    assert cpv_under("48161000", "48160000") == 4
    assert cpv_under("48161000", "48161000") == 5
    assert cpv_under("48161000", "72000000") == 0


REGISTER = ROOT.parent / "shared" / "data" / "uk-local-authorities" / "uk_local_authorities.csv"


@pytest.mark.skipif(not REGISTER.exists(), reason="the shared register is not beside this checkout")
def test_the_shipped_register_codes_are_the_registers():
    from scripts.councils_from_register import read_register
    from scripts.register_codes import TABLE, table

    assert TABLE.read_text(encoding="utf-8") == table(read_register(str(REGISTER)))
