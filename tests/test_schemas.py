"""The committed JSON Schemas match the models, and every shipped content file names its schema."""
from __future__ import annotations

import json
from pathlib import Path

from directory.content.load import FOLDERS, SINGLE_FILES, schema_line
from directory.outputs.schemas import json_schemas

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_up_to_date():
    stale = [name for name, text in json_schemas().items()
             if not (ROOT / "schemas" / name).exists() or (ROOT / "schemas" / name).read_text() != text]
    assert stale == [], f"run `python build.py schemas` and commit schemas/: {stale} are stale"


def test_schemas_forbid_unknown_fields_and_describe_every_field():
    council = json.loads(json_schemas()["council.schema.json"])
    assert council["additionalProperties"] is False
    assert "id" not in council["properties"]
    assert all(field.get("description") for field in council["properties"].values())


def test_every_shipped_content_file_starts_with_its_schema_line():
    content = ROOT / "content"
    wrong = []
    for name, kind in SINGLE_FILES.items():
        if not (content / name).read_text().startswith(schema_line(kind, 1) + "\n"):
            wrong.append(name)
    for folder, kind in FOLDERS.items():
        for path in (content / folder).glob("*.yaml"):
            if not path.read_text().startswith(schema_line(kind, 2) + "\n"):
                wrong.append(str(path.relative_to(content)))
    assert wrong == []
