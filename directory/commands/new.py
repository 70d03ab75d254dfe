"""`python build.py new council ID` (or `new project ID`): a valid starting file to fill in.

The file starts with the schema line, holds the required fields with placeholder values (marked as
hygiene.py says, so that `check` warns about each until the officer confirms it), and shows every other
field as a commented example, each explained by the description the model gives it (models.py), so
the help in the file is the help in the editor and in CONTRIBUTING.md.
"""
from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from ..content.hygiene import PLACEHOLDER, placeholder
from ..content.load import ID_PATTERN, as_id, schema_line
from ..content.models import Challenge, Contract, Council, Participation, Phase, Pledge, Project, StackEntry

KINDS = {"council": ("councils", Council), "project": ("projects", Project)}

# Example values for the fields a new file leaves commented out. Ids are ones the shipped vocabularies have,
# so an example still checks when it is uncommented; the rest say plainly that they are examples.
EXAMPLES: dict[type[BaseModel], dict[str, str]] = {
    Council: {
        "gss": "E06000063",
        "website": "https://www.example.gov.uk",
        "ended": "2028-03-31",
        "replaced_by": "[new-council-id]",
        "maintainers": "[your-github-name, a-colleagues-github-name]",
        "contact": "digital@example.gov.uk",
        "reviewed": "{today}",
        "summary": ">-\n  A few sentences about our digital team and what we are working on.",
    },
    StackEntry: {
        "capability": "website", "product": "localgov-drupal", "since": "2023", "contract_ends": "2028-03-31",
        "hosting": "saas", "notes": "How we use it, with our variations and extensions.",
        "source": "https://www.example.gov.uk/where-this-is-published",
    },
    Challenge: {
        "title": "Fewer PDFs on our website", "topics": "[pdf-reduction]", "capabilities": "[website]",
        "status": "exploring", "seeking": "[partners, advice]",
        "description": "What we are trying to do, and what help would make a difference.",
    },
    Participation: {"project": "localgov-elections", "phase": "  # for a project with funded phases: the id of one",
                    "role": "funder", "pledge": "{money_gbp: 5000, days: 10}",
                    "source": "https://www.example.gov.uk/where-this-is-published",
                    "notes": "What the source leaves uncertain, if anything."},
    Pledge: {"money_gbp": "5000", "days": "10"},
    Contract: {
        "capability": "website", "product": "localgov-drupal", "suppliers": "[Example Digital Ltd]",
        "title": "Website hosting and support", "starts": "2024-04-01", "ends": "2028-03-31", "value_gbp": "48000",
        "status": "signed", "buyer_inferred": "false", "ocid": "ocds-b5fd17-00000000-0000-0000-0000-000000000000",
        "source": "https://www.example.gov.uk/where-this-is-published",
        "notice": "https://www.example.gov.uk/the-official-notice",
        "notes": "Two optional one-year extensions, to 2030-03-31.",
    },
    Project: {
        "product": "localgov-drupal", "capabilities": "[website]", "topics": "[pdf-reduction]",
        "seeking": "[partners, testers]", "repository": "https://github.com/example/project",
        "licence": "GPL-2.0-or-later", "website": "https://www.example.org",
        "funding_target_gbp": "40000", "source": "https://www.example.org/where-this-is-described",
    },
    Phase: {
        "id": "our-project-discovery", "name": "Our project (discovery)", "stages": "[discovery]",
        "programme": "local-digital-fund", "round": "6", "round_inferred": "false", "started": "2023-03",
        "amount_gbp": "98000", "summary": "What this phase did.", "outputs": "https://www.example.org/what-we-made",
        "source": "https://www.example.org/where-the-award-is-published",
        "notes": "What the source leaves uncertain, if anything.",
    },
}
# The lists of a profile, each shown as one commented example entry.
ITEMS: dict[str, type[BaseModel]] = {"stack": StackEntry, "challenges": Challenge, "projects": Participation,
                                     "phases": Phase, "contracts": Contract}
NESTED: dict[str, type[BaseModel]] = {"pledge": Pledge}


class ScaffoldError(Exception):
    """The file cannot be written: the message says why and what to do."""


def _required(kind: str, record_id: str, today: date) -> dict[str, tuple[str, str]]:
    """The values a new file starts with, so that it is valid as it is: field -> (value, a note on it).
    Each value `new` cannot know is a placeholder, which the officer confirms by deleting its marker."""
    name = " ".join(word.capitalize() for word in record_id.split("-"))
    if kind == "council":
        vesting = date(today.year + (today >= date(today.year, 4, 1)), 4, 1)
        return {
            "name": (placeholder(f"{name} Council"), ""),
            "kind": (placeholder("unitary"), ""),
            "nation": (placeholder("england"), ""),
            "region": (placeholder("South East"), ""),
            "status": ("forthcoming", "a new council; once it has taken over: active, with its gss code"),
            "starts": (placeholder(vesting.isoformat()), ""),
        }
    return {
        "name": (placeholder(name), ""),
        "kind": (placeholder("collaboration"), ""),
        "status": (placeholder("proposed"), ""),
        "summary": (placeholder("say what the project does and why"), ""),
    }


def scaffold(kind: str, record_id: str, today: date) -> str:
    """The text of a new council or project file."""
    model = KINDS[kind][1]
    required = _required(kind, record_id, today)
    lines = [
        schema_line(kind, 2),
        f"# A new {kind} file. Each value starting with {PLACEHOLDER} was written for you: make it right (it may be",
        f"# already), then delete the '{PLACEHOLDER} ' before it. The checks warn about each one left, and a pull",
        "# request cannot be merged until none is left. To use another field, delete the '# ' before its",
        "# lines; delete any you do not need. Lines starting with # are notes the directory ignores.",
        "# Help: CONTRIBUTING.md.",
    ]
    for name, field in model.model_fields.items():
        if name == "id":
            continue
        lines.append("")
        lines += _comment(field.description or "")
        if name in required:
            value, todo = required[name]
            first, *rest = value.split("\n")
            lines.append(f"{name}: {first}" + (f"  # {todo}" if todo else ""))
            lines += rest
        elif name in ITEMS:
            lines += _list_example(name, ITEMS[name])
        else:
            example = EXAMPLES[model][name].format(today=today.isoformat())
            lines += [f"# {line}" for line in f"{name}: {example}".split("\n")]
    return "\n".join(lines) + "\n"


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"# {indent}{line}" for line in textwrap.wrap(text, 100 - len(indent))]


def _list_example(name: str, item_model: type[BaseModel]) -> list[str]:
    """One commented example entry of a list, preceded by what each of its fields means."""
    lines = ["# Each entry has:"]
    width = max(len(field) for field in item_model.model_fields) + 2
    for field_name, field in item_model.model_fields.items():
        described = textwrap.wrap(field.description or "", 96 - width)
        lines.append(f"#   {field_name.ljust(width)}{described[0] if described else ''}")
        lines += [f"#   {' ' * width}{line}" for line in described[1:]]
        if field_name in NESTED:
            lines += [f"#   {' ' * width}{nested_name}: {nested_field.description}"
                      for nested_name, nested_field in NESTED[field_name].model_fields.items()]
    lines.append(f"# {name}:")
    for index, field_name in enumerate(item_model.model_fields):
        bullet = "  - " if index == 0 else "    "
        lines.append(f"# {bullet}{field_name}: {EXAMPLES[item_model][field_name]}")
    return lines


def write_new(content_dir: Path, kind: str, record_id: str, today: date) -> Path:
    """Write content_dir/<councils|projects>/<id>.yaml; never overwrites a file."""
    if kind not in KINDS:
        raise ScaffoldError(f"'{kind}' is not something new can write: use council or project.")
    if not ID_PATTERN.match(record_id):
        suggestion = as_id(record_id)
        raise ScaffoldError(f"'{record_id}' is not a valid id: use lower-case letters and digits, words joined by "
                            "hyphens" + (f", such as '{suggestion}'." if suggestion else "."))
    folder = Path(content_dir) / KINDS[kind][0]
    path = folder / f"{record_id}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as file:  # "x": fails rather than overwrite
            file.write(scaffold(kind, record_id, today))
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists: edit it instead (new never overwrites a file).") from None
    return path


def field_reference(model: type[BaseModel]) -> str:
    """A Markdown table of a model's fields and their descriptions, as CONTRIBUTING.md shows them."""
    rows = ["| Field | What it means |", "|---|---|"]
    for name, field in model.model_fields.items():
        if name == "id" and not field.is_required():  # a record's id is its file name, never written in it
            continue
        required = " (required)" if field.is_required() else ""
        rows.append(f"| `{name}`{required} | {' '.join((field.description or '').split())} |")
    return "\n".join(rows)
