"""Write the table `build.py import contracts` maps buyers with: each local-authority code of mySociety's register of
UK local authorities, with the council's GSS code and name.

    python scripts/register_codes.py REGISTER

REGISTER is `uk_local_authorities.csv` from mysociety/uk_local_authority_names_and_codes (CC BY 4.0), a path or its
published address, as for scripts/councils_from_register.py. Contracts Finder and Find a Tender name a council buyer
`GB-LAE-<code>` with the same three-letter codes; the import finds the council's profile by its GSS code. The table
ships in the repository (directory/commands/register_codes.csv), so the import never reads the register itself.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script, from anywhere
from scripts.councils_from_register import REGISTER_URL, read_register  # noqa: E402 - after the path is set

TABLE = Path(__file__).resolve().parent.parent / "directory" / "commands" / "register_codes.csv"


def table(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    out.write(f"# The local-authority codes of mySociety's register of UK local authorities ({REGISTER_URL}),\n"
              "# licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), with each council's\n"
              "# GSS code and name: how `python build.py import contracts` finds the council a GB-LAE-<code>\n"
              "# buyer is. Written by scripts/register_codes.py: do not edit by hand.\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["local-authority-code", "gss-code", "nice-name"])
    for row in sorted(rows, key=lambda row: row["local-authority-code"]):
        writer.writerow([row["local-authority-code"], row["gss-code"], row["nice-name"].strip()])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("register", metavar="REGISTER", help="uk_local_authorities.csv: a path or an address")
    parser.add_argument("--out", type=Path, default=TABLE, help=f"where to write the table (default: {TABLE.name})")
    args = parser.parse_args(argv)
    text = table(read_register(args.register))
    changed = not args.out.exists() or args.out.read_text(encoding="utf-8") != text
    if changed:
        args.out.write_text(text, encoding="utf-8")
    print(f"{'Wrote' if changed else 'Unchanged:'} {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
