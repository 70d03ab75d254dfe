"""Stage 6, export: open data (JSON, CSV, feeds) and the JSON Schemas, into the site."""
from __future__ import annotations

import json
from pathlib import Path

from .derive import Derived
from .models import Directory
from .schemas import json_schemas


def export(directory: Directory, derived: Derived, staging: Path) -> None:
    schemas = staging / "schemas"
    schemas.mkdir(parents=True, exist_ok=True)
    for name, text in json_schemas().items():
        (schemas / name).write_text(text, encoding="utf-8")
    api = staging / "api"
    api.mkdir(parents=True, exist_ok=True)
    councils = [council.model_dump(mode="json", exclude_none=True) for council in directory.councils.values()]
    _write_json(api / "councils.json", {"councils": councils})


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
