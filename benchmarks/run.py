#!/usr/bin/env python3
"""Benchmark: wall time and peak memory of `check` and of the full build on demo directories, beside a peer
(Hugo and the same Pagefind, benchmarks/hugo_peer.py) building the same councils, and what search costs a
visitor on the largest site (benchmarks/search_weight.py).

    python benchmarks/run.py                    400, 2,000 and 10,000 councils (what `make benchmark` runs)
    python benchmarks/run.py --sizes 400 --repeat 3
    python benchmarks/run.py --no-peer          without Hugo (the peer needs Debian's hugo: apt-get install hugo)
    python benchmarks/run.py --serve            `serve`: how long one profile's edit takes to reach the open page

Each measurement is a separate process, as a user runs it: `python build.py ...`, or the peer's `hugo` then
`pagefind`. Its peak memory is the larger of: the biggest single process in it (getrusage through wait4: the
build, or Pagefind's binary), and the whole process tree's memory, sampled from /proc every 100 ms while it runs
(the build's processes and Pagefind are alive at the same time): the sum of each process's proportional set
size, which shares a page held by several processes among them. Summing resident memory instead would count
twice every page a forked child shares with its parent (render forks). A further process times each stage of the
build on its own, to say where the time goes and how each stage grows with the number of councils. Prints a
table and writes benchmarks/results/latest.md. Not a test: figures depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import hugo_peer  # noqa: E402 - beside this file
import search_weight  # noqa: E402 - beside this file

RESULTS = ROOT / "benchmarks" / "results" / "latest.md"
START = date(2026, 1, 1)  # the demo's "today": contracts end after it, profiles were reviewed before it
SIZES = (400, 2_000, 10_000)
# (command, councils) -> (seconds, megabytes); None: no target. On a 2-core machine; check is timed cold, in
# a new process.
TARGETS = {("check", 10_000): (4.0, None), ("build", 400): (3.0, None), ("build", 10_000): (None, 1024.0)}
PEER_TARGETS = {10_000: 1.5}  # councils -> the full build's time over the peer's, at most
SAMPLE_EVERY = 0.1  # seconds; sampling more often would take CPU from the build measured
STAGE_OF_WHICH = "of which matching alone"  # timed again inside derive: not a stage of its own in the shares


@dataclass(frozen=True)
class Measurement:
    command: str  # check, build, or peer (Hugo, then Pagefind)
    councils: int
    seconds: float
    cpu_seconds: float  # user + system, the process and its children: less sensitive to a busy machine
    peak_mb: float  # the larger of the biggest process and the sampled tree
    biggest_process_mb: float
    returncode: int
    load: float  # the machine's load average over the last minute, when it finished


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="numbers of councils")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the fastest is kept")
    parser.add_argument("--no-peer", action="store_true", help="without the Hugo peer (when hugo is not installed)")
    parser.add_argument("--no-search-weight", action="store_true",
                        help="without opening the largest site's search page in Chromium")
    parser.add_argument("--stages", type=Path, metavar="CONTENT", help=argparse.SUPPRESS)  # the stage-timing child
    parser.add_argument("--serve", action="store_true",
                        help="time `serve` instead: edits of one profile, from saving it to the page's reload")
    parser.add_argument("--edits", type=int, default=5, help="with --serve: profiles edited at each size")
    args = parser.parse_args(argv)
    if args.stages:
        print(json.dumps(time_stages(args.stages)))
        return 0
    if args.serve:
        return serve_benchmark(args.sizes, args.edits)
    if not args.no_peer and hugo_peer.hugo() is None:
        print("The peer needs Hugo, which was not found on the PATH. Install Debian's: apt-get install hugo "
              "(or run without the peer: python benchmarks/run.py --no-peer).", file=sys.stderr)
        return 2
    measurements: list[Measurement] = []
    stages: dict[int, dict[str, list[float]]] = {}
    weight = None
    with tempfile.TemporaryDirectory(prefix="benchmark-") as temporary:
        for size in args.sizes:
            content = Path(temporary) / f"content-{size}"
            _generate(content, size)
            measured = [min((measure(command, content, Path(temporary) / f"site-{size}", size)
                             for _ in range(args.repeat)), key=lambda m: m.seconds) for command in ("check", "build")]
            peer = None
            if not args.no_peer:
                peer = measure_peer(content, Path(temporary) / f"peer-{size}", size, args.repeat)
                shutil.rmtree(Path(temporary) / f"peer-{size}")
                measured.append(peer)
            measurements += measured
            for measurement in measured:
                print(_row(measurement, peer), flush=True)
            stages[size] = _stages(content)
            print(f"  stages at {size:,}: " + ", ".join(f"{name} {wall:.2f} s (CPU {cpu:.2f} s, {mb:.0f} MB)"
                                                        for name, (wall, cpu, mb) in stages[size].items()), flush=True)
        if not args.no_search_weight:
            largest = max(args.sizes)
            weight = _search_weight(Path(temporary) / f"site-{largest}", Path(temporary) / f"content-{largest}")
    report = markdown(measurements, stages, weight, max(args.sizes))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    print(f"\n{report}\nWritten to {RESULTS.relative_to(ROOT)}.")
    return 1 if any(m.returncode != 0 for m in measurements) else 0


def _generate(content: Path, size: int) -> None:
    # In a child process, so that generating 10,000 profiles does not weigh on the parent's memory.
    code = ("import sys; from datetime import date; from pathlib import Path; from directory.demo import generate; "
            "generate(Path(sys.argv[1]), int(sys.argv[2]), start=date.fromisoformat(sys.argv[3]))")
    subprocess.run([sys.executable, "-c", code, str(content), str(size), START.isoformat()], cwd=ROOT, check=True)


def measure(command: str, content: Path, out: Path, councils: int) -> Measurement:
    arguments = [sys.executable, str(ROOT / "build.py")]
    arguments += ["check"] if command == "check" else ["--out", str(out)]
    arguments += ["--content", str(content), "--today", START.isoformat()]
    return _measured(command, councils, arguments)


def measure_peer(content: Path, work: Path, councils: int, repeat: int) -> Measurement:
    """The peer on the same content: its Hugo site written first (not timed), then Hugo and Pagefind timed, each
    run into a fresh folder."""
    source, out = work / "hugo-site", work / "public"
    subprocess.run([sys.executable, str(Path(__file__).with_name("hugo_peer.py")), str(content), str(source),
                    START.isoformat()], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    runs = []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        runs.append(_measured("peer", councils, hugo_peer.command(source, out), cwd=work))
    return min(runs, key=lambda m: m.seconds)


def _measured(command: str, councils: int, arguments: list[str], cwd: Path = ROOT) -> Measurement:
    started = time.perf_counter()
    process = subprocess.Popen(arguments, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree_peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        tree_peak = max(tree_peak, _tree_memory_kb(process.pid))
        time.sleep(SAMPLE_EVERY)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    biggest = usage.ru_maxrss / 1024  # kilobytes on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Measurement(command, councils, seconds, cpu, max(biggest, tree_peak / 1024), biggest, process.returncode,
                       os.getloadavg()[0])


def _tree_memory_kb(root: int) -> int:
    """The memory a process and all its descendants hold, in kilobytes: the sum of their proportional set sizes
    (/proc/PID/smaps_rollup; each page shared by n processes counts 1/n in each), or of their resident sizes on a
    kernel without it."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * page_kb
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(_proportional_kb(pid, rss.get(pid, 0)) for pid in tree)


def _proportional_kb(pid: int, resident_kb: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:  # gone, or a kernel before 4.14
        pass
    return resident_kb


def _search_weight(site: Path, content: Path) -> search_weight.SearchWeight | str:
    """A visitor's first search on the built site, or why it could not be measured."""
    try:
        return search_weight.measure(site, search_weight.product_query(content))
    except Exception as error:  # noqa: BLE001 - no Chromium or Playwright here: the rest of the report stands
        return f"{type(error).__name__}: {error}"


# ----------------------------------------------------------------------------------------------
# Where the time goes: each stage timed on its own, in a child process


def _stages(content: Path) -> dict[str, list[float]]:
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--stages", str(content)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def time_stages(content: Path) -> dict[str, list[float]]:
    """Stage name -> [wall seconds, CPU seconds (with child processes, such as Pagefind's), peak MB so far (the
    Python process's, or Pagefind's process if larger)]."""
    import resource

    from directory.derive.indexes import derive
    from directory.derive.matching import find_matches
    from directory.outputs.open_data import OPEN_DATA, export
    from directory.outputs.search import index_search
    from directory.content.check import check
    from directory.site.render import render

    timings: dict[str, list[float]] = {}

    def cpu() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    def timed(name, function, *arguments):
        started, cpu_started = time.perf_counter(), cpu()
        result = function(*arguments)
        peak_kb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        timings[name] = [round(time.perf_counter() - started, 3), round(cpu() - cpu_started, 3), round(peak_kb / 1024)]
        return result

    try:
        directory = timed("check (load + validate)", check, content, START, ROOT).directory
        derived = timed("derive (matching included)", derive, directory)
        timed(STAGE_OF_WHICH, find_matches, directory)
        with tempfile.TemporaryDirectory(prefix="benchmark-stages-") as staging:
            pages = timed("render", render, directory, derived, Path(staging), OPEN_DATA)
            timed("export", export, directory, derived, Path(staging), pages)
            timed("search index (Pagefind)", index_search, Path(staging))
    except Exception as error:  # report the stages timed so far, and which one failed
        timings[f"failed: {type(error).__name__}: {error}"[:120]] = [float("nan")] * 3
    return timings


# ----------------------------------------------------------------------------------------------
# serve: one profile edited, until the open page is told to reload

SERVE_RESULTS = ROOT / "benchmarks" / "results" / "serve.md"
SERVE_TARGETS = {400: 1.0, 10_000: 3.0}  # seconds from saving a profile to its page's reload
_REBUILT = re.compile(r"changed: (\d+) pages? updated in ([0-9.]+) s \((\d+) rendered; (.*)\)\.$")


@dataclass(frozen=True)
class ServeEdit:
    councils: int
    council: str
    seconds: float  # from the file's save to the server's message that its page changed
    rebuild_seconds: float  # the rebuild alone, as serve reports it
    stages: str  # serve's own account: check, open pages, other pages (or derive, render, with none open)
    pages_changed: int
    pages_rendered: int


def serve_benchmark(sizes: list[int], edits: int) -> int:
    """Start `python build.py serve` on each demo directory, then, one profile at a time, point the first entry of
    its stack at another product for the same capability (which changes its matches and other councils' too) and
    time how long the server takes to tell an open page of that council to reload. The open data and the search
    index are made again after each edit; the next edit waits for them, as a person reading the page would."""
    results: list[ServeEdit] = []
    with tempfile.TemporaryDirectory(prefix="benchmark-serve-") as temporary:
        for size in sizes:
            content = Path(temporary) / f"content-{size}"
            _generate(content, size)
            results += _serve_edits(content, size, edits)
    report = serve_markdown(results)
    SERVE_RESULTS.parent.mkdir(parents=True, exist_ok=True)
    SERVE_RESULTS.write_text(report, encoding="utf-8")
    print(f"\n{report}\nWritten to {SERVE_RESULTS.relative_to(ROOT)}.")
    return 0


def _serve_edits(content: Path, size: int, edits: int) -> list[ServeEdit]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content), "--port",
                                str(port), "--today", START.isoformat()], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in process.stdout], daemon=True).start()
    results = []
    try:
        started = time.perf_counter()
        _wait_for(lines, "search index are ready", 1200)
        print(f"serve at {size:,} councils: ready in {time.perf_counter() - started:.1f} s", flush=True)

        councils = sorted((content / "councils").glob("*.yaml"))
        for number in range(edits):
            profile = councils[(number * 7919) % len(councils)]
            text = profile.read_text(encoding="utf-8")
            capability, product = re.search(r"- capability: (\S+)\n    product: (\S+)", text).groups()
            other = next(p.stem for p in sorted((content / "products").glob(f"*-{capability}.yaml"))
                         if p.stem != product)
            edited = text.replace(f"product: {product}", f"product: {other}", 1)
            page = f"councils/{profile.stem}/"
            events, messages = _open_page(port, page)  # as the page's script does: it listens to the events
            messages.get(timeout=30)  # the state on connecting
            saved = time.perf_counter()
            profile.write_text(edited, encoding="utf-8")
            while True:
                message = messages.get(timeout=600)
                if message["changed"] == "*" or page in message["changed"]:
                    break
            seconds = time.perf_counter() - saved
            events.close()  # as the page does when it reloads
            line = _wait_for(lines, "changed:", 60)
            found = _REBUILT.search(line)
            results.append(ServeEdit(size, profile.stem, seconds, float(found.group(2)), found.group(4),
                                     int(found.group(1)), int(found.group(3))))
            print(f"  {profile.stem}: {seconds:.2f} s to the reload ({line.split(' changed: ', 1)[1]})", flush=True)
            _wait_for(lines, "search index updated", 1200)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
    return results


