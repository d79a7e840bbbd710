"""The files contributors and CI rely on: workflows, hooks, templates, docs."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

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


@pytest.mark.parametrize("name", ["pledges.yml", "ci.yml", "review.yml"])
def test_workflows_parse_and_call_only_real_commands(name: str) -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text())
    assert workflow["permissions"] == {"contents": "read"}
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    for step in steps:
        if "uses" in step:
            assert step["uses"].split("@")[0] in ALLOWED_ACTIONS
        for line in step.get("run", "").splitlines():
            check_command(line)


def test_review_workflow_runs_weekly_into_the_job_summary() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "review.yml").read_text())
    assert workflow[True]["schedule"] == [{"cron": "0 6 * * 1"}]  # YAML 1.1 reads `on` as True
    runs = [s.get("run", "") for s in workflow["jobs"]["due"]["steps"]]
    assert 'coalition review --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs


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


def _dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (INSTRUCTION, arguments), continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", (REPO / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def _streamlit_option(variable: str) -> str | None:
    """STREAMLIT_SERVER_BASE_URL_PATH -> server.baseUrlPath, if Streamlit has that option."""
    from streamlit import config

    for key in config._config_options_template:
        section, _, name = key.partition(".")
        env = "STREAMLIT_" + section.upper() + "_" + re.sub(r"([A-Z])", r"_\1", name).upper()
        if env == variable:
            return key
    return None


def test_the_dockerfile_runs_only_what_the_project_has() -> None:
    instructions = _dockerfile()
    kinds = [kind for kind, _ in instructions]
    assert instructions[0][0] == "FROM" and re.fullmatch(
        r"python:3\.1[1-9]-slim-\w+", instructions[0][1]
    ), "a slim Debian Python base"
    for kind, args in instructions:
        if kind == "COPY":
            *sources, _ = args.split()
            for source in sources:
                assert (REPO / source).exists(), f"the Dockerfile copies {source}, which is missing"
        if kind == "RUN":
            for part in re.split(r"\s*&&\s*", args):
                words = shlex.split(part)
                if words[0] == "coalition":
                    check_command(part)
                else:
                    assert words[0] in {"apt-get", "rm", "pip", "python", "useradd"}, part
                    if words[0] == "apt-get" and "install" in words:
                        assert "chromium" in words, "Chromium for the image exports"
    # Runs as a user that is not root, checks its health and serves app.py.
    user = next(args for kind, args in instructions if kind == "USER")
    assert user not in {"root", "0"}
    assert kinds.index("USER") > max(i for i, k in enumerate(kinds) if k == "RUN")
    health = next(args for kind, args in instructions if kind == "HEALTHCHECK")
    assert health.split(" CMD ", 1)[1] == '["python", "/app/deploy/healthcheck.py"]'
    assert "COPY deploy/healthcheck.py ./deploy/healthcheck.py" in {
        f"{k} {a}" for k, a in instructions
    }
    assert instructions[-1] == ("CMD", '["streamlit", "run", "app.py"]')
    # The database is built after the data is copied in, so the image serves a current build.
    order = [f"{k} {a}" for k, a in instructions]
    assert order.index("COPY pledges ./pledges") < order.index(
        "RUN coalition validate && coalition build"
    )


def test_every_setting_in_the_image_is_one_the_code_or_streamlit_reads() -> None:
    env = " ".join(args for kind, args in _dockerfile() if kind == "ENV")
    names = re.findall(r"([A-Z][A-Z0-9_]+)=", env)
    code = "\n".join(
        path.read_text()
        for folder in ("db", "components")
        for path in (REPO / folder).rglob("*.py")
    )
    for name in names:
        if name.startswith("COALITION_"):
            assert f'"{name}"' in code, f"{name} is set in the image but nothing reads it"
        elif name.startswith("STREAMLIT_"):
            assert _streamlit_option(name), f"{name} is not a Streamlit option"
        else:
            assert name in {
                "PYTHONDONTWRITEBYTECODE",
                "PYTHONUNBUFFERED",
                "PIP_NO_CACHE_DIR",
                "HOME",
            }
    assert "COALITION_READONLY=1" in env
    assert "STREAMLIT_SERVER_BASE_URL_PATH=" in env


def test_compose_runs_read_only_replicas_behind_the_balancer() -> None:
    from scripts.serve import compose_haproxy_config

    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    dashboard, balancer = compose["services"]["dashboard"], compose["services"]["balancer"]
    assert dashboard["build"] == "." and dashboard["read_only"] is True
    assert dashboard["tmpfs"] == ["/tmp"]
    replicas = dashboard["deploy"]["replicas"]
    assert replicas >= 2
    assert balancer["image"].startswith("haproxy:")
    source, target, mode = balancer["volumes"][0].split(":")
    assert (source, target, mode) == (
        "./deploy/haproxy.cfg", "/usr/local/etc/haproxy/haproxy.cfg", "ro"
    )  # fmt: skip
    config = (REPO / source).read_text()
    assert config == compose_haproxy_config(replicas), (
        "deploy/haproxy.cfg differs from what scripts/serve.py writes: run "
        "`python scripts/serve.py --write-compose-config`"
    )
    # Every variable the configuration reads is given to the balancer.
    read = re.findall(r"\$\{(\w+)(?:-[^}]*)?\}|env\((\w+)\)", config)
    names = {a or b for a, b in read}
    assert {"COALITION_FRAME_ANCESTORS", "COALITION_HTTPS", "COALITION_RATE_REQUESTS"} <= names
    for name in names:
        assert name in balancer["environment"], f"{name} is read by haproxy.cfg but not set"
    # The prefix reaches both sides: Streamlit serves under it, HAProxy checks health under it.
    assert dashboard["environment"]["STREAMLIT_SERVER_BASE_URL_PATH"] == "${BASE_URL_PATH:-}"
    assert balancer["environment"]["BASE_URL_PATH"] == "${BASE_URL_PATH:-}"


def test_the_image_health_check_says_what_failed() -> None:
    from scripts.launcher import Reservation

    reservation = Reservation()  # held, so nothing else takes it; nothing listens there
    (port,) = reservation.ports
    env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port)}
    env["STREAMLIT_SERVER_BASE_URL_PATH"] = "/coalition/"
    result = subprocess.run(
        [sys.executable, "deploy/healthcheck.py"], cwd=REPO, env=env, capture_output=True,
        text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 1
    first, *rest = result.stderr.splitlines()
    assert first.startswith(f"unhealthy: http://127.0.0.1:{port}/coalition/_stcore/health: ")
    assert rest == []
    reservation.release()
