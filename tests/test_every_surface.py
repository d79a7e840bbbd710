"""One author: every surface shows the same numbers. The `graded` fixture holds an official figure
(Lithuania 200), a reported one (the United Kingdom up to 7,500), a derived one carried from an earlier
statement (Estonia 50–250, a company, figure of 30 April 2025); the scenario assumes 1,000 for
Denmark. Each surface is rendered for real and read back."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cli import cli
from components.render.figures import range_chart
from db.contract.validate import validate_folder
from db.numbers.headline import headline
from db.numbers.rows import position_rows
from tests.conftest import FIXTURES, app_test, git_repository

GRADED = FIXTURES / "graded"
AS_OF = dt.date(2026, 12, 1)
ASSUMED = {"DNK": 1000}
STATED, WITH_PRESS, WITH_ASSUMED = "200", "7,750–7,950", "8,750–8,950"
ESTONIA = "50–250 derived from a company, figure of 30 Apr 2025"


@pytest.fixture(scope="module")
def h():
    dataset = validate_folder(GRADED, today=dt.date(2026, 12, 2)).dataset
    return headline(dataset, AS_OF, assumed=ASSUMED)


@pytest.fixture
def graded(tmp_path: Path) -> Path:
    return Path(shutil.copytree(GRADED, tmp_path / "pledges"))


def _plain(text: str) -> str:
    text = re.sub(r"\\(?=.)", "", re.sub(r"<[^>]+>", " ", text))  # tags, Markdown escapes
    return " ".join(html.unescape(text).split())


def test_the_headline_defines_each_number_once(h) -> None:
    assert (h.stated.text, h.with_reported.text, h.with_assumed.text) == (
        STATED,
        WITH_PRESS,
        WITH_ASSUMED,
    )
    # With assumed: every sourced figure drawn (stated, reported, derived), then the assumption.
    assert [s.code for s in h.bar("assumed")] == ["LTU", "GBR", "EST", "DNK"]
    assert h.assumed_sentence == (
        f"Scenario: {WITH_ASSUMED} troops, with 1,000 assumed for 1 country on top of the sourced "
        f"figures ({STATED} stated; {WITH_PRESS} with press reports)."
    )


def test_the_range_chart_bar_ends_are_the_headline_s(h) -> None:
    figure = range_chart(h)
    ends = [_plain(a.text) for a in figure.layout.annotations if a.text.startswith("<b>")]
    assert {STATED, WITH_PRESS, WITH_ASSUMED} <= set(ends)
    assert f"{WITH_ASSUMED}." in h.range_alt and f"{WITH_PRESS}." in h.range_alt


def test_the_cli_summary_text_and_json(graded: Path, tmp_path: Path, runner) -> None:
    args = ["summary", "--data", str(graded), "--db", str(tmp_path / "c.db"), "--as-of",
            AS_OF.isoformat(), "--assume", "DNK=1000"]  # fmt: skip
    document = json.loads(runner.invoke(cli, [*args, "--json"]).stdout)
    assert (document["troops"], document["reported"], document["assumed"]) == (
        {"low": 200, "high": 200},
        {"low": 7750, "high": 7950},
        {"low": 8750, "high": 8950},
    )
    text = runner.invoke(cli, args).stdout
    assert f"Stated troops: {STATED}, from 1 country." in text
    assert f"With press reports: {WITH_PRESS}." in text
    assert f"Scenario: {WITH_ASSUMED} troops" in text
    assert "50–250 derived  2025-04-30" in text  # the figure, then its own date


def test_the_downloads(h) -> None:
    rows = {r["iso3"]: r for r in position_rows(h.totals, h.words)}
    assert rows["EST"]["troops"] == ESTONIA
    assert (rows["LTU"]["troops"], rows["GBR"]["troops"]) == ("200", "up to 7,500 reported")


def _app(graded: Path, tmp_path: Path, monkeypatch, page: str = "overview", **params: str):
    monkeypatch.setenv("COALITION_DATA", str(graded))  # monkeypatch restores them afterwards
    monkeypatch.setenv("COALITION_DB", str(tmp_path / "c.db"))
    return app_test(graded, tmp_path / "c.db", page, as_of=AS_OF.isoformat(), **params)


def _chart_ends(at: AppTest) -> set[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {_plain(a["text"]) for a in spec["layout"]["annotations"] if a["text"].startswith("<b>")}


def test_the_overview_and_the_scenario_page(graded: Path, tmp_path, monkeypatch) -> None:
    overview = _app(graded, tmp_path, monkeypatch, "overview")
    metrics = {m.label: m.value for m in overview.metric}
    assert (metrics["Stated troops"], metrics["With press reports"]) == (STATED, WITH_PRESS)
    assert {STATED, WITH_PRESS} <= _chart_ends(overview)
    table = overview.dataframe[-1].value
    assert table[table["iso3"] == "EST"].iloc[0]["troops"] == ESTONIA
    scenario = _app(graded, tmp_path, monkeypatch, "scenario", scenario="DNK=1000")
    text = "\n".join(_plain(m.value) for m in scenario.markdown)
    assert f"Scenario: {WITH_ASSUMED} troops, with 1,000 assumed" in text
    assert {STATED, WITH_PRESS, WITH_ASSUMED} <= _chart_ends(scenario)
    country = _app(graded, tmp_path, monkeypatch, "country", country="EST")
    assert (
        "50–250 troops, derived from a company (the figure given on 30 April 2025, source: "
        "Example Radio, 30 Apr 2025)" in "\n".join(_plain(m.value) for m in country.markdown)
    )


@pytest.mark.kaleido
def test_the_briefing_image(h) -> None:
    from components.render.briefing import export_figure
    from components.render.export import render

    dataset = validate_folder(GRADED, today=dt.date(2026, 12, 2)).dataset
    svg = render(export_figure("briefing", dataset, h, "a4"), "svg", 1240, 1754)
    text = _plain(svg.decode("utf-8"))
    assert WITH_ASSUMED in text.split("with 1,000 assumed")[0]  # the key figure
    for number in (STATED, WITH_PRESS, WITH_ASSUMED, ESTONIA):
        assert number in text, number


def test_the_diff_text_and_markdown(graded: Path, runner) -> None:
    repo = graded.parent
    git_repository(repo)
    ltu = graded / "LTU.yaml"
    ltu.write_text(ltu.read_text().replace("min: 200\n      max: 200", "min: 400\n      max: 400"))
    old = os.getcwd()
    os.chdir(repo)
    try:
        args = ["diff", "--data", "pledges", "--today", "2026-12-02", "--as-of", AS_OF.isoformat()]
        text = runner.invoke(cli, args).output
        markdown = runner.invoke(cli, [*args, "--format", "markdown"]).output
    finally:
        os.chdir(old)
    assert "  LTU: troops, 200 -> troops, 400" in text
    assert f"  Stated troops: {STATED} -> 400  (changed)" in text
    assert f"  With press reports: {WITH_PRESS} -> 7,950–8,150  (changed)" in text
    assert f"| Stated troops | {STATED} | **400** |" in markdown
    assert f"| LTU Lithuania | changed | troops, {STATED} | troops, 400 |" in markdown