def _open_page(port: int, page: str) -> tuple[Any, queue.Queue[dict]]:
    """The server's events as the live script of an open page gets them, naming the page (which serve brings up to
    date first); read in a thread until the connection is closed."""
    messages: queue.Queue[dict] = queue.Queue()
    query = urllib.parse.urlencode({"since": 0, "server": "", "page": page})
    events = urllib.request.urlopen(f"http://127.0.0.1:{port}/__serve__/events?{query}")

    def listen() -> None:
        try:
            for raw in events:
                if raw.startswith(b"data: "):
                    messages.put(json.loads(raw[6:]))
        except (OSError, ValueError):
            pass  # closed
    threading.Thread(target=listen, daemon=True).start()
    return events, messages


def _wait_for(lines, text: str, timeout: float) -> str:
    deadline = time.perf_counter() + timeout
    while True:
        line = lines.get(timeout=max(0.1, deadline - time.perf_counter()))
        if text in line:
            return line


def serve_markdown(results: list[ServeEdit]) -> str:
    lines = [
        "# serve: one profile's edit, on screen", "",
        f"{platform.python_implementation()} {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs. Demo directories from `directory.demo.generate` (start {START}). "
        "Each edit points the first stack entry of one profile at another product for the same capability, which "
        "changes its matches and other councils'. Seconds from saving the file to the server's event telling that "
        "council's open page to reload (the watcher's wait for more changes, 30 ms, included); the page's own "
        "reload adds one request.", "",
        f"Load average when it finished: {' '.join(f'{load:.1f}' for load in os.getloadavg())}.", "",
        "| councils | profile | seconds to the reload | rebuild (serve's account) | pages rendered | pages changed "
        "| target |",
        "|---:|---|---:|---|---:|---:|---|",
    ]
    for edit in results:
        target = SERVE_TARGETS.get(edit.councils)
        verdict = "no target" if target is None else f"{'met' if edit.seconds < target else 'MISSED'} < {target:g} s"
        lines.append(f"| {edit.councils:,} | {edit.council} | {edit.seconds:.2f} | {edit.rebuild_seconds:.2f} s: "
                     f"{edit.stages} | {edit.pages_rendered} | {edit.pages_changed} | {verdict} |")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------
