"""A 390 px phone in the real Chromium: tables keep each row's label in view while the rest
scrolls, and the country timeline gives its plot the width, with no labels on top of each other.
On the `press` fixture (made-up positions with conditions, reported figures and leads)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser import offline_context, open_page, served_copy
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
LABEL_STRIP = 80  # pixels from a table's left edge that always belong to its pinned label


@pytest.fixture(scope="module")
def press_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_copy(FIXTURES / "press", tmp_path_factory.mktemp("phone")) as url:
        yield url


@pytest.fixture
def phone(chromium: Browser) -> Iterator[Page]:
    blocked: list[str] = []
    context = offline_context(chromium, blocked, viewport=PHONE, has_touch=True)
    page = context.new_page()
    yield page
    context.close()
    assert blocked == [], f"requests left this machine: {blocked}"


def _shot(page: Page, table: Locator) -> Image.Image:
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return Image.open(io.BytesIO(table.locator("canvas").first.screenshot())).convert("RGB")


def _same(a: Image.Image, b: Image.Image) -> bool:
    return ImageChops.difference(a, b).getbbox() is None


def test_each_table_keeps_its_row_label_while_the_rest_scrolls(phone: Page, press_url: str):
    """'Which offers depend on a ceasefire?' answered on a phone: swiping the conditions table
    sideways to its last column ('Which') keeps 'A ceasefire' in view, and the same for the
    country table's names."""
    open_page(phone, f"{press_url}/?as_of=2026-03-01")
    tables = phone.get_by_test_id("stDataFrame")
    expect(tables).to_have_count(2)
    for i in range(2):
        table = tables.nth(i)
        table.scroll_into_view_if_needed()
        scroller = table.locator(".dvn-scroller")
        width, visible = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert width > visible, f"table {i} fits a phone: nothing to scroll"
        before = _shot(phone, table)
        scroller.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        expect(scroller).not_to_have_js_property("scrollLeft", 0)
        after = _shot(phone, table)
        height = before.height
        assert _same(
            before.crop((0, 0, LABEL_STRIP, height)), after.crop((0, 0, LABEL_STRIP, height))
        )
        assert not _same(
            before.crop((LABEL_STRIP + 80, 0, before.width, height)),
            after.crop((LABEL_STRIP + 80, 0, after.width, height)),
        ), f"table {i} did not scroll"


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
    )  # fmt: skip


def test_the_country_timeline_gives_the_plot_the_width(phone: Page, press_url: str) -> None:
    open_page(phone, f"{press_url}/country?country=GBR")
    chart = phone.locator(".js-plotly-plot").first
    expect(chart.locator("g.trace.scatter path.point").first).to_be_attached()
    plot = chart.locator("rect.nsewdrag").bounding_box()
    whole = chart.bounding_box()
    assert plot["width"] >= 0.6 * whole["width"], (plot, whole)  # the labels took two thirds
    assert chart.locator("g.textpoint").count() == 0  # no words beside points to collide
    labels = [
        box
        for text in chart.locator("g.xtick text, g.ytick text").all()
        if (box := text.bounding_box()) and box["width"]
    ]
    assert len(labels) >= 7  # five statuses and the dates
    for j, a in enumerate(labels):
        for b in labels[j + 1 :]:
            assert not _overlap(a, b), (a, b)
        assert a["x"] >= whole["x"] and a["x"] + a["width"] <= whole["x"] + whole["width"] + 1
    expect(
        phone.get_by_text(
            "Figure and roles as they changed: 20 March 2025, no number, lead; 8 January 2026, "
            "about 7,500 reported, lead.",
            exact=True,
        )
    ).to_be_visible()
