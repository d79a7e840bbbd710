"""Twenty browser sessions keep loading the overview while the database is rebuilt again and again:
no session errors, each sees the old or the new data (never a mix), new sessions see the new."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from components.render.export import browser_path
from tests.browser import (
    CHROMIUM_ARGS,
    is_outside,
    served_app,
    wait_for_app_run_async,
)
from tests.conftest import MINI

pytestmark = [pytest.mark.browser, pytest.mark.slow]
COALITION = Path(sys.executable).parent / "coalition"
SESSIONS = 20
REBUILDS = 8
NORWAY = """iso3: NOR
name: Norway
checked: 2025-05-01
statements:
  - date: 2025-04-01
    status: troops
    troops:
      min: 1000
      max: 2000
      basis: official
    capabilities: [ground]
    summary: Ready to send a battalion.
    sources:
      - outlet: Example Wire
        title: Norway battalion
        url: https://example.org/nor
        published: 2025-04-01
"""
# (countries, statements) as the sidebar's data line gives them, read from two tables.
OLD = ("5", "7")  # the five-country fixture
NEW = ("6", "8")  # the same plus Norway's statement


def _build(data: Path, db: Path) -> None:
    subprocess.run([COALITION, "build", "--data", str(data), "--db", str(db)], check=True,
                   capture_output=True)  # fmt: skip


async def _read(page) -> tuple[str, str]:
    """(countries, statements) from the sidebar's data line: two tables of one build."""
    sidebar = await page.get_by_test_id("stSidebar").inner_text()
    found = re.search(r"Data: (\d+) countries, (\d+) statements", sidebar)
    return found.group(1), found.group(2)


async def _session(browser, url: str, seen: list, errors: list, stop: threading.Event) -> None:
    """Open the method page, then keep moving between two pages, reading the data each time."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.on(
        "request", lambda r: errors.append(f"outside: {r.url}") if is_outside(r.url) else None
    )
    page = await context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.goto(url, wait_until="commit", timeout=180_000)
    await wait_for_app_run_async(page, timeout=180_000)
    mine: list = []
    finished = False
    while True:
        if await page.get_by_test_id("stException").count():
            errors.append(await page.get_by_test_id("stException").inner_text())
        mine.append(await _read(page))
        seen.append(mine[-1])
        if finished:
            break
        finished = stop.is_set()  # one more run after the last build, which must see it
        # Move to the other light page: each move is a full run of the app on the server.
        name, path = (
            ("Country", "**/country") if "method" in page.url else ("Sources & method", "**/method")
        )
        await page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
        await page.wait_for_url(path, timeout=180_000)
        await wait_for_app_run_async(page, timeout=180_000)
    if mine[-1] != NEW:
        errors.append(f"a session still saw {mine[-1]} after the last build")
    await context.close()


async def _run(
    url: str, stop: threading.Event, seen: list, errors: list, sessions: int = SESSIONS
) -> None:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=browser_path(), args=CHROMIUM_ARGS
        )
        await asyncio.gather(*(_session(browser, url, seen, errors, stop) for _ in range(sessions)))
        await browser.close()


def test_rebuilds_while_twenty_sessions_load(tmp_path: Path) -> None:
    old = Path(shutil.copytree(MINI, tmp_path / "old"))
    new = Path(shutil.copytree(MINI, tmp_path / "new"))
    (new / "NOR.yaml").write_text(NORWAY)
    db = tmp_path / "coalition.db"
    _build(old, db)
    stop = threading.Event()
    env = {"COALITION_DB": str(db), "COALITION_DATA": str(tmp_path / "none")}

    def rebuild() -> None:
        """Swap old and new data until every session has read a few times, then end on new."""
        i = 0
        while i < REBUILDS or len(seen) < SESSIONS * 2:
            _build(new if i % 2 == 0 else old, db)
            i += 1
        _build(new, db)
        stop.set()

    seen: list = []
    errors: list = []
    with served_app(env) as base:
        url = f"{base}/method"
        builder = threading.Thread(target=rebuild)
        builder.start()
        asyncio.run(_run(url, stop, seen, errors))
        builder.join()
        fresh: list = []
        asyncio.run(_run(url, _set(threading.Event()), fresh, errors, sessions=3))
    assert errors == []
    assert len(seen) >= SESSIONS * 2
    assert set(seen) == {OLD, NEW}, "each session sees whole old or whole new data, and both occur"
    assert len(fresh) >= 3 and set(fresh) == {NEW}


def _set(event: threading.Event) -> threading.Event:
    event.set()
    return event
