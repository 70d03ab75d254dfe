#!/usr/bin/env python3
"""Benchmark: wall time and peak memory of `check` and of the full build, on demo directories.

    python benchmarks/run.py                    400 and 10,000 councils (what `make benchmark` runs)
    python benchmarks/run.py --sizes 400 --repeat 3
    python benchmarks/run.py --serve            `serve`: how long one profile's edit takes to reach the open page

Each measurement is a separate `python build.py ...` process, as a user runs it. Its peak memory is the
larger of: the biggest single process in it (getrusage through wait4: the build, or Pagefind's binary),
and the whole process tree's resident memory, sampled from /proc every 100 ms while it runs (the build
and Pagefind are alive at the same time). A second process times each stage of the build on its own,
to say where the time goes. Prints a table and writes benchmarks/results/latest.md. Not a test: figures
depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "benchmarks" / "results" / "latest.md"
START = date(2026, 1, 1)  # the demo's "today": contracts end after it, profiles were reviewed before it
SIZES = (400, 10_000)
# (command, councils) -> (seconds, megabytes); None: no target.
TARGETS = {("check", 10_000): (2.0, None), ("build", 10_000): (20.0, 1024.0), ("build", 400): (3.0, None)}
SAMPLE_EVERY = 0.1  # seconds; sampling more often would take CPU from the build measured


@dataclass(frozen=True)
class Measurement:
    command: str  # check or build
    councils: int
    seconds: float
    cpu_seconds: float  # user + system, the build and its children: less sensitive to a busy machine
    peak_mb: float  # the larger of the biggest process and the sampled tree
    biggest_process_mb: float
    returncode: int


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="numbers of councils")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the fastest is kept")
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
    measurements, stages = [], {}
    with tempfile.TemporaryDirectory(prefix="benchmark-") as temporary:
        for size in args.sizes:
            content = Path(temporary) / f"content-{size}"
            _generate(content, size)
            for command in ("check", "build"):
                runs = [measure(command, content, Path(temporary) / f"site-{size}", size)
                        for _ in range(args.repeat)]
                measurements.append(min(runs, key=lambda m: m.seconds))
                print(_row(measurements[-1]), flush=True)
            stages[size] = _stages(content)
            print(f"  stages at {size}: " + ", ".join(f"{name} {wall:.2f} s (CPU {cpu:.2f} s)"
                                                      for name, (wall, cpu, _) in stages[size].items()), flush=True)
    report = markdown(measurements, stages)
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
    started = time.perf_counter()
    process = subprocess.Popen(arguments, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree_peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        tree_peak = max(tree_peak, _tree_rss_kb(process.pid))
        time.sleep(SAMPLE_EVERY)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    biggest = usage.ru_maxrss / 1024  # kilobytes on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Measurement(command, councils, seconds, cpu, max(biggest, tree_peak / 1024), biggest, process.returncode)


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, in kilobytes, from /proc."""
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
    return sum(rss.get(pid, 0) for pid in tree)


# ----------------------------------------------------------------------------------------------
# Where the time goes: each stage timed on its own, in a child process


