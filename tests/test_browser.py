"""The real app in the real Chromium, with every request outside this machine blocked and recorded."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.browser import full_screenshot, launch, offline_context, served_app, wait_for_app_run
from tests.conftest import JULY, REPO

pytestmark = pytest.mark.browser
SHOTS = REPO / "screenshots"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("served")
    data = Path(shutil.copytree(JULY, tmp / "pledges"))
    env = {"COALITION_DATA": str(data), "COALITION_DB": str(tmp / "coalition.db")}
    with served_app(env) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def blocked() -> list[str]:
    return []


@pytest.fixture
def web(chromium: Browser, blocked: list[str]) -> Iterator[Page]:
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


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app_run(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _willing(page: Page) -> str:
    """'5' from the line under the title: '**5 willing to send troops** (3 without a number)'."""
    text = page.get_by_text(re.compile(r"^\d+ willing to send troops$")).first.inner_text()
    return text.split()[0]


def _metric(page: Page, label: str) -> str:
    metric = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    )
    return metric.get_by_test_id("stMetricValue").inner_text()


def test_overview_renders_charts_and_map_offline(web: Page, app_url: str) -> None:
    _open(web, app_url)
    expect(web.get_by_role("heading", name="Coalition of the willing")).to_be_visible()
    assert _metric(web, "Stated troops") == "250–450"
    charts = web.locator(".js-plotly-plot")
    expect(charts.first.locator("g.trace.bars path").first).to_be_attached()
    countries = web.locator("path.choroplethlocation")
    expect(countries.first).to_be_attached(timeout=20_000)
    assert countries.count() >= 17
    # The note is written in short lines, so a phone shows all of it.
    expect(web.get_by_text("+3 countries willing to send troops, no")).to_have_count(1)
    expect(web.get_by_text("and United Kingdom", exact=True)).to_have_count(1)
    SHOTS.mkdir(exist_ok=True)
    full_screenshot(web, SHOTS / "browser-overview.png")


def test_range_chart_note_fits_a_phone(chromium: Browser, app_url: str) -> None:
    """At 390 px every line of the "willing, no number" note lies inside the chart."""
    blocked: list[str] = []
    context = offline_context(chromium, blocked, viewport={"width": 390, "height": 844})
    page = context.new_page()
    _open(page, app_url)
    chart = page.locator(".js-plotly-plot").first
    expect(chart.locator("g.trace.bars path").first).to_be_attached()
    right = chart.bounding_box()["x"] + chart.bounding_box()["width"]
    lines = chart.locator("g.annotation-text-g tspan.line")
    note = [i for i in range(lines.count()) if "(not counted)" in lines.nth(i).text_content()]
    assert note, "the note is missing"
    for i in range(lines.count()):
        box = lines.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= right, lines.nth(i).text_content()
    context.close()
    assert blocked == []


def test_filter_updates_the_url_and_a_new_page_reproduces_it(
    web: Page, app_url: str, chromium: Browser, blocked: list[str]
) -> None:
    _open(web, app_url)
    assert _willing(web) == "5"
    sidebar = web.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").click()
    web.get_by_role("option", name="Nordic-Baltic Eight").click()
    wait_for_app_run(web)
    expect(web.get_by_text("3 willing to send troops", exact=True)).to_be_visible()
    query = parse_qs(urlparse(web.url).query)
    assert query["group"] == ["Nordic-Baltic Eight"]

    other = offline_context(chromium, blocked, viewport={"width": 1280, "height": 900}).new_page()
    _open(other, web.url)
    assert _willing(other) == "3"
    assert _metric(other, "Stated troops") == "250–450"
    expect(other.get_by_text("Filtered view")).to_be_visible()
    other.context.close()


def test_as_of_in_the_url_time_travels(web: Page, app_url: str) -> None:
    _open(web, f"{app_url}/?as_of=2025-03-18")
    expect(web.get_by_text("Showing the coalition as it stood on 18 March 2025.")).to_be_visible()
    assert _willing(web) == "1"


def test_csv_download_has_the_table_rows(web: Page, app_url: str) -> None:
    _open(web, app_url)
    with web.expect_download() as info:
        web.get_by_role("button", name="This table (CSV)").click()
    download = info.value
    assert download.suggested_filename.startswith("coalition-table-")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert len(rows) == 17
    assert (rows[0]["country"], rows[0]["troops"], rows[0]["since"]) == (
        "Estonia",
        "50–250",
        "2025-04-30",
    )
    assert {r["iso3"] for r in rows if r["troops"] == "no number"} == {"FRA", "GBR", "LVA"}


def test_country_page_shows_sources_as_links(web: Page, app_url: str) -> None:
    _open(web, f"{app_url}/country?country=EST")
    expect(web.get_by_role("heading", name="Estonia", exact=True)).to_be_visible()
    link = web.get_by_role("link", name="Estonia prepared to send 'coalition of the willing'")
    assert link.get_attribute("href").startswith("https://news.err.ee/")
    hrefs = web.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    SHOTS.mkdir(exist_ok=True)
    full_screenshot(web, SHOTS / "browser-country.png")


def test_table_row_click_opens_the_country(web: Page, app_url: str) -> None:
    _open(web, app_url)
    grid = web.get_by_test_id("stDataFrame")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The first data row's selection checkbox: left edge, one header row down.
    web.mouse.click(box["x"] + 18, box["y"] + 36 + 18)
    web.wait_for_url("**/country?**")
    wait_for_app_run(web)
    expect(web.get_by_role("heading", name="Estonia", exact=True)).to_be_visible()


def test_map_click_opens_the_country(web: Page, app_url: str) -> None:
    _open(web, app_url)
    marker = web.locator(".js-plotly-plot .scattergeo path.point").first
    expect(marker).to_be_attached(timeout=20_000)
    marker.scroll_into_view_if_needed()
    marker.click(force=True)
    web.wait_for_url("**/country?**")
    wait_for_app_run(web)
    code = parse_qs(urlparse(web.url).query)["country"][0]
    assert len(code) == 3
    expect(web.get_by_test_id("stHeading").nth(1)).to_be_visible()


def test_export_page_png_download(web: Page, app_url: str) -> None:
    _open(web, f"{app_url}/export?as_of=2025-05-01")
    expect(web.get_by_role("img").first).to_be_visible(timeout=30_000)
    with web.expect_download(timeout=60_000) as info:
        web.get_by_role("button", name="Download PNG").click()
    download = info.value
    assert download.suggested_filename == "coalition-briefing-2025-05-01-slide.png"
    from PIL import Image

    with Image.open(download.path()) as image:
        assert image.size == (3840, 2160)
    SHOTS.mkdir(exist_ok=True)
    full_screenshot(web, SHOTS / "browser-export.png")
