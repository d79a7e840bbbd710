"""A large coalition (the benchmark's synthetic data): long histories are paged, many sources
become a table, and the scenario does not draw an input for every member."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.synthetic import write_coalition
from tests.conftest import REPO


@pytest.fixture(scope="module")
def large_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("large") / "pledges"
    write_coalition(folder, 30, 45)  # 1,350 statements, one source each
    return {"COALITION_DATA": str(folder), "COALITION_DB": str(folder.parent / "large.db")}


@pytest.fixture
def large(large_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in large_env.items():
        monkeypatch.setenv(key, value)


def _page(name: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"components/pages/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _statement_headings(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("#### ")]


def test_a_long_history_is_paged_newest_first(large: None) -> None:
    at = _page("country", country="ABW")
    pager = at.selectbox(key="page-ABW")
    assert pager.options == ["1–20 of 45 (newest)", "21–40 of 45", "41–45 of 45"]
    first_page = _statement_headings(at)
    assert len(first_page) == 20
    pager.set_value(40).run()
    last_page = _statement_headings(at)
    assert len(last_page) == 5
    assert not set(first_page) & set(last_page)


def test_many_sources_become_one_table(large: None) -> None:
    at = _page("method")
    assert any("1,351 sources, oldest first." in c.value for c in at.caption)  # + the target
    assert len(at.dataframe) == 1
    table = at.dataframe[0].value
    assert len(table) == 1351
    assert list(table.columns) == ["published", "outlet", "title", "url", "used for", "note"]


def test_the_scenario_draws_inputs_only_for_countries_it_needs(large: None) -> None:
    at = _page("scenario")
    willing = len(at.number_input)
    at.toggle(key="assume_others").set_value(True).run()
    assert len(at.number_input) > willing


def test_a_long_country_timeline_keeps_its_labels_in_the_hover(large: None) -> None:
    at = _page("country", country="ABW")
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    points = [t for t in figure["data"] if t.get("name")]
    assert {t["mode"] for t in points} == {"markers"}  # no written labels to overlap
    assert all("%{text}" in t["hovertemplate"] for t in points)
    assert sum(len(t["x"]) for t in points) == 45


def test_long_lists_in_images_are_shortened(tmp_path) -> None:
    """A briefing image names 8 countries and 12 sources at most, then says how many more."""
    import datetime as dt

    from components.render.briefing import source_line, sources_behind
    from components.render.figures import unquantified_note
    from components.views.overview import who_is_in
    from db.contract.validate import validate_folder
    from db.numbers.headline import and_list, headline

    assert and_list(["A"]) == "A"
    assert and_list(["A", "B", "C"]) == "A, B and C"
    assert and_list([str(i) for i in range(20)]) == "0, 1, 2, 3, 4, 5, 6 and 13 more"
    write_coalition(tmp_path / "p", 249, 3)
    dataset = validate_folder(tmp_path / "p", today=dt.date(2026, 11, 27)).dataset
    h = headline(dataset, dt.date(2026, 11, 27))
    unquantified = h.totals.unquantified
    assert len(unquantified) > 8
    assert f"and {len(unquantified) - 7} more are willing" in h.method_sentence
    assert unquantified_note(h).endswith(f"and {len(unquantified) - 3} more")
    willing = who_is_in(h, h.words)[0]
    assert willing.startswith(f"● **Willing to send troops** ({h.willing}): ")
    assert willing.endswith(f"and {h.willing - 30} more in the table below")
    line = source_line(sources_behind(h))
    assert line.count(";") == 11
    assert line.endswith("more (every source: the dashboard's Sources & method page).")


def test_status_history_stays_readable_with_many_countries(large: None) -> None:
    at = _page("timeline")
    figures = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    status = next(f for f in figures if f["data"][0].get("stackgroup") == "status")
    assert "dtick" not in status["layout"]["yaxis"]  # 30 countries: Plotly's own steps
    assert status["layout"]["xaxis"]["type"] == "date"  # a silence is as long as it lasted
    labels = [a["text"] for a in status["layout"]["annotations"]]
    assert labels and all(label.split()[-1].isdigit() for label in labels)
