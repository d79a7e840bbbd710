"""Shared fixtures: real folders of pledge files, real SQLite files, the real CLI.

Tests pin fixtures, never the live data: `pledges/` changes with every data pull request.
Exact-output tests read `tests/fixtures/mini/` (five made-up countries) or
`tests/fixtures/july-2025/` (the project's data as recorded up to 10 July 2025, frozen for the
history it holds: time travel, Australia's conflicting reports). Only `tests/test_data.py` reads
`pledges/`, with rules that hold for any valid data.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
PLEDGES = REPO / "pledges"  # the live data: only tests/test_data.py reads it
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
JULY = FIXTURES / "july-2025"
BAD = Path(__file__).resolve().parent / "bad"
TODAY = dt.date(2026, 11, 27)

# Process limits, signals and FIFOs are POSIX: these slow suites run on Linux and macOS only.
collect_ignore = ["test_hostile.py", "test_faults.py"] if sys.platform == "win32" else []
# Links need privileges on Windows and FIFOs do not exist there; /proc is Linux's.
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs and /proc")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A copy of the five-country test coalition, safe to edit."""
    return Path(shutil.copytree(MINI, tmp_path / "pledges"))


@pytest.fixture
def july_data(tmp_path: Path) -> Path:
    """A copy of the frozen July 2025 coalition (17 countries, 24 statements), safe to edit."""
    return Path(shutil.copytree(JULY, tmp_path / "july-pledges"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "coalition.db"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in the temporary folder, so messages show short relative paths."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def chromium() -> Iterator:
    """One system Chromium per module of browser tests (Playwright is imported only for them)."""
    from tests.browser import chromium_browser

    with chromium_browser() as browser:
        yield browser
