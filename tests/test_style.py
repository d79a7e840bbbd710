"""House rules that keep the data flowing one way, and the linters the project promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff(args: list[str]) -> None:
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([ruff, *args], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


COALITION_WORDS = ("10,000", "30,000", "Ukraine", "Kyiv", "Kiev")


def test_no_coalition_is_written_into_the_code() -> None:
    """Names, bands and places come from coalition.yaml; the code knows the kind of data."""
    code = [
        p
        for folder in ("db", "components", "scripts", "benchmarks")
        for p in (REPO / folder).rglob("*.py")
    ] + [REPO / "app.py", REPO / "cli.py"]
    found = [
        f"{p.relative_to(REPO)}: {word}"
        for p in code
        for word in COALITION_WORDS
        if word in p.read_text(encoding="utf-8")
    ]
    assert found == []
