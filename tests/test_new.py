"""`new council ID` and `new project ID`: valid starting files, every field explained."""
from __future__ import annotations

import re

import pytest

import build
from directory.commands.new import ScaffoldError, scaffold, write_new
from directory.content.hygiene import PLACEHOLDER
from directory.content.load import schema_line
from directory.content.models import Challenge, Contract, Council, Participation, Pledge, Project, StackEntry
from tests.conftest import TODAY, ContentTree


def confirmed(text: str) -> str:
    """A new file whose officer has confirmed every placeholder, by deleting its marker."""
    return text.replace(f'"{PLACEHOLDER} ', '"')


@pytest.mark.parametrize("kind, folder", [("council", "councils"), ("project", "projects")])
def test_the_new_file_checks_with_a_warning_per_placeholder(content: ContentTree, kind: str, folder: str):
    path = write_new(content.root, kind, "north-somewhere", TODAY)
    assert path == content.root / folder / "north-somewhere.yaml"
    assert path.read_text().startswith(schema_line(kind, 2) + "\n")
    checked = content.check()
    assert not checked.errors  # valid as it is, so it can be checked and built while it is filled in
    placeholders = [line for line in path.read_text().splitlines() if f'"{PLACEHOLDER} ' in line]
    assert [(p.line, p.blocks_merge) for p in checked.warnings] == [
        (path.read_text().splitlines().index(line) + 1, True) for line in placeholders]
    records = checked.directory.councils if kind == "council" else checked.directory.projects
    assert records["north-somewhere"].name.startswith("North Somewhere")
    path.write_text(confirmed(path.read_text()))
    assert content.problems() == []


def _uncommented(text: str, fields: set[str]) -> str:
    """The file with the commented examples of these top-level fields switched on."""
    lines, on = [], False
    for line in text.splitlines():
        field = re.match(r"# ([a-z_]+):", line)
        if field:
            on = field.group(1) in fields
        elif not line.startswith("#   "):  # a block goes on while its lines are indented
            on = False
        lines.append(line[2:] if on else line)
    return "\n".join(lines) + "\n"


def test_the_commented_examples_check_when_switched_on(content: ContentTree):
    text = confirmed(scaffold("council", "north-somewhere", TODAY))
    examples = {"website", "maintainers", "contact", "reviewed", "summary", "stack", "challenges", "projects",
                "contracts"}
    content.write("councils/north-somewhere.yaml", _uncommented(text, examples), schema_line=False)
    checked = content.check()
    assert checked.problems == []
    council = checked.directory.councils["north-somewhere"]
    assert [entry.product for entry in council.stack] == ["localgov-drupal"]
    assert council.challenges[0].topics == ["pdf-reduction"] and council.projects[0].pledge.money_gbp == 5000
    assert (council.contracts[0].capability, str(council.contracts[0].ends)) == ("website", "2028-03-31")
    project = confirmed(scaffold("project", "shared-forms", TODAY))
    content.write("projects/shared-forms.yaml", _uncommented(project, {
        "product", "capabilities", "topics", "seeking", "repository", "licence", "website"}), schema_line=False)
    assert content.problems() == []


@pytest.mark.parametrize("kind, models", [
    ("council", [Council, StackEntry, Challenge, Participation, Pledge, Contract]),
    ("project", [Project]),
])
def test_every_field_is_shown_with_its_description(kind: str, models):
    text = scaffold(kind, "example", TODAY)
    comments = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#"))
    comments = " ".join(comments.split())
    for model in models:
        for name, field in model.model_fields.items():
            if name == "id":
                continue
            assert re.search(rf"(^|\n)(# )?( *- | *){name}:", text), f"{model.__name__}.{name} has no example"
            assert " ".join(field.description.split()) in comments, f"{model.__name__}.{name} is not explained"


def test_never_overwrites(content: ContentTree):
    with pytest.raises(ScaffoldError, match="already exists: edit it instead"):
        write_new(content.root, "council", "cumberland", TODAY)
    assert "name: Cumberland Council" in (content.root / "councils/cumberland.yaml").read_text()


@pytest.mark.parametrize("record_id, suggestion", [
    ("North_Somewhere", "north-somewhere"), ("north somewhere", "north-somewhere"), ("../escape", "escape"),
    ("north-", "north"), ("", None),
])
def test_invalid_ids_are_rejected_with_a_suggestion(content: ContentTree, record_id: str, suggestion):
    with pytest.raises(ScaffoldError, match="is not a valid id") as error:
        write_new(content.root, "project", record_id, TODAY)
    if suggestion:
        assert f"such as '{suggestion}'" in str(error.value)
    assert sorted(p.name for p in (content.root / "projects").iterdir()) == [
        "localgov-elections.yaml", "localgov-publications.yaml"]


def test_command_line(content: ContentTree, capsys):
    args = ["new", "council", "north-somewhere", "--content", str(content.root), "--today", TODAY.isoformat()]
    assert build.main(args) == 0
    assert "councils/north-somewhere.yaml: make each value starting with 'CHECK: ' right and delete the marker" \
        in capsys.readouterr().out
    assert build.main(args) == 2
    assert "already exists" in capsys.readouterr().err
    assert build.main(["new", "council", "Bad Id", "--content", str(content.root)]) == 2
    assert "'Bad Id' is not a valid id" in capsys.readouterr().err
    assert build.main(["check", "--content", str(content.root), "--today", TODAY.isoformat()]) == 0
    assert build.main(["check", "--strict", "--content", str(content.root), "--today", TODAY.isoformat()]) == 1
