"""Every command the documents show runs: the README's, CONTRIBUTING's and docs/'s code blocks,
each `coalition ...` line run for real on a copy of a fixture folder in a git repository, and each
`make ...` line naming a target the Makefile has."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from cli import cli
from tests.conftest import FIXTURES, REPO, git_repository
from tests.test_repo_files import check_command

DOCUMENTS = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").glob("*.md"))]
SHELL = {"", "sh", "bash", "console", "text"}


def _blocks(text: str) -> list[list[str]]:
    """The lines of every fenced code block in a shell language."""
    blocks, current, language = [], None, ""
    for line in text.splitlines():
        if line.startswith("```"):
            if current is None:
                current, language = [], line[3:].strip()
            else:
                if language in SHELL:
                    blocks.append(current)
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def documented(program: str) -> list[tuple[str, str]]:
    """(document, command line) for every line of a code block that runs `program`."""
    found = []
    for path in DOCUMENTS:
        for block in _blocks(path.read_text(encoding="utf-8")):
            for line in block:
                line = line.strip().removeprefix("$ ")
                line = re.sub(r"\s+#.*$", "", line)
                env_free = re.sub(r"^(?:[A-Z_]+=\S+\s+)+", "", line)
                if env_free.split(" ", 1)[0] == program:
                    found.append((path.relative_to(REPO).as_posix(), env_free))
    return found


def test_the_documents_show_commands() -> None:
    assert len(documented("coalition")) >= 10 and documented("make")


@pytest.mark.parametrize(("document", "line"), documented("make"))
def test_every_documented_make_target_exists(document: str, line: str) -> None:
    check_command(line)


@pytest.mark.kaleido
def test_every_documented_coalition_command_runs(tmp_path: Path, runner, monkeypatch) -> None:
    shutil.copytree(FIXTURES / "graded", tmp_path / "pledges")
    git_repository(tmp_path)
    for name in ("COALITION_DATA", "COALITION_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    failed = []
    for document, line in documented("coalition"):
        words = shlex.split(line)[1:]
        words = [w.replace("GBR=10000", "GBR=10000").replace("FRA=5000", "LTU=500") for w in words]
        if words and words[0] == "new":
            words = ["new", "NOR"] if not (tmp_path / "pledges" / "NOR.yaml").exists() else []
        if not words:
            continue
        result = runner.invoke(cli, words)
        if result.exit_code != 0:
            failed.append(f"{document}: {line} -> {result.exit_code}: {result.output[-300:]}")
    assert failed == []
