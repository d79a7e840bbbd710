"""Shared fixtures: real folders of pledge files, real SQLite files, the real CLI.

Tests pin fixtures, never the live data: `pledges/` changes with every data pull request.
Exact-output tests read `tests/fixtures/mini/` (five made-up countries) or
`tests/fixtures/july-2025/` (the project's data as recorded up to 10 July 2025, frozen for the
history it holds: time travel, Australia's conflicting reports). Only `tests/test_data.py` reads
`pledges/`, with rules that hold for any valid data.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
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

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
}  # fmt: skip


def git_repository(folder: Path) -> Path:
    """Make `folder` a git repository on `main` with everything in it committed."""
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "data"]):
        subprocess.run(
            ["git", *args], cwd=folder, env={**os.environ, **GIT_ENV}, check=True,
            capture_output=True,
        )  # fmt: skip
    return folder


def app_test(data: Path, db: Path, page: str = "overview", **params: str):
    """The app under AppTest on `data`, run once, then switched to `page`, with query
    parameters set as a link would (no exception allowed)."""
    from streamlit.testing.v1 import AppTest

    os.environ["COALITION_DATA"], os.environ["COALITION_DB"] = str(data), str(db)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"components/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# Process limits, signals and FIFOs are POSIX: these slow suites run on Linux and macOS only.
collect_ignore = ["test_hostile.py", "test_faults.py"] if sys.platform == "win32" else []
# Links need privileges on Windows and FIFOs do not exist there; /proc is Linux's.
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs and /proc")


# The suite pins English output: a developer's own default language must not reach it (the
# French tests set the language themselves).
os.environ.pop("COALITION_LANG", None)


@pytest.fixture(autouse=True)
def _restore_environment() -> Iterator[None]:
    """`app_test` points the app at its data through the environment: no test leaves it set."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


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


@pytest.fixture
def blocked() -> list[str]:
    """Requests a browser test's page tried to send off this machine."""
    return []


@pytest.fixture
def web(chromium, blocked: list[str]) -> Iterator:
    """A page in an offline context at 1280x900 that accepts downloads; the test fails if the
    page threw an error or asked for anything outside this machine."""
    from tests.browser import offline_context

    context = offline_context(
        chromium, blocked, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], errors
    assert blocked == [], f"requests left this machine: {blocked}"
