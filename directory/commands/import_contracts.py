"""`python build.py import contracts FILE...`: councils' contracts from the public record, into their own files.

FILE is an OCDS release package or record package (JSON, as Contracts Finder and Find a Tender publish them), or
the shared contracts table (shared/data/contracts/contracts.csv, whose SOURCE.md says how each row was read). The
releases of one contracting process, from every file given, are merged into its compiled release by the OCDS
community's own ocdsmerge. A notice's buyer is a council by its GB-LAE identifier (register_codes.csv, from
mySociety's register: the council is the profile with that GSS code); what it is for comes from the vocabularies
(content/procurement.py).

Each contract placed is written into its council's file, citing its source, as a change to review: comments and
layout are kept (ruamel.yaml, round trip), a contract the council declares is never touched, a contract imported
before is brought up to date in place, and a second run changes nothing. Every notice not written is reported, with
the reason: a buyer that is not a council, a notice that fits no capability or several, a source that cannot be
cited. Nothing is written into content with errors, and if the content does not check clean afterwards, every file
is put back as it was.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from ..content.models import Contract, Council, Directory
from ..content.problems import Problem, errors_in
from ..content.procurement import Placer, cpv_code
from ..content.check import check
from ..wording import listed

REGISTER_CODES = Path(__file__).with_name("register_codes.csv")
WIDTH = 100  # notes are folded at this width, as the profiles' other notes are

# ocdsmerge's rules for the fields of a release that are not merged (release schema 1.1: "omitWhenMerged"), given
# here so that the import never fetches the schema. Every other field read is merged as the standard says: objects
# by their fields, lists of objects by their ids, other lists whole.
MERGE_RULES = {("id",): "omitWhenMerged", ("date",): "omitWhenMerged", ("tag",): "omitWhenMerged",
               ("publisher",): "omitWhenMerged", ("links",): "omitWhenMerged"}
CONTRACTS_FINDER = re.compile(r"ocds-b5fd17-([0-9a-f-]{36})")  # its notice page is /Notice/<uuid>
SOFTWARE_DIVISIONS = ("48", "72")  # CPV: software packages and information systems; IT services


Releases = dict[str, list[tuple[dict, str, str | None]]]  # ocid -> its releases, each with its file and package uri


class UnreadableFile(Exception):
    """A file that cannot be imported at all: the message says which and why."""


@dataclass(frozen=True)
class Notice:
    """One contracting process (or one decision) as read, before it is placed."""

    where: str  # the file, and the row or ocid, for the report
    buyer: str  # its identifier as published: GB-LAE-ABC, or another scheme's
    buyer_name: str
    texts: tuple[str, ...]  # what says what it is for, in the order they decide; products are named in the title
    cpv: tuple[str, ...]  # its CPV codes, the main one first
    product_statements: tuple[str, ...]  # a column that only names products (the shared table's)
    facts: dict[str, Any]  # Contract fields: title, starts, ends, value_gbp, suppliers, status, ocid, source...
    gss: str | None = None  # the GSS code the source gives beside the buyer's code, to cross-check
    any_kind: bool = False  # false: considered only when for software or IT services (an OCDS feed has everything)


@dataclass(frozen=True)
class LeftOut:
    where: str
    title: str
    reason: str
    kind: str  # which heading of the report it goes under: one of LEFT_OUT


LEFT_OUT = {
    "buyer": "The buyer is not a council in the directory",
    "several": "The notice fits several capabilities",
    "none": "The notice fits no capability",
    "source": "No source the directory can cite",
    "read": "Nothing the directory can show",
    "duplicate": "The same contract twice",
    "declared": "The council declares this contract itself: left as it is",
}


@dataclass
class Imported:
    """What an import did."""

    read: int = 0  # notices, processes and decisions read
    not_software: int = 0  # OCDS processes for neither software nor IT services, not considered
    added: dict[str, int] = field(default_factory=dict)  # file shown -> contracts added
    updated: dict[str, int] = field(default_factory=dict)  # file shown -> contracts brought up to date
    unchanged: int = 0
    left_out: list[LeftOut] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors in the content, before or after


def import_contracts(files: Iterable[Path], content_dir: Path, today: date, root: Path) -> Imported:
    """Read every file, place every notice, then write the councils' files; raises UnreadableFile for a file that
    cannot be read. On content errors, before or after, returns them and leaves every file as it was."""
    before = check(content_dir, today, root)
    if before.errors or before.directory is None:
        return Imported(problems=errors_in(before.problems))
    directory = before.directory
    read: list[Notice | LeftOut] = []
    releases: Releases = defaultdict(list)
    for path in files:
        if Path(path).suffix.lower() == ".csv":
            read += read_table(Path(path))
        else:
            read += _read_ocds(Path(path), releases)
    read += _compiled(releases)
    result = Imported(read=len(read), left_out=[item for item in read if isinstance(item, LeftOut)])
    placed = _place([item for item in read if isinstance(item, Notice)], directory, result)
    originals = _write(placed, directory, content_dir, result)
    after = check(content_dir, today, root)
    if after.errors:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        result.problems = errors_in(after.problems)
    return result


# ----------------------------------------------------------------------------------------------
# Reading OCDS packages


def _read_ocds(path: Path, releases: Releases) -> list[Notice | LeftOut]:
    """A release package adds its releases to those of their process, merged once every file is read; a record
    package gives each process's compiled release, or its releases to merge."""
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UnreadableFile(f"{path}: cannot be read ({error.strerror}).") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableFile(f"{path}: cannot be read as JSON ({error}).") from None
    if not isinstance(package, dict) or not ({"releases", "records"} & set(package)):
        raise UnreadableFile(f"{path}: is neither an OCDS release package nor a record package (it has no "
                             "releases or records).")
    uri = package.get("uri") if isinstance(package.get("uri"), str) else None
    read: list[Notice | LeftOut] = []
    for release in package.get("releases") or []:
        if isinstance(release, dict) and isinstance(release.get("ocid"), str):
            releases[release["ocid"]].append((release, path.name, uri))
    for record in package.get("records") or []:
        ocid = record.get("ocid", "?") if isinstance(record, dict) else "?"
        compiled = record.get("compiledRelease") if isinstance(record, dict) else None
        embedded = [release for release in (record.get("releases") or []) if isinstance(release, dict)
                    and "date" in release] if isinstance(record, dict) else []  # not linked releases: no date
        if isinstance(compiled, dict):
            read.append(_notice(compiled, path.name, uri))
        elif embedded:
            releases[ocid].extend((release, path.name, uri) for release in embedded)
        else:
            read.append(LeftOut(f"{path.name} {ocid}", "", "the record has no compiled release and only links to its "
                                "releases, so there is nothing to read", "read"))
    return read


