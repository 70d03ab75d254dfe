"""One small golden site: every page of a tiny directory, compared byte for byte with tests/golden/pages/.

When a change to templates, derive or render changes a page on purpose, regenerate the copy and review its
diff like any other change:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_site.py

Only pages are kept (the open data and the search index have their own tests). Left out: the 404 page, which
carries the stylesheet inline and would change with every change of style; and the open-data and contribute
pages, which print the export registry's and the models' own descriptions, each tested where it is written.
"""
from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from directory.pipeline import build
from tests.conftest import TODAY, ContentTree

GOLDEN = Path(__file__).resolve().parent / "golden" / "pages"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def tiny_tree(root: Path) -> ContentTree:
    tree = ContentTree(root)
    tree.council("cumberland", """\
        maintainers: [cumberland-council/digital]
        reviewed: 2026-10-01
        summary: A *unitary* council since 2023.
        stack:
          - capability: website
            product: localgov-drupal
            since: 2023
            contract_ends: 2028-03-31
            hosting: saas
          - capability: planning
            product: planx
            source: https://github.com/theopensystemslab/planx-new
        challenges:
          - title: Fewer PDFs on our website
            topics: [pdf-reduction]
            status: exploring
            seeking: [partners]
        projects:
          - project: localgov-elections
            role: funder
            pledge: {money_gbp: 5000, days: 10}
        """, name="Cumberland Council", gss="E06000063", kind="unitary", region="North West")
    tree.council("allerdale", """\
        status: abolished
        ended: 2023-04-01
        replaced_by: [cumberland]
        stack:
          - capability: website
            product: localgov-drupal
          - capability: planning
            product: idox-uniform
            contract_ends: 2027-03-31
        """, name="Allerdale Borough Council", gss="E07000026", region="North West")
    tree.write("reorganisations/cumbria-2023.yaml", """\
        name: Cumbria
        stage: vested
        vesting: 2023-04-01
        predecessors: [allerdale]
        successors: [cumberland]
        source: https://example.org/cumbria
        """)
    return tree


LEFT_OUT = {"404.html", "open-data/index.html", "contribute/index.html"}


def pages(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.html"))
            if path.relative_to(site).as_posix() not in LEFT_OUT}


def test_the_golden_site_is_unchanged(tmp_path: Path):
    tree = tiny_tree(tmp_path / "repo")
    out = tmp_path / "site"
    build(tree.root, out, TODAY, tree.repo, search=False)
    built = pages(out)
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    golden = pages(GOLDEN)
    assert sorted(built) == sorted(golden), "pages were added or removed: regenerate with UPDATE_GOLDEN=1 and review"
    changed = [name for name in built if built[name] != golden[name]]
    if changed:
        first = changed[0]
        diff = "".join(list(difflib.unified_diff(golden[first].decode().splitlines(True), built[first].decode().splitlines(True),
                                                 f"golden/{first}", f"built/{first}"))[:60])
        raise AssertionError(f"{len(changed)} page(s) differ from tests/golden/pages, first {first}:\n{diff}\n"
                             "If the change is intended, regenerate with UPDATE_GOLDEN=1 and review the diff.")
