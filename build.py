#!/usr/bin/env python3
"""The directory's command line: check the content, or build the site.

    python build.py                 build the site into site/ (the default)
    python build.py check           check every content file and report every problem
    python build.py schemas         regenerate the JSON Schemas in schemas/ from the models
    python build.py diff BASE       what the content changes against BASE (a content folder or a git ref)
    python build.py codeowners      regenerate .github/CODEOWNERS from the maintainers in the content
    python build.py new council ID  start a new council profile (or: new project ID)
    python build.py freshness       profiles not reviewed for 12 months, contracts ending within 6 months
    python build.py import contracts FILE...   contracts from OCDS packages or the shared table, into profiles
    python build.py serve           build, serve on http://127.0.0.1:8000/, rebuild and reload as files change
Run `python build.py COMMAND --help` for each command's options.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from directory.commands.new import KINDS, ScaffoldError, write_new
from directory.content.check import Checked, check
from directory.content.hygiene import PLACEHOLDER
from directory.content.problems import ContentError, Problem, errors_in

# Each other command's module is imported when the command runs: `check`, run on every pull request, does not
# wait for the imports of rendering, serving or diffing (half a second).

ROOT = Path(__file__).resolve().parent
BAD_USAGE = 2  # as argparse exits for an unknown command or option; 1 means the content has errors


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    today = getattr(args, "today", None) or _today()
    return COMMANDS[args.command](args, today)


def _build(args: argparse.Namespace, today: date) -> int:
    from directory.pipeline import build

    signal.signal(signal.SIGTERM, _stopped)
    try:
        built = build(args.content, args.out, today, ROOT, search=not args.no_search)
    except ContentError as error:
        _report(error.problems, "text")
        print(f"The site was not built: fix the {len(errors_in(error.problems))} "
              f"error(s) above. {_shown(args.out)} is unchanged.", file=sys.stderr)
        return 1
    _report(built.warnings, "text")
    print(f"Built {built.councils} council profiles into {_shown(args.out)}/.")
    return 0


def _stopped(signal_number: int, frame: object) -> None:
    """A build told to stop (a cancelled job) leaves as an exception does, removing its staging folder."""
    raise SystemExit(128 + signal_number)


def _check(args: argparse.Namespace, today: date) -> int:
    checked = check(args.content, today, ROOT)
    if _is_own_content(args.content) and checked.directory is not None and not checked.errors:
        from directory.commands.codeowners import stale_codeowners

        checked = Checked(checked.directory, checked.problems + stale_codeowners(checked.directory, ROOT))
    if args.pull_request:
        checked = Checked(checked.directory, [problem.in_pull_request() for problem in checked.problems])
    _report(checked.problems, args.format)
    _summarise(checked)
    return 1 if checked.errors or (args.strict and checked.warnings) else 0


def _schemas(args: argparse.Namespace, today: date) -> int:
    from directory.outputs.schemas import write_schemas

    changed = write_schemas(ROOT / "schemas")
    print(f"Updated {', '.join(changed)}." if changed else "The schemas are up to date.")
    return 0


def _diff(args: argparse.Namespace, today: date) -> int:
    from directory.commands.diff import BaseNotFound, diff

    try:
        text, comparison = diff(args.base, args.content, today, ROOT, markdown=args.format == "markdown")
    except BaseNotFound as error:
        print(f"{error} Give a content folder, or a branch, tag or commit of this repository.", file=sys.stderr)
        return BAD_USAGE
    print(text, end="")
    return 1 if comparison.head_errors else 0


def _codeowners(args: argparse.Namespace, today: date) -> int:
    from directory.commands.codeowners import write_codeowners

    checked = check(ROOT / "content", today, ROOT)
    if checked.errors or checked.directory is None:
        _report(checked.errors, "text")
        print("CODEOWNERS was not written: fix the errors above first.", file=sys.stderr)
        return 1
    changed = write_codeowners(checked.directory, ROOT)
    print("Updated .github/CODEOWNERS." if changed else ".github/CODEOWNERS is up to date.")
    return 0


def _new(args: argparse.Namespace, today: date) -> int:
    try:
        path = write_new(args.content, args.kind, args.id, today)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return BAD_USAGE
    print(f"Wrote {_shown(path)}: make each value starting with '{PLACEHOLDER} ' right and delete the marker, "
          "then run python build.py check --strict.")
    return 0


def _freshness(args: argparse.Namespace, today: date) -> int:
    from directory.commands.freshness import freshness_report

    checked = check(args.content, today, ROOT)
    if checked.errors or checked.directory is None:
        _report(checked.errors, "text")
        return 1
    print(freshness_report(checked.directory, markdown=args.format == "markdown"), end="")
    return 0


def _import(args: argparse.Namespace, today: date) -> int:
    from directory.commands.import_contracts import UnreadableFile, import_contracts
    from directory.commands.import_contracts import report as import_report

    try:
        imported = import_contracts(args.files, args.content, today, ROOT)
    except UnreadableFile as error:
        print(error, file=sys.stderr)
        return BAD_USAGE
    if imported.problems:
        _report(imported.problems, "text")
        print("Nothing was imported: fix the errors above first (every file is as it was).", file=sys.stderr)
        return 1
    print(import_report(imported), end="")
    return 0


def _serve(args: argparse.Namespace, today: date) -> int:
    from directory.commands.serve import serve

    return serve(args.content, today, ROOT, args.host, args.port)


COMMANDS = {"build": _build, "check": _check, "schemas": _schemas, "diff": _diff, "codeowners": _codeowners,
            "new": _new, "freshness": _freshness, "import": _import, "serve": _serve}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", type=Path, default=ROOT / "content", metavar="DIR",
                        help="the content tree to read (default: content/)")
    common.add_argument("--today", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="judge staleness as of this day (default: today, or SOURCE_DATE_EPOCH)")
    check_command = commands.add_parser("check", parents=[common], help="check every content file")
    check_command.add_argument("--format", choices=["text", "github"], default="text",
                               help="github prints workflow annotations, shown on the pull request's lines")
    check_command.add_argument("--strict", action="store_true", help="fail on warnings too")
    check_command.add_argument("--pull-request", action="store_true",
                               help="fail on what must never be merged: placeholders left by new, and addresses "
                                    "that look like a person's (the pull-request check); other warnings, such as a "
                                    "profile not reviewed for 12 months, still only warn")
    commands.add_parser("schemas", help="regenerate the JSON Schemas in schemas/ from the models")
    report_format = argparse.ArgumentParser(add_help=False)
    report_format.add_argument("--format", choices=["text", "markdown"],
                               default="markdown" if os.environ.get("GITHUB_ACTIONS") == "true" else "text",
                               help="markdown for a GitHub job summary (the default in GitHub Actions)")
    diff_command = commands.add_parser("diff", parents=[common, report_format],
                                       help="what the content changes against a base content folder or git ref")
    diff_command.add_argument("base", metavar="BASE", help="a content folder, or a branch, tag or commit")
    codeowners_command = commands.add_parser("codeowners", help="regenerate .github/CODEOWNERS from the maintainers "
                                                                "in content/")
    codeowners_command.add_argument("--today", type=date.fromisoformat, metavar="YYYY-MM-DD",
                                    help="check the content as of this day (default: today)")
    new_command = commands.add_parser("new", parents=[common], help="write a new council or project file to fill in")
    new_command.add_argument("kind", choices=sorted(KINDS), help="what to start")
    new_command.add_argument("id", metavar="ID", help="its id and file name: lower-case words joined by hyphens")
    commands.add_parser("freshness", parents=[common, report_format],
                        help="profiles not reviewed for 12 months, contracts ending within 6 months")
    import_command = commands.add_parser(
        "import", parents=[common], help="write contracts from the public record into the councils' profiles",
        description="Reads OCDS release or record packages (JSON) and the shared contracts table (CSV), and writes "
                    "each contract it can place into its council's profile, citing its source. Contracts a council "
                    "declares are never changed; running it again changes nothing. Prints what it could not place.")
    import_command.add_argument("what", choices=["contracts"], help="what to import")
    import_command.add_argument("files", nargs="+", type=Path, metavar="FILE",
                                help="OCDS packages (.json) or the shared contracts table (.csv)")
    serve_command = commands.add_parser(
        "serve", parents=[common], help="build and serve the site, rebuild what a change touches, reload the page",
        description="Builds the site into a temporary folder and serves it. Watches content/, templates/ and static/: "
                    "a change rebuilds what it touches and the open pages it changed reload by themselves. Errors "
                    "are printed and shown on the open page; the last good site stays served. Ctrl-C stops it.")
    serve_command.add_argument("--port", type=int, default=8000, help="the port to serve on (default: 8000)")
    serve_command.add_argument("--host", default="127.0.0.1",
                               help="the address to serve on (default: 127.0.0.1, this machine only; 0.0.0.0 shows "
                                    "the preview to every machine that can reach this one)")
    build_command = commands.add_parser("build", parents=[common], help="build the site (the default)")
    for command in (parser, build_command):
        if command is parser:
            command.add_argument("--content", type=Path, default=ROOT / "content", help=argparse.SUPPRESS)
            command.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
        command.add_argument("--out", type=Path, default=ROOT / "site", metavar="DIR",
                             help="where to write the site (default: site/)")
        command.add_argument("--no-search", action="store_true", help="skip the search index (faster)")
    parser.set_defaults(command="build")
    return parser


def _today() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch else date.today()


def _report(problems: list[Problem], style: str) -> None:
    for problem in problems:
        print(problem.as_github() if style == "github" else problem.as_text())


def _summarise(checked: Checked) -> None:
    errors, warnings = len(checked.errors), len(checked.warnings)
    if checked.directory is not None and not errors:
        d = checked.directory
        print(f"Checked {len(d.councils)} councils, {len(d.products)} products, {len(d.projects)} projects, "
              f"{len(d.reorganisations)} reorganisations: no errors"
              + (f", {warnings} warning(s)." if warnings else "."), file=sys.stderr)
    else:
        print(f"{errors} error(s), {warnings} warning(s). Fix the errors: each line says where and how.",
              file=sys.stderr)


def _is_own_content(content: Path) -> bool:
    """CODEOWNERS describes this repository's content/, not another tree given with --content."""
    return Path(content).resolve() == (ROOT / "content").resolve()


def _shown(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    sys.exit(main())