def _compiled(releases: Releases) -> list[Notice | LeftOut]:
    """Each process's releases, from every file read, merged into its compiled release."""
    import ocdsmerge  # here, not above: it brings requests with it, which no other command needs

    merger = ocdsmerge.Merger(merge_rules=MERGE_RULES)
    read: list[Notice | LeftOut] = []
    for ocid, group in sorted(releases.items()):
        _, name, uri = group[-1]
        try:
            compiled = merger.create_compiled_release([release for release, _, _ in group])
        except ocdsmerge.exceptions.OCDSMergeError as error:
            read.append(LeftOut(f"{name} {ocid}", "", f"its releases cannot be merged ({error})", "read"))
            continue
        read.append(_notice(compiled, name, uri))
    return read


def _notice(release: dict, file_name: str, uri: str | None) -> Notice | LeftOut:
    """The facts of a compiled release."""
    ocid = release.get("ocid", "")
    tender = release.get("tender") or {}
    awards = [a for a in release.get("awards") or [] if a.get("status") not in ("cancelled", "unsuccessful")]
    contracts = [c for c in release.get("contracts") or [] if c.get("status") not in ("cancelled",)]
    codes = [code for code in [_cpv(tender.get("classification")),
                               *(_cpv(item.get("classification")) for item in tender.get("items") or [])] if code]
    where = f"{file_name} {ocid}"
    title = tender.get("title") or next((c.get("title") for c in contracts + awards if c.get("title")), "") or ""
    if tender.get("status") in ("cancelled", "unsuccessful", "withdrawn") and not contracts:
        return LeftOut(where, title, f"the procurement was {tender['status']}", "read")
    signed = [c for c in contracts if c.get("status") in ("active", "terminated", "terminatedEarly",
                                                            "terminatedSuccessfully")]
    status = "signed" if signed else "awarded" if awards else "tender"
    # The period and value of the one contract, else of the one award, else the tender's, as planned.
    contract = contracts[0] if len(contracts) == 1 else {}
    award = awards[0] if len(awards) == 1 else {}
    period = contract.get("period") or award.get("contractPeriod") or tender.get("contractPeriod") or {}
    value = contract.get("value") or award.get("value") or tender.get("value") or {}
    contract_finder = CONTRACTS_FINDER.fullmatch(ocid)
    source = (f"https://www.contractsfinder.service.gov.uk/Notice/{contract_finder[1]}" if contract_finder
              else uri if uri and uri.startswith("https://") else None)
    buyer, buyer_name = _buyer(release)
    return Notice(
        where=where, buyer=buyer, buyer_name=buyer_name, texts=(title, tender.get("description") or ""),
        cpv=tuple(codes), product_statements=(),
        facts={"title": title or None, "ocid": ocid, "source": source, "status": status,
               "starts": _day(period.get("startDate")), "ends": _day(period.get("endDate")),
               "value_gbp": _amount(value.get("amount")) if value.get("currency", "GBP") == "GBP" else None,
               "suppliers": sorted({s.get("name") for a in awards for s in a.get("suppliers") or [] if s.get("name")})})


