"""The totals function, on the test coalition and on the real data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from db.contract.validate import validate_folder
from db.numbers.totals import compute_totals, format_troops, statement_on
from tests.conftest import JULY, MINI, TODAY


def _dataset(folder: Path):
    report = validate_folder(folder, today=TODAY)
    assert report.ok, [str(p) for p in report.problems]
    return report.dataset


def test_totals_on_the_test_coalition() -> None:
    totals = compute_totals(_dataset(MINI), dt.date(2025, 5, 1))
    assert (totals.low, totals.high) == (50 + 200, 250 + 200)
    assert (totals.target_min, totals.target_max) == (10_000, 30_000)
    assert [p.iso3 for p in totals.unquantified] == ["GBR"]
    assert [p.iso3 for p in totals.leads] == ["GBR"]
    assert totals.counts == {"troops": 3, "open": 1, "support": 1, "undecided": 0, "declined": 0}
    assert totals.data_as_of == dt.date(2025, 4, 30)
    assert [(p.iso3, format_troops(p)) for p in totals.positions] == [
        ("EST", "50–250"),
        ("LTU", "about 200"),
        ("GBR", "no number"),
        ("AUS", ""),
        ("POL", ""),
    ]


def test_latest_statement_on_or_before_the_date_decides() -> None:
    australia = next(c for c in _dataset(MINI).countries if c.iso3 == "AUS")
    assert statement_on(australia, dt.date(2025, 3, 16)) is None
    assert statement_on(australia, dt.date(2025, 3, 17)).status == "troops"
    assert statement_on(australia, dt.date(2025, 3, 19)).status == "troops"
    assert statement_on(australia, dt.date(2025, 3, 20)).status == "open"


def test_time_travel_changes_figures_and_statuses() -> None:
    dataset = _dataset(MINI)
    early = compute_totals(dataset, dt.date(2025, 3, 18))
    assert [(p.iso3, p.status) for p in early.positions] == [("AUS", "troops")]
    assert [p.iso3 for p in early.unquantified] == ["AUS"]
    march = compute_totals(dataset, dt.date(2025, 3, 31))
    assert (march.low, march.high) == (100 + 200, 200 + 200)
    before_anything = compute_totals(dataset, dt.date(2025, 1, 1))
    assert before_anything.positions == ()
    assert (before_anything.low, before_anything.high, before_anything.data_as_of) == (0, 0, None)


def test_country_filter_limits_the_sums() -> None:
    totals = compute_totals(_dataset(MINI), dt.date(2025, 5, 1), countries={"EST", "POL"})
    assert (totals.low, totals.high) == (50, 250)
    assert [p.iso3 for p in totals.positions] == ["EST", "POL"]


def test_totals_on_the_july_2025_data() -> None:
    totals = compute_totals(_dataset(JULY), TODAY)
    # Estonia 50-250 and Lithuania about 200 are the only stated figures.
    assert (totals.low, totals.high) == (250, 450)
    assert sorted(p.iso3 for p in totals.unquantified) == ["FRA", "GBR", "LVA"]
    assert sorted(p.iso3 for p in totals.leads) == ["FRA", "GBR"]
    assert totals.counts == {"troops": 5, "open": 5, "support": 1, "undecided": 6, "declined": 0}
    assert totals.data_as_of == dt.date(2025, 7, 10)


def test_july_2025_data_keeps_australias_conflicting_reports() -> None:
    dataset = _dataset(JULY)
    on_18_march = compute_totals(dataset, dt.date(2025, 3, 18))
    on_21_march = compute_totals(dataset, dt.date(2025, 3, 21))
    status = {p.iso3: p.status for p in on_18_march.positions}
    assert status["AUS"] == "troops"
    assert {p.iso3: p.status for p in on_21_march.positions}["AUS"] == "open"


def test_long_histories_are_sampled_and_match_compute_totals(tmp_path: Path) -> None:
    from benchmarks.synthetic import write_coalition
    from db.numbers.history import MAX_POINTS, history

    write_coalition(tmp_path / "big", 30, 40)
    dataset = _dataset(tmp_path / "big")
    steps = history(dataset, TODAY)
    assert len(steps) <= MAX_POINTS + 1
    assert steps[-1].as_of == TODAY
    for step in steps[:: len(steps) // 5]:
        direct = compute_totals(dataset, step.as_of)
        assert (step.low, step.high, step.counts) == (direct.low, direct.high, direct.counts)


def test_short_histories_keep_every_statement_date() -> None:
    from db.numbers.history import history

    steps = history(_dataset(MINI), dt.date(2025, 5, 1))
    assert [s.as_of for s in steps] == [
        dt.date(2025, 3, 17), dt.date(2025, 3, 20), dt.date(2025, 3, 21),
        dt.date(2025, 4, 30), dt.date(2025, 5, 1),
    ]  # fmt: skip