# Reporting

COMMAND_NAMES = {"check": "check", "build": "full build", "peer": "peer: Hugo + Pagefind"}


def _verdict(measurement: Measurement, peer: Measurement | None = None) -> str:
    if measurement.returncode != 0:
        return f"FAILED (exit {measurement.returncode})"
    seconds, megabytes = TARGETS.get((measurement.command, measurement.councils), (None, None))
    ratio = PEER_TARGETS.get(measurement.councils) if measurement.command == "build" else None
    parts = []
    if seconds is not None:
        parts.append(f"{'met' if measurement.seconds < seconds else 'MISSED'} < {seconds:g} s")
    if ratio is not None:
        parts.append("no peer measured" if peer is None or peer.returncode != 0 else
                     f"{'met' if measurement.seconds <= ratio * peer.seconds else 'MISSED'} within {ratio:g}x the peer")
    if megabytes is not None:
        parts.append(f"{'met' if measurement.peak_mb < megabytes else 'MISSED'} < {megabytes / 1024:g} GB")
    return ", ".join(parts) or "no target"


def _row(m: Measurement, peer: Measurement | None = None) -> str:
    return (f"| {COMMAND_NAMES[m.command]} | {m.councils:,} | {m.seconds:.2f} | {m.cpu_seconds:.2f} | {m.peak_mb:.0f} "
            f"| {m.biggest_process_mb:.0f} | {m.load:.1f} | {_verdict(m, peer)} |")


def _exponent(small: float, large: float, n_small: int, n_large: int) -> str:
    """How a cost grows with the number of councils: 1 is linear, 2 quadratic (log(t2/t1) / log(n2/n1))."""
    if not (small > 0 and large > 0) or n_small == n_large:
        return "–"
    return f"{math.log(large / small) / math.log(n_large / n_small):.2f}"