def _cpv(classification: Any) -> str | None:
    if isinstance(classification, dict) and str(classification.get("scheme", "")).upper() == "CPV":
        return cpv_code(str(classification.get("id", "")))
    return None


def _buyer(release: dict) -> tuple[str, str]:
    """The buyer's identifier (GB-LAE-ABC for a council) and name, from the buyer and parties of a release."""
    parties = {party.get("id"): party for party in release.get("parties") or [] if isinstance(party, dict)}
    reference = release.get("buyer") or next((p for p in parties.values() if "buyer" in (p.get("roles") or [])), {})
    party = parties.get(reference.get("id"), reference)
    name = party.get("name") or reference.get("name") or "a buyer not named"
    identifiers = [party.get("identifier") or {}, *(party.get("additionalIdentifiers") or [])]
    for identifier in identifiers:
        if identifier.get("scheme") == "GB-LAE" and identifier.get("id"):
            return "GB-LAE-" + str(identifier["id"]).removeprefix("GB-LAE-"), name
    for written in (party.get("id"), reference.get("id")):
        if isinstance(written, str) and written.startswith("GB-LAE-"):
            return written, name
    first = identifiers[0]
    return (f"{first.get('scheme')}-{first.get('id')}" if first.get("id") else str(party.get("id") or "")), name


def _day(text: Any) -> date | None:
    """The date part of a date-time as written, without converting its time zone (as SOURCE.md reads them)."""
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def _amount(text: Any) -> Decimal | None:
    try:
        amount = Decimal(str(text)) if text not in (None, "") else None
    except InvalidOperation:
        return None
    return amount if amount is not None and amount > 0 and amount == amount.quantize(Decimal("0.01")) else None


# ----------------------------------------------------------------------------------------------
# Reading the shared contracts table (shared/data/contracts/contracts.csv)

