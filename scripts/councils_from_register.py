"""Build council profiles and reorganisations from mySociety's register of UK local authorities.

    python scripts/councils_from_register.py REGISTER_CSV [--adoption ADOPTION_CSV] [--content DIR]

REGISTER_CSV is `uk_local_authorities.csv` from mysociety/uk_local_authority_names_and_codes (CC BY 4.0);
ADOPTION_CSV is the public evidence of which councils use LocalGov Drupal and PlanX. Writes one profile per
current principal council and per council abolished by a reorganisation since 2019, and one file per
reorganisation. Profiles that a council has claimed (they name maintainers) are never overwritten: their
facts belong to the council now.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

REGISTER_URL = ("https://github.com/mysociety/uk_local_authority_names_and_codes/blob/"
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

# Agreed but not yet in the register: the Surrey reorganisation, as announced.
SURREY_SOURCE = "https://www.surreylgrhub.org/homepage/15/decision-on-local-government-reorganisation"
SURREY = {
    "east-surrey": ("East Surrey Council", ["ELM", "EPS", "MOL", "REI", "TAN"]),
    "west-surrey": ("West Surrey Council", ["GRT", "RUN", "SPE", "SUR", "WAE", "WOI"]),
}
SURREY_COUNTY = "SRY"
SURREY_VESTING = date(2027, 4, 1)

PRODUCTS = {  # adoption.csv product -> (product id, capability id)
    "LocalGov Drupal": ("localgov-drupal", "website"),
    "PlanX (Open Digital Planning)": ("planx", "planning"),
}


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().replace("&", "and").replace("'", "")))


def quoted(text: str) -> str:
    """A YAML scalar that reads back as exactly this text."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.()'-]*", text) and not text.endswith(" ") and \
            text.lower() not in {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_register(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def councils_in_scope(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [row for row in rows if row["local-authority-type"] in PRINCIPAL_KINDS
            and (row["current-authority"] == "True" or row["end-date"] >= REORGANISED_SINCE)]


def assign_ids(rows: list[dict[str, str]]) -> dict[str, str]:
    """Register code -> council id: the council's short name; the official name where two would clash."""
    by_slug: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_slug[slug(row["nice-name"])].append(row)
    ids = {}
    for name, group in by_slug.items():
        for row in group:
            clash = len(group) > 1 and row["current-authority"] != "True"
            ids[row["local-authority-code"]] = slug(row["official-name"]).removesuffix("-council") if clash else name
    if len(set(ids.values())) != len(ids):
        raise SystemExit("two councils would get the same id: extend assign_ids")
    return ids


def read_adoption(path: Path | None) -> dict[str, list[tuple[str, str, str]]]:
    stack: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    if path is None:
        return stack
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            product, capability = PRODUCTS[row["product"]]
            stack[row["local-authority-code"]].append((capability, product, row["evidence-url"]))
    return stack


def region(row: dict[str, str], by_code: dict[str, dict[str, str]]) -> str:
    """The register leaves some abolished councils' region blank: theirs is their successor's."""
    if row["region"]:
        return row["region"]
    return region(by_code[row["replaced-by"].split(",")[0]], by_code)


def profile(row: dict[str, str], ids: dict[str, str], by_code: dict[str, dict[str, str]],
            stack: list[tuple[str, str, str]]) -> str:
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
    if stack:
        lines.append("stack:")
        for capability, product, source in sorted(stack):
            lines += [f"  - capability: {capability}", f"    product: {product}", f"    source: {source}"]
    return "\n".join(lines) + "\n"


def forthcoming_profile(name: str) -> str:
    return "\n".join([
        "# yaml-language-server: $schema=../../schemas/council.schema.json",
        f"# Created by the Surrey reorganisation ({SURREY_SOURCE}); not yet vested, so no GSS code yet.",
        f"name: {name}",
        "kind: unitary",
        "nation: england",
        "region: South East",
        "status: forthcoming",
        f"starts: {SURREY_VESTING.isoformat()}",
    ]) + "\n"


def reorganisation(name: str, status: str, vesting: date, predecessors: list[str], successors: list[str],
                   source: str) -> str:
    return "\n".join([
        "# yaml-language-server: $schema=../../schemas/reorganisation.schema.json",
        f"name: {quoted(name)}",
        f"status: {status}",
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
    parser.add_argument("register", type=Path, help="path to uk_local_authorities.csv")
    parser.add_argument("--adoption", type=Path, help="path to the public-adoption adoption.csv")
    parser.add_argument("--content", type=Path, default=Path(__file__).resolve().parent.parent / "content")
    args = parser.parse_args(argv)

    rows = councils_in_scope(read_register(args.register))
    ids = assign_ids(rows)
    by_code = {row["local-authority-code"]: row for row in rows}
    adoption = read_adoption(args.adoption)
    unknown = set(adoption) - set(by_code)
    if unknown:
        raise SystemExit(f"adoption rows name councils not in the register: {', '.join(sorted(unknown))}")

    written = 0
    for row in rows:
        code = row["local-authority-code"]
        written += write(args.content / "councils" / f"{ids[code]}.yaml", profile(row, ids, by_code, adoption.get(code, [])))
    for council_id, (name, _) in SURREY.items():
        written += write(args.content / "councils" / f"{council_id}.yaml", forthcoming_profile(name))

    for reorganisation_id, (name, successor_codes) in REORGANISATIONS.items():
        predecessors = [row for row in rows if row["current-authority"] != "True"
                        and set(row["replaced-by"].split(",")) & set(successor_codes)]
        vesting = {vesting_day(row["end-date"]) for row in predecessors}
        if len(vesting) != 1:
            raise SystemExit(f"{reorganisation_id}: predecessors end on different days {sorted(vesting)}")
        text = reorganisation(name, "vested", vesting.pop(), [ids[row["local-authority-code"]] for row in predecessors],
                              [ids[code] for code in successor_codes], REGISTER_URL)
        written += write(args.content / "reorganisations" / f"{reorganisation_id}.yaml", text)
    surrey_predecessors = [ids[SURREY_COUNTY]] + [ids[code] for _, codes in SURREY.values() for code in codes]
    written += write(args.content / "reorganisations" / "surrey-2027.yaml",
                     reorganisation("Surrey", "agreed", SURREY_VESTING, surrey_predecessors, list(SURREY), SURREY_SOURCE))

    current = sum(row["current-authority"] == "True" for row in rows)
    print(f"{current} current and {len(rows) - current} abolished councils, {len(SURREY)} forthcoming; "
          f"{written} files written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
