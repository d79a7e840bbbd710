"""Every figure defensible: an explicit basis, derived figures kept out of the stated sum, a
carried figure's own date on every surface, graded sources and the review cadence. All on the
`graded` fixture (made-up positions, example.org sources)."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from cli import cli
from db.contract.validate import validate_folder
from db.contract.vocabulary import vocabulary
from db.numbers.headline import headline
from db.numbers.rows import position_rows, source_kind_rows, statement_rows, to_json
from tests.conftest import FIXTURES, app_test, git_repository

GRADED = FIXTURES / "graded"
TODAY = "2026-12-02"
AS_OF = dt.date(2026, 12, 1)
# Estonia's figure (50–250, derived from a company) is from 30 April 2025; its position is a
# December statement that gave no number, so the figure is carried and must say its own date.
CARRIED = "figure of 30 Apr 2025"


@pytest.fixture(scope="module")
def dataset():
    report = validate_folder(GRADED, today=dt.date(2026, 12, 2))
    assert report.ok, [str(p) for p in report.problems]
    return report.dataset


@pytest.fixture
def graded(tmp_path: Path) -> Path:
    return Path(shutil.copytree(GRADED, tmp_path / "pledges"))


def _validate(runner, folder: Path):
    return runner.invoke(cli, ["validate", "--data", str(folder), "--today", TODAY])


def _first(output: str, file: str) -> str:
    """The first line reported for `file`."""
    return next(line for line in output.splitlines() if f"/{file}:" in line)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


# The basis of every figure -------------------------------------------------------------------


def test_a_missing_basis_names_the_file_the_line_and_the_three_choices(graded: Path, runner):
    _edit(graded / "GBR.yaml", "      basis: reported\n", "")
    result = _validate(runner, graded)
    assert _first(result.output, "GBR.yaml") == (
        f"{graded.as_posix()}/GBR.yaml:8:5: statements.0.troops.basis: required field is "
        "missing: add 'basis:' with official (said on the record by the government), reported "
        "(by the press, citing unnamed sources) or derived (inferred from a unit the source "
        "names, with 'unit:')"
    )
    assert result.exit_code == 1


def test_a_derived_figure_needs_its_unit_and_only_a_derived_one_has_one(graded: Path, runner):
    _edit(graded / "EST.yaml", "      unit: company\n", "")
    _edit(
        graded / "LTU.yaml",
        "      basis: official\n",
        "      basis: official\n      unit: company\n",
    )
    output = _validate(runner, graded).output
    assert _first(output, "EST.yaml") == (
        f"{graded.as_posix()}/EST.yaml:8:5: statements.0.troops: a derived figure needs 'unit:', "
        "the unit the source names"
    )
    assert _first(output, "LTU.yaml") == (
        f"{graded.as_posix()}/LTU.yaml:8:5: statements.0.troops: 'unit:' goes only with basis "
        "'derived' (basis is 'official'): remove it, or make the basis derived"
    )


def test_a_unit_must_be_one_coalition_yaml_defines(graded: Path, runner):
    _edit(graded / "EST.yaml", "unit: company", "unit: brigade")
    assert _first(_validate(runner, graded).output, "EST.yaml") == (
        f"{graded.as_posix()}/EST.yaml:12:7: statements.0.troops.unit: 'brigade' is not allowed: "
        "use one of 'company' (the units defined in coalition.yaml)"
    )


def test_a_derived_figure_stays_out_of_the_stated_sum(dataset) -> None:
    h = headline(dataset, AS_OF)
    assert (h.stated.text, [p.iso3 for p in h.counted]) == ("200", ["LTU"])
    assert h.with_reported.text == "7,750–7,950"  # 200 official + 7,500 reported + 50–250 derived
    assert h.reported_sentence == (
        "Reported by the press, not stated by the governments: the United Kingdom up to 7,500; "
        "derived from a unit a source names: Estonia 50–250 (a company, figure of 30 Apr 2025); "
        "with them the figures add up to 7,750–7,950."
    )


def test_the_summary_json_adds_the_new_keys(graded: Path, tmp_path: Path, runner) -> None:
    result = runner.invoke(
        cli, ["summary", "--data", str(graded), "--db", str(tmp_path / "c.db"), "--as-of",
              AS_OF.isoformat(), "--json"],
    )  # fmt: skip
    document = json.loads(result.stdout)
    assert (document["troops"], document["reported"]) == (
        {"low": 200, "high": 200},
        {"low": 7750, "high": 7950},
    )
    countries = {c["iso3"]: c for c in document["countries"]}
    assert {
        k: countries["EST"][k]
        for k in ("basis", "since", "figure_since", "checked", "source_kind", "weakly_sourced")
    } == {
        "basis": "derived",
        "since": "2025-12-03",
        "figure_since": "2025-04-30",
        "checked": "2026-11-01",
        "source_kind": "press",
        "weakly_sourced": False,
    }
    assert countries["DNK"]["figure_since"] is None
    assert (countries["DNK"]["source_kind"], countries["DNK"]["weakly_sourced"]) == (
        "republisher",
        True,
    )


# A carried figure shows its own date, on every surface ---------------------------------------


def test_the_downloads_carry_the_figure_and_its_date(dataset) -> None:
    words = vocabulary(dataset.coalition)
    rows = {r["iso3"]: r for r in position_rows(headline(dataset, AS_OF).totals, words)}
    est = rows["EST"]
    assert est["troops"] == f"50–250 derived from a company, {CARRIED}"
    assert (est["figure"], est["figure_from"], est["figure_since"], est["since"]) == (
        "50–250 derived",
        "2025-04-30",
        "2025-04-30",
        "2025-12-03",
    )
    assert (rows["GBR"]["figure_from"], rows["GBR"]["figure_since"]) == ("", "2026-01-08")
    # Beside a figure, the figure's own source: Estonia's December statement is not it.
    assert (est["source"], est["figure_source"], est["figure_source_url"]) == (
        "Example Radio",
        "Example Radio, 30 Apr 2025",
        "https://example.org/est-1",
    )
    assert est["source_link"] == "https://example.org/est-1#source=Example Radio"
    downloaded = json.loads(to_json([est]))[0]
    assert downloaded["troops"] == f"50–250 derived from a company, {CARRIED}"


def test_the_summary_text_gives_the_figure_its_own_date(graded: Path, tmp_path: Path, runner):
    result = runner.invoke(
        cli, ["summary", "--data", str(graded), "--db", str(tmp_path / "c.db"), "--as-of",
              AS_OF.isoformat()],
    )  # fmt: skip
    row = next(line for line in result.output.splitlines() if line.startswith("Estonia"))
    assert row == (
        "Estonia          Willing              50–250 derived  2025-04-30   2025-12-03  "
        "2026-11-01  press"
    )


def _app(graded: Path, tmp_path: Path, monkeypatch, page: str = "overview", **params: str):
    monkeypatch.setenv("COALITION_DATA", str(graded))  # monkeypatch restores them afterwards
    monkeypatch.setenv("COALITION_DB", str(tmp_path / "c.db"))
    return app_test(graded, tmp_path / "c.db", page, as_of=AS_OF.isoformat(), **params)


def test_the_overview_table_and_lines(graded: Path, tmp_path: Path, monkeypatch) -> None:
    at = _app(graded, tmp_path, monkeypatch)
    table = at.dataframe[-1].value
    est = table[table["iso3"] == "EST"].iloc[0]
    assert (est["figure"], est["figure_from"], est["since"]) == (
        "50–250 derived",
        "2025-04-30",
        "2025-12-03",
    )
    dnk = table[table["iso3"] == "DNK"].iloc[0]
    assert (dnk["source_grade"], table[table["iso3"] == "LTU"].iloc[0]["source_grade"]) == (
        "weakly sourced",
        "government",
    )
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]
    assert (
        "Country files in view were last checked against the news between 1 February 2026 and 1 "
        "November 2026."
    ) in captions
    assert (
        "Weakly sourced, resting only on republishers or aggregators: Denmark. Their positions "
        "are shown, but check them before repeating them."
    ) in captions


def test_the_country_page_dates_the_figure_and_tells_statement_from_check(
    graded: Path, tmp_path: Path, monkeypatch
) -> None:
    at = _app(graded, tmp_path, monkeypatch, "country", country="EST")
    text = "\n".join(re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown)
    assert (
        "**Position on 1 December 2026:** Willing to send troops, 50–250 troops, derived from a "
        "company (the figure given on 30 April 2025, source: Example Radio, 30 Apr 2025), stated 3 "
        "December 2025."
    ) in text
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]
    assert (
        "Newest statement 3 December 2025; file checked against the news 1 November 2026."
    ) in captions
    assert (
        "Derived figure: the source names a company, not a number; 50–250 is the size used for "
        "it (see Sources & method). It is not in the stated sum."
    ) in captions
    dnk = _app(graded, tmp_path, monkeypatch, "country", country="DNK")
    assert [re.sub(r"\\(.)", r"\1", w.value) for w in dnk.warning] == [
        "Weakly sourced: this position rests only on republishers or aggregators (strongest "
        "source: republisher or aggregator). Check it before repeating it."
    ]
    ltu = _app(graded, tmp_path, monkeypatch, "country", country="LTU")
    assert (
        "The position is on the record, but its capabilities, roles or conditions come from the "
        "press citing unnamed sources (see the notes)."
    ) in [re.sub(r"\\(.)", r"\1", c.value) for c in ltu.caption]


def test_the_method_page_gives_unit_sizes_and_counts_sources_by_kind(
    dataset, graded: Path, tmp_path: Path, monkeypatch
) -> None:
    counts = {
        r["Code in the data"]: r["Sources"]
        for r in source_kind_rows(dataset, vocabulary(dataset.coalition))
    }
    assert counts == {
        "government": 1, "international": 0, "wire": 2, "public_broadcaster": 2, "press": 2,
        "republisher": 1, "state_media_party": 0,
    }  # fmt: skip
    at = _app(graded, tmp_path, monkeypatch, "method")
    units = [t for t in at.table if "Where the size comes from" in t.value.columns][0].value
    assert list(units.iloc[0]) == [
        "a company",
        "company",
        "50–250",
        "The range a public broadcaster gives for a company.",
        "Example Radio, 30 April 2025",
    ]


def test_the_all_statements_download_names_via_unit_and_kind(dataset) -> None:
    rows = statement_rows(dataset, vocabulary(dataset.coalition))
    dnk = next(r for r in rows if r["iso3"] == "DNK")
    assert (dnk["source_outlet"], dnk["source_via"], dnk["source_kind"]) == (
        "Example Aggregator",
        "Example Wire",
        "republisher",
    )
    est = next(r for r in rows if r["iso3"] == "EST")
    assert (est["basis"], est["unit"]) == ("derived", "company")


@pytest.mark.kaleido
def test_the_briefing_image_dates_the_carried_figure(dataset) -> None:
    from components.render.briefing import export_figure
    from components.render.export import render

    h = headline(dataset, AS_OF)
    svg = render(export_figure("briefing", dataset, h, "a4"), "svg", 595, 842)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", svg.decode("utf-8"))).split())
    assert f"50–250 derived from a company, {CARRIED}" in text  # the willing table
    assert "Estonia 50–250 (a company, figure of 30 Apr 2025)" in text  # the note
    assert "Weakly sourced, resting only on republishers or aggregators: Denmark." in text


def test_the_diff_gives_the_carried_figure_its_date(graded: Path, tmp_path: Path, runner) -> None:
    repo = graded.parent
    git_repository(repo)
    est = graded / "EST.yaml"
    est.write_text(
        est.read_text()
        + "  - date: 2026-02-01\n    status: troops\n    summary: Restated the offer.\n"
        "    sources:\n      - outlet: Example Radio\n        title: Offer restated\n"
        "        url: https://example.org/est-3\n        published: 2026-02-01\n"
    )
    old = os.getcwd()
    os.chdir(repo)
    try:
        result = runner.invoke(
            cli, ["diff", "--data", "pledges", "--today", TODAY, "--as-of", AS_OF.isoformat()]
        )
    finally:
        os.chdir(old)
    assert (
        f"  EST: troops, 50–250 derived, {CARRIED} -> troops, 50–250 derived, {CARRIED} (new "
        "statement 2026-02-01)"
    ) in result.output.splitlines()


# Graded sources ------------------------------------------------------------------------------


def test_an_unknown_outlet_gets_a_did_you_mean(graded: Path, runner) -> None:
    _edit(graded / "POL.yaml", "outlet: Example Wire", "outlet: Example Wyre")
    result = _validate(runner, graded)
    assert _first(result.output, "POL.yaml") == (
        f"{graded.as_posix()}/POL.yaml:10:9: statements.0.sources.0.outlet: 'Example Wyre' is not "
        "in outlets.yaml: did you mean 'Example Wire'?"
    )
    assert result.exit_code == 1


def test_an_outlet_nobody_registered_says_how_to_add_it(graded: Path, runner) -> None:
    _edit(graded / "POL.yaml", "outlet: Example Wire", "outlet: Zeitung Neu")
    assert _first(_validate(runner, graded).output, "POL.yaml") == (
        f"{graded.as_posix()}/POL.yaml:10:9: statements.0.sources.0.outlet: 'Zeitung Neu' is not "
        "in outlets.yaml: add it to outlets.yaml with its kind (government, international, wire, "
        "public_broadcaster, press, republisher, state_media_party)"
    )


def test_a_republisher_must_name_its_original(graded: Path, runner) -> None:
    _edit(graded / "DNK.yaml", "        via: Example Wire\n", "")
    errors = [line for line in _validate(runner, graded).output.splitlines() if "sources.0" in line]
    assert errors[0] == (
        f"{graded.as_posix()}/DNK.yaml:10:9: statements.0.sources.0.outlet: 'Example Aggregator' "
        "republishes other outlets' reports: add 'via:' naming the original outlet"
    )


def test_resting_only_on_republishers_is_a_warning(graded: Path, runner) -> None:
    result = _validate(runner, graded)
    assert result.output == (
        f"{graded.as_posix()}/DNK.yaml:9:5: statements.0.sources: suggestion: rests only on "
        "republishers or aggregators, so it shows as weakly sourced: add the original report or "
        "an established outlet's own\n"
        "5 countries, 6 statements: no errors (1 suggestion).\n"
    )
    assert result.exit_code == 0


def test_resting_only_on_state_media_of_a_party_is_an_error(graded: Path, runner) -> None:
    _edit(graded / "DNK.yaml", "      - outlet: Example Aggregator\n        via: Example Wire\n",
          "      - outlet: Example State Agency\n")  # fmt: skip
    result = _validate(runner, graded)
    assert _first(result.output, "DNK.yaml") == (
        f"{graded.as_posix()}/DNK.yaml:9:5: statements.0.sources: rests only on "
        "state-controlled media of a party to the conflict: add an independent source (a "
        "government's own words, a wire service or an established outlet), or remove the "
        "statement"
    )
    assert result.exit_code == 1


def test_a_missing_register_is_an_error(graded: Path, runner) -> None:
    (graded / "outlets.yaml").unlink()
    assert _first(_validate(runner, graded).output, "outlets.yaml") == (
        f"{graded.as_posix()}/outlets.yaml: is missing: every pledges folder needs an outlet "
        "register naming each source's outlet and its kind (see CONTRIBUTING.md)"
    )


# The review cadence --------------------------------------------------------------------------


def test_review_lists_the_files_due_oldest_check_first(graded: Path, tmp_path: Path, runner):
    args = ["review", "--data", str(graded), "--db", str(tmp_path / "c.db"), "--today", TODAY]
    result = runner.invoke(cli, args)
    assert result.stdout == (
        "4 of 5 country files are due for review: not checked against the news in the 90 days "
        "before 2026-12-02, oldest first.\n"
        "\n"
        "Country              Checked      Days  Newest statement\n"
        "--------------------------------------------------------\n"
        "Lithuania            2026-02-01    304  2025-08-20\n"
        "Poland               2026-02-01    304  2025-09-04\n"
        "United Kingdom       2026-06-01    184  2026-01-08\n"
        "Denmark              2026-09-01     92  2025-09-04\n"
    )
    assert result.exit_code == 0
    document = json.loads(runner.invoke(cli, [*args, "--json", "--days", "200"]).stdout)
    assert document == {
        "as_of": "2026-12-02",
        "days": 200,
        "countries": 5,
        "due": [
            {"iso3": "LTU", "name": "Lithuania", "checked": "2026-02-01",
             "days_since_checked": 304, "newest_statement": "2025-08-20"},
            {"iso3": "POL", "name": "Poland", "checked": "2026-02-01",
             "days_since_checked": 304, "newest_statement": "2025-09-04"},
        ],
    }  # fmt: skip
    none_due = runner.invoke(cli, [*args, "--days", "400"])
    assert none_due.stdout == (
        "No country file is due for review: every one was checked against the news in the 400 "
        "days before 2026-12-02.\n"
    )


def test_review_writes_a_job_summary_table(graded: Path, tmp_path: Path, runner) -> None:
    result = runner.invoke(
        cli, ["review", "--data", str(graded), "--db", str(tmp_path / "c.db"), "--today", TODAY,
              "--days", "200", "--format", "markdown"],
    )  # fmt: skip
    assert result.stdout.splitlines()[-3:] == [
        "|---|---|---:|---|",
        "| Lithuania (LTU) | 2026-02-01 | 304 | 2025-08-20 |",
        "| Poland (POL) | 2026-02-01 | 304 | 2025-09-04 |",
    ]


def test_a_checked_date_is_required(graded: Path, runner) -> None:
    _edit(graded / "POL.yaml", "checked: 2026-02-01\n", "")
    assert _first(_validate(runner, graded).output, "POL.yaml") == (
        f"{graded.as_posix()}/POL.yaml:1:1: checked: required field is missing: add 'checked:'"
    )


# A contributor path without traps ----------------------------------------------------------


def test_a_copied_statement_with_only_a_new_date_gets_a_warning(graded: Path, runner) -> None:
    text = (graded / "POL.yaml").read_text()
    copy = text[text.index("  - date: 2025-09-04") :].replace("2025-09-04\n", "2025-10-01\n", 1)
    (graded / "POL.yaml").write_text(text + copy)
    assert _first(_validate(runner, graded).output, "POL.yaml") == (
        f"{graded.as_posix()}/POL.yaml:14:5: statements.1: suggestion: repeats the statement "
        "before it (2025-09-04) with only a new date: a new statement records what was newly "
        "said, with its own source; if nothing new was said, remove it"
    )


def test_diff_on_main_after_committing_there_says_how_to_compare(graded: Path, runner) -> None:
    repo = git_repository(graded.parent)
    old = os.getcwd()
    os.chdir(repo)
    try:
        result = runner.invoke(cli, ["diff", "--data", "pledges", "--today", TODAY])
    finally:
        os.chdir(old)
    lines = result.output.splitlines()
    assert lines[0].startswith("Pledge data: ") and " -> working tree, positions on " in lines[0]
    assert lines[1] == "No change to any country."
    assert lines[-1] == (
        "Nothing to compare: this branch holds no commit that main does not, and nothing is "
        "uncommitted. Make your change on a branch (`git switch -c my-change`) and run `coalition "
        "diff` there; to see what commits already on main did, name the revision to compare "
        "with: `coalition diff HEAD~1`."
    )


# A qualifier, not a tilde ------------------------------------------------------------------


def test_the_older_approximate_flag_reads_as_about_and_fmt_rewrites_it(graded: Path, runner):
    gbr = graded / "GBR.yaml"
    gbr.write_text(gbr.read_text().replace("qualifier: up_to", "approximate: true"))
    dataset = validate_folder(graded, today=dt.date(2026, 12, 2)).dataset
    figure = next(c for c in dataset.countries if c.iso3 == "GBR").statements[0].troops
    assert (figure.qualifier, figure.approximate) == ("about", None)
    assert runner.invoke(cli, ["fmt", "--data", str(graded)]).exit_code == 0
    text = gbr.read_text()
    assert "      qualifier: about\n" in text and "approximate" not in text
    gbr.write_text(text.replace("qualifier: about", "qualifier: about\n      approximate: true"))
    assert _first(_validate(runner, graded).output, "GBR.yaml").endswith(
        "statements.0.troops: has both 'approximate' and 'qualifier': keep 'qualifier' only"
    )


def test_every_qualifier_is_written_in_words(dataset) -> None:
    from db.numbers.totals import format_range

    assert [format_range(7500, 7500, q) for q in (None, "about", "up_to", "at_least")] == [
        "7,500", "about 7,500", "up to 7,500", "at least 7,500",
    ]  # fmt: skip
    h = headline(dataset, AS_OF)
    assert h.reported_sentence.startswith(
        "Reported by the press, not stated by the governments: the United Kingdom up to 7,500; "
    )


def test_on_a_phone_each_table_keeps_its_row_label(tmp_path: Path, monkeypatch) -> None:
    """The label column is pinned: it stays in view while the rest of the row scrolls."""
    import json as json_module

    press = Path(shutil.copytree(FIXTURES / "press", tmp_path / "pledges"))
    monkeypatch.setenv("COALITION_DATA", str(press))
    monkeypatch.setenv("COALITION_DB", str(tmp_path / "c.db"))
    at = app_test(press, tmp_path / "c.db", as_of="2026-03-01")
    pinned = []
    for frame in at.dataframe:
        config = json_module.loads(frame.proto.columns)
        pinned.append(sorted(k for k, v in config.items() if v.get("pinned")))
    assert pinned == [["Condition"], ["country"]]