TABLE_COLUMNS = {"ocid", "local_authority_code", "gss_code", "title", "what_for", "cpv", "value_gbp", "start_date",
                 "end_date", "supplier", "product", "source_url", "notice_url", "notes"}
# Rows whose notes say facts were read only from a third-party mirror's AI-generated summary (SOURCE.md, "Facts I am
# least sure of", 2): each with the columns its notes say came from it, which are left out, with its notes; "buyer":
# the whole row. Where a row's notes leave it unclear, every column they might mean is listed. A row whose notes
# mention such a summary and that is not listed here loses all five columns.
GENERATED_SUMMARY = {
    "ocds-r6ebe6-0000537975": (),  # only the tender's opening date, which no column holds
    "ocds-h6vhtk-034222": ("supplier",),
    "ocds-h6vhtk-05623a": ("supplier", "start_date", "end_date"),
    "ocds-h6vhtk-055453": ("start_date",),  # the supplier is also in the JSON
    "ocds-h6vhtk-04a687": ("supplier", "product", "value_gbp", "start_date", "end_date"),
    "ocds-h6vhtk-04c21a": ("supplier",),
    "ocds-h6vhtk-04f8e9": ("supplier",),
    "ocds-h6vhtk-05a13a": ("supplier",),  # the value and dates are from the notice page
    "ocds-h6vhtk-04edf9": ("supplier", "value_gbp", "start_date", "end_date"),
    "ocds-h6vhtk-03a426": ("buyer",),
    "ocds-h6vhtk-066fd5": ("supplier",),  # the value is from the notice page
    "ocds-h6vhtk-0488a8": ("supplier", "product", "value_gbp"),
    "ocds-h6vhtk-028a0b": ("value_gbp",),
    "ocds-b5fd17-44b02349-85c5-485f-9e81-099b36709084": ("supplier", "value_gbp", "start_date", "end_date"),
    "ocds-h6vhtk-04c7ca": ("supplier", "product", "value_gbp"),
    "ocds-h6vhtk-05523f": ("supplier", "value_gbp", "start_date"),
    "ocds-h6vhtk-04d686": ("supplier", "value_gbp"),
    "ocds-h6vhtk-04e5be": ("supplier", "product", "value_gbp", "start_date"),
}
GENERATED = re.compile(r"generated summar", re.IGNORECASE)
SHOWN_AS = {"supplier": "the supplier", "product": "the product", "value_gbp": "the value",
            "start_date": "the start date", "end_date": "the end date"}
NOT_A_DECISION = ("www-ukauthority-com.azurewebsites.net",)  # news: neither a notice nor a council's decision
NOTICE_PAGES = ("www.digitalmarketplace.service.gov.uk",)  # published opportunities, like notices


