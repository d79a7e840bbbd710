"""The files contributors and CI rely on: workflows, hooks, templates, docs."""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest
import yaml

from cli import cli
from tests.conftest import REPO

ALLOWED_PROGRAMS = {"python", "coalition", "make"}
ALLOWED_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/upload-artifact"}


def _make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text()
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.M))


def check_command(line: str) -> None:
    """A shell line calls only programs the project has, with subcommands that exist."""
    for part in re.split(r"\s*(?:&&|\|\||;|\|)\s*", line):
        words = shlex.split(part.split(">>")[0])
        if not words:
            continue
        program = words[0]
        assert program in ALLOWED_PROGRAMS, f"unknown program in: {line}"
        if program == "coalition":
            assert words[1] in cli.commands, f"no command `coalition {words[1]}`"
            options = {w.split("=")[0] for w in words[2:] if w.startswith("--")}
            known = {o for p in cli.commands[words[1]].params for o in getattr(p, "opts", [])}
            assert options <= known, f"unknown options {options - known} in: {line}"
        if program == "make":
            assert set(words[1:]) <= _make_targets(), f"unknown make target in: {line}"
        if program == "python":
            assert words[1:4] == ["-m", "pip", "install"] or words[1:3] == ["-m", "pytest"], line


@pytest.mark.parametrize("name", ["pledges.yml", "ci.yml"])
def test_workflows_parse_and_call_only_real_commands(name: str) -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text())
    assert workflow["permissions"] == {"contents": "read"}
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    for step in steps:
        if "uses" in step:
            assert step["uses"].split("@")[0] in ALLOWED_ACTIONS
        for line in step.get("run", "").splitlines():
            check_command(line)


def test_pledge_workflow_runs_every_review_step() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pledges.yml").read_text())
    assert workflow[True]["pull_request"]["paths"] == ["pledges/**"]  # YAML 1.1 reads `on` as True
    runs = " ".join(s.get("run", "") for s in workflow["jobs"]["review"]["steps"])
    for needed in (
        'coalition validate --format github --changed-since "$BASE"',
        "coalition fmt --check",
        "coalition build",
        '--format markdown >> "$GITHUB_STEP_SUMMARY"',
        "coalition export",
    ):
        assert needed in runs


def test_pre_commit_hooks_call_real_commands() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {h["id"] for h in hooks} == {
        "coalition-validate",
        "coalition-fmt",
        "ruff",
        "ruff-format",
    }
    for hook in hooks:
        words = shlex.split(hook["entry"])
        if words[0] == "coalition":
            check_command(hook["entry"])
            assert re.search(hook["files"], "pledges/FRA.yaml")
            assert re.search(hook["files"], "pledges/coalition.yaml")
            assert not re.search(hook["files"], "pledges/schema.json")
        else:
            assert words[0] == "ruff"


def test_issue_forms_ask_for_a_source() -> None:
    for name in ("pledge.yml", "data-error.yml"):
        form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / name).read_text())
        source = next(item for item in form["body"] if item.get("id") == "source")
        assert source["validations"]["required"] is True


def test_pull_request_template_has_the_reviewer_checklist() -> None:
    text = (REPO / ".github" / "pull_request_template.md").read_text()
    assert text.count("- [ ]") == 6
    assert "new dated statement" in text and "own words" in text


def test_contributing_opens_with_the_five_steps() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text()
    assert text.splitlines()[2] == "## Add or update a country in five steps"
    for command in ("coalition new", "coalition validate", "coalition diff", "coalition fmt"):
        assert command in text


def test_ci_script_runs_make_test() -> None:
    lines = (REPO / ".ci" / "run").read_text().splitlines()
    assert "make test" in lines


def test_the_fast_suite_runs_on_windows_and_macos() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())
    fast = workflow["jobs"]["fast"]
    assert fast["strategy"]["matrix"]["os"] == ["windows-latest", "macos-latest"]
    runs = [s["run"] for s in fast["steps"] if "run" in s]
    makefile = (REPO / "Makefile").read_text()
    selection = re.search(r'^check:.*\n\t.*pytest (-m "[^"]+")', makefile, flags=re.M).group(1)
    assert f"python -m pytest {selection}" in runs


def test_data_repository_files() -> None:
    assert "MIT License" in (REPO / "LICENSE").read_text()
    assert "CC BY 4.0" in (REPO / "pledges" / "LICENSE.md").read_text()
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0" and citation["license"] == "CC-BY-4.0"
    owners = (REPO / ".github" / "CODEOWNERS").read_text()
    assert re.search(r"^/pledges/ @\S+", owners, flags=re.M)
    readme = (REPO / "README.md").read_text()
    assert "## How to cite" in readme
    tracked = subprocess.run(
        ["git", "ls-files", ".coalition.db.build-lock"], cwd=REPO, capture_output=True, text=True
    )
    assert tracked.stdout == ""
    assert ".*.build-lock" in (REPO / ".gitignore").read_text().splitlines()
