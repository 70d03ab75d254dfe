"""build.py as a council officer and GitHub Actions run it: output, formats and exit codes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ContentTree

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_check_clean_content_exits_0(content: ContentTree):
    result = run("check", "--content", str(content.root), "--today", "2026-11-01")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "no errors" in result.stderr


def test_check_with_errors_exits_1_and_prints_every_error(content: ContentTree):
    content.council("test", website="http://x.example")
    content.council("other", gss="E06000063")
    result = run("check", "--content", str(content.root), "--today", "2026-11-01")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(": error: " in line for line in lines)
    assert "Traceback" not in result.stderr


def test_check_imports_nothing_only_a_build_needs():
    """`check` runs on every pull request: it does not wait for Jinja, markdown-it, derive, the pages, the open data
    or Pagefind to be imported."""
    shown = subprocess.run([sys.executable, "-c", "import sys, build; build.main(['check', '--content', 'content']);"
                            "print(' '.join(sorted(sys.modules)), file=sys.stderr)"],
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "no errors" in shown.stderr, shown.stderr[-2000:]
    modules = set(shown.stderr.splitlines()[-1].split())
    assert "directory.content.validate" in modules
    assert not {module for module in modules if module.split(".")[0] in {"jinja2", "markdown_it", "pagefind"}
                or module.startswith(("directory.derive", "directory.site", "directory.outputs",
                                      "directory.pipeline", "directory.commands.serve"))}


def test_paths_are_relative_to_the_repository_when_inside_it():
    result = run("check", "--content", "content", "--today", "2026-11-01")
    assert result.returncode == 0, result.stdout[-2000:]


def test_warnings_fail_only_with_strict(content: ContentTree):
    content.council("test", reviewed="2024-01-01")
    plain = run("check", "--content", str(content.root), "--today", "2026-11-01")
    strict = run("check", "--content", str(content.root), "--today", "2026-11-01", "--strict")
    assert plain.returncode == 0 and ": warning: " in plain.stdout
    assert strict.returncode == 1


def test_github_format_prints_workflow_annotations(content: ContentTree):
    content.council("test", kind="distrct")
    result = run("check", "--content", str(content.root), "--format", "github", "--today", "2026-11-01")
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("::error file=")
    assert ",line=4,col=7,title=error in " in line
    assert line.endswith("::kind is 'distrct', which is not one of the allowed values. Did you mean 'district'? "
                         "Use one of: county, district, unitary, metropolitan-district, london-borough, sui-generis.")


def test_bad_usage_exits_2():
    assert run("check", "--format", "xml").returncode == 2
    assert run("frobnicate").returncode == 2


def test_what_a_command_cannot_do_is_bad_usage(content: ContentTree):
    invalid = run("new", "council", "Bad_Id", "--content", str(content.root))
    assert invalid.returncode == 2 and "is not a valid id" in invalid.stderr
    existing = run("new", "council", "cumberland", "--content", str(content.root))
    assert existing.returncode == 2 and "already exists" in existing.stderr
    assert run("diff", "nosuchbranch", "--content", str(content.root)).returncode == 2


def test_build_refuses_invalid_content_and_leaves_the_old_site(content: ContentTree, tmp_path: Path):
    out = tmp_path / "out"
    good = run("--content", str(content.root), "--out", str(out), "--no-search", "--today", "2026-11-01")
    assert good.returncode == 0, good.stderr
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    content.council("test", kind="parish")
    bad = run("--content", str(content.root), "--out", str(out), "--no-search", "--today", "2026-11-01")
    assert bad.returncode == 1
    assert "The site was not built" in bad.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")]


def test_build_replaces_the_old_site_in_one_step(content: ContentTree, tmp_path: Path):
    out = tmp_path / "out"
    assert run("--content", str(content.root), "--out", str(out), "--no-search", "--today", "2026-11-01").returncode == 0
    (out / "leftover.html").write_text("old")
    content.council("test")
    assert run("--content", str(content.root), "--out", str(out), "--no-search", "--today", "2026-11-01").returncode == 0
    assert not (out / "leftover.html").exists()
    assert (out / "councils" / "test" / "index.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]
