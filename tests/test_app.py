"""Every page under Streamlit's AppTest, reading a real SQLite file built from real pledge files."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cli import cli
from components.text import md
from db.numbers.totals import day
from tests.conftest import REPO

PAGES = ["overview", "country", "timeline", "scenario", "export", "method"]


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch, july_data: Path, db_path: Path) -> Path:
    monkeypatch.setenv("COALITION_DATA", str(july_data))
    monkeypatch.setenv("COALITION_DB", str(db_path))
    return db_path


def _app(**query: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def _page(at: AppTest, name: str) -> AppTest:
    """Run the app once (st.navigation registers the pages), then open page `name`."""
    at.run()
    if name != "overview":
        at.switch_page(f"components/pages/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _status_counts(at: AppTest) -> dict[str, int]:
    """The "who is in" list beside the map: each status's label and its count."""
    return {label: int(n) for label, n in re.findall(r"\*\*([^*]+)\*\* \((\d+)\):", _markdown(at))}


def _willing(at: AppTest) -> str:
    """The count of countries willing to send troops, from the line under the title."""
    return re.search(r"\*\*(\d+) willing to send troops\*\*", _markdown(at)).group(1)


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def _markdown(at: AppTest) -> str:
    """The Markdown on the page with escapes removed: what a reader sees, minus formatting."""
    return re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown))


@pytest.mark.parametrize("name", PAGES)
def test_every_page_runs(app_env: Path, name: str) -> None:
    at = _page(_app(), name)
    assert at.title


def test_first_start_builds_the_database(app_env: Path) -> None:
    assert not app_env.exists()
    at = _page(_app(), "overview")
    assert app_env.is_file()
    assert at.title[0].value == "Coalition of the willing"
    metrics = _metrics(at)
    assert metrics["Stated troops"] == "250–450"
    assert metrics["With press reports"] == "no reports"
    assert metrics["Target cited"] == "10,000–30,000"
    assert _willing(at) == "5"
    assert _status_counts(at) == {
        "Willing to send troops": 5,
        "Open to involvement": 5,
        "Support, no troops on the ground": 1,
        "In the talks, no position": 6,
        "Declined": 0,
    }
    assert (
        "**France and the United Kingdom lead** · **5 willing to send troops** (3 without a "
        "number) · **newest statement 10 July 2025**"
    ) in _markdown(at)
    assert re.sub(r"\\(.)", r"\1", at.caption[1].value) == (
        "Country files in view were last checked against the news between 17 March 2025 and 10 "
        "July 2025."
    )
    assert re.sub(r"\\(.)", r"\1", at.caption[2].value) == (
        "250–450 stated: 2.5–4.5% of the 10,000 minimum."
    )


def test_range_chart_shows_band_and_countries_without_numbers(app_env: Path) -> None:
    at = _page(_app(), "overview")
    range_chart = _figures(at)[0]
    stated = [t for t in range_chart["data"] if t.get("name") == "stated on the record"]
    main, enlarged = stated  # the bar on the axis of the band, and the same figures enlarged
    assert main["customdata"] == [["Estonia", "50–250"], ["Lithuania", "about 200"]]
    assert main["x"] == [250, 200] and main["base"] == [0, 250]
    assert enlarged["xaxis"] == "x2" and enlarged["text"] == ["Estonia", "Lithuania"]
    low = next(t for t in range_chart["data"] if t.get("mode") == "markers")
    assert low["x"] == [250] and low["hovertext"] == "the lowest figures add up to 250"
    texts = [a["text"] for a in range_chart["layout"]["annotations"]]
    assert "<b>10,000</b>" in texts and "<b>30,000</b>" in texts
    assert texts.count("<b>250–450</b>") == 2
    assert "Stated on the record, enlarged" in texts
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]
    assert (
        "Not counted: France, Latvia and the United Kingdom are willing to send troops but gave "
        "no number."
    ) in captions


def test_map_uses_local_outlines_and_marks_status(app_env: Path) -> None:
    at = _page(_app(), "overview")
    chart_map = next(el for el in at.get("plotly_chart") if '"geo"' in el.proto.spec)
    assert json.loads(chart_map.proto.config)["topojsonURL"] == "app/static/topojson/"
    figure = json.loads(chart_map.proto.spec)
    symbols = {
        t["name"]: t["marker"]["symbol"] for t in figure["data"] if t["type"] == "scattergeo"
    }
    assert symbols["Willing to send troops"] == "circle"
    assert symbols["Open to involvement"] == "diamond"


