"""Build council profiles and reorganisations from mySociety's register of UK local authorities.

    python scripts/councils_from_register.py REGISTER [--adoption ADOPTION_CSV] [--collaborations FOLDER]
                                             [--content DIR]

REGISTER is `uk_local_authorities.csv` from mysociety/uk_local_authority_names_and_codes (CC BY 4.0): a path
to a copy, or its published address (REGISTER_CSV_URL below is the version the shipped profiles come from);
ADOPTION_CSV is the public evidence of which councils use LocalGov Drupal and PlanX. Writes one profile per
current principal council and per council abolished by a reorganisation since 2019, and one file per
reorganisation vested since 2019. Profiles that a council has claimed (they name maintainers) are never
overwritten: their facts belong to the council now. The reorganisation under way since 2025 (Surrey among it)
and the new councils its decisions name come from scripts/lgr_programme.py.

FOLDER is the public record of councils working together (shared/data/collaborations): with it, each profile
also holds the council's part in funded projects and further sourced stack entries, and the projects' own
files are written (scripts/collaborations.py converts the rows).
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import urllib.request
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script, from anywhere
from directory.content.load import as_id  # noqa: E402 - after the path is set
from scripts.collaborations import Collaborations, convert, participation_lines, stack_lines  # noqa: E402

REGISTER_URL = ("https://github.com/mysociety/uk_local_authority_names_and_codes/blob/"
                "67ef8b118938678401a452f4f19f669a7221cc73/data/uk_local_authorities.csv")
# The same file, as data, at the same commit: the version the shipped profiles come from.
REGISTER_CSV_URL = ("https://raw.githubusercontent.com/mysociety/uk_local_authority_names_and_codes/"
                    "67ef8b118938678401a452f4f19f669a7221cc73/data/uk_local_authorities.csv")
PRINCIPAL_KINDS = {  # register type -> kind in council.schema.json; combined and strategic authorities are not councils here
    "CTY": "county", "NMD": "district", "UA": "unitary", "MD": "metropolitan-district",
    "LBO": "london-borough", "SCO": "unitary", "WPA": "unitary", "NID": "district", "CC": "sui-generis",
}
NATIONS = {"England": "england", "Scotland": "scotland", "Wales": "wales", "Northern Ireland": "northern-ireland"}
REORGANISED_SINCE = "2019-01-01"

# Which successors were created together, and the name each reorganisation is known by. Who replaced whom,
# and when, comes from the register itself.
REORGANISATIONS = {
    "dorset-2019": ("Dorset", ["DST", "BPC"]),
    "suffolk-2019": ("Suffolk districts", ["ESK", "WSK"]),
    "somerset-west-and-taunton-2019": ("Somerset West and Taunton", ["SWT"]),
    "buckinghamshire-2020": ("Buckinghamshire", ["BUC"]),
    "northamptonshire-2021": ("Northamptonshire", ["NNT", "WNT"]),
    "cumbria-2023": ("Cumbria", ["CBD", "WAF"]),
    "north-yorkshire-2023": ("North Yorkshire", ["NYE"]),
    "somerset-2023": ("Somerset", ["SMT"]),
}

PRODUCTS = {  # adoption.csv product -> (product id, capability id)
    "LocalGov Drupal": ("localgov-drupal", "website"),
    "PlanX (Open Digital Planning)": ("planx", "planning"),
}


def quoted(text: str) -> str:
    """A YAML scalar that reads back as exactly this text."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.()'-]*", text) and not text.endswith(" ") and \
            text.lower() not in {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_register(where: str) -> list[dict[str, str]]:
    """The register's rows, from a path or from an address (https://, or file:// for a local copy)."""
    if "://" in where:
        with urllib.request.urlopen(where, timeout=60) as response:
            data = response.read()
    else:
        data = Path(where).read_bytes()
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def councils_in_scope(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [row for row in rows if row["local-authority-type"] in PRINCIPAL_KINDS
            and (row["current-authority"] == "True" or row["end-date"] >= REORGANISED_SINCE)]


def assign_ids(rows: list[dict[str, str]]) -> dict[str, str]:
    """Register code -> council id: the council's short name; the official name where two would clash."""
    by_id: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_id[as_id(row["nice-name"])].append(row)
    ids = {}
    for name, group in by_id.items():
        for row in group:
            clash = len(group) > 1 and row["current-authority"] != "True"
            ids[row["local-authority-code"]] = as_id(row["official-name"]).removesuffix("-council") if clash else name
    if len(set(ids.values())) != len(ids):
        raise SystemExit("two councils would get the same id: extend assign_ids")
    return ids


def read_adoption(path: Path | None) -> dict[str, list[tuple[str, str, str, str]]]:
    """Council code -> stack entries (capability, product, source, notes)."""
    stack: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    if path is None:
        return stack
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            product, capability = PRODUCTS[row["product"]]
            stack[row["local-authority-code"]].append((capability, product, row["evidence-url"], ""))
    return stack


def region(row: dict[str, str], by_code: dict[str, dict[str, str]]) -> str:
    """The register leaves some abolished councils' region blank: theirs is their successor's."""
    if row["region"]:
        return row["region"]
    return region(by_code[row["replaced-by"].split(",")[0]], by_code)


def profile(row: dict[str, str], ids: dict[str, str], by_code: dict[str, dict[str, str]],
            stack: list[tuple[str, str, str, str]], projects: list[dict[str, str]] = ()) -> str:
    lines = [
        "# yaml-language-server: $schema=../../schemas/council.schema.json",
        "# From the register of UK local authorities (mySociety, CC BY 4.0). Not yet claimed by the council:",
        "# see CONTRIBUTING.md to claim it, add maintainers and describe your stack.",
        f"name: {quoted(row['official-name'])}",
        f"gss: {row['gss-code']}",
        f"kind: {PRINCIPAL_KINDS[row['local-authority-type']]}",
        f"nation: {NATIONS[row['nation']]}",
        f"region: {quoted(region(row, by_code))}",
    ]
    if row["current-authority"] == "True":
        lines.append("status: active")
    else:
        successors = [ids[code] for code in row["replaced-by"].split(",")]
        lines += ["status: abolished", f"ended: {row['end-date']}", f"replaced_by: [{', '.join(successors)}]"]
    lines += stack_lines(stack) + participation_lines(projects)  # (capability, product, source, notes)
    return "\n".join(lines) + "\n"


def reorganisation(name: str, vesting: date, predecessors: list[str], successors: list[str], source: str) -> str:
    return "\n".join([
        "# yaml-language-server: $schema=../../schemas/reorganisation.schema.json",
        f"name: {quoted(name)}",
        "stage: vested",
        f"vesting: {vesting.isoformat()}",
        "predecessors:", *[f"  - {council}" for council in sorted(predecessors)],
        "successors:", *[f"  - {council}" for council in sorted(successors)],
        f"source: {source}",
    ]) + "\n"


def vesting_day(end_date: str) -> date:
    # The register gives the last day of the old councils (31 March) or the first day of the new ones (1 April).
    ended = date.fromisoformat(end_date)
    return ended + timedelta(days=1) if (ended.month, ended.day) == (3, 31) else ended


def write(path: Path, text: str) -> bool:
    if path.exists():
        existing = path.read_text(encoding="utf-8")
        if re.search(r"^maintainers:\s*\S", existing, re.MULTILINE) and "[]" not in existing.split("maintainers:")[1][:5]:
            print(f"kept {path}: claimed by its council", file=sys.stderr)
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("register", help="uk_local_authorities.csv: a path, or an address such as "
                                          f"{REGISTER_CSV_URL}")
    parser.add_argument("--adoption", type=Path, help="path to the public-adoption adoption.csv")
    parser.add_argument("--collaborations", type=Path, help="path to the collaborations folder (projects.csv, "
                                                             "participants.csv, adoption.csv)")
    parser.add_argument("--content", type=Path, default=Path(__file__).resolve().parent.parent / "content")
    args = parser.parse_args(argv)

    rows = councils_in_scope(read_register(args.register))
    ids = assign_ids(rows)
    by_code = {row["local-authority-code"]: row for row in rows}
    adoption = read_adoption(args.adoption)
    unknown = set(adoption) - set(by_code)
    if unknown:
        raise SystemExit(f"adoption rows name councils not in the register: {', '.join(sorted(unknown))}")

    worked_together = convert(args.collaborations, set(by_code)) if args.collaborations else Collaborations()
    for left_out in worked_together.left_out:
        print(f"not a participant: {left_out}", file=sys.stderr)

    written = 0
    for row in rows:
        code = row["local-authority-code"]
        text = profile(row, ids, by_code, adoption.get(code, []) + worked_together.stack.get(code, []),
                       worked_together.participations.get(code, []))
        written += write(args.content / "councils" / f"{ids[code]}.yaml", text)
    for project_id, text in worked_together.project_files.items():
        written += write(args.content / "projects" / f"{project_id}.yaml", text)

    for reorganisation_id, (name, successor_codes) in REORGANISATIONS.items():
        predecessors = [row for row in rows if row["current-authority"] != "True"
                        and set(row["replaced-by"].split(",")) & set(successor_codes)]
        vesting = {vesting_day(row["end-date"]) for row in predecessors}
        if len(vesting) != 1:
            raise SystemExit(f"{reorganisation_id}: predecessors end on different days {sorted(vesting)}")
        text = reorganisation(name, vesting.pop(), [ids[row["local-authority-code"]] for row in predecessors],
                              [ids[code] for code in successor_codes], REGISTER_URL)
        written += write(args.content / "reorganisations" / f"{reorganisation_id}.yaml", text)

    current = sum(row["current-authority"] == "True" for row in rows)
    print(f"{current} current and {len(rows) - current} abolished councils; {written} files written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
