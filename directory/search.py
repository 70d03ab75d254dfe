"""Stage 5, search: a Pagefind index of the written site, built in one call."""
from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import PagefindIndex


def index_search(site: Path) -> int:
    """Index every page that marks itself with data-pagefind-body; returns the number of pages indexed."""
    return asyncio.run(_index(site))


async def _index(site: Path) -> int:
    async with PagefindIndex() as index:
        result = await index.add_directory(str(site))
        await index.write_files(output_path=str(site / "pagefind"))
    return int(result.get("page_count", 0))