def test_group_filter_changes_the_numbers(app_env: Path) -> None:
    at = _page(_app(group="Nordic-Baltic Eight"), "overview")
    metrics = _metrics(at)
    assert metrics["Stated troops"] == "250–450"
    assert _willing(at) == "3"  # Estonia, Lithuania, Latvia
    counts = _status_counts(at)
    assert counts["Open to involvement"] == 2  # Denmark, Finland
    assert counts["In the talks, no position"] == 1  # Sweden
    assert "Filtered view" in at.info[0].value


def test_status_filter_changes_the_numbers(app_env: Path) -> None:
    at = _page(_app(), "overview")
    at.sidebar.button_group[0].set_value(["open"]).run()
    metrics = _metrics(at)
    assert metrics["Stated troops"] == "none"
    assert _willing(at) == "0"
    assert _status_counts(at)["Open to involvement"] == 5


def test_as_of_date_time_travels(app_env: Path) -> None:
    at = _page(_app(), "overview")
    at.sidebar.text_input(key="as_of").input("2025-03-18").run()
    text = _markdown(at)
    assert "**Willing to send troops** (1): Australia (no number)" in text
    assert at.info[0].value == "Showing the coalition as it stood on **18 March 2025**."
    at.sidebar.text_input(key="as_of").input("2025-03-21").run()
    assert "Australia" in _markdown(at).split("**Open to involvement**")[1]
    assert _metrics(at)["Stated troops"] == "300–400"  # EST 100-200, LTU about 200


def test_as_of_before_the_first_statement(app_env: Path) -> None:
    at = _page(_app(as_of="2025-01-01"), "overview")
    assert at.warning[0].value == (
        "No statements on or before 1 January 2025: the first one in the data is from "
        "17 March 2025. Pick a later date under *As of*."
    )
    assert not at.metric


def test_country_page_from_the_url(app_env: Path) -> None:
    at = _page(_app(country="EST"), "country")
    assert at.selectbox(key="country").value == "EST"
    assert at.header[0].value == "Estonia"
    text = _markdown(at)
    assert "#### 30 April 2025: Willing to send troops, 50–250" in text
    assert "#### 21 March 2025: Willing to send troops, 100–200 troops" in text
    assert "(https://news.err.ee/1609680293/estonia-prepared-to-send-coalition" in text


def test_unknown_country_in_the_url(app_env: Path) -> None:
    at = _page(_app(country="XYZ"), "country")
    assert at.warning[0].value == "There is no country XYZ in the data. Choose one from the list."
    assert at.selectbox(key="country").value is None


def test_choosing_a_country_shows_its_history(app_env: Path) -> None:
    at = _page(_app(), "country")
    at.selectbox(key="country").set_value("AUS").run()
    assert at.header[0].value == "Australia"
    assert at.query_params["country"] == "AUS"
    text = _markdown(at)
    assert text.index("20 March 2025: Open to involvement") < text.index(
        "17 March 2025: Willing to send troops"
    )


def test_timeline_lists_changes_since_a_date(app_env: Path) -> None:
    at = _page(_app(since="2025-04-01"), "timeline")
    text = [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown]
    heads = [t for t in text if re.match(r"\*\*\d{4}-\d\d-\d\d, ", t)]
    assert [re.match(r"\*\*[\d-]+, ([^:]+):", t).group(1) for t in heads] == [
        "France", "United Kingdom", "Estonia", "Germany", "Latvia", "Netherlands", "Sweden",
    ]  # fmt: skip
    assert "**2025-04-30, Estonia:** Willing to send troops 50–250" in heads
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]
    assert "Before: Willing to send troops 100–200" in captions
    assert "Before: Open to involvement" in captions  # Sweden, now in the talks
    assert any(t.startswith("7 statements after 1 April 2025 and on or before ") for t in text)
    assert "Stated troops: 300–400 on 1 April 2025, 250–450 on " in "\n".join(text)
    empty = _page(_app(as_of="2025-06-01", since="2025-05-15"), "timeline")
    lines = [re.sub(r"\\(.)", r"\1", m.value) for m in empty.markdown]
    assert (
        "No statement recorded between 15 May 2025 and 1 June 2025; the newest is from 30 April "
        "2025."
    ) in lines
    troops_chart, status_chart = _figures(at)
    assert [t["name"] for t in troops_chart["data"]] == [
        "Stated, high", "Stated, low", "Target, low", "Target, high",
    ]  # fmt: skip
    assert troops_chart["layout"]["xaxis"]["type"] == "date"
    assert status_chart["data"][0]["y"][-1] == 5
    at.toggle(key="zoom").set_value(True).run()
    assert _figures(at)[0]["layout"]["yaxis"]["range"] == [0, 562.5]


