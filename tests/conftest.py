"""Shared fixtures: small content trees written inline, as the tests read them."""
from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from directory.content.check import Checked, check

TODAY = date(2026, 11, 1)

SITE = """\
# yaml-language-server: $schema=../schemas/site.schema.json
title: Test Directory
description: A directory for tests.
base_url: https://example.github.io/directory/
repository: https://github.com/example/directory
licence: CC BY 4.0
licence_url: https://creativecommons.org/licenses/by/4.0/
"""
CAPABILITIES = """\
# yaml-language-server: $schema=../schemas/capabilities.schema.json
groups:
  - id: customer
    name: Customer and digital
  - id: place
    name: Planning and place
capabilities:
  - id: website
    name: Website
    group: customer
    description: Publishing the council's website.
  - id: planning
    name: Planning applications
    group: place
    description: Receiving and deciding planning applications.
  - id: revenues
    name: Revenues
    group: customer
    description: Collecting council tax and business rates.
"""
TOPICS = """\
# yaml-language-server: $schema=../schemas/topics.schema.json
topics:
  - id: pdf-reduction
    name: Fewer PDFs
    description: Publishing HTML instead of PDF documents.
  - id: local-government-reorganisation
    name: Local government reorganisation
    description: Councils merging or splitting.
"""
PRODUCTS = {
    "localgov-drupal": """\
        name: LocalGov Drupal
        vendor: LocalGov Drupal community
        capabilities: [website]
        open_source: true
        licence: GPL-2.0-or-later
        website: https://localgovdrupal.org
        """,
    "planx": """\
        name: PlanX
        vendor: Open Systems Lab
        capabilities: [planning]
        open_source: true
        website: https://opendigitalplanning.org
        """,
    "idox-uniform": """\
        name: Uniform
        vendor: Idox
        capabilities: [planning]
        open_source: false
        website: https://www.idoxgroup.com
        """,
}
PROJECTS = {
    "localgov-publications": """\
        name: LocalGov Publications
        kind: module
        status: maintained
        summary: HTML publications instead of PDFs.
        product: localgov-drupal
        capabilities: [website]
        topics: [pdf-reduction]
        """,
    "localgov-elections": """\
        name: LocalGov Elections
        kind: fund
        status: active
        summary: Reporting election results.
        product: localgov-drupal
        funding_target_gbp: 40000
        """,
}
COUNCILS = {
    "cumberland": """\
        name: Cumberland Council
        gss: E06000063
        kind: unitary
        nation: england
        region: North West
        website: https://www.cumberland.gov.uk
        """,
}

SCHEMA_LINES = {
    "councils": "# yaml-language-server: $schema=../../schemas/council.schema.json\n",
    "products": "# yaml-language-server: $schema=../../schemas/product.schema.json\n",
    "projects": "# yaml-language-server: $schema=../../schemas/project.schema.json\n",
    "reorganisations": "# yaml-language-server: $schema=../../schemas/reorganisation.schema.json\n",
}


class ContentTree:
    """A valid content tree in a temporary folder, to be changed one file at a time by a test."""

    def __init__(self, root: Path):
        self.repo = root
        self.root = root / "content"
        self.root.mkdir(parents=True)
        (self.root / "site.yaml").write_text(SITE, encoding="utf-8")
        (self.root / "capabilities.yaml").write_text(CAPABILITIES, encoding="utf-8")
        (self.root / "topics.yaml").write_text(TOPICS, encoding="utf-8")
        for folder, records in (("products", PRODUCTS), ("projects", PROJECTS), ("councils", COUNCILS)):
            for record_id, text in records.items():
                self.write(f"{folder}/{record_id}.yaml", text)
        (self.root / "reorganisations").mkdir()

    def write(self, relative: str, text: str | bytes, schema_line: bool = True) -> Path:
        """Write a file under content/; text is dedented, and gets its schema line unless told otherwise."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
            return path
        text = textwrap.dedent(text)
        folder = relative.split("/", 1)[0]
        if schema_line and folder in SCHEMA_LINES:
            text = SCHEMA_LINES[folder] + text
        path.write_text(text, encoding="utf-8")
        return path

    def council(self, council_id: str, extra: str = "", **fields: str) -> Path:
        """A council profile: the defaults of a valid active council, changed by fields, plus extra YAML."""
        values = {"name": f"{council_id.replace('-', ' ').title()} Council", "gss": "E07000001",
                  "kind": "district", "nation": "england", "region": "South East", **fields}
        lines = "".join(f"{key}: {value}\n" for key, value in values.items() if value is not None)
        return self.write(f"councils/{council_id}.yaml", lines + textwrap.dedent(extra))

    def check(self, today: date = TODAY) -> Checked:
        return check(self.root, today, self.repo)

    def problems(self, today: date = TODAY) -> list[str]:
        return [problem.as_text() for problem in self.check(today).problems]


@pytest.fixture
def content(tmp_path: Path) -> ContentTree:
    return ContentTree(tmp_path)
