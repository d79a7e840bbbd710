"""The house's rooms and the way data flows through them: no import cycles, hidden ones (imports
inside functions) included, and no import from a room to one above it. docs/architecture.md
draws the same layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

# Lowest first. A module imports only from a lower layer or from its own package; packages that
# share a layer (storage and numbers) never import each other.
LAYERS: list[tuple[str, ...]] = [
    ("db.collector", "db.memo", "db.locale"),
    ("db.contract",),
    ("db.storage", "db.numbers"),
    ("db.pulls",),
    ("components.render",),
    ("components",),
    ("cli", "app"),
]
NEVER = {  # what a room must not import at all
    "db": {"streamlit", "plotly", "kaleido", "components"},
    "components.render": {"streamlit"},
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _code() -> dict[str, Path]:
    files = [REPO / "cli.py", REPO / "app.py"]
    files += [p for folder in ("db", "components") for p in (REPO / folder).rglob("*.py")]
    return {_module(p): p for p in files if p.stat().st_size}  # empty __init__.py: no room


def _imports(path: Path) -> set[str]:
    """Every module named by an import anywhere in the file, functions included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _graph() -> dict[str, set[str]]:
    code = _code()
    return {m: {i for i in _imports(p) if i in code and i != m} for m, p in code.items()}


def _room(module: str) -> tuple[int, str]:
    """The layer a module lives in, and its package (the longest prefix the layers name)."""
    best = (-1, "")
    for rank, packages in enumerate(LAYERS):
        for package in packages:
            if (module == package or module.startswith(package + ".")) and len(package) > len(
                best[1]
            ):
                best = (rank, package)
    assert best[0] >= 0, f"{module} is in no layer: add its package to LAYERS"
    return best


def _upward(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, imported in sorted(graph.items()):
        rank, package = _room(module)
        for other in sorted(imported):
            other_rank, other_package = _room(other)
            if other_package != package and other_rank >= rank:
                wrong.append(f"{module} -> {other}")
    return wrong


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_no_import_runs_up_or_sideways() -> None:
    assert _upward(_graph()) == []


def test_no_import_cycles_not_even_inside_functions() -> None:
    assert _cycles(_graph()) == []


@pytest.mark.parametrize("room", sorted(NEVER))
def test_rooms_never_import_what_they_must_not(room: str) -> None:
    found = [
        f"{module}: {name}"
        for module, path in sorted(_code().items())
        if module == room or module.startswith(room + ".")
        for name in sorted(_imports(path))
        if name.split(".")[0] in NEVER[room] or name.startswith(tuple(NEVER[room]))
    ]
    assert found == []


def test_the_checks_catch_a_seeded_cycle_and_upward_imports() -> None:
    """The checks can fail: a cycle hidden in a function and arrows up and sideways are caught."""
    seeded = {
        "db.storage.build": {"db.storage.current"},
        "db.storage.current": {"db.storage.build"},  # the cycle this project once had
        "db.contract.models": {"db.numbers.totals"},  # up
        "db.numbers.totals": {"db.storage.tables"},  # sideways
        "db.storage.tables": set(),
    }
    assert _cycles(seeded) == [["db.storage.build", "db.storage.current"]]
    assert _upward(seeded) == [
        "db.contract.models -> db.numbers.totals",
        "db.numbers.totals -> db.storage.tables",
    ]
    assert _room("components.views.overview") == (5, "components")
    assert _room("components.render.figures") == (4, "components.render")


def test_the_architecture_document_matches_the_tree() -> None:
    """docs/architecture.md names every package and every module in it."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    for package in ("db/contract", "db/storage", "db/numbers", "db/pulls", "components/render"):
        assert f"`{package}/`" in text, package
        for path in sorted((REPO / package).glob("*.py")):
            if path.name != "__init__.py":
                assert f"`{path.name}`" in text, path.relative_to(REPO)
