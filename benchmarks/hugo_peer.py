#!/usr/bin/env python3
"""The peer the benchmark compares the build with: Hugo and the same Pagefind, on the same demo content.

What the peer renders: one page per council, from a Hugo content file per council (front matter, then a
layout): the council's name as its heading, its summary (Markdown), and its stack as a table (capability,
product, since, contract end, hosting, and the notes, Markdown rendered by Hugo's `markdownify`), inside
`data-pagefind-body`; plus the councils' list page Hugo makes for the section. Then the Pagefind binary the
build uses (the pinned `pagefind-bin` Python package's) indexes Hugo's output. What is timed: `hugo --quiet`
into a fresh folder, then `pagefind --site` over it, one after the other, as a static site with search is
built; writing the Hugo content files from the YAML is not timed (on a Hugo site they would be the content).

Why it is a fair comparison, if a generous one to Hugo: both start from the same councils, produce a static
page per council with the same core facts (Markdown rendered in both) and a Pagefind index of them, on the
same machine, with the same Pagefind. The build does much more the peer is spared: it reads and checks every
YAML file with a line for every problem (Hugo trusts its front matter), derives who uses what and which
councils should talk to each other, renders product, capability, topic, project, reorganisation, renewals
and matches pages beside the councils' (which also carry challenges, projects, contracts, matches and maps),
gives Pagefind filters, and writes the open data (JSON, CSV, feeds, sitemap, schemas). So "within 1.5x of the
peer" is a bound on the cost of all that, not a like-for-like race.

Hugo comes from Debian (`apt-get install hugo`); `benchmarks/run.py` says so and stops when it is missing,
unless given `--no-peer`.

    python benchmarks/hugo_peer.py CONTENT SOURCE     write the Hugo site for a content tree (the untimed part)
"""
from __future__ import annotations

import json
import shlex
import shutil
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONFIG = """\
baseURL = "https://peer.example/"
languageCode = "en-gb"
title = "Peer: the councils' pages in Hugo"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""
SINGLE = """\
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title></head>
<body>
<main data-pagefind-body>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}{{ . | markdownify }}{{ end }}
<table>
<caption>What it uses</caption>
<thead><tr><th scope="col">Capability</th><th scope="col">Product</th><th scope="col">Since</th>
<th scope="col">Contract ends</th><th scope="col">Hosting</th><th scope="col">Notes</th></tr></thead>
<tbody>
{{ range .Params.stack }}<tr><td>{{ .capability }}</td><td>{{ .product }}</td><td>{{ .since }}</td>
<td>{{ .contract_ends }}</td><td>{{ .hosting }}</td><td>{{ with .notes }}{{ . | markdownify }}{{ end }}</td></tr>
{{ end }}</tbody>
</table>
</main>
</body>
</html>
"""
LIST = """\
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</main></body>
</html>
"""


def hugo() -> str | None:
    """Debian's hugo on the PATH, or None."""
    return shutil.which("hugo")


def pagefind() -> str:
    """The Pagefind binary the build runs (directory/outputs/search.py), run as the build runs it."""
    sys.path.insert(0, str(ROOT))
    from directory.outputs.search import pagefind_executable

    return pagefind_executable()


def write_site(content: Path, source: Path, today: date) -> int:
    """The Hugo site for a content tree: configuration, two layouts, a content file per council. Returns the
    number of councils. The content is read through the build's own check, so both render the same records."""
    sys.path.insert(0, str(ROOT))
    from directory.content.check import check

    directory = check(content, today, content.parent).directory
    if directory is None:
        raise RuntimeError(f"{content} does not check clean")
    councils = source / "content" / "councils"
    councils.mkdir(parents=True)
    (source / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    layouts = source / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")
    (councils / "_index.md").write_text(json.dumps({"title": "Councils"}) + "\n", encoding="utf-8")
    for council in directory.councils.values():
        stack = [{"capability": directory.capabilities[entry.capability].name
                  if entry.capability in directory.capabilities else entry.capability,
                  "product": directory.products[entry.product].name
                  if entry.product in directory.products else entry.product,
                  "since": entry.since or "", "contract_ends": str(entry.contract_ends or ""),
                  "hosting": entry.hosting or "", "notes": entry.notes or ""}
                 for entry in council.stack]
        front_matter = {"title": council.name, "summary": council.summary or "", "stack": stack}
        # JSON front matter: Hugo reads it as it reads YAML's, and json.dumps quotes every value safely.
        (councils / f"{council.id}.md").write_text(json.dumps(front_matter, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
    return len(directory.councils)


def command(source: Path, out: Path) -> list[str]:
    """The timed part, as one process tree: Hugo's build, then Pagefind over what it wrote."""
    source, out = source.resolve(), out.resolve()  # Hugo reads a relative destination as inside the source
    script = (f"{shlex.quote(hugo() or 'hugo')} --quiet --source {shlex.quote(str(source))} "
              f"--destination {shlex.quote(str(out))} && "
              f"{shlex.quote(pagefind())} --quiet --site {shlex.quote(str(out))}")
    return ["sh", "-c", script]


if __name__ == "__main__":
    content_dir, source_dir = Path(sys.argv[1]), Path(sys.argv[2])
    start = date.fromisoformat(sys.argv[3]) if len(sys.argv) > 3 else date(2026, 1, 1)
    print(f"{write_site(content_dir, source_dir, start)} council pages written to {source_dir}")
