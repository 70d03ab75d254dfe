"""The GitHub side: workflows linted by actionlint and audited by zizmor, the security rules the project
keeps, Dependabot, and the issue forms and pull-request template council staff use."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from directory.content.models import (
    Capability,
    Challenge,
    Contract,
    Council,
    Decision,
    Participation,
    Pledge,
    Product,
    Project,
    Proposal,
    ProposedCouncil,
    Reorganisation,
    Site,
    Source,
    StackEntry,
    Topic,
)

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed: pip install -r requirements-dev.txt"
    return str(path)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def test_there_are_the_three_workflows():
    assert [path.name for path in WORKFLOWS] == ["freshness.yml", "publish.yml", "pull-request.yml"]


def test_actionlint_is_clean():
    result = subprocess.run([tool("actionlint"), "-no-color", *map(str, WORKFLOWS)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_is_clean():
    env = {key: value for key, value in os.environ.items()
           if key not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")}
    result = subprocess.run([tool("zizmor"), "--offline", "--no-progress", "--color", "never", str(GITHUB)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_never_pull_request_target(path: Path):
    code = [line.split("#", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()]
    assert not [line for line in code if "pull_request_target" in line]
    assert "pull_request_target" not in load(path)["on"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_interpolated_into_a_script(path: Path):
    # Values reach scripts through env: and "$NAME", so nothing from the event can become shell code.
    for job_id, step in steps(load(path)):
        if "run" in step:
            assert "${{" not in step["run"], f"{path.name}, job {job_id}: move the expression into env:"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path: Path):
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert lines
    for line in lines:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line
    for job_id, step in steps(load(path)):
        if "uses" in step and step["uses"].startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, f"{path.name}, job {job_id}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path: Path):
    workflow = load(path)
    assert workflow["permissions"] == {}
    for job_id, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {job_id} has no permissions"
        granted = job["permissions"]
        if path.name == "publish.yml" and job_id == "deploy":
            assert granted == {"pages": "write", "id-token": "write"}
        else:
            assert granted == {"contents": "read"}, f"{path.name}: job {job_id}"


def test_pull_request_checks():
    workflow = load(GITHUB / "workflows/pull-request.yml")
    assert list(workflow["on"]) == ["pull_request"]
    check_steps = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in check_steps]
    assert "python build.py check --format github --pull-request" in runs
    [summary] = [step for step in check_steps if "build.py diff" in step.get("run", "")]
    assert summary["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    assert summary["run"] == 'python build.py diff "$BASE_SHA" --format markdown >> "$GITHUB_STEP_SUMMARY"'
    [python] = [step for step in check_steps if step.get("uses", "").startswith("actions/setup-python@")]
    assert python["with"]["cache"] == "pip"
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") and step["with"]["path"] == "site/"
               for step in check_steps)
    test_job = workflow["jobs"]["test"]
    assert test_job["steps"][-1]["run"] == ".ci/run"  # the same entry point as CI: Chromium from apt, then make test
    assert "apt-get install" in (ROOT / ".ci/run").read_text()


def test_publish_deploys_to_pages_one_at_a_time():
    workflow = load(GITHUB / "workflows/publish.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build_job, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in build_job["steps"])
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_freshness_runs_weekly_and_on_demand():
    workflow = load(GITHUB / "workflows/freshness.yml")
    [schedule] = workflow["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()
    assert "workflow_dispatch" in workflow["on"]
    runs = [step.get("run", "") for _, step in steps(workflow)]
    assert 'python build.py freshness --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs


def test_dependabot_keeps_pip_and_actions_current():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text())
    assert config["version"] == 2
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(ecosystems) == {"pip", "github-actions"}
    assert all(update["schedule"]["interval"] == "weekly" for update in ecosystems.values())


# ----------------------------------------------------------------------------------------------
# Issue forms, for people who do not use git

FORMS = sorted(path for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if path.name != "config.yml")
TOP_LEVEL = {"name", "description", "title", "labels", "assignees", "body", "projects", "type"}
ELEMENT_ATTRIBUTES = {
    "markdown": {"value"},
    "input": {"label", "description", "placeholder", "value"},
    "textarea": {"label", "description", "placeholder", "value", "render"},
    "dropdown": {"label", "description", "options", "multiple", "default"},
    "checkboxes": {"label", "description", "options"},
}
# Which models each form fills in: every "YAML field: `x`" it names must be a field of one of them.
FORM_MODELS = {
    "1-council-profile.yml": [Council, StackEntry, Challenge, Participation, Pledge],
    "2-product-capability-topic.yml": [Product, Capability, Topic],
    "3-shared-project.yml": [Project, Participation],
}


def test_there_is_a_form_for_each_request():
    assert [path.name for path in FORMS] == sorted(FORM_MODELS)


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_issue_form_syntax(path: Path):
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(form) <= TOP_LEVEL and {"name", "description", "body"} <= set(form)
    ids = []
    for element in form["body"]:
        kind = element["type"]
        assert set(element) <= {"type", "id", "attributes", "validations"}, element
        assert set(element["attributes"]) <= ELEMENT_ATTRIBUTES[kind], element
        if kind == "markdown":
            continue
        assert re.fullmatch(r"[a-z0-9_-]+", element["id"]) and element["attributes"]["label"]
        ids.append(element["id"])
        if kind == "dropdown":
            options = element["attributes"]["options"]
            assert options and all(isinstance(option, str) for option in options)
            assert len(set(options)) == len(options)
        if kind == "checkboxes":
            assert all(set(option) <= {"label", "required"} for option in element["attributes"]["options"])
        if "validations" in element:
            assert set(element["validations"]) == {"required"}
    assert len(ids) == len(set(ids)), "element ids must be unique"


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_each_question_says_which_yaml_field_it_fills(path: Path):
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = {name for model in FORM_MODELS[path.name] for name in model.model_fields}
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        description = element["attributes"]["description"]
        if description.startswith("Not in the"):
            continue
        assert description.startswith("YAML field: `"), element["id"]
        named = re.findall(r"`([a-z_]+)`", description)
        assert named and set(named) <= fields, (element["id"], set(named) - fields)


def test_issue_chooser_links_to_the_guide():
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/config.yml").read_text())
    site = Site.model_validate({k: v for k, v in yaml.safe_load((ROOT / "content/site.yaml").read_text()).items()})
    [link] = config["contact_links"]
    assert link["url"] == f"{site.repository}/blob/{site.branch}/CONTRIBUTING.md"
    assert (ROOT / "CONTRIBUTING.md").is_file()


def test_pull_request_template_has_a_short_checklist():
    text = (GITHUB / "pull_request_template.md").read_text()
    items = re.findall(r"^- \[ \] .+$", text, re.MULTILINE)
    assert 3 <= len(items) <= 7
    assert any("email address or phone number" in item for item in items)


# ----------------------------------------------------------------------------------------------
# The contribution guide: its field tables, example profile and error messages are the real ones

GUIDE = ROOT / "CONTRIBUTING.md"


def test_the_guide_explains_every_field_as_the_model_does():
    from directory.commands.new import field_reference

    text = GUIDE.read_text(encoding="utf-8")
    tables = dict(re.findall(r"<!-- fields: (\w+) .*?-->\n(.*?)\n<!-- end of fields -->", text, re.DOTALL))
    models = {model.__name__: model for model in (Council, StackEntry, Challenge, Participation, Pledge, Contract,
                                                  Project, Product, Reorganisation, Proposal, ProposedCouncil,
                                                  Decision, Source)}
    assert set(tables) == set(models)
    for name, table in tables.items():
        expected = field_reference(models[name])
        assert table == expected, f"Replace the {name} table in CONTRIBUTING.md with:\n{expected}"


def _code_blocks(language: str) -> list[str]:
    return re.findall(rf"^ *```{language}\n(.*?)^ *```$", GUIDE.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def test_the_guides_example_profile_checks(content):
    [profile] = _code_blocks("yaml")
    content.write("councils/example-district.yaml", profile, schema_line=False)
    checked = content.check()
    assert checked.problems == []
    council = checked.directory.councils["example-district"]
    assert council.stack and council.challenges and council.projects[0].pledge.money_gbp == 5000


def test_the_guides_error_example_is_what_check_says(tmp_path: Path):
    from directory.content.check import check
    from tests.conftest import TODAY

    shutil.copytree(ROOT / "content", tmp_path / "content")
    profile = tmp_path / "content/councils/cumberland.yaml"
    text = profile.read_text(encoding="utf-8")
    broken = (text.replace("status: active\n", "status: active\ncontact: jane.smith@gmail.com\n"
                                               "website: https://www.cumberland.gov.uk\n")
              .replace("    product: localgov-drupal\n", "    product: localgov-drupl\n    since: 2023\n"
                                                         "    contract_ends: 31/03/2028\n")
              .replace("region: North West", "region: north west"))
    profile.write_text(broken, encoding="utf-8")
    first, second = (block.strip().splitlines() for block in _code_blocks("text"))
    assert [p.as_text() for p in check(tmp_path / "content", TODAY, tmp_path).problems] == first
    fixed = broken.replace("region: north west", "region: North West").replace("31/03/2028", "2028-03-31")
    profile.write_text(fixed, encoding="utf-8")
    reported = [p.as_text() for p in check(tmp_path / "content", TODAY, tmp_path).problems]
    assert [line.strip() for line in second if line.strip() in reported] == [line.strip() for line in second]
