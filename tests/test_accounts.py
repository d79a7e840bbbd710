"""Two press figures the data marks as different accounts not to be added together (`account`,
`not_added_with`): the sum with press reports counts one and says why, on every surface. On the
`graded` fixture, with a Danish figure added from another account than the British one."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from cli import cli
from components.text import md
from db.contract.validate import validate_folder
from db.numbers.headline import headline
from db.numbers.rows import position_rows
from tests.conftest import FIXTURES, app_test

TODAY = "2026-12-02"
AS_OF = dt.date(2026, 12, 1)
DANISH = """  - date: 2026-01-08
    status: troops
    troops:
      min: 6000
      max: 6000
      basis: reported
      account: A member of parliament
      not_added_with: [GBR]
    capabilities: [ground]
    summary: A member of parliament said the plan meant 6,000 Danish soldiers.
    sources:
      - outlet: Example Daily
        title: 6,000 Danish soldiers
        url: https://example.org/dnk-2
        published: 2026-01-08
"""
REASON = (
    "Denmark's 6,000 (A member of parliament) is not added to the United Kingdom's up to 7,500 "
    "(The Daily Example): the data records that they come from different accounts, which must "
    "not be added together, so the sum with press reports counts only one."
)


@pytest.fixture
def apart(tmp_path: Path) -> Path:
    """The graded fixture, with Denmark's 6,000 and the UK's up to 7,500 marked apart."""
    folder = Path(shutil.copytree(FIXTURES / "graded", tmp_path / "pledges"))
    gbr = folder / "GBR.yaml"
    gbr.write_text(
        gbr.read_text().replace("      basis: reported\n",
                                "      basis: reported\n      account: The Daily Example\n")
    )  # fmt: skip
    dnk = folder / "DNK.yaml"
    dnk.write_text(dnk.read_text() + DANISH)
    return folder


def _headline(folder: Path):
    report = validate_folder(folder, today=dt.date(2026, 12, 2))
    assert report.ok, [str(p) for p in report.problems]
    return headline(report.dataset, AS_OF)


def test_the_sum_with_press_reports_counts_one_and_says_why(apart: Path) -> None:
    h = _headline(apart)
    # Stated: Lithuania 200. With press reports: + UK up to 7,500 + Estonia 50–250; not Denmark.
    assert h.with_reported.text == "7,750–7,950"
    assert [n.position.iso3 for n in h.totals.not_added] == ["DNK"]
    assert h.reported_sentence.endswith(REASON)
    assert "Denmark 6,000 (not added)" in h.reported_sentence  # listed, marked, not added
    # The chart's "+ reported" bar stacks what the sum adds, and nothing else.
    assert h.bar_range("reported") == h.with_reported
    assert "DNK" not in [s.code for s in h.bar("reported")]
    rows = {r["iso3"]: r for r in position_rows(h.totals, h.words)}
    assert (rows["DNK"]["in_press_sum"], rows["GBR"]["in_press_sum"]) == (False, True)
    assert rows["DNK"]["figure_account"] == "A member of parliament"


def test_figures_of_one_account_are_added(apart: Path) -> None:
    dnk = apart / "DNK.yaml"
    dnk.write_text(dnk.read_text().replace("A member of parliament", "The Daily Example"))
    h = _headline(apart)
    assert h.with_reported.text == "13,750–13,950"
    assert h.totals.not_added == ()
    assert "not added" not in h.reported_sentence


def test_the_newer_figure_counts(apart: Path) -> None:
    dnk = apart / "DNK.yaml"
    dnk.write_text(dnk.read_text().replace("2026-01-08", "2026-01-09"))
    h = _headline(apart)
    assert h.with_reported.text == "6,250–6,450"  # 200 + 6,000 + 50–250
    assert h.reported_sentence.endswith(
        "The United Kingdom's up to 7,500 (The Daily Example) is not added to Denmark's 6,000 "
        "(A member of parliament): the data records that they come from different accounts, "
        "which must not be added together, so the sum with press reports counts only one."
    )


def test_summary_and_json_agree(apart: Path, tmp_path: Path, runner) -> None:
    args = ["summary", "--data", str(apart), "--db", str(tmp_path / "c.db"),
            "--as-of", AS_OF.isoformat()]  # fmt: skip
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "With press reports: 7,750–7,950.\n" in result.stdout
    assert REASON in result.stdout
    document = json.loads(runner.invoke(cli, [*args, "--json"]).stdout)
    assert document["reported"] == {"low": 7750, "high": 7950}


def test_the_overview_says_why(apart: Path, tmp_path: Path) -> None:
    at = app_test(apart, tmp_path / "c.db", as_of=AS_OF.isoformat())
    assert not at.exception
    assert any(md(REASON) in c.value for c in at.caption), [c.value for c in at.caption]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "      basis: reported\n      account",
            "      basis: official\n      account",
            "DNK.yaml:17:5: statements.1.troops: 'not_added_with' goes only with a reported or "
            "derived figure: figures stated on the record are always added; remove it, or "
            "correct the basis",
        ),
        (
            "      account: A member of parliament\n",
            "",
            "DNK.yaml:17:5: statements.1.troops: 'not_added_with' needs 'account:', whose "
            "account this figure is (e.g. 'The Times'), so that figures from one account can "
            "still be added",
        ),
        (
            "not_added_with: [GBR]",
            "not_added_with: [DNK]",
            "DNK.yaml:22:24: statements.1.troops.not_added_with.0: names DNK, this file's own "
            "country: list other countries",
        ),
        (
            "not_added_with: [GBR]",
            "not_added_with: [XXY]",
            "DNK.yaml:22:24: statements.1.troops.not_added_with.0: 'XXY' is not an ISO 3166-1 "
            "alpha-3 country code: use one such as FRA",
        ),
    ],
)
def test_a_wrong_mark_is_one_line_naming_the_fix(apart: Path, runner, old, new, message) -> None:
    dnk = apart / "DNK.yaml"
    text = dnk.read_text()
    assert old in text
    dnk.write_text(text.replace(old, new))
    result = runner.invoke(cli, ["validate", "--data", str(apart), "--today", TODAY])
    assert result.exit_code == 1
    lines = [line.split("/pledges/")[1] for line in result.output.splitlines()
             if "DNK.yaml:" in line and "suggestion:" not in line]  # fmt: skip
    assert lines == [message]