def _stages(content: Path) -> dict[str, list[float]]:
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--stages", str(content)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def time_stages(content: Path) -> dict[str, list[float]]:
    """Stage name -> [wall seconds, CPU seconds (with child processes, such as Pagefind's), peak MB so far]."""
    import resource

    from directory.derive.indexes import derive
    from directory.derive.matching import find_matches
    from directory.outputs.open_data import OPEN_DATA, export
    from directory.outputs.search import index_search
    from directory.pipeline import check
    from directory.site.render import render

    timings: dict[str, list[float]] = {}

    def cpu() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    def timed(name, function, *arguments):
        started, cpu_started = time.perf_counter(), cpu()
        result = function(*arguments)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        timings[name] = [round(time.perf_counter() - started, 3), round(cpu() - cpu_started, 3), round(peak_mb)]
        return result

    try:
        directory = timed("check (load + validate)", check, content, START, ROOT).directory
        derived = timed("derive (matching included)", derive, directory)
        timed("of which matching alone", find_matches, directory)
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
    stages: str  # serve's own account: check, derive, render
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
    import queue
    import socket
    import threading
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content), "--port",
                                str(port), "--today", START.isoformat()], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in process.stdout], daemon=True).start()
    messages: queue.Queue[dict] = queue.Queue()
    results = []
    try:
        started = time.perf_counter()
        _wait_for(lines, "search index are ready", 1200)
        print(f"serve at {size:,} councils: ready in {time.perf_counter() - started:.1f} s", flush=True)

        def listen() -> None:  # as the open pages do: the server's events
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__serve__/events?since=0&server=") as events:
                for raw in events:
                    if raw.startswith(b"data: "):
                        messages.put(json.loads(raw[6:]))
        threading.Thread(target=listen, daemon=True).start()
        messages.get(timeout=30)  # the state on connecting
        councils = sorted((content / "councils").glob("*.yaml"))
        for number in range(edits):
            profile = councils[(number * 7919) % len(councils)]
            text = profile.read_text(encoding="utf-8")
            capability, product = re.search(r"- capability: (\S+)\n    product: (\S+)", text).groups()
            other = next(p.stem for p in sorted((content / "products").glob(f"*-{capability}.yaml"))
                         if p.stem != product)
            edited = text.replace(f"product: {product}", f"product: {other}", 1)
            page = f"councils/{profile.stem}/"
            saved = time.perf_counter()
            profile.write_text(edited, encoding="utf-8")
            while True:
                message = messages.get(timeout=600)
                if message["changed"] == "*" or page in message["changed"]:
                    break
            seconds = time.perf_counter() - saved
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


def _verdict(measurement: Measurement) -> str:
    target = TARGETS.get((measurement.command, measurement.councils))
    if measurement.returncode != 0:
        return f"FAILED (exit {measurement.returncode})"
    if target is None:
        return "no target"
    seconds, megabytes = target
    parts = [f"{'met' if measurement.seconds < seconds else 'MISSED'} < {seconds:g} s"]
    if megabytes:
        parts.append(f"{'met' if measurement.peak_mb < megabytes else 'MISSED'} < {megabytes / 1024:g} GB")
    return ", ".join(parts)


def _row(m: Measurement) -> str:
    command = "check" if m.command == "check" else "full build"
    return (f"| {command} | {m.councils:,} | {m.seconds:.2f} | {m.cpu_seconds:.2f} | {m.peak_mb:.0f} "
            f"| {m.biggest_process_mb:.0f} "
            f"| {_verdict(m)} |")


def markdown(measurements: list[Measurement], stages: dict[int, dict[str, float]]) -> str:
    lines = [
        "# Benchmark results", "",
        f"{platform.python_implementation()} {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs. Demo directories from `directory.demo.generate` "
        f"(start {START}). Full build = check, derive (matching), render, export, Pagefind index.", "",
        f"Load average when it finished: {' '.join(f'{load:.1f}' for load in os.getloadavg())} "
        "(above the number of CPUs, other work was competing and wall times are inflated; CPU seconds much "
        "less so).", "",
        "| command | councils | wall seconds | CPU seconds | peak MB (process tree) | biggest process MB | target |",
        "|---|---:|---:|---:|---:|---:|---|",
        *(_row(m) for m in measurements), "",
        "## Where the time goes (each stage timed on its own, in one process)", "",
        "Wall seconds / CPU seconds (Pagefind's process included) / the Python process's peak MB so far.", "",
        "| stage | " + " | ".join(f"{size:,} councils" for size in stages) + " |",
        "|---|" + "---:|" * len(stages),
    ]
    names = list(dict.fromkeys(name for timings in stages.values() for name in timings))
    for name in names:
        cells = [timings.get(name, [float("nan")] * 3) for timings in stages.values()]
        lines.append(f"| {name} | " + " | ".join(f"{wall:.2f} / {cpu:.2f} / {mb:.0f}" for wall, cpu, mb in cells)
                     + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
