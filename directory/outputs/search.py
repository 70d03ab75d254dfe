"""Stage 5, search: a Pagefind index of the written site, by Pagefind's command line, as any site builder runs it.

What is indexed is marked in the templates: each page's main content (data-pagefind-body), less what repeats the
facts of other pages (data-pagefind-ignore): a product's users, a capability's contracts and the help around it,
a topic's challenges, a reorganisation's boards and contracts. Each such fact is indexed once, on the page it
belongs to (a council's stack on the council's page), so that a search for a council finds its page rather
than every list it appears in, and the index stays light at 10,000 councils (benchmarks/README.md).

The command line, not the service behind Pagefind's Python API: on the 10,000-council demo site the service took
17.1 s where the command took 12.9 s, with the same binary and the same index written."""
from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def index_search(site: Path, output: Path | None = None) -> None:
    """Index every page that marks itself with data-pagefind-body, into output (default: the site's pagefind/;
    `serve` writes a new one beside it, then swaps)."""
    with indexing(site, output):
        pass


@contextmanager
def indexing(site: Path, output: Path | None = None) -> Iterator[None]:
    """Pagefind indexing the site in its own process while the block runs; waited for when the block ends, and
    stopped if it fails. Raises with Pagefind's own words if Pagefind fails."""
    site = Path(site).resolve()
    command = [pagefind_executable(), "--quiet", "--site", str(site),
               "--output-path", str(Path(output).resolve() if output else site / "pagefind")]
    with tempfile.TemporaryFile() as said:  # a file, not a pipe: nothing has to read it while Pagefind runs
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=said, stderr=subprocess.STDOUT)
        try:
            yield
        except BaseException:
            process.kill()
            raise
        finally:
            status = process.wait()
        if status != 0:
            said.seek(0)
            raise RuntimeError(f"Pagefind could not index {site} (exit status {status}): "
                               f"{said.read().decode(errors='replace').strip()}")


def pagefind_executable() -> str:
    """The Pagefind binary: the pinned pagefind-bin package's (PAGEFIND_BINARY_PATH, if set, names another)."""
    # Imported here, not with the module: the pagefind package brings asyncio (45 ms), which `check` never needs.
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise RuntimeError("the pagefind-bin package is not installed: `make` sets up .venv with it")
    return str(executable)
