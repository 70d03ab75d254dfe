"""A figure is computed once, in derive, so the pages and the open data cannot disagree: a council recording two
products for one capability is one council on the capabilities page, the capability's page and in
api/capabilities.json."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from directory.pipeline import build
from tests.conftest import TODAY, ContentTree


class _Text(HTMLParser):
    """The text of each table row (cells joined by '|') and of the element with a given id."""

    def __init__(self, wanted_id: str = ""):
        super().__init__()
        self.rows: list[list[str]] = []
        self.wanted_id, self.wanted, self._depth = wanted_id, "", 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []
        if self._depth:
            self._depth += 1
        elif self.wanted_id and dict(attrs).get("id") == self.wanted_id:
            self._depth = 1

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None and self.rows:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._depth:
            self.wanted += data


def _parse(page: Path, wanted_id: str = "") -> _Text:
    parser = _Text(wanted_id)
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_a_council_with_two_products_for_a_capability_is_counted_once_everywhere(content: ContentTree, tmp_path: Path):
    content.council("cumberland", gss="E06000063", kind="unitary", region="North West", extra="""\
        stack:
          - capability: planning
            product: idox-uniform
          - capability: planning
            product: planx
        """)
    content.council("carlisle", gss="E07000028", extra="""\
        stack:
          - capability: planning
            product: planx
        """)
    site = tmp_path / "site"
    build(content.root, site, TODAY, content.repo, search=False)

    listed = {row[0]: row for row in _parse(site / "capabilities" / "index.html").rows if row}
    planning_row = next(row for name, row in listed.items() if name.startswith("Planning applications"))
    assert planning_row[1:] == ["2", "2"]  # councils, products in use

    sentence = " ".join(_parse(site / "capabilities" / "planning" / "index.html", "council-count").wanted.split())
    assert sentence == "2 councils record a product for planning applications."

    data = json.loads((site / "api" / "capabilities.json").read_text(encoding="utf-8"))
    planning = next(record for record in data["capabilities"] if record["id"] == "planning")
    assert planning["council_count"] == 2
    assert {item["product"]: item["council_count"] for item in planning["products"]} == {"idox-uniform": 1, "planx": 2}
