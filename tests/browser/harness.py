"""What the browser tests and scripts/screenshots.py share: build the shipped site, serve it, launch Chromium.

Playwright cannot download its own browser here, so it drives the system's Chromium (Debian's `chromium`
package, which .ci/run installs), found through CHROMIUM_PATH or on the PATH.
"""
from __future__ import annotations

import gzip
import io
import os
import shutil
import sys
import threading
from contextlib import contextmanager
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
# A fixed day, so staleness flags and renewal windows on the pages do not change from one run to the next.
TODAY = date(2026, 11, 1)

# What GitHub Pages compresses beside text/*: a page's scripts and data (Pagefind's index files are compressed
# already, and sent as they are).
COMPRESSED = ("application/javascript", "application/json", "image/svg+xml", "application/xml")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str | None:
    """The Chromium to drive: $CHROMIUM_PATH, else `chromium` on the PATH; None when there is none."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("chromium")


def launch_chromium(playwright):
    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium was not found: install Debian's chromium package (apt-get install chromium) "
                           "or set CHROMIUM_PATH to a Chromium executable.")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


def build_site(out_dir: Path, content_dir: Path = CONTENT, today: date = TODAY):
    """Build a content tree with its search index into out_dir, through the same pipeline as `make site`.
    Returns the content the site was built from (checked again here: the build writes the site in a child
    process, which sends back only its problems)."""
    from directory.content.check import check
    from directory.pipeline import build

    build(content_dir, out_dir, today, ROOT, search=True)
    return check(content_dir, today, ROOT).directory


def published_path(directory) -> str:
    """The path part of the site's base URL, such as /directory/: where it is served on GitHub Pages."""
    return urlsplit(str(directory.site.base_url)).path or "/"


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages serves a project site: under a path prefix such as /directory/
    (so links that assume the site is at / break here as they would there), folders by their index.html,
    anything missing by 404.html, and text gzip-compressed for a browser that accepts it."""

    prefix = "/"

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".json": "application/json", ".csv": "text/csv"}

    def send_head(self):
        if not self.path.startswith(self.prefix):
            self.send_error(404, "outside the site's published path")
            return None
        file = self._compressible()
        if file is None:
            return super().send_head()
        body = gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _compressible(self) -> Path | None:
        """The file asked for, when it is text and the browser accepts gzip; None leaves it to the plain server
        (and a folder asked for without its slash to its redirect)."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = urlsplit(self.path).path
        file = Path(self.translate_path(path))
        if file.is_dir():
            if not path.endswith("/"):
                return None
            file = file / "index.html"
        kind = self.guess_type(str(file)).split(";")[0]
        return file if file.is_file() and (kind.startswith("text/") or kind in COMPRESSED) else None

    def translate_path(self, path):
        return super().translate_path("/" + path[len(self.prefix):] if path.startswith(self.prefix) else path)

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # the tests' output is for failures, not for every request
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that stops reading (a page left before its images loaded) is not a fault of the site.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(site_dir: Path, prefix: str = "/") -> Iterator[str]:
    """Serve site_dir at http://127.0.0.1:<a free port><prefix> from a background thread; yields that URL.

    Give the path of the site's published base URL as prefix, to serve it where it will live."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("SiteHandler", (_SiteHandler,), {"prefix": prefix})
    server = _QuietServer(("127.0.0.1", 0), partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
