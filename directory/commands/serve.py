"""`python build.py serve`: the site as you edit it, rebuilt when a file changes and reloaded in the browser.

- The site is built into a temporary folder, never into site/, and served from there on 127.0.0.1 (on another
  address only when asked with --host).
- content/, templates/ and static/ are watched (watchfiles). A change rebuilds only what it touches
  (pipeline.Preview); the pages it changed reload by themselves: each page served gets a small script
  (serve_live.js) that listens to the server's events, naming its page. The pages open are rebuilt first and
  told to reload as soon as they are written, then the rest of the site. The script is added to the HTTP
  response only, so the files, and any site `build.py` writes, never carry it.
- Content with errors, or a template that fails, leaves the last good site served; the errors are printed as
  `check` prints them and shown on the open page in a banner, until a save mends them.
- The open data and the search index are made again after the pages are shown, unless another change came.
"""
from __future__ import annotations

import errno
import json
import os
import queue
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from watchfiles import watch

from ..content.problems import Problem, errors_in
from ..pipeline import Preview, Rebuilt
from ..site.render import STATIC, TEMPLATES, copy_static

LIVE_SCRIPT = (Path(__file__).with_name("serve_live.js")).read_bytes()
LIVE_PATH = "/__serve__/"  # the server's own addresses: the script and its events; no page of the site starts so
FOLDER_PREFIX = "directory-serve-"  # the site's folder: this, the serve's process id, and a unique ending
HISTORY = 200  # rebuilds remembered, so a page that missed some still learns whether it changed
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream, so a closed tab is noticed
NOT_BUILT = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not built yet</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body data-serve-unbuilt><main id="main-content"><h1>The site has not been built yet</h1>
<p>The content has errors: they are listed above and where serve runs.</p></main></body></html>
"""


class PortInUse(Exception):
    pass


class LiveState:
    """What the open pages are told: the rebuilds so far, the pages each changed, and the current errors."""

    def __init__(self) -> None:
        self.server = secrets.token_hex(4)  # a page from an earlier serve reloads whatever it was told
        self.build = 0
        self.problems: list[str] = []
        self.history: dict[int, list[str] | None] = {}  # build -> the site paths it changed; None: every page
        self.open: Counter[str] = Counter()  # site path -> how many tabs have it open, listening to the events
        self.stopping = False
        self._changed = threading.Condition()

    def rebuilt(self, changed: list[str] | None) -> None:
        """A rebuild wrote these pages (None: every page may have changed); the errors are mended."""
        with self._changed:
            self.build += 1
            self.history[self.build] = changed
            self.history.pop(self.build - HISTORY, None)
            self.problems = []
            self._changed.notify_all()

    def failed(self, problems: list[Problem]) -> None:
        with self._changed:
            self.problems = [problem.as_text() for problem in errors_in(problems)]
            self._changed.notify_all()

    def opened(self, page: str) -> None:
        with self._changed:
            self.open[page] += 1

    def closed(self, page: str) -> None:
        with self._changed:
            self.open[page] -= 1
            if self.open[page] <= 0:
                del self.open[page]

    def open_pages(self) -> frozenset[str]:
        """The site paths of the pages open in a browser, which a rebuild brings up to date first."""
        with self._changed:
            return frozenset(self.open)

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()

    def message(self, since: int, server: str) -> tuple[int, dict]:
        """What a page built at `since` by `server` is told now: which pages changed since, and the errors."""
        with self._changed:
            builds = range(since + 1, self.build + 1)
            if server != self.server or since > self.build or any(self.history.get(b) is None for b in builds):
                changed: list[str] | str = "*" if builds or server != self.server else []
            else:
                changed = sorted({path for b in builds for path in self.history[b]})
            return self.build, {"build": self.build, "changed": changed, "problems": self.problems}

    def wait(self, seen: tuple[int, list[str]], timeout: float) -> bool:
        """Wait until the state differs from `seen` (build, problems); False when serve is stopping."""
        with self._changed:
            self._changed.wait_for(lambda: self.stopping or (self.build, self.problems) != seen, timeout)
            return not self.stopping


class PreviewHandler(SimpleHTTPRequestHandler):
    """The built files, each HTML page with the live script added; the script; and the event stream."""

    state: LiveState  # set on the class serve makes for each server

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = urlsplit(self.path).path
        if path == LIVE_PATH + "live.js":
            self._send(200, "text/javascript; charset=utf-8", LIVE_SCRIPT)
        elif path == LIVE_PATH + "events":
            self._events()
        else:
            self._file(path)

    def _file(self, path: str) -> None:
        build = self.state.build  # before the file is read: a rebuild in between makes it reload once more
        file = Path(self.translate_path(path))
        if file.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            file = file / "index.html"
        root = Path(self.directory)
        if not (root / "index.html").is_file():
            self._send(200, "text/html; charset=utf-8", self._with_script(NOT_BUILT, build))
        elif file.is_file():
            data = file.read_bytes()
            kind = self.guess_type(str(file))
            if kind == "text/html":
                self._send(200, "text/html; charset=utf-8", self._with_script(data, build))
            else:
                self._send(200, kind, data)
        else:
            missing = root / "404.html"
            self._send(404, "text/html; charset=utf-8",
                       self._with_script(missing.read_bytes() if missing.is_file() else b"Not found", build))

    def _with_script(self, html: bytes, build: int) -> bytes:
        tag = (f'<script src="{LIVE_PATH}live.js" data-build="{build}" data-server="{self.state.server}">'
               "</script>\n").encode()
        at = html.rfind(b"</body>")
        return html[:at] + tag + html[at:] if at >= 0 else html + tag

    def _send(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a reload always shows the latest files
        self.end_headers()
        self.wfile.write(data)

    def _events(self) -> None:
        query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        try:
            since = int(query.get("since", ["0"])[0])
        except ValueError:
            since = 0
        server = query.get("server", [""])[0]
        page = query.get("page", [None])[0]  # the page listening, which a rebuild brings up to date first
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if page is not None:
            self.state.opened(page)
        try:
            while True:
                since, message = self.state.message(since, server)
                server = self.state.server
                self.wfile.write(f"data: {json.dumps(message)}\n\n".encode())
                self.wfile.flush()
                seen = (message["build"], message["problems"])
                while True:
                    if not self.state.wait(seen, KEEP_ALIVE):
                        return
                    if (self.state.build, self.state.problems) != seen:
                        break
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the tab was closed or reloaded
        finally:
            if page is not None:
                self.state.closed(page)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass  # every request would drown out the rebuilds' reports


def serve(content_dir: Path, today: date, repo_root: Path, host: str, port: int,
          print_: Callable[..., None] = print) -> int:
    """Build, serve and rebuild until Ctrl-C (or SIGTERM). Returns the exit code."""
    content_dir = Path(os.path.abspath(content_dir))
    _remove_left_behind()
    out = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
    state = LiveState()
    try:
        server = _server(host, port, out, state)
    except PortInUse as error:
        shutil.rmtree(out, ignore_errors=True)
        print_(error, file=sys.stderr)
        return 1
    previous = {number: signal.signal(number, _interrupt) for number in (signal.SIGTERM, signal.SIGHUP)}
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    stop = threading.Event()
    try:
        thread.start()
        changes: queue.Queue[set[tuple[object, str]]] = queue.Queue()  # watched from before the first build on
        threading.Thread(target=_watch, args=([content_dir, TEMPLATES, STATIC], stop, changes), daemon=True).start()
        print_(f"Building {_shown(content_dir, repo_root)} ...", flush=True)
        preview = Preview(content_dir, out, today, repo_root)
        _report(preview.rebuild(), state, print_, first=True)
        print_(f"Serving on {_url(server)} (Ctrl-C to stop). Watching content, templates and static for changes.",
               flush=True)
        if host not in ("127.0.0.1", "localhost", "::1"):
            print_(f"Note: with --host {host}, other machines that can reach this one can see the preview.",
                   flush=True)
        _refresh_outputs(preview, changes, print_, "The open data and the search index are ready")
        for changed in _batches(changes):
            _rebuild(preview, changed, content_dir, repo_root, out, state, print_)
            _refresh_outputs(preview, changes, print_, "The open data and the search index updated")
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        state.stop()
        server.shutdown()
        server.server_close()
        for number, handler in previous.items():
            signal.signal(number, handler)
        shutil.rmtree(out, ignore_errors=True)
    print_("Stopped.", flush=True)
    return 0


def _refresh_outputs(preview: Preview, changes: queue.Queue, print_: Callable[..., None], done: str) -> None:
    """The open data and the search index, unless another change is waiting (they follow its rebuild)."""
    if preview.outputs_current or preview.built is None:
        return
    started = time.perf_counter()
    try:
        finished = preview.refresh_outputs(interrupted=lambda: not changes.empty())
    except Exception as error:  # noqa: BLE001 - the pages are still served; say what failed
        print_(f"The open data or the search index could not be made again: {type(error).__name__}: {error}",
               file=sys.stderr, flush=True)
        return
    if finished:
        preview.collect_garbage()  # the page has reloaded by now (directory/memory.py)
        print_(f"{done} ({time.perf_counter() - started:.1f} s).", flush=True)


def _interrupt(signal_number: int, frame: object) -> None:
    """SIGTERM (and SIGHUP, when its terminal closes) stops serve as Ctrl-C does: cleanly, removing its folder."""
    raise KeyboardInterrupt


def _remove_left_behind() -> None:
    """The folders of serves that were killed outright (SIGKILL), which could not remove their own."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*-*"):
        pid = folder.name.removeprefix(FOLDER_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


def _server(host: str, port: int, out: Path, state: LiveState) -> ThreadingHTTPServer:
    handler = type("Handler", (PreviewHandler,), {"state": state})
    server_type = type("Server", (ThreadingHTTPServer,), {
        "daemon_threads": True, "block_on_close": False,
        "address_family": socket.AF_INET6 if ":" in host else socket.AF_INET})
    try:
        return server_type((host, port), partial(handler, directory=str(out)))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(f"Port {port} on {host} is in use: another program (perhaps another serve) is "
                            f"listening there. Choose another port with --port, for example --port {port + 1}.") \
                from None
        raise PortInUse(f"Cannot serve on {host} port {port}: {error.strerror or error}. "
                        "Check --host (the default, 127.0.0.1, is this machine only) and --port.") from None


def _url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _watch(folders: list[Path], stop: threading.Event, changes: queue.Queue) -> None:
    """Each batch of changed files into `changes`; a batch ends once no file has changed for 30 ms."""
    for batch in watch(*[folder for folder in folders if Path(folder).is_dir()], stop_event=stop, step=30,
                       raise_interrupt=False):
        changes.put(batch)


def _batches(changes: queue.Queue) -> Iterator[set[tuple[object, str]]]:
    """Every change, several batches at once when they came while the last rebuild ran."""
    while True:
        try:
            batch = set(changes.get(timeout=0.5))  # a timeout, so Ctrl-C is seen while waiting
        except queue.Empty:
            continue
        while not changes.empty():
            batch |= changes.get_nowait()
        yield batch


def _rebuild(preview: Preview, changed: set[tuple[object, str]], content_dir: Path, repo_root: Path, out: Path,
             state: LiveState, print_: Callable[..., None]) -> None:
    files = sorted({Path(path) for _, path in changed})
    templates = any(file.is_relative_to(TEMPLATES) for file in files)
    content = [file for file in files if not file.is_relative_to(TEMPLATES) and not file.is_relative_to(STATIC)]
    names = ", ".join(_shown(file, repo_root) for file in files[:3]) + (f" and {len(files) - 3} more"
                                                                        if len(files) > 3 else "")
    if not templates and not content:  # only the stylesheet, script or images: copied, and every page reloads
        copy_static(out)
        state.rebuilt(None)
        print_(f"{names} changed: copied; every open page reloads.", flush=True)
        return
    rebuilt = preview.rebuild(content, templates_changed=templates, first=state.open_pages(), shown=state.rebuilt)
    _report(rebuilt, state, print_, changed=names, files={_shown(file, repo_root) for file in content})


def _report(rebuilt: Rebuilt, state: LiveState, print_: Callable[..., None], *, first: bool = False,
            changed: str = "", files: set[str] = frozenset()) -> None:
    """Print what a rebuild did (as `check` prints problems) and tell the open pages."""
    shown = rebuilt.problems if first else [p for p in rebuilt.problems if p.severity == "error" or p.path in files]
    for problem in shown:
        print_(problem.as_text(), flush=True)
    if rebuilt.changed is None:
        state.failed(rebuilt.problems)
        count = len(rebuilt.errors)
        print_(f"{'The site was not built' if first else 'The preview was not rebuilt'}: fix the {count} error(s) "
               f"above; {'nothing is served until then' if first else 'the last good site is still served'}.",
               file=sys.stderr, flush=True)
        return
    # The open pages that changed were told as soon as they were written (Preview.rebuild); now the others.
    state.rebuilt(None if first else [path for path in rebuilt.changed if path not in rebuilt.shown_first])
    timings = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in rebuilt.seconds.items())
    total = sum(rebuilt.seconds.values())
    if first:
        print_(f"Built {rebuilt.rendered} pages in {total:.1f} s ({timings}).", flush=True)
    else:
        pages = len(rebuilt.changed)
        print_(f"{changed} changed: {pages} page{'s' if pages != 1 else ''} updated in {total:.2f} s "
               f"({rebuilt.rendered} rendered; {timings}).", flush=True)


def _shown(file: Path, repo_root: Path) -> str:
    file = Path(os.path.abspath(file))
    return file.relative_to(repo_root).as_posix() if file.is_relative_to(repo_root) else str(file)