def markdown(measurements: list[Measurement], stages: dict[int, dict[str, list[float]]],
             weight: search_weight.SearchWeight | str | None, largest: int) -> str:
    by = {(m.command, m.councils): m for m in measurements}
    sizes = sorted({m.councils for m in measurements})
    lines = [
        "# Benchmark results", "",
        f"{platform.python_implementation()} {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs. Demo directories from `directory.demo.generate` "
        f"(start {START}). Full build = check, derive (matching), render, export, Pagefind index. The peer "
        "(benchmarks/hugo_peer.py) builds the same councils' pages with Hugo, then indexes them with the same "
        "Pagefind.", "",
        "Load average: the machine's, over the minute before each measurement finished (above the number of CPUs, "
        "other work was competing and wall times are inflated; CPU seconds much less so).", "",
        "## The build beside its peer", "",
        "| councils | check s | full build s | peer s | build / peer | build peak MB | peer peak MB | targets |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for size in sizes:
        check, build, peer = by.get(("check", size)), by.get(("build", size)), by.get(("peer", size))
        verdicts = "; ".join(f"{COMMAND_NAMES[m.command]}: {_verdict(m, peer)}" for m in (check, build)
                             if m is not None and _verdict(m, peer) != "no target")
        lines.append(
            f"| {size:,} | {check.seconds:.2f} | {build.seconds:.2f} | "
            + (f"{peer.seconds:.2f} | {build.seconds / peer.seconds:.2f}x | " if peer else "– | – | ")
            + f"{build.peak_mb:.0f} | " + (f"{peer.peak_mb:.0f}" if peer else "–") + f" | {verdicts or '–'} |")
    lines += [
        "", "## Every measurement", "",
        "| command | councils | wall seconds | CPU seconds | peak MB (process tree) | biggest process MB | load | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
        *(_row(m, by.get(("peer", m.councils))) for m in measurements), "",
    ]
    lines += _stage_shares(stages) + _cost_curve(stages)
    if isinstance(weight, search_weight.SearchWeight):
        lines += search_weight.report(weight, largest)
    elif weight is not None:
        lines += [f"## Search at {largest:,} councils", "", f"Not measured: {weight}", ""]
    return "\n".join(lines) + "\n"


def _stage_shares(stages: dict[int, dict[str, list[float]]]) -> list[str]:
    sizes = list(stages)
    names = [name for name in dict.fromkeys(n for timings in stages.values() for n in timings) if name != STAGE_OF_WHICH]
    lines = ["## Where the time goes: each stage's share of the build's stages, timed one by one in one process", "",
             "Share of the stages' wall time (matching alone is part of derive).", "",
             "| stage | " + " | ".join(f"{size:,} councils" for size in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    for name in names:
        cells = []
        for size in sizes:
            total = sum(wall for stage, (wall, _, _) in stages[size].items() if stage != STAGE_OF_WHICH)
            wall = stages[size].get(name, [float("nan")])[0]
            cells.append(f"{100 * wall / total:.0f}%" if total else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines + [""]


def _cost_curve(stages: dict[int, dict[str, list[float]]]) -> list[str]:
    sizes = list(stages)
    steps = list(zip(sizes, sizes[1:]))
    names = list(dict.fromkeys(name for timings in stages.values() for name in timings))
    lines = ["## The cost curve: each stage at each size, and how it grows", "",
             "Wall seconds / CPU seconds (Pagefind's process included) / peak MB by the end of the stage (the Python "
             "process's, or Pagefind's if larger). Growth: log(t2/t1) / log(n2/n1) of the wall time and of the peak "
             "memory between two sizes: 1 grows as the councils do, 2 as their square.", "",
             "| stage | " + " | ".join(f"{size:,} councils" for size in sizes)
             + "".join(f" | growth {a:,}→{b:,}: time, memory" for a, b in steps) + " |",
             "|---|" + "---:|" * (len(sizes) + len(steps))]
    for name in names:
        cells = [stages[size].get(name, [float("nan")] * 3) for size in sizes]
        row = [f"{wall:.2f} / {cpu:.2f} / {mb:.0f}" for wall, cpu, mb in cells]
        for (a, b), (small, large) in zip(steps, zip(cells, cells[1:])):
            row.append(f"{_exponent(small[0], large[0], a, b)}, {_exponent(small[2], large[2], a, b)}")
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    return lines + [""]


if __name__ == "__main__":
    sys.exit(main())