def test_scenario_keeps_assumptions_apart(app_env: Path) -> None:
    at = _page(_app(), "scenario")
    at.number_input(key="assume_GBR").set_value(10_000).run()
    assert (
        "**Scenario: 10,250–10,450 troops, with 10,000 assumed for 1 country on top of the "
        "sourced figures (250–450 stated).**"
    ) in _markdown(at)
    figure = _figures(at)[0]
    assumed = [t for t in figure["data"] if t.get("name") == "assumed, not sourced"]
    assert [(t["y"], t["customdata"], t["x"], t["base"]) for t in assumed] == [
        (["+ assumed"], [["United Kingdom", "10,000"]], [10000], [450])
    ]
    assert assumed[0]["marker"]["pattern"]["shape"] == "/"
    assert figure["layout"]["yaxis"]["categoryarray"] == ["+ assumed", "Stated"]


def test_scenario_from_a_shared_link(app_env: Path) -> None:
    at = _page(_app(scenario="FRA=5000,LVA=300"), "scenario")
    assert "**Scenario: 5,550–5,750 troops, with 5,300 assumed for 2 countries on top" in (
        _markdown(at)
    )
    assert at.query_params["scenario"] == "FRA=5000,LVA=300"


def test_scenario_links_made_before_one_syntax_still_work(app_env: Path) -> None:
    at = _page(_app(assume_FRA="5000", assume_LVA="300"), "scenario")
    assert "**Scenario: 5,550–5,750 troops, with 5,300 assumed for 2 countries on top" in (
        _markdown(at)
    )
    assert at.query_params["scenario"] == "FRA=5000,LVA=300"
    assert "assume_FRA" not in at.query_params


def test_method_page_lists_every_source_with_its_date(app_env: Path) -> None:
    at = _page(_app(), "method")
    text = _markdown(at)
    assert "8 sources, oldest first." in [c.value for c in at.caption]
    assert "Estonia prepared to send 'coalition of the willing' forces" in text
    assert "30 Apr 2025. Used for: Estonia 30 Apr 2025." in text


def test_invalid_edit_keeps_the_last_good_build(app_env: Path, july_data: Path, runner) -> None:
    assert (
        runner.invoke(cli, ["build", "--data", str(july_data), "--db", str(app_env)]).exit_code == 0
    )
    before = app_env.read_bytes()
    est = july_data / "EST.yaml"
    est.write_text(est.read_text().replace("max: 250", "max: 25"))
    at = _page(_app(), "overview")
    assert at.warning[0].value.startswith("The pledge files have 1 error, so the dashboard shows")
    assert "EST.yaml:25:7: statements.1.troops.max: must be >= min (50 > 25)" in at.code[0].value
    assert _metrics(at)["Stated troops"] == "250–450"
    assert app_env.read_bytes() == before


def test_valid_edit_is_rebuilt_on_the_next_run(app_env: Path, july_data: Path) -> None:
    at = _page(_app(), "overview")
    (july_data / "LTU.yaml").unlink()
    at.run()
    assert _metrics(at)["Stated troops"] == "50–250"


def test_no_database_and_invalid_data(app_env: Path, july_data: Path) -> None:
    (july_data / "EST.yaml").write_text("iso3: EST\n")
    at = _app().run()
    assert not at.exception
    assert at.error[0].value == "There is no database yet, and the pledge files have errors."
    assert "EST.yaml:1:1: name: required field is missing: add 'name:'" in at.code[0].value


