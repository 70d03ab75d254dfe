"""Stage 4, render: one Jinja2 template per page type, written into the staging folder."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .derive import Derived
from .markdown import markdown
from .models import Directory

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["markdown"] = markdown
    return env


class Pages:
    """Writes pages into the site, each at a path like 'councils/cumberland/' (its index.html)."""

    def __init__(self, staging: Path, directory: Directory, derived: Derived):
        self.staging, self.env = staging, environment()
        self.common = {"site": directory.site, "directory": directory, "derived": derived}

    def write(self, path: str, template: str, **context: Any) -> None:
        depth = path.count("/")
        target = self.staging / path / "index.html" if path else self.staging / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        html = self.env.get_template(template).render(**self.common, **context, root="../" * depth, path=path)
        target.write_text(html, encoding="utf-8")


def render(directory: Directory, derived: Derived, staging: Path) -> None:
    pages = Pages(staging, directory, derived)
    pages.write("", "home.html")
    pages.write("councils/", "councils.html", councils=sorted(directory.councils.values(), key=lambda c: c.name.lower()))
    for council in directory.councils.values():
        pages.write(f"councils/{council.id}/", "council.html", council=council)
