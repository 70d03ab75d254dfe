"""Helpers shared by test files: a small DOM to ask built pages questions by structure, the rich content tree
the page tests build, and the district councils the matching tests write. Test files import these from
here, never from one another."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from directory.content.models import Directory
from tests.conftest import ContentTree

# ----------------------------------------------------------------------------------------------
# A small DOM, enough to ask pages questions by structure


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        """Descendants with this tag whose attributes hold these values (class_ matches one class)."""
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and child.matches(attrs):
                    found.append(child)
                found += child.find_all(tag, **attrs)
        return found

    def find(self, tag: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}> in <{self.tag}>"
        return found[0]

    def matches(self, attrs: dict[str, str]) -> bool:
        for key, value in attrs.items():
            if key == "class_":
                if value not in self.attrs.get("class", "").split():
                    return False
            elif self.attrs.get(key.replace("_", "-")) != value:
                return False
        return True

    @property
    def text(self) -> str:
        parts = [child if isinstance(child, str) else child.text for child in self.children]
        return " ".join(" ".join(parts).split())

    def ancestors(self) -> list[Node]:
        node, found = self.parent, []
        while node is not None:
            found.append(node)
            node = node.parent
        return found


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {})
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {key: value or "" for key, value in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"</{tag}> closes nothing"
        self.current = node.parent or self.root

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> is never closed"
    builder.root.attrs["doctype"] = builder.doctype
    return builder.root


def page(site: Path, path: str) -> Node:
    target = site / path / "index.html" if not path.endswith(".html") else site / path
    return parse(target.read_text(encoding="utf-8"))


def rows(table: Node) -> list[list[str]]:
    return [[cell.text for cell in row.children if isinstance(cell, Node) and cell.tag in ("th", "td")]
            for row in table.find_all("tr")]


# ----------------------------------------------------------------------------------------------
# Content trees


def rich_tree(root: Path) -> ContentTree:
    """The fixture's tree plus every state a page must show."""
    tree = ContentTree(root)
    tree.write("products/northwind-revenues.yaml", """\
        name: Northwind Revenues
        vendor: Northwind Systems (fictional)
        capabilities: [revenues]
        open_source: false
        website: https://northwind.example/revenues
        """)
    tree.council("cumberland", """\
        website: https://www.cumberland.gov.uk
        maintainers: [cumberland-council/digital]
        contact: digital@cumberland.gov.uk
        reviewed: 2026-10-01
        summary: "We run *two* websites. <script>alert(1)</script> [bad](javascript:alert(1))"
        stack:
          - capability: website
            product: localgov-drupal
            since: 2023
            contract_ends: 2028-03-31
            hosting: saas
            notes: We added **events** listings.
          - capability: planning
            product: planx
            source: https://github.com/theopensystemslab/planx-new
        challenges:
          - title: Fewer PDFs on our website
            topics: [pdf-reduction]
            capabilities: [website]
            status: exploring
            seeking: [partners, advice]
            description: Turning *committee papers* into HTML.
        projects:
          - project: localgov-elections
            role: funder
            pledge: {money_gbp: 5000, days: 10}
          - project: localgov-publications
            role: lead
          - project: housing-repairs-online
            phase: repairs-discovery
            role: lead
          - project: housing-repairs-online
            phase: repairs-alpha
            role: lead
            source: https://example.org/round-4
        contracts:
          - capability: revenues
            product: northwind-revenues
            suppliers: [Northwind Systems Ltd]
            title: Revenues system support
            starts: 2022-04-01
            ends: 2027-09-30
            value_gbp: 48732.4
            status: notice
            buyer_inferred: true
            ocid: ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000001
            source: https://mirror.example/notice/1
            notice: https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000001
            notes: Buyer identified from its postcode in the notice.
          - capability: planning
            title: Planning system replacement
            value_gbp: 250000
            status: approved
            source: https://democracy.cumberland.example/decision/1
          - capability: website
            suppliers: [Hosting Ltd]
            starts: 2019-04-01
            ends: 2023-03-31
        """, name="Cumberland Council", gss="E06000063", kind="unitary", region="North West")
    tree.council("westmorland-and-furness", """\
        website: https://www.westmorlandandfurness.gov.uk
        maintainers: [westmorland-and-furness/web]
        reviewed: 2025-06-30
        stack:
          - capability: website
            product: localgov-drupal
            contract_ends: 2028-06-30
          - capability: planning
            product: idox-uniform
            contract_ends: 2027-02-15
        projects:
          - project: localgov-elections
            role: partner
            pledge: {money_gbp: 7000}
          - project: housing-repairs-online
            phase: repairs-alpha
            role: partner
            source: https://example.org/round-4
          - project: housing-repairs-online
            phase: repairs-c19
            role: lead
            source: https://example.org/c19
        """, name="Westmorland and Furness Council", gss="E06000064", kind="unitary", region="North West")
    tree.council("allerdale", """\
        status: abolished
        ended: 2023-04-01
        replaced_by: [cumberland]
        stack:
          - capability: website
            product: localgov-drupal
            contract_ends: 2027-03-31
          - capability: planning
            product: idox-uniform
        projects:
          - project: housing-repairs-online
            phase: repairs-discovery
            role: partner
            source: https://example.org/round-2
            notes: The source names it Allerdale District.
        """, name="Allerdale Borough Council", gss="E07000026", region="North West")
    tree.council("carlisle", """\
        status: abolished
        ended: 2023-04-01
        replaced_by: [cumberland, westmorland-and-furness]
        stack:
          - capability: website
            product: localgov-drupal
          - capability: planning
            product: planx
          - capability: revenues
            product: northwind-revenues
            contract_ends: 2027-05-31
        """, name="Carlisle City Council", gss="E07000028", region="North West")
    tree.council("east-surrey", "status: forthcoming\nstarts: 2027-04-01\n", name="East Surrey Council", gss=None,
                 kind="unitary")
    tree.council("surrey-heath", name="Surrey Heath Borough Council", gss="E07000214")
    tree.council("cardiff", name="Cardiff Council", gss="W06000015", kind="unitary", nation="wales", region="Wales")
    tree.write("reorganisations/cumbria-2023.yaml", """\
        name: Cumbria
        stage: vested
        vesting: 2023-04-01
        predecessors: [allerdale, carlisle]
        successors: [cumberland, westmorland-and-furness]
        source: https://example.org/cumbria
        """)
    tree.write("projects/housing-repairs-online.yaml", """\
        name: Housing repairs online
        kind: collaboration
        status: funded
        summary: Councils designing one way for tenants to report housing repairs online.
        capabilities: [website]
        topics: [pdf-reduction]
        source: https://example.org/repairs
        phases:
          - id: repairs-discovery
            name: Housing repairs discovery
            stages: [discovery]
            programme: local-digital-fund
            round: 2
            started: 2019-09
            amount_gbp: 100000
            summary: Research with tenants into how they report repairs.
            outputs: https://example.org/repairs/report
            source: https://example.org/round-2
          - id: repairs-alpha
            stages: [alpha]
            programme: local-digital-fund
            round: 4
            round_inferred: true
            started: 2020-06
            source: https://example.org/round-4
            notes: The amount was not published.
          - id: repairs-c19
            name: Repairs during lockdown
            programme: local-digital-c19-challenge
            started: 2020-09-14
            amount_gbp: 30000
            source: https://example.org/c19
        """)
    tree.write("projects/shared-planning.yaml", """\
        name: Shared planning fund
        kind: fund
        status: proposed
        summary: Pooling money for planning work.
        capabilities: [planning]
        seeking: [partners]
        """)
    return tree



