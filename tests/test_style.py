"""House rules that keep the data flowing one way, and the linters the project promises."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((REPO / "db").glob("*.py")), ids=lambda p: p.name)
def test_db_imports_neither_streamlit_nor_plotly(path: Path) -> None:
    assert not _imports(path) & {"streamlit", "plotly", "components"}


def test_figure_functions_never_import_streamlit() -> None:
    for name in ("figures.py", "theme.py"):
        assert "streamlit" not in _imports(REPO / "components" / name), name


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