def test_corrupt_database(app_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COALITION_DATA", str(tmp_path / "no-data-here"))
    app_env.parent.mkdir(parents=True, exist_ok=True)
    app_env.write_bytes(b"not a database" * 100)
    at = _app().run()
    assert not at.exception
    assert at.error[0].value.startswith(f"The database at {app_env} cannot be read")


def test_unknown_filter_values_in_the_url_are_ignored(app_env: Path) -> None:
    at = _page(_app(group="Atlantis", status="nonsense", as_of="2025-02-30"), "overview")
    metrics = _metrics(at)
    assert metrics["Stated troops"] == "250–450"
    assert _willing(at) == "5"
    today = day(dt.date.today())
    assert [e.value for e in at.sidebar.error] == [
        f"As of: “{md('2025-02-30')}” is not a date. Write it as YYYY-MM-DD; showing {today}."
    ]


def test_a_typed_date_later_than_allowed_is_named_and_the_default_shown(app_env: Path) -> None:
    at = _page(_app(as_of="2025-05-01", since="2025-06-01"), "timeline")
    assert [e.value for e in at.error] == [
        "Changes since: 1 June 2025 is after 1 May 2025, the latest it can be; "
        "showing 16 March 2025."
    ]
    later = dt.date.today() + dt.timedelta(days=1)
    at = _page(_app(as_of=later.isoformat()), "overview")
    assert [e.value for e in at.sidebar.error] == [
        f"As of: {day(later)} is after {day(dt.date.today())}, the latest it can be; "
        f"showing {day(dt.date.today())}."
    ]
    assert not at.info  # today's view, not a past one
    # Text from an address is shown as typed (escaped), and cut short.
    at = _page(_app(as_of="[x](https://evil.example)*" * 3), "overview")
    assert [e.value for e in at.sidebar.error] == [
        f"As of: “{md('[x](https://evil.example)*'[:20])}” is not a date. Write it as "
        f"YYYY-MM-DD; showing {day(dt.date.today())}."
    ]


def test_export_page_previews_the_briefing(app_env: Path) -> None:
    at = _page(_app(as_of="2025-05-01"), "export")
    assert [b.label for b in at.get("download_button")] == [
        "Download PNG",
        "Download SVG",
        "Download PDF",
    ]
    assert at.image[0].captions == ["Preview. The PNG download is 3840x2160 pixels."]


def test_export_preview_is_made_no_wider_than_streamlit_draws_it() -> None:
    """Wider previews were shrunk and re-encoded by Streamlit on every run (110 ms each)."""
    from streamlit.elements.lib.image_utils import MAXIMUM_CONTENT_WIDTH

    from components.views.export import PREVIEW_WIDTH, preview_scale

    assert PREVIEW_WIDTH == MAXIMUM_CONTENT_WIDTH  # Streamlit's widest image before it resizes
    assert round(1920 * preview_scale(1920)) == 1460
    assert preview_scale(1080) == 1.0


def test_export_page_reads_a_scenario_from_the_url(app_env: Path) -> None:
    at = _page(_app(scenario="GBR:10000, XYZ:5"), "export")
    assert at.warning[0].value == (
        "Not understood, left out: XYZ\\:5. Write ISO3=NUMBER, such as AUS=1000."
    )


def test_export_page_without_a_browser(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from components.render import export

    export.stop()
    monkeypatch.setenv("COALITION_CHROMIUM", "/nonexistent/chromium")
    at = _page(_app(), "export")
    assert at.error[0].value.startswith(
        "Images cannot be made on this server: no browser at COALITION_CHROMIUM=/nonexistent/chromium: "
        "install Chromium with `apt-get install -y chromium`"
    )
    at.switch_page("components/pages/overview.py").run()
    assert not at.exception
    assert _metrics(at)["Stated troops"] == "250–450"


def test_scenario_for_other_members_opens_from_a_shared_link(app_env: Path) -> None:
    at = _page(_app(), "scenario")
    assert at.toggle(key="assume_others").value is False
    assert [n.label for n in at.number_input] == ["France", "Latvia", "United Kingdom"]
    at = _page(_app(assume_POL="2000"), "scenario")
    assert at.toggle(key="assume_others").value is True
    assert at.number_input(key="assume_POL").value == 2000
    assert "with 2,000 assumed for 1 country" in _markdown(at)


def test_an_empty_view_says_what_it_means(app_env: Path) -> None:
    """On 18 March 2025 no figure had been stated and no lead named: the page says so plainly,
    and the chart draws its one row, not a stray numeric axis."""
    at = _page(_app(as_of="2025-03-18"), "overview")
    assert _metrics(at)["Stated troops"] == "none"
    assert "**No lead named yet** · **1 willing to send troops** (1 without a number)" in (
        _markdown(at)
    )
    chart = _figures(at)[0]
    assert chart["layout"]["yaxis"]["categoryarray"] == ["Stated"]
    texts = [a["text"] for a in chart["layout"]["annotations"]]
    assert "No stated figures on 18 March 2025" in texts


def test_tables_and_pages_show_labels_never_codes(app_env: Path) -> None:
    at = _page(_app(), "overview")
    table = at.dataframe[-1]
    shown = list(table.proto.column_order)
    assert shown == [
        "country",
        "status_short",
        "figure",
        "figure_from",
        "conditions_short",
        "since",
        "source_grade",
        "source_link",
    ]
    values = table.value
    assert set(values["status_short"]) == {"Willing", "Open", "Support only", "Undecided"}
    assert (
        values[values["iso3"] == "EST"]["source_link"]
        .iloc[0]
        .endswith("#source=ERR (Estonian public broadcaster)")
    )
    at = _page(_app(country="FRA"), "country")
    text = _markdown(at)
    assert "**Roles:** Leads the coalition; Hosts the force headquarters" in text
    assert "headquarters_host" not in text and "lead," not in text


def test_a_scenario_note_counts_what_it_assumed(app_env: Path) -> None:
    at = _page(_app(scenario="GBR=10000"), "scenario")
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]
    assert (
        "Not counted: France and Latvia are willing to send troops but gave no number."
    ) in captions
