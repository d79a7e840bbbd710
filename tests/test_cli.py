"""The `coalition` command as a user runs it: exact output and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli import cli
from tests.conftest import REPO


@pytest.fixture
def built(mini_data: Path, db_path: Path, runner) -> Path:
    result = runner.invoke(cli, ["build", "--data", str(mini_data), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


def test_build_reports_what_it_wrote(mini_data: Path, in_tmp: Path, runner) -> None:
    result = runner.invoke(cli, ["build", "--data", "pledges", "--db", "out/c.db"])
    assert result.output == (
        "Built out/c.db: 5 countries, 7 statements, 7 sources (data as of 2025-04-30).\n"
    )
    assert result.exit_code == 0


def test_data_and_db_come_from_the_environment(mini_data: Path, in_tmp: Path, runner) -> None:
    env = {"COALITION_DATA": "pledges", "COALITION_DB": "env.db"}
    assert runner.invoke(cli, ["build"], env=env).exit_code == 0
    assert (in_tmp / "env.db").is_file()
    result = runner.invoke(cli, ["summary", "--json"], env=env)
    assert json.loads(result.output)["coalition"] == "Test coalition"


def test_summary_json_shape_is_exact(built: Path, runner) -> None:
    result = runner.invoke(cli, ["summary", "--db", str(built), "--as-of", "2025-05-01", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "coalition": "Test coalition",
        "as_of": "2025-05-01",
        "target": {"min": 10000, "max": 30000},
        "troops": {"low": 250, "high": 450},
        "reported": {"low": 250, "high": 450},
        "target_since": "2025-03-20",
        "countries": [
            {
                "iso3": "EST",
                "name": "Estonia",
                "status": "troops",
                "troops_low": 50,
                "troops_high": 250,
                "roles": [],
                "since": "2025-04-30",
                "basis": "official",
                "conditions": [],
                "figure_since": "2025-04-30",
                "checked": "2025-04-30",
                "source_kind": "public_broadcaster",
                "weakly_sourced": False,
            },
            {
                "iso3": "LTU",
                "name": "Lithuania",
                "status": "troops",
                "troops_low": 200,
                "troops_high": 200,
                "roles": [],
                "since": "2025-03-21",
                "basis": "official",
                "conditions": [],
                "figure_since": "2025-03-21",
                "checked": "2025-03-21",
                "source_kind": "public_broadcaster",
                "weakly_sourced": False,
            },
            {
                "iso3": "GBR",
                "name": "United Kingdom",
                "status": "troops",
                "troops_low": None,
                "troops_high": None,
                "roles": ["lead"],
                "since": "2025-03-20",
                "basis": None,
                "conditions": [],
                "figure_since": None,
                "checked": "2025-03-20",
                "source_kind": "wire",
                "weakly_sourced": False,
            },
            {
                "iso3": "AUS",
                "name": "Australia",
                "status": "open",
                "troops_low": None,
                "troops_high": None,
                "roles": [],
                "since": "2025-03-20",
                "basis": None,
                "conditions": [],
                "figure_since": None,
                "checked": "2025-03-20",
                "source_kind": "wire",
                "weakly_sourced": False,
            },
            {
                "iso3": "POL",
                "name": "Poland",
                "status": "support",
                "troops_low": None,
                "troops_high": None,
                "roles": [],
                "since": "2025-03-21",
                "basis": None,
                "conditions": [],
                "figure_since": None,
                "checked": "2025-03-21",
                "source_kind": "public_broadcaster",
                "weakly_sourced": False,
            },
        ],
    }


def test_summary_table(built: Path, runner) -> None:
    result = runner.invoke(cli, ["summary", "--db", str(built), "--as-of", "2025-05-01"])
    assert result.output == (
        "Test coalition on 2025-05-01 (newest statement 2025-04-30)\n"
        "Target: 10,000–30,000 troops, cited since 20 March 2025.\n"
        "Stated troops: 250–450, from 2 countries.\n"
        "Not counted: the United Kingdom is willing to send troops but gave no number.\n"
        "The United Kingdom leads.\n"
        "Countries: willing 3, open 1, support only 1\n"
        "Country files in view were last checked against the news between 20 March 2025 and 30 "
        "April 2025.\n"
        "\n"
        "Country          Status                       Troops  Figure from  Since       Checked     "
        "Best source         Roles\n" + "-" * 116 + "\n"
        "Estonia          Willing                      50–250               2025-04-30  2025-04-30  "
        "public media\n"
        "Lithuania        Willing                   about 200               2025-03-21  2025-03-21  "
        "public media\n"
        "United Kingdom   Willing                   no number               2025-03-20  2025-03-20  "
        "wire                lead\n"
        "Australia        Open                                              2025-03-20  2025-03-20  "
        "wire\n"
        "Poland           Support only                                      2025-03-21  2025-03-21  "
        "public media\n"
    )


def test_summary_before_the_first_statement(built: Path, runner) -> None:
    result = runner.invoke(cli, ["summary", "--db", str(built), "--as-of", "2024-01-01"])
    assert result.output == "Test coalition on 2024-01-01: no statements on or before this date.\n"
    assert result.exit_code == 0


def test_summary_without_a_database(tmp_path: Path, runner) -> None:
    result = runner.invoke(cli, ["summary", "--db", str(tmp_path / "none.db")])
    assert (
        result.output
        == f"Error: no database at {(tmp_path / 'none.db').as_posix()}: run `coalition build` first\n"
    )
    assert result.exit_code == 2


def test_summary_on_a_corrupt_database(tmp_path: Path, runner) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    result = runner.invoke(cli, ["summary", "--db", str(bad)])
    assert result.output == (
        f"Error: {bad.as_posix()} is not a database this tool can read: run `coalition build` to rebuild it\n"
    )
    assert result.exit_code == 2


def test_bad_date_is_a_usage_error(built: Path, runner) -> None:
    result = runner.invoke(cli, ["summary", "--db", str(built), "--as-of", "2025-02-30"])
    assert result.exit_code == 2
    assert "Invalid value for '--as-of': '2025-02-30' does not match the format '%Y-%m-%d'" in (
        result.output
    )


def test_schema_check(mini_data: Path, runner) -> None:
    for name in ("schema.json", "coalition.schema.json"):
        (mini_data / name).unlink()
    result = runner.invoke(cli, ["schema", "--data", str(mini_data)])
    assert result.output == (
        f"Wrote {mini_data.as_posix()}/schema.json\n"
        f"Wrote {mini_data.as_posix()}/coalition.schema.json\n"
    )
    assert runner.invoke(cli, ["schema", "--check", "--data", str(mini_data)]).exit_code == 0
    (mini_data / "schema.json").write_text("{}\n")
    result = runner.invoke(cli, ["schema", "--check", "--data", str(mini_data)])
    assert (
        result.output
        == f"{mini_data.as_posix()}/schema.json: out of date: run `coalition schema`\n"
    )
    assert result.exit_code == 1
    result = runner.invoke(cli, ["schema", "--data", str(mini_data)])
    assert result.output == f"Wrote {mini_data.as_posix()}/schema.json\n"


def _commands() -> list[str]:
    return sorted(cli.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_and_is_documented(name: str, runner) -> None:
    command = cli.commands[name]
    assert command.help and len(command.help) > 20
    assert runner.invoke(cli, [name, "--help"]).exit_code == 0
    readme = (REPO / "README.md").read_text()
    assert re.search(rf"coalition {name}\b", readme), f"`coalition {name}` is not in the README"


def test_installed_console_script_runs() -> None:
    script = Path(sys.executable).parent / "coalition"
    result = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "Track what each country has pledged" in result.stdout


def test_unexpected_failure_is_one_line(
    built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last guard: even a bug shows one line, not a traceback."""
    import cli as cli_module

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_module, "headline", broken)
    monkeypatch.setattr(sys, "argv", ["coalition", "summary", "--db", str(built)])
    with pytest.raises(SystemExit) as caught:
        cli_module.main()
    assert caught.value.code == 2
    assert capsys.readouterr().err == (
        "Error: unexpected failure (RuntimeError: boom); rerun with COALITION_DEBUG=1 and report it\n"
    )
