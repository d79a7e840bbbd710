"""Keyboard only, in the real Chromium: reach the filters, change the status filter, open a
country and download a CSV with Tab, Enter, Space and the arrow keys, the focus visible at every
step (the focused element looks different from the same element unfocused)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import offline_context, served_copy, wait_for_app_run
from tests.conftest import JULY

pytestmark = pytest.mark.browser
MOST_TABS = 400

FOCUSED = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, name: (e.getAttribute('aria-label') || e.innerText || '').trim(),
          role: e.getAttribute('role') || '', testid: e.getAttribute('data-testid') || '',
          html: e.outerHTML.slice(0, 200)};
}"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_copy(JULY, tmp_path_factory.mktemp("keyboard")) as url:
        yield url


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    blocked: list[str] = []
    context = offline_context(
        chromium, blocked, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    yield page
    context.close()
    assert blocked == []


def _focus_is_visible(page: Page) -> bool:
    """The focused element, with a margin for rings, differs from itself unfocused."""
    handle = page.evaluate_handle("document.activeElement")
    box = handle.bounding_box()
    if not box or not box["width"]:
        return False
    clip = {
        "x": max(box["x"] - 4, 0), "y": max(box["y"] - 4, 0),
        "width": box["width"] + 8, "height": box["height"] + 8,
    }  # fmt: skip
    focused = page.screenshot(clip=clip, animations="disabled")
    handle.evaluate("e => e.blur()")
    unfocused = page.screenshot(clip=clip, animations="disabled")
    handle.evaluate("e => e.focus()")  # the last input was a key, so focus shows as before
    return focused != unfocused


def _tab_to(page: Page, wanted: Callable[[dict], bool], back: bool = False) -> dict:
    """Press Tab (Shift+Tab) until the focused element is `wanted`; the focus must be visible
    on every element on the way."""
    path = []
    for _ in range(MOST_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = page.evaluate(FOCUSED)
        path.append(focused["name"][:30] or focused["tag"])
        if focused["tag"] in ("MAIN", "BODY", "CANVAS"):
            continue  # a region, or the table's canvas whose cell is ringed inside it
        assert _focus_is_visible(page), f"no visible focus on {focused} after {path}"
        if wanted(focused):
            return focused
    raise AssertionError(f"{MOST_TABS} presses of Tab never reached the element: {path}")


def _named(name: str) -> Callable[[dict], bool]:
    return lambda focused: focused["name"] == name


def test_filters_a_country_and_a_download_by_keyboard_alone(page: Page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app_run(page)
    expect(page.get_by_text("5 willing to send troops", exact=True)).to_be_visible()

    # The status filter: Tab to its pills, an arrow key to "Open", Space to take it out.
    _tab_to(page, _named("Willing"))
    page.keyboard.press("ArrowRight")
    assert page.evaluate(FOCUSED)["name"] == "Open"
    page.keyboard.press("Space")
    wait_for_app_run(page)
    expect(page.get_by_text("Filtered view", exact=False).first).to_be_visible()
    statuses = parse_qs(urlparse(page.url).query)["status"]  # codes, the same in every language
    assert statuses == ["troops", "support", "undecided", "declined"]

    # A country: back to the page list, Enter, then the country select with arrows and Enter.
    _tab_to(page, _named("Country"), back=True)
    page.keyboard.press("Enter")
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Country histories")).to_be_visible()
    _tab_to(page, lambda f: f["role"] == "combobox" and f["name"] == "Country")
    page.keyboard.type("Eston")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_for_app_run(page)
    expect(page.get_by_role("heading", name="Estonia", exact=True)).to_be_visible()
    assert parse_qs(urlparse(page.url).query)["country"] == ["EST"]

    # A download: the overview's table as CSV, by Tab and Enter.
    _tab_to(page, _named("Overview"), back=True)
    page.keyboard.press("Enter")
    wait_for_app_run(page)
    _tab_to(page, _named("This table (CSV)"))
    with page.expect_download(timeout=60_000) as info:
        page.keyboard.press("Enter")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text())))
    assert rows and all(row["status"] != "open" for row in rows)
    assert {row["status"] for row in rows} >= {"troops"}
