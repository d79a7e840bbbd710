"""The atomic build: a failed build changes nothing; readers see each new build whole."""

from __future__ import annotations

import gc
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cli import cli
from db.contract.validate import validate_folder
from db.storage.build import InvalidData, build
from db.storage.engine import reader_engine
from db.storage.queries import build_facts, load_dataset
from tests.conftest import JULY, POSIX_ONLY, TODAY


def test_build_writes_every_row(mini_data: Path, db_path: Path) -> None:
    result = build(mini_data, db_path, today=TODAY)
    assert (result.countries, result.statements, result.sources) == (5, 7, 7)
    with sqlite3.connect(db_path) as con:
        rows = con.execute(
            "select iso3, date, status, troops_min, troops_max, qualifier from statement "
            "where iso3 in ('EST', 'LTU') order by iso3, seq"
        ).fetchall()
    assert rows == [
        ("EST", "2025-03-21", "troops", 100, 200, None),
        ("EST", "2025-04-30", "troops", 50, 250, None),
        ("LTU", "2025-03-21", "troops", 200, 200, "about"),  # written `approximate: true`
    ]
    assert str(build_facts(reader_engine(db_path)).data_as_of) == "2025-04-30"


def test_failed_build_leaves_database_byte_for_byte(mini_data: Path, db_path: Path, runner) -> None:
    build(mini_data, db_path, today=TODAY)
    before = db_path.read_bytes()
    stat_before = db_path.stat()
    est = mini_data / "EST.yaml"
    est.write_text(est.read_text().replace("status: troops", "status: troops\n    status: open", 1))
    result = runner.invoke(cli, ["build", "--data", str(mini_data), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Found 1 error in 1 file. The database was not changed ({db_path.as_posix()}).\n"
    )
    assert db_path.read_bytes() == before
    assert db_path.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert list(db_path.parent.glob("*.tmp")) == []


def test_failed_first_build_creates_no_database(mini_data: Path, db_path: Path) -> None:
    (mini_data / "coalition.yaml").unlink()
    with pytest.raises(InvalidData):
        build(mini_data, db_path, today=TODAY)
    assert not db_path.exists()
    assert gc.isenabled()  # paused while validating, running again after the failure


def test_one_engine_sees_each_new_build(mini_data: Path, db_path: Path) -> None:
    build(mini_data, db_path, today=TODAY)
    engine = reader_engine(db_path)
    assert len(load_dataset(engine).countries) == 5
    (mini_data / "POL.yaml").unlink()
    build(mini_data, db_path, today=TODAY)
    assert [c.iso3 for c in load_dataset(engine).countries] == ["AUS", "EST", "GBR", "LTU"]


def test_reader_is_read_only(mini_data: Path, db_path: Path) -> None:
    build(mini_data, db_path, today=TODAY)
    with reader_engine(db_path).connect() as con, pytest.raises(Exception, match="readonly"):
        con.exec_driver_sql("delete from country")


def test_stale_temporary_file_from_a_killed_build_is_cleared(
    mini_data: Path, db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    stale = db_path.parent / ".coalition.db.abc123.tmp"
    stale.write_bytes(b"half-written")
    build(mini_data, db_path, today=TODAY)
    assert not stale.exists()
    assert db_path.is_file()


def test_failure_while_writing_removes_the_temporary_file(
    mini_data: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(mini_data, db_path, today=TODAY)
    before = db_path.read_bytes()

    def fail(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("db.storage.build._fsync", fail)
    with pytest.raises(OSError):
        build(mini_data, db_path, today=TODAY)
    assert db_path.read_bytes() == before
    assert list(db_path.parent.glob("*.tmp")) == []


@POSIX_ONLY
def test_unwritable_folder_is_an_environment_error(mini_data: Path, tmp_path: Path, runner) -> None:
    result = runner.invoke(
        cli, ["build", "--data", str(mini_data), "--db", "/proc/coalition/coalition.db"]
    )
    assert result.exit_code == 2
    assert result.output.startswith("Error: cannot write /proc/coalition/coalition.db: ")
    assert result.output.endswith("; the database was not changed\n")


def test_a_loaded_build_equals_the_validated_data(db_path: Path) -> None:
    """What the dashboard reads back is exactly what validation accepted, field for field."""
    validated = validate_folder(JULY, today=TODAY).dataset
    build(JULY, db_path, today=TODAY)
    loaded = load_dataset(reader_engine(db_path))
    assert loaded == validated
    assert loaded.model_dump() == validated.model_dump()
    statement = loaded.countries[0].statements[0]
    assert statement.model_fields_set == set(type(statement).model_fields)
    assert gc.isenabled()  # the collector paused for the load is running again


def test_a_load_rebuilds_models_without_their_validation_cost(db_path: Path) -> None:
    """The trusted constructor refuses a missing or unknown field instead of guessing."""
    from db.contract.models import Source
    from db.storage.queries import _trusted

    make = _trusted(Source)
    with pytest.raises(TypeError, match="Source needs exactly the fields"):
        make(outlet="x")


@POSIX_ONLY
@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_a_planted_lock_file_is_refused_not_followed_or_waited_on(
    kind: str, mini_data: Path, tmp_path: Path
) -> None:
    db = tmp_path / "coalition.db"
    lock = tmp_path / ".coalition.db.build-lock"
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    if kind == "link":
        os.symlink(target, lock)
    else:
        os.mkfifo(lock)
    coalition = Path(sys.executable).parent / "coalition"
    result = subprocess.run(
        [coalition, "build", "--data", str(mini_data), "--db", str(db)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    what = "is a symbolic link" if kind == "link" else "is not a regular file"
    assert result.stderr == (
        f"Error: cannot write {db.as_posix()}: the lock file .coalition.db.build-lock {what}: remove it; "
        "the database was not changed\n"
    )
    assert result.returncode == 2
    assert target.read_text() == "keep me\n" and not db.exists()


def test_a_build_records_the_digest_of_its_files(mini_data: Path, db_path: Path) -> None:
    from db.storage.current import data_digest, is_current, refresh

    build(mini_data, db_path, today=TODAY)
    assert is_current(mini_data, db_path)
    est = mini_data / "EST.yaml"
    text = est.read_text()
    os.utime(est, (2_000_000_000, 2_000_000_000))  # a newer time, the same content: current
    assert is_current(mini_data, db_path)
    assert refresh(mini_data, db_path, today=TODAY).built is None
    est.write_text(text.replace("max: 250", "max: 260"))
    assert not is_current(mini_data, db_path)
    before = data_digest(mini_data)
    result = refresh(mini_data, db_path, today=TODAY)
    assert result.built is not None and result.current
    assert is_current(mini_data, db_path, before)


def test_refresh_keeps_the_last_good_build_and_says_why(mini_data: Path, db_path: Path) -> None:
    from db.storage.current import refresh

    build(mini_data, db_path, today=TODAY)
    before = db_path.read_bytes()
    est = mini_data / "EST.yaml"
    est.write_text(est.read_text().replace("max: 250", "max: 25"))
    result = refresh(mini_data, db_path, today=TODAY)
    assert [str(p).split(": ", 1)[1] for p in result.problems] == [
        "statements.1.troops.max: must be >= min (50 > 25)"
    ]
    assert not result.current and db_path.read_bytes() == before
