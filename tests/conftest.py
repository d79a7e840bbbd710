"""Shared fixtures: real folders of pledge files, real SQLite files, the real CLI."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
PLEDGES = REPO / "pledges"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
BAD = Path(__file__).resolve().parent / "bad"
TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A copy of the five-country test coalition, safe to edit."""
    return Path(shutil.copytree(MINI, tmp_path / "pledges"))


@pytest.fixture
def real_data(tmp_path: Path) -> Path:
    """A copy of the project's real pledges folder, safe to edit."""
    return Path(shutil.copytree(PLEDGES, tmp_path / "real-pledges"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "coalition.db"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in the temporary folder, so messages show short relative paths."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
