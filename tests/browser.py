"""Serving the real app and driving the system Chromium: shared by browser tests and screenshots."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from components.render.export import BrowserMissing, browser_path
from scripts.launcher import Reservation, Server, streamlit_command

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


@contextmanager
def served_app(
    env: dict[str, str],
    timeout: float = 60.0,
    script: Path | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> Iterator[str]:
    """`streamlit run app.py` (or `script`) on a free port; yields its URL once healthy.

    `preexec_fn` runs in the server's process before it starts (a resource limit, say)."""
    reservation = Reservation()
    port = reservation.ports[0]
    url = f"http://127.0.0.1:{port}"
    server = Server(
        streamlit_command(port, script), port, f"{url}/_stcore/health", env=env,
        preexec_fn=preexec_fn, name="streamlit",
    )  # fmt: skip
    server.start(timeout, reservation)
    try:
        yield url
    finally:
        server.stop()


@contextmanager
def served_copy(folder: Path, tmp: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """The app serving a copy of the pledge folder `folder` (a fixture) with its own database
    in `tmp`, so a test never touches the fixture; yields its URL once healthy."""
    data = Path(shutil.copytree(folder, tmp / "pledges"))
    paths = {"COALITION_DATA": str(data), "COALITION_DB": str(tmp / "coalition.db")}
    with served_app({**paths, **(env or {})}) as url:
        yield url


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


def open_page(page: Page, url: str) -> None:
    """Go to `url`, wait for the app's run to finish, and fail on an exception box."""
    page.goto(url)
    wait_for_app_run(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)


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
