"""The minimal page under Streamlit's AppTest, reading a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch, real_data: Path, db_path: Path) -> Path:
    monkeypatch.setenv("COALITION_DATA", str(real_data))
    monkeypatch.setenv("COALITION_DB", str(db_path))
    return db_path


def _run() -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def test_first_start_builds_the_database_and_shows_the_range(app_env: Path) -> None:
    assert not app_env.exists()
    at = _run()
    assert not at.exception
    assert app_env.is_file()
    assert at.title[0].value == "Coalition of the willing"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Stated troops (low–high)"] == "250–450"
    assert metrics["Target cited by officials"] == "10,000–30,000"
    assert metrics["Lead nations"] == "France, United Kingdom"
    assert metrics["Willing to send troops"] == "5"
    assert metrics["In the talks, no position"] == "6"
    range_chart = _figures(at)[0]
    assert sorted(t["name"] for t in range_chart["data"]) == ["Estonia", "Lithuania"]
    texts = [a["text"] for a in range_chart["layout"]["annotations"]]
    assert "<b>10,000</b>" in texts and "<b>30,000</b>" in texts
    assert any(t.startswith("+3 countries willing to send troops, no number given") for t in texts)


def test_invalid_data_and_no_database_shows_the_problems(app_env: Path, real_data: Path) -> None:
    (real_data / "EST.yaml").write_text("iso3: EST\n")
    at = _run()
    assert not at.exception
    assert at.error[0].value == "There is no database yet, and the pledge files have errors."
    assert any("EST.yaml" in t.value and "statements" in t.value for t in at.text)