def read_table(path: Path) -> list[Notice | LeftOut]:
    """Every row of the shared contracts table, each a notice or decision to place, or left out with the reason."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.DictReader(file))
    except OSError as error:
        raise UnreadableFile(f"{path}: cannot be read ({error.strerror}).") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise UnreadableFile(f"{path}: cannot be read as a CSV table ({error}).") from None
    missing = TABLE_COLUMNS - set(rows[0] if rows else ())
    if missing:
        raise UnreadableFile(f"{path}: is not the shared contracts table: it has no {', '.join(sorted(missing))} "
                             "column(s).")
    return [_row(path.name, line, row) for line, row in enumerate(rows, start=2)]


def _row(file_name: str, line: int, row: dict[str, str]) -> Notice | LeftOut:
    """A row of the table, with what its notes say was read only from a generated summary left out."""
    where, title = f"{file_name}:{line}", row["title"].strip()
    ocid, source, notes = row["ocid"].strip(), row["source_url"].strip(), row["notes"].strip()
    host = source.split("/")[2] if source.count("/") >= 2 else ""

    def left_out(reason: str, kind: str) -> LeftOut:
        return LeftOut(where, title, reason, kind)

    unsure: tuple[str, ...] = ()
    if GENERATED.search(notes):
        unsure = GENERATED_SUMMARY.get(ocid, ("supplier", "product", "value_gbp", "start_date", "end_date"))
        if "buyer" in unsure:
            return left_out("its buyer was read only from a mirror's generated summary", "read")
    if not source.startswith("https://"):
        return left_out(f"its source ({source or 'none'}) is not an https:// address", "source")
    if host in NOT_A_DECISION:
        return left_out("its source is a news report, neither a notice nor a council's decision", "source")
    given = {column: "" if column in unsure else row[column].strip() for column in SHOWN_AS}
    notice_url = row["notice_url"].strip()
    if unsure or GENERATED.search(notes):
        left = [SHOWN_AS[column] for column in unsure if row[column].strip()]
        notes = (f"Left out, as read only from a third-party mirror's generated summary: {listed(left)}; and the "
                 "source's notes, which repeat them." if left else "The source's notes are left out: some of what "
                 "they say was read only from a third-party mirror's generated summary.")
    facts = {
        "title": title or None, "ocid": ocid or None, "source": source,
        "notice": notice_url if notice_url.startswith("https://") and notice_url != source else None,
        "status": "notice" if ocid or host in NOTICE_PAGES else "approved",
        "buyer_inferred": "BUYER INFERRED" in row["notes"],
        "starts": _day(given["start_date"]), "ends": _day(given["end_date"]),
        "value_gbp": _amount(given["value_gbp"]),
        "suppliers": [name.strip() for name in given["supplier"].split(";") if name.strip()],
        "notes": notes or None,
    }
    return Notice(where=where, buyer=f"GB-LAE-{row['local_authority_code'].strip()}", buyer_name=row.get(
        "council_name", "").strip(), texts=(row["what_for"], title),
        cpv=tuple(code for code in [cpv_code(row["cpv"])] if code),
        product_statements=tuple(part for part in given["product"].split(";") if part.strip()), facts=facts,
        gss=row["gss_code"].strip() or None, any_kind=True)


# ----------------------------------------------------------------------------------------------
# Placing: which council, which capability and product


def register_codes() -> dict[str, tuple[str, str]]:
    """Local-authority code -> (GSS code, name), from the register (register_codes.csv)."""
    lines = [line for line in REGISTER_CODES.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {row["local-authority-code"]: (row["gss-code"], row["nice-name"]) for row in csv.DictReader(lines)}


def _place(notices: list[Notice], directory: Directory, result: Imported) -> dict[str, list[tuple[Notice, Contract]]]:
    """Council id -> the contracts placed in its file, each with the notice it was read from."""
    codes = register_codes()
    by_gss = {council.gss: council.id for council in directory.councils.values() if council.gss}
    placer = Placer(directory.capabilities.values(), directory.products.values())
    placed: dict[str, list[tuple[Notice, Contract]]] = defaultdict(list)
    for notice in notices:
        if not (notice.any_kind or any(code.startswith(SOFTWARE_DIVISIONS) or placer.by_code(code)
                                       for code in notice.cpv)):
            result.not_software += 1
            continue
        council = _council(notice, codes, by_gss)
        contract = _contract(notice, placer) if isinstance(council, str) else council
        if isinstance(contract, LeftOut):
            result.left_out.append(contract)
        else:
            placed[council].append((notice, contract))
    return placed


def _council(notice: Notice, codes: dict[str, tuple[str, str]], by_gss: dict[str, str]) -> str | LeftOut:
    """The id of the council a notice's buyer is."""
    def left_out(reason: str) -> LeftOut:
        return LeftOut(notice.where, notice.facts.get("title") or "", reason, "buyer")

    if not notice.buyer.startswith("GB-LAE-"):
        return left_out(f"the buyer, {notice.buyer_name} ({notice.buyer or 'no identifier'}), is not identified as a "
                        "council (GB-LAE-...)")
    code = notice.buyer.removeprefix("GB-LAE-").upper()
    gss, name = codes.get(code, (None, None))
    if gss is None or gss not in by_gss:
        said = f"{name}, which has no profile in the directory" if name else "not a code in the register"
        return left_out(f"the buyer {notice.buyer} ({notice.buyer_name}) is {said}")
    if notice.gss and notice.gss != gss:
        return left_out(f"the buyer's code {code} is {gss} in the register, but the source gives {notice.gss}")
    return by_gss[gss]


