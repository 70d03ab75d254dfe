"""Stage 5, search: a Pagefind index of the written site, built in one call.

What is indexed is marked in the templates: each page's main content (data-pagefind-body), less what repeats the
facts of other pages (data-pagefind-ignore): a product's users, a capability's contracts and the help around it,
a topic's challenges, a reorganisation's boards and contracts. Each such fact is indexed once, on the page it
belongs to (a council's stack on the council's page), so that a search for a council finds its page rather
than every list it appears in, and the index stays light at 10,000 councils (benchmarks/README.md)."""
from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex


def index_search(site: Path, output: Path | None = None) -> int:
    """Index every page that marks itself with data-pagefind-body; returns the number of pages indexed.
    output: where to write the index (default: the site's pagefind/; `serve` writes a new one beside it, then swaps)."""
    site = Path(site).resolve()
    return asyncio.run(_index(site, Path(output).resolve() if output else site / "pagefind"))


async def _index(site: Path, output: Path) -> int:
    # The index is written once, as the context closes, into the site: given no output path, Pagefind's
    # service would write a second copy into the working directory.
    async with PagefindIndex(IndexConfig(output_path=str(output))) as index:
        result = await index.add_directory(str(site))
    return int(result.get("page_count", 0))
