"""Benchmarks and scripts that no test runs break silently: each runs here on small data and
prints what it promises. Only that they run and keep their output's shape is checked; their
times are judged outside the suite (`make bench`, `make load`, docs/benchmarks.md)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO


def _run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, *args], cwd=REPO, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result


@pytest.mark.kaleido
def test_the_benchmark_runs_and_keeps_its_keys() -> None:
    document = json.loads(_run("benchmarks/run.py", "--smoke", "--json").stdout)
    assert list(document) == [
        "machine", "date", "small", "medium", "export", "build_ratio", "validate_ratio",
        "rerun_ratio", "export_ratio", "sizes",
    ]  # fmt: skip
    assert {"rerun_same_elements_ratio", "pages", "build_ratio"} <= set(document["medium"])
    assert set(document["medium"]["pages"]) == {
        "overview", "country", "timeline", "scenario", "export", "method"
    }  # fmt: skip
    assert all(value > 0 for value in (document["build_ratio"], document["rerun_ratio"]))


def test_the_benchmark_tables_are_made_from_the_recorded_json() -> None:
    """docs/benchmarks.md is what `run.py --render` makes of docs/benchmarks.json."""
    rendered = _run("benchmarks/run.py", "--render", "docs/benchmarks.json").stdout
    assert rendered == (REPO / "docs" / "benchmarks.md").read_text()


def test_the_profiler_runs_on_a_page() -> None:
    output = _run("benchmarks/profile_page.py", "overview", "--size", "small").stdout
    assert output.startswith("overview, small, warm run, ") and "Duration:" in output


@pytest.mark.browser
def test_the_first_visit_measure_runs() -> None:
    document = json.loads(_run("benchmarks/first_visit.py", "--json").stdout)
    assert list(document) == ["direct", "through_haproxy"]
    for side in document.values():
        assert side["outside_requests"] == 0 and side["requests"] > 0
        assert side["wire_bytes"] > 0


def test_the_websocket_bytes_measure_runs() -> None:
    document = json.loads(_run("benchmarks/websocket_bytes.py", "--json").stdout)
    assert list(document) == ["uncompressed", "compressed", "ratio"]
    off, on = document["uncompressed"], document["compressed"]
    assert list(off) == list(on) == ["session_bytes", "per_run_bytes", "session_s"]
    assert 0 < on["session_bytes"] < off["session_bytes"]  # deflate does compress