def _contract(notice: Notice, placer: Placer) -> Contract | LeftOut:
    """The contract a notice shows, placed by the vocabularies."""
    title = notice.facts.get("title") or ""
    if notice.facts.get("source") is None:
        return LeftOut(notice.where, title, "it has no https:// address to cite as its source", "source")
    named = {product for statement in notice.product_statements
             for product in placer.products_named(statement, product_column=True)}
    named |= set(placer.products_named(title))
    placement = placer.place(notice.texts, notice.cpv[0] if notice.cpv else None, named)
    if placement.capability is None:
        return LeftOut(notice.where, title, placement.reason, "several" if placement.fits else "none")
    facts = {key: value for key, value in notice.facts.items() if _given(value)}
    return Contract.model_validate({**facts, "capability": placement.capability,
                                    **({"product": placement.product} if placement.product else {})})


# ----------------------------------------------------------------------------------------------
# Writing the councils' files


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order, quotes and flow lists kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-fold a line already written
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _write(placed: dict[str, list[tuple[Notice, Contract]]], directory: Directory, content_dir: Path,
           result: Imported) -> dict[Path, str]:
    """Writes each council's file that changes; returns the text each had before."""
    yaml, originals = _yaml(), {}
    for council_id, found in sorted(placed.items()):
        council = directory.councils[council_id]
        path = Path(content_dir) / "councils" / f"{council_id}.yaml"
        shown = f"{Path(content_dir).name}/councils/{council_id}.yaml"
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text)
        entries = data.get("contracts")
        if not entries:  # absent, or written `contracts: []`
            entries = data["contracts"] = CommentedSeq()
        existing = {contract.identity: index for index, contract in enumerate(council.contracts)}
        seen: dict[tuple, str] = {}
        added = updated = 0
        for notice, contract in sorted(found, key=lambda pair: _order(pair[1])):
            if contract.identity in seen:
                result.left_out.append(LeftOut(notice.where, contract.title or "", f"the same contract as "
                                               f"{seen[contract.identity]}, for {council.name}", "duplicate"))
                continue
            seen[contract.identity] = notice.where
            declared = _declared_as(council, contract)
            if declared:
                result.left_out.append(LeftOut(notice.where, contract.title or "", f"{shown} {declared}", "declared"))
                continue
            index = existing.get(contract.identity)
            if index is None:
                entries.append(_entry(contract))
                added += 1
            elif council.contracts[index] == contract:
                result.unchanged += 1
            else:
                _update(entries[index], contract)
                updated += 1
        if added or updated:
            out = io.StringIO()
            yaml.dump(data, out)
            originals[path] = text
            path.write_text(out.getvalue(), encoding="utf-8")
            if added:
                result.added[shown] = added
            if updated:
                result.updated[shown] = updated
    return originals


def _order(contract: Contract) -> tuple:
    return (contract.capability, contract.starts or date.min, contract.ends or date.min, contract.ocid or "",
            contract.source or "")


def _declared_as(council: Council, contract: Contract) -> str:
    """Where the council itself declares this contract (without a source), if it does: the same procurement (ocid),
    or a contract for the same capability ending (or starting) on the same day."""
    for index, own in enumerate(council.contracts):
        if own.source is not None:
            continue
        if own.ocid is not None and contract.ocid is not None:
            if own.ocid == contract.ocid:
                return f"declares it as contract {index + 1} (the same ocid)"
        elif own.capability == contract.capability and ((own.ends and own.ends == contract.ends)
                                                         or (own.starts and own.starts == contract.starts)):
            return f"declares a {own.capability} contract on the same dates (contract {index + 1})"
    for index, entry in enumerate(council.stack):
        if entry.source is None and entry.capability == contract.capability and entry.contract_ends is not None \
                and entry.contract_ends == contract.ends:
            return f"declares the contract ending {entry.contract_ends} in its stack (entry {index + 1})"
    return ""


