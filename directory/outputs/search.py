"""Stage 5, search: a Pagefind index of the written site, built in one call."""
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
