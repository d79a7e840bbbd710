"""Serving the real app and driving the system Chromium: shared by browser tests and screenshots."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from components.export import BrowserMissing, browser_path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    # Offline without intercepting every request: names other than this machine never resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served_app(
    env: dict[str, str],
    timeout: float = 60.0,
    script: Path | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> Iterator[str]:
    """`streamlit run app.py` (or `script`) on a free port; yields its URL once healthy.

    `preexec_fn` runs in the server's process before it starts (a resource limit, say)."""
    port = free_port()
    log = tempfile.TemporaryFile()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script or REPO / "app.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=REPO, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
        preexec_fn=preexec_fn,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(
                    f"streamlit exited early:\n{log.read().decode(errors='replace')}"
                )
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit did not answer on {url} within {timeout:.0f} s")
            time.sleep(0.1)  # polling interval, not a wait for readiness
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def launch(playwright: Playwright) -> Browser:
    """The system Chromium, found as the exports find it; a clear failure when there is none."""
    try:
        executable = browser_path()
    except BrowserMissing as exc:
        raise RuntimeError(f"{exc} (or run `make chromium`)") from None
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


@contextmanager
def chromium_browser() -> Iterator[Browser]:
    """One headless system Chromium, closed afterwards."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def is_outside(url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return False
    return (urlparse(url).hostname or "") not in LOCAL_HOSTS


def offline_context(browser: Browser, blocked: list[str], **options) -> BrowserContext:
    """A context whose requests beyond this machine fail (see CHROMIUM_ARGS) and are recorded."""
    context = browser.new_context(**options)
    context.on(
        "request", lambda request: blocked.append(request.url) if is_outside(request.url) else None
    )
    return context


def wait_for_app_run(page: Page, timeout: float = 30_000) -> None:
    """Wait for the app's own 'script finished' signal rather than sleeping."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


def full_screenshot(page: Page, path: Path) -> None:
    """Streamlit scrolls inside its main pane, so grow the window to the content, then shoot."""
    height = page.evaluate(
        """() => Math.max(...['stMain', 'stAppViewContainer', 'stSidebarContent']
            .map(id => document.querySelector(`[data-testid="${id}"]`))
            .filter(Boolean).map(el => el.scrollHeight), document.body.scrollHeight)"""
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12_000)})
    wait_for_app_run(page)
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


async def wait_for_app_run_async(page, timeout: float = 60_000) -> None:
    """The same wait as `wait_for_app_run`, for Playwright's async API."""
    from playwright.async_api import expect as expect_async

    app = page.get_by_test_id("stApp")
    await expect_async(app).to_have_attribute(
        "data-test-connection-state", "CONNECTED", timeout=timeout
    )
    await expect_async(app).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=timeout
    )
    await expect_async(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)