def _entry(contract: Contract) -> CommentedMap:
    entry = CommentedMap()
    for name, value in _fields(contract).items():
        entry[name] = value
    return entry


def _update(entry: CommentedMap, contract: Contract) -> None:
    """Brings an entry imported before up to date in place, keeping its position and any comment on it."""
    fields = _fields(contract)
    for name in [name for name in entry if name not in fields]:
        del entry[name]
    for position, (name, value) in enumerate(fields.items()):
        if name not in entry:
            entry.insert(position, name, value)
        elif entry[name] != value:
            entry[name] = value


def _fields(contract: Contract) -> dict[str, Any]:
    """The fields an imported contract is written with, in the model's order; status always, so that it is read
    as the source shows it."""
    fields: dict[str, Any] = {}
    for name in Contract.model_fields:
        value = getattr(contract, name)
        if not _given(value) and name != "status":
            continue
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        elif isinstance(value, list):
            value = CommentedSeq(value)
            value.fa.set_flow_style()
        elif name == "notes" and len(value) > WIDTH - 11:
            value = _folded(value)
        fields[name] = value
    return fields


def _given(value: Any) -> bool:
    """Whether a fact is stated: not empty, not a flag left false."""
    return value is not None and value is not False and value != []


def _folded(text: str) -> FoldedScalarString:
    """Long notes as a folded block (`notes: >-`), wrapped at spaces as the profiles' other notes are."""
    folded = FoldedScalarString(text)
    folded.fold_pos = _breaks(text, WIDTH - 6)
    return folded


def _breaks(text: str, width: int) -> list[int]:
    """Positions of the spaces to fold a text at, so that no line is longer than width where it can be helped."""
    breaks, start, last_space = [], 0, None
    for index, character in enumerate(text):
        if character == " " and index + 1 < len(text) and text[index + 1] != " " and text[index - 1] != " ":
            if index - start > width and last_space is not None:
                breaks.append(last_space)
                start = last_space + 1
            last_space = index
    if len(text) - start > width and last_space is not None and last_space > start:
        breaks.append(last_space)
    return breaks


# ----------------------------------------------------------------------------------------------
# The report


def report(result: Imported) -> str:
    lines = []
    files = sorted(set(result.added) | set(result.updated))
    written = sum(result.added.values()) + sum(result.updated.values())
    lines.append(f"Read {result.read} notice(s) and decision(s)."
                 + (f" {result.not_software} contracting process(es) for neither software nor IT services (CPV "
                    "divisions 48 and 72) were not considered." if result.not_software else ""))
    if files:
        lines.append(f"Wrote {written} contract(s) into {len(files)} council file(s): "
                     f"{sum(result.added.values())} added, {sum(result.updated.values())} brought up to date; "
                     f"{result.unchanged} already there unchanged.")
        for shown in files:
            said = [f"{result.added[shown]} added"] if shown in result.added else []
            said += [f"{result.updated[shown]} brought up to date"] if shown in result.updated else []
            lines.append(f"  {shown}: {', '.join(said)}")
    else:
        lines.append(f"No file changed: {result.unchanged} contract(s) already there unchanged.")
    for kind, heading in LEFT_OUT.items():
        found = [item for item in result.left_out if item.kind == kind]
        if found:
            lines.append(f"{heading} ({len(found)}):")
            lines += [f"  {item.where}" + (f" '{item.title}'" if item.title else "") + f": {item.reason}."
                      for item in found]
    return "\n".join(lines) + "\n"
