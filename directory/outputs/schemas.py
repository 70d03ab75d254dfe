"""JSON Schemas generated from the models, for editors (yaml-language-server) and for the open data."""
from __future__ import annotations

import json
from pathlib import Path

from ..content.models import MODELS

SCHEMA_BASE = "https://council-collaboration.github.io/directory/schemas/"


def json_schemas() -> dict[str, str]:
    """File name -> schema text, deterministic so that a stale committed copy is detected."""
    schemas = {}
    for kind, model in MODELS.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "$id": f"{SCHEMA_BASE}{kind}.schema.json", **schema}
        schemas[f"{kind}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return schemas


def write_schemas(folder: Path) -> list[str]:
    """Write every schema into folder; returns the names of files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in json_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed
