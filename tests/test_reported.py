"""What reporting says, kept apart from what governments stated: the basis of a figure, the
conditions of an offer, the target as dated statements, figures for several countries together,
and how old the news is. All on the `press` fixture (made-up countries, example.org sources)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cli import cli
from db.contract.validate import validate_folder
from db.contract.vocabulary import vocabulary
from db.numbers.headline import headline
from db.numbers.rows import condition_rows, position_rows, statement_rows, to_csv
from tests.conftest import FIXTURES, REPO

PRESS = FIXTURES / "press"
NEWEST = dt.date(2026, 2, 24)  # the fixture's newest statement


@pytest.fixture(scope="module")
def dataset():
    report = validate_folder(PRESS, today=dt.date(2026, 11, 27))
    assert report.ok, [str(p) for p in report.problems]
    return report.dataset


@pytest.fixture
def press(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PRESS, tmp_path / "pledges"))


# Validation messages ------------------------------------------------------------------------


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize(
    ("fixture", "file", "old", "new", "message"),
    [
        (
            "press", "FRA.yaml", "basis: reported", "basis: rumoured",
            "pledges/FRA.yaml:21:7: statements.1.troops.basis: 'rumoured' is not allowed: use one "
            "of 'official', 'reported' or 'derived'",
        ),
        (
            "press", "EST.yaml", "conditions: [ceasefire]", "conditions: [ceasefire, ceasfire]",
            "pledges/EST.yaml:12:5: statements.0.conditions: 'ceasfire' is not allowed: use one "
            "of 'ceasefire' or 'us_backstop' (the conditions defined in coalition.yaml)",
        ),
        (
            "mini", "EST.yaml", "    capabilities: [ground]\n", "    conditions: [ceasefire]\n",
            "pledges/EST.yaml:11:5: statements.0.conditions: 'ceasefire' is not allowed: "
            "coalition.yaml defines no conditions; add 'conditions:' with the words and their "
            "labels there first",
        ),
        (
            "press", "coalition.yaml", "  - date: 2026-01-08\n    min: 15000",
            "  - date: 2025-01-08\n    min: 15000",
            "pledges/coalition.yaml:1:1: lists its targets out of order: keep them oldest first",
        ),
        (
            "press", "coalition.yaml", "countries: [GBR, FRA]", "countries: [GBR]",
            "pledges/coalition.yaml:29:5: joint_figures.0.countries: must have at least 2 entries",
        ),
    ],
    ids=["basis", "unknown condition", "no conditions defined", "targets order", "joint figure"],
)  # fmt: skip
def test_validation_messages_for_the_new_fields(
    fixture: str, file: str, old: str, new: str, message: str, tmp_path: Path, in_tmp, runner
) -> None:
    folder = Path(shutil.copytree(FIXTURES / fixture, in_tmp / "pledges"))
    _replace(folder / file, old, new)
    result = runner.invoke(cli, ["validate", "--data", "pledges", "--today", "2026-11-27"])
    assert result.output == f"{message}\nFound 1 error in 1 file.\n"
    assert result.exit_code == 1


# Two sums, a carried figure, and a joint figure never added ---------------------------------


def test_stated_and_reported_sums_are_kept_apart(dataset) -> None:
    h = headline(dataset, dt.date(2026, 3, 1))
    assert (h.stated.low, h.stated.high) == (50, 250)  # Estonia, on the record
    # The UK's 7,500 of 8 January stays in force after its statement of 24 February gave none.
    assert (h.with_reported.low, h.with_reported.high) == (50 + 7500 + 6000, 250 + 7500 + 6000)
    assert [p.iso3 for p in h.totals.reported] == ["GBR", "FRA"]
    assert [p.iso3 for p in h.not_counted] == ["BEL"]
    gbr = next(p for p in h.totals.positions if p.iso3 == "GBR")
    assert gbr.since == dt.date(2026, 2, 24) and gbr.figure_since == dt.date(2026, 1, 8)


def test_a_joint_figure_is_shown_and_never_added(dataset) -> None:
    h = headline(dataset, dt.date(2026, 3, 1))
    assert h.with_reported.high == 13_750  # not 13,750 + 15,000
    assert h.joint_sentence == (
        "Reported for countries together, never added to the sums: The United Kingdom and France "
        "together up to 15,000 (8 January 2026, reported)."
    )
    before = headline(dataset, dt.date(2026, 1, 7))
    assert before.joint_sentence == ""  # not yet reported on 7 January


def test_the_target_in_force_is_the_latest_cited(dataset) -> None:
    early = headline(dataset, dt.date(2025, 12, 31))
    assert (early.band_text, early.target.date) == ("10,000–30,000", dt.date(2025, 3, 20))
    late = headline(dataset, dt.date(2026, 3, 1))
    assert (late.band_text, late.target.basis) == ("about 15,000", "reported")
    assert late.target_line == (
        "Target: about 15,000 troops (reported, not stated on the record), cited since 8 January 2026."
    )
    assert late.gap_sentence == "50–250 stated: 0.3–1.7% of the target of about 15,000."


def test_summary_json_adds_exactly_the_new_keys(press: Path, tmp_path: Path, runner) -> None:
    result = runner.invoke(
        cli,
        ["summary", "--data", str(press), "--db", str(tmp_path / "c.db"), "--as-of", "2026-03-01",
         "--json"],
    )  # fmt: skip
    document = json.loads(result.stdout)
    assert list(document) == [
        "coalition", "as_of", "target", "troops", "reported", "target_since", "countries",
    ]  # fmt: skip
    assert document["troops"] == {"low": 50, "high": 250}
    assert document["reported"] == {"low": 13_550, "high": 13_750}
    assert document["target"] == {"min": 15000, "max": 15000}
    assert document["target_since"] == "2026-01-08"
    countries = {c["iso3"]: c for c in document["countries"]}
    assert list(countries["GBR"]) == [
        "iso3", "name", "status", "troops_low", "troops_high", "roles", "since", "basis",
        "conditions", "figure_since", "checked", "source_kind", "weakly_sourced",
    ]  # fmt: skip
    assert (countries["GBR"]["basis"], countries["GBR"]["troops_high"]) == ("reported", 7500)
    assert countries["EST"]["basis"] == "official"
    assert countries["BEL"]["basis"] is None
    assert countries["FRA"]["conditions"] == ["ceasefire", "us_backstop"]
    assert countries["POL"]["conditions"] == []


def test_how_much_depends_on_each_condition(dataset) -> None:
    h = headline(dataset, dt.date(2026, 3, 1))
    rows = condition_rows(h.totals, vocabulary(dataset.coalition))
    assert [
        (r["Status"], r["Condition"], r["Countries"], r["Stated"], r["With press reports"])
        for r in rows
    ] == [
        # Estonia, France and the United Kingdom: the UK's 24 February statement names no
        # condition, so the ceasefire of its January offer stays in force.
        ("Willing", "A ceasefire", 3, "50–250", "13,550–13,750"),
        ("Willing", "A US backstop", 2, "none", "6,000"),
    ]


def test_downloads_carry_basis_and_conditions(dataset) -> None:
    words = vocabulary(dataset.coalition)
    h = headline(dataset, dt.date(2026, 3, 1))
    rows = {r["iso3"]: r for r in position_rows(h.totals, words)}
    assert (rows["FRA"]["troops"], rows["FRA"]["basis"]) == ("about 6,000 reported", "reported")
    assert rows["FRA"]["conditions_label"] == "A ceasefire; A US backstop"
    assert rows["GBR"]["figure_since"] == "2026-01-08"
    csv = to_csv(statement_rows(dataset, words)).decode()
    header = csv.splitlines()[0].split(",")
    assert {"basis", "conditions", "status_label"} <= set(header)
    assert (
        "2026-01-08,troops,Willing to send troops,7500,7500,True,about,reported,,,ceasefire" in csv
    )


# How old the news is -----------------------------------------------------------------------


@pytest.mark.parametrize(("days", "stale"), [(59, False), (60, False), (61, True)])
def test_the_staleness_line_after_the_limit(dataset, days: int, stale: bool) -> None:
    h = headline(dataset, NEWEST + dt.timedelta(days=days))
    assert h.stale is stale
    expected = (
        f"No statement recorded since 24 February 2026 ({days} days before "
        f"{(NEWEST + dt.timedelta(days=days)).day} {NEWEST + dt.timedelta(days=days):%B %Y})."
    )
    assert h.stale_sentence == (expected if stale else "")


def _overview(press: Path, tmp_path: Path, monkeypatch, as_of: dt.date) -> AppTest:
    monkeypatch.setenv("COALITION_DATA", str(press))
    monkeypatch.setenv("COALITION_DB", str(tmp_path / "c.db"))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["as_of"] = as_of.isoformat()
    return at.run()


def test_the_overview_says_how_old_its_news_is(press: Path, tmp_path: Path, monkeypatch) -> None:
    fresh = _overview(press, tmp_path, monkeypatch, NEWEST + dt.timedelta(days=59))
    assert not [w for w in fresh.warning if "No statement recorded" in w.value]
    old = _overview(press, tmp_path, monkeypatch, NEWEST + dt.timedelta(days=61))
    warning = re.sub(r"\\(.)", r"\1", old.warning[0].value)
    assert warning == (
        "**No statement recorded since 24 February 2026 (61 days before 26 April 2026).** "
        "Positions may have changed since."
    )
    markdown = re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in old.markdown))
    assert "**newest statement 24 February 2026**" in markdown


def test_the_overview_shows_the_basis_in_words(press: Path, tmp_path: Path, monkeypatch) -> None:
    at = _overview(press, tmp_path, monkeypatch, dt.date(2026, 3, 1))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Stated troops": "50–250",
        "With press reports": "13,550–13,750",
        "Target cited": "about 15,000",
    }
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    reported = next(
        t for t in chart["data"] if t["name"] == "reported by the press or derived from a unit"
    )
    assert reported["marker"]["pattern"]["shape"] == "x"  # hatched, not colour alone
    assert {label for label in reported["text"] if label} == {"GBR reported", "FRA reported"}
    table = at.dataframe[1].value
    assert list(table[table["iso3"] == "GBR"]["troops"]) == [
        "about 7,500 reported, figure of 8 Jan 2026"
    ]
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]
    assert (
        "Reported by the press, not stated by the governments: the United Kingdom about 7,500 (figure "
        "of 8 Jan 2026) and France about 6,000; with them the figures add up to 13,550–13,750."
    ) in captions


# Conditions belong to the offer ------------------------------------------------------------


def test_conditions_stay_in_force_until_a_statement_changes_them(press: Path, tmp_path) -> None:
    from db.numbers.history import changes
    from db.numbers.totals import position_on
    from db.storage.build import build
    from db.storage.engine import reader_engine
    from db.storage.queries import load_dataset

    on = dt.date(2026, 3, 1)
    dataset = validate_folder(press, today=dt.date(2026, 11, 27)).dataset
    gbr = next(c for c in dataset.countries if c.iso3 == "GBR")
    position = position_on(gbr, on)
    assert (position.conditions, position.conditions_since) == (["ceasefire"], dt.date(2026, 1, 8))
    later = changes(dataset, dt.date(2026, 2, 1), on, {"GBR"})
    assert [(c.before.conditions, c.after.conditions) for c in later] == [
        (["ceasefire"], ["ceasefire"])  # the timeline shows no change of condition
    ]
    # `conditions: []` says that none apply any more; it survives the database as [].
    text = (press / "GBR.yaml").read_text()
    marker = "  - date: 2026-02-24\n    status: troops\n"
    assert marker in text
    (press / "GBR.yaml").write_text(text.replace(marker, marker + "    conditions: []\n"))
    db = tmp_path / "c.db"
    build(press, db, today=dt.date(2026, 11, 27))
    loaded = load_dataset(reader_engine(db))
    gbr = next(c for c in loaded.countries if c.iso3 == "GBR")
    assert position_on(gbr, on).conditions == []
    assert [s.conditions for s in gbr.statements][-2:] == [["ceasefire"], []]


def test_a_status_other_than_willing_or_open_ends_the_conditions(press: Path) -> None:
    from db.numbers.totals import position_on

    text = (press / "GBR.yaml").read_text()
    text += (
        "  - date: 2026-03-01\n    status: support\n    summary: Would support from outside.\n"
        "    sources:\n      - outlet: Example Wire\n        title: Support only\n"
        "        url: https://example.org/gbr-support\n        published: 2026-03-01\n"
        "  - date: 2026-03-02\n    status: troops\n    summary: Willing again.\n"
        "    sources:\n      - outlet: Example Wire\n        title: Willing again\n"
        "        url: https://example.org/gbr-again\n        published: 2026-03-02\n"
    )
    (press / "GBR.yaml").write_text(text)
    dataset = validate_folder(press, today=dt.date(2026, 11, 27)).dataset
    gbr = next(c for c in dataset.countries if c.iso3 == "GBR")
    assert position_on(gbr, dt.date(2026, 3, 1)).conditions == []
    assert position_on(gbr, dt.date(2026, 3, 2)).conditions == []  # not revived by a new offer
