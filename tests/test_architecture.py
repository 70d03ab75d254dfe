"""The layout ARCHITECTURE.md describes: imports point only down the pipeline, and the documents the code
cites are in the repository."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "directory"

# Each part of the package and the layer it sits on: a module may import from its own layer and the layers
# below it, never from a later one. wording and memory are helpers every stage may use, so they import
# nothing from the stages; the pipeline runs every stage; commands run the pipeline.
LAYERS = {
    "directory.wording": 0,
    "directory.memory": 0,
    "directory.content": 1,
    "directory.derive": 2,
    "directory.site": 3,
    "directory.outputs": 4,
    "directory.pipeline": 5,
    "directory.commands": 6,
}
FREE = {"directory.demo"}  # the fictional demo directory: writes YAML for tests and benchmarks, any layer may use it

# Known imports against the pipeline, each to be removed with its cause; none now. test_every_allowance_is_still_needed
# fails once an import is gone, so an allowance cannot outlive it.
ALLOWED: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """The modules of this package that a module imports, anywhere in it, relative imports resolved."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            source = ".".join(base + ([node.module] if node.module else []))
            # `from . import matching` imports a module; `from .models import Council`, a name in one.
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return {file_of(module) for module in found if module.startswith("directory.")}


def file_of(module: str) -> str:
    """directory.content.models.Council -> directory.content.models: the module a name was imported from."""
    parts = module.split(".")
    while len(parts) > 1 and not (ROOT.joinpath(*parts).with_suffix(".py").exists()
                                  or ROOT.joinpath(*parts).is_dir()):
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int | None:
    for part, number in LAYERS.items():
        if module == part or module.startswith(part + "."):
            return number
    return None


def against_the_pipeline() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = module_name(path)
        if importer in FREE:
            continue
        own = layer(importer)
        assert own is not None, f"{importer} is in no layer: add its folder to LAYERS and to ARCHITECTURE.md"
        for target in imported(path):
            target_layer = layer(target)
            if target_layer is not None and target_layer > own:
                found.add((importer, target))
    return found


def test_imports_point_only_down_the_pipeline():
    assert against_the_pipeline() - ALLOWED == set()


def test_every_allowance_is_still_needed():
    assert ALLOWED - against_the_pipeline() == set(), "the import is gone: remove its allowance from ALLOWED"


def test_the_helpers_every_stage_uses_import_no_stage():
    for helper in ("wording", "memory"):
        assert imported(PACKAGE / f"{helper}.py") == set(), f"directory/{helper}.py imports from the package"


def test_imports_are_read_with_relative_imports_resolved():
    assert imported(PACKAGE / "derive" / "indexes.py") >= {"directory.content.models", "directory.derive.matching",
                                                           "directory.memory"}


# Named by the code but not part of the repository on purpose: each shared data folder's own description,
# read from the folder a conversion script is given on its command line.
INPUTS = {"SOURCE.md"}


def test_documents_the_code_cites_are_in_the_repository():
    cited = set()
    for path in [*PACKAGE.rglob("*.py"), ROOT / "build.py", *(ROOT / "scripts").glob("*.py"),
                 *(ROOT / "benchmarks").glob("*.py")]:
        cited |= {(name, path.relative_to(ROOT).as_posix())
                  for name in re.findall(r"\b[A-Z][A-Z_]+\.md\b", path.read_text(encoding="utf-8"))}
    assert sorted((name, where) for name, where in cited if name not in INPUTS and not (ROOT / name).exists()) == []
    assert {name for name, _ in cited} >= {"ARCHITECTURE.md", "CONTRIBUTING.md"}
