"""Paths from where the user stands: the nearest pledges/ folder, never the installed package's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli import cli
from db.storage import settings
from tests.conftest import MINI
from tests.test_diff import git


@pytest.fixture
def clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A second repository with its own data: nothing in it is the package's own."""
    for name in (settings.DATA_ENV, settings.DB_ENV):
        monkeypatch.delenv(name, raising=False)
    repo = tmp_path / "second clone"
    shutil.copytree(MINI, repo / "pledges")
    (repo / "docs").mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base data")
    return repo


def test_data_is_found_from_the_folder_and_every_folder_below(clone: Path, monkeypatch) -> None:
    for where in (clone, clone / "pledges", clone / "docs"):
        monkeypatch.chdir(where)
        assert settings.data_dir() == clone / "pledges"
        assert settings.db_path() == clone / "coalition.db"


def test_options_and_environment_come_first(clone: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(clone)
    assert settings.data_dir("elsewhere") == Path("elsewhere")
    monkeypatch.setenv(settings.DATA_ENV, str(tmp_path / "env-data"))
    monkeypatch.setenv(settings.DB_ENV, str(tmp_path / "env.db"))
    assert settings.data_dir() == tmp_path / "env-data"
    assert settings.db_path() == tmp_path / "env.db"


def test_no_pledges_folder_is_exit_2_with_the_fix(tmp_path: Path, monkeypatch, runner) -> None:
    for name in (settings.DATA_ENV, settings.DB_ENV):
        monkeypatch.delenv(name, raising=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    for command in (["validate"], ["build"], ["summary"], ["diff"], ["fmt"], ["new", "NOR"]):
        result = runner.invoke(cli, command)
        assert result.output == (
            f"Error: no pledges/ folder with coalition.yaml in {empty.as_posix()} or any folder above it: "
            "run the command inside a copy of the data repository, or pass --data DIR "
            "(or set COALITION_DATA)\n"
        ), command
        assert result.exit_code == 2, command


def test_diff_in_a_second_clone_reads_that_clone(clone: Path, monkeypatch, runner) -> None:
    """The reported bug: run from another clone, diff compared the package's own repository."""
    ltu = clone / "pledges" / "LTU.yaml"
    ltu.write_text(ltu.read_text().replace("min: 200\n      max: 200", "min: 300\n      max: 300"))
    git(clone, "commit", "-q", "-am", "Lithuania's figure")
    monkeypatch.chdir(clone / "pledges")
    result = runner.invoke(cli, ["diff", "--as-of", "2025-06-01", "HEAD~1", "HEAD"])
    assert "  LTU: troops, about 200 -> troops, about 300\n" in result.output
    assert "  LTU: WARNING: edits or removes existing statements (2025-03-21)" in result.output
    assert result.exit_code == 0


def test_build_from_a_subfolder_writes_beside_the_data(clone: Path, monkeypatch, runner) -> None:
    monkeypatch.chdir(clone / "docs")
    result = runner.invoke(cli, ["build"])
    assert result.output == (
        f"Built {clone.as_posix()}/coalition.db: 5 countries, 7 statements, 7 sources "
        "(data as of 2025-04-30).\n"
    )
    assert (clone / "coalition.db").is_file()


def test_summary_builds_first_and_says_so(clone: Path, monkeypatch, runner) -> None:
    monkeypatch.chdir(clone)
    first = runner.invoke(cli, ["summary", "--as-of", "2025-05-01"])
    assert first.stderr == (
        "Built coalition.db: 5 countries, 7 statements, 7 sources (data as of 2025-04-30). "
        "The pledge files had changed since the last build.\n"
    )
    assert first.stdout.startswith("Test coalition on 2025-05-01 (newest statement 2025-04-30)")
    again = runner.invoke(cli, ["summary", "--as-of", "2025-05-01"])
    assert again.stderr == "" and again.stdout == first.stdout
    ltu = clone / "pledges" / "LTU.yaml"
    ltu.write_text(ltu.read_text().replace("max: 200", "max: 300"))
    changed = runner.invoke(cli, ["summary", "--as-of", "2025-05-01", "--json"])
    assert changed.stderr.startswith("Built coalition.db: 5 countries")
    assert '"high": 550' in changed.stdout


def test_summary_with_invalid_data_uses_the_last_good_build(
    clone: Path, monkeypatch, runner
) -> None:
    monkeypatch.chdir(clone)
    assert runner.invoke(cli, ["build"]).exit_code == 0
    est = clone / "pledges" / "EST.yaml"
    est.write_text(est.read_text().replace("max: 250", "max: 25"))
    result = runner.invoke(cli, ["summary", "--as-of", "2025-05-01"])
    assert result.stderr == (
        "Warning: pledges has 1 error (see `coalition validate`): using the last good build, "
        "coalition.db.\n"
    )
    assert "Stated troops: 250–450, from 2 countries." in result.stdout
    assert result.exit_code == 0


def test_summary_with_invalid_data_and_no_database(clone: Path, monkeypatch, runner) -> None:
    monkeypatch.chdir(clone)
    est = clone / "pledges" / "EST.yaml"
    est.write_text(est.read_text().replace("max: 250", "max: 25"))
    result = runner.invoke(cli, ["summary", "--data", "pledges"])
    assert result.stderr == (
        "pledges/EST.yaml:22:7: statements.1.troops.max: must be >= min (50 > 25)\n"
        "Found 1 error in pledges: there is no database to fall back on; fix them and run the "
        "command again.\n"
    )
    assert result.exit_code == 1
    assert not (clone / "coalition.db").exists()


def test_a_database_named_alone_is_read_as_it_is(
    clone: Path, tmp_path: Path, monkeypatch, runner
) -> None:
    monkeypatch.chdir(clone)
    other = tmp_path / "other.db"
    assert runner.invoke(cli, ["build", "--db", str(other)]).exit_code == 0
    ltu = clone / "pledges" / "LTU.yaml"
    ltu.write_text(ltu.read_text().replace("max: 200", "max: 300"))
    result = runner.invoke(cli, ["summary", "--db", str(other), "--as-of", "2025-05-01"])
    assert result.stderr == ""
    assert "Stated troops: 250–450, from 2 countries." in result.stdout


def test_build_with_another_db_leaves_no_untracked_file(clone: Path, monkeypatch, runner) -> None:
    monkeypatch.chdir(clone)
    assert runner.invoke(cli, ["build", "--db", "other.db"]).exit_code == 0
    (clone / ".gitignore").write_text((Path(__file__).parent.parent / ".gitignore").read_text())
    status = git(clone, "status", "--porcelain", "--untracked-files=all")
    assert status == "?? .gitignore"