def council(content: ContentTree, council_id: str, number: int, extra: str = "", **fields: str) -> None:
    """A district council with its own GSS code, and extra YAML (stack, challenges, projects)."""
    content.council(council_id, extra=textwrap.dedent(extra), **{"gss": f"E07{number:06d}", **fields})


def directory_of(content: ContentTree) -> Directory:
    checked = content.check()
    assert [problem.as_text() for problem in checked.errors] == []
    return checked.directory


# ----------------------------------------------------------------------------------------------
# `python build.py serve`, run as a person runs it (tests/test_serve.py, tests/browser/test_serve.py)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """`python build.py serve` on a content tree, until stopped: its address and what it prints."""

    def __init__(self, content: Path, port: int, today: date):
        root = Path(__file__).resolve().parent.parent
        self.process = subprocess.Popen(
            [sys.executable, str(root / "build.py"), "serve", "--content", str(content), "--port", str(port),
             "--today", today.isoformat()], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.url = f"http://127.0.0.1:{port}/"
        self.output: list[str] = []
        self.wait_for("Serving on")

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.output.append(line)
            if text in line:
                return line
        raise AssertionError(f"serve did not print {text!r}:\n{''.join(self.output)}")

    def at(self, path: str) -> str:
        return self.url + path

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read()

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)
        rest, _ = self.process.communicate(timeout=30)
        return self.process.returncode, "".join(self.output) + rest
