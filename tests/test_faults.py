"""Faults: a build killed mid-write, a full disk, a database deleted or damaged under the app."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.synthetic import write_coalition
from tests.conftest import MINI, REPO

COALITION = Path(sys.executable).parent / "coalition"


def _build(data: Path, db: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [COALITION, "build", "--data", str(data), "--db", str(db), "--today", "2026-11-27"],
        capture_output=True, text=True, check=False, **kwargs,
    )  # fmt: skip


@pytest.fixture(scope="module")
def big_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten thousand statements: a build long enough to be killed part-way through."""
    folder = tmp_path_factory.mktemp("big") / "pledges"
    write_coalition(folder, 200, 50)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", ["temporary file appears", 0.3, 0.9, 1.5])
def test_killed_build_leaves_the_old_database(kill_after, big_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "coalition.db"
    assert _build(MINI, db).returncode == 0
    before = db.read_bytes()
    process = subprocess.Popen(
        [COALITION, "build", "--data", str(big_data), "--db", str(db)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    if kill_after == "temporary file appears":
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob(".coalition.db.*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.005)  # polling for the file, not waiting for readiness
        assert list(tmp_path.glob(".coalition.db.*.tmp")), "the build never started writing"
    else:
        time.sleep(kill_after)  # the kill point itself
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert db.read_bytes() == before
    result = _build(big_data, db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Built {db}: 200 countries, 10000 statements")
    assert list(tmp_path.glob("*.tmp")) == []


@pytest.mark.slow
def test_full_disk_fails_cleanly(big_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "coalition.db"
    assert _build(MINI, db).returncode == 0
    before = db.read_bytes()

    def tiny_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))

    result = _build(big_data, db, preexec_fn=tiny_disk)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Error: cannot write {db}: ")
    assert result.stderr.endswith("; the database was not changed\n")
    assert db.read_bytes() == before
    assert list(tmp_path.glob("*.tmp")) == []


@pytest.fixture
def served_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database the app reads, with no pledge folder beside it (as on a server)."""
    db = tmp_path / "coalition.db"
    assert _build(MINI, db).returncode == 0
    monkeypatch.setenv("COALITION_DB", str(db))
    monkeypatch.setenv("COALITION_DATA", str(tmp_path / "no-pledges"))
    return db


def _stated(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Stated troops")


def test_database_deleted_under_the_app(served_db: Path) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert _stated(at) == "250–450"
    served_db.unlink()
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith(f"There is no database at {served_db}. Build it with")
    assert _build(MINI, served_db).returncode == 0
    at.run()
    assert not at.error and _stated(at) == "250–450"


def test_database_damaged_under_the_app(served_db: Path) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert _stated(at) == "250–450"
    served_db.write_bytes(b"\x00garbage" * 5000)
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith(f"The database at {served_db} cannot be read")
    assert _build(MINI, served_db).returncode == 0
    at.run()
    assert not at.error and _stated(at) == "250–450"
