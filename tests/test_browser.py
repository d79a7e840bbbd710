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
from playwright.sync_api import Browser, Page, expect

from tests.browser import (
    full_screenshot,
    offline_context,
    open_page,
    served_app,
    served_copy,
    wait_for_app_run,
)
from tests.conftest import JULY, REPO

pytestmark = pytest.mark.browser
SHOTS = REPO / "screenshots"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_copy(JULY, tmp_path_factory.mktemp("served")) as url:
        yield url


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
    open_page(web, app_url)
    expect(web.get_by_role("heading", name="Coalition of the willing")).to_be_visible()
    assert _metric(web, "Stated troops") == "250–450"
    charts = web.locator(".js-plotly-plot")
    expect(charts.first.locator("g.trace.bars path").first).to_be_attached()
    countries = web.locator("path.choroplethlocation")
    expect(countries.first).to_be_attached(timeout=20_000)
    assert countries.count() >= 17
    # The willing with no number are named under the chart, in text that wraps on any screen.
    expect(
        web.get_by_text(
            "Not counted: France, Latvia and the United Kingdom are willing to send troops but "
            "gave no number."
        )
    ).to_be_visible()
    # The stated figures are enlarged above the band, each country named.
    expect(charts.first.get_by_text("Stated on the record, enlarged")).to_be_attached()
    expect(charts.first.locator("text.bartext").filter(has_text="Estonia")).to_be_attached()
    SHOTS.mkdir(exist_ok=True)
    full_screenshot(web, SHOTS / "browser-overview.png")


def _phone(chromium: Browser, blocked: list[str]) -> Page:
    context = offline_context(chromium, blocked, viewport={"width": 390, "height": 844})
    return context.new_page()


def _box_overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_on_a_phone_no_toolbar_covers_a_chart(chromium: Browser, app_url: str) -> None:
    """At 390 px Plotly's toolbar, shown on touch, lies over no label, legend or bar."""
    blocked: list[str] = []
    page = _phone(chromium, blocked)
    for path in ("", "timeline"):
        open_page(page, f"{app_url}/{path}")
        charts = page.locator(".js-plotly-plot")
        expect(charts.first.locator("g.trace path").first).to_be_attached()
        for i in range(charts.count()):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            chart.hover(position={"x": 5, "y": 5})  # shows the toolbar, as a tap does on touch
            bar = chart.locator(".modebar").first
            expect(bar).to_be_visible()
            toolbar = bar.bounding_box()
            content = chart.locator(
                "g.annotation, g.legend, g.trace.bars path, g.xtick text, g.ytick text"
            )
            for j in range(content.count()):
                box = content.nth(j).bounding_box()
                if box and box["width"] and box["height"]:
                    assert not _box_overlap(toolbar, box), f"{path or 'overview'} chart {i}"
    page.context.close()
    assert blocked == []


def test_on_a_phone_the_map_tables_and_controls_fit(chromium: Browser, app_url: str) -> None:
    blocked: list[str] = []
    page = _phone(chromium, blocked)
    open_page(page, app_url)
    countries = page.locator("path.choroplethlocation")
    expect(countries.first).to_be_attached(timeout=20_000)
    geo = page.locator(".js-plotly-plot").filter(has=page.locator("g.geo")).first.bounding_box()
    assert geo["x"] >= 0 and geo["x"] + geo["width"] <= 390
    for table in page.get_by_test_id("stDataFrame").all():
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    open_page(page, f"{app_url}/export?as_of=2025-05-01")
    size = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Size", exact=True))
    expect(size).to_be_visible()
    box = size.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    size.click()
    page.get_by_role("option", name="A4 page").click()
    wait_for_app_run(page)
    expect(page.get_by_text("the PDF is exactly 595.276 x 841.89 points")).to_be_visible()
    page.context.close()
    assert blocked == []


def test_filter_updates_the_url_and_a_new_page_reproduces_it(
    web: Page, app_url: str, chromium: Browser, blocked: list[str]
) -> None:
    open_page(web, app_url)
    assert _willing(web) == "5"
    sidebar = web.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").click()
    web.get_by_role("option", name="Nordic-Baltic Eight").click()
    wait_for_app_run(web)
    expect(web.get_by_text("3 willing to send troops", exact=True)).to_be_visible()
    query = parse_qs(urlparse(web.url).query)
    assert query["group"] == ["Nordic-Baltic Eight"]

    other = offline_context(chromium, blocked, viewport={"width": 1280, "height": 900}).new_page()
    open_page(other, web.url)
    assert _willing(other) == "3"
    assert _metric(other, "Stated troops") == "250–450"
    expect(other.get_by_text("Filtered view")).to_be_visible()
    other.context.close()


def test_as_of_in_the_url_time_travels(web: Page, app_url: str) -> None:
    open_page(web, f"{app_url}/?as_of=2025-03-18")
    expect(web.get_by_text("Showing the coalition as it stood on 18 March 2025.")).to_be_visible()
    assert _willing(web) == "1"
    # An empty view says what it means, and draws no stray axis.
    expect(web.get_by_text("No lead named yet", exact=True)).to_be_visible()
    assert _metric(web, "Stated troops") == "none"
    chart = web.locator(".js-plotly-plot").first
    expect(chart.get_by_text("No stated figures on 18 March 2025")).to_be_visible()
    ticks = chart.locator("g.ytick text").all_text_contents()
    assert ticks == ["Stated"]


def test_a_typed_date_applies_on_enter(web: Page, app_url: str) -> None:
    """The page, its numbers and its address follow a typed date as soon as Enter is pressed,
    with focus still in the box: a screenshot or link taken then is right."""
    open_page(web, app_url)
    box = web.get_by_test_id("stSidebar").get_by_role("textbox", name="As of")
    expect(box).to_have_attribute("placeholder", re.compile(r"^\d{4}-\d{2}-\d{2} \(today\)$"))
    box.fill("2025-03-18")
    box.press("Enter")
    expect(web.get_by_text("Showing the coalition as it stood on 18 March 2025.")).to_be_visible()
    wait_for_app_run(web)
    assert box.evaluate("element => element === document.activeElement")
    assert parse_qs(urlparse(web.url).query)["as_of"] == ["2025-03-18"]
    assert _willing(web) == "1"

    web.get_by_test_id("stSidebarNav").get_by_text("Timeline").click()
    wait_for_app_run(web)
    since = web.get_by_role("textbox", name="Changes since")
    expect(since).to_have_attribute("placeholder", "2025-03-16 (all statements)")
    box = web.get_by_test_id("stSidebar").get_by_role("textbox", name="As of")
    box.fill("2025-07-10")
    box.press("Enter")
    expect(since).to_have_attribute("placeholder", "2025-04-11 (90 days before)")
    since.fill("2025-07-01")
    since.press("Enter")
    expect(
        web.get_by_text("No statement recorded between 1 July 2025 and 10 July 2025", exact=False)
    ).to_have_count(0)
    expect(web.get_by_text(re.compile(r"^\d+ statements? after 1 July 2025 and on or before "
                                      r"10 July 2025, newest first\.$"))).to_be_visible()  # fmt: skip
    query = parse_qs(urlparse(web.url).query)
    assert query["since"] == ["2025-07-01"] and query["as_of"] == ["2025-07-10"]
    # A malformed date is refused in the box, before it reaches the page or the address.
    since.fill("2025-7-1")
    since.press("Enter")
    expect(web.get_by_text("Write the date as YYYY-MM-DD, for example 2025-03-18.")).to_be_visible()
    assert parse_qs(urlparse(web.url).query)["since"] == ["2025-07-01"]


def test_csv_download_has_the_table_rows(web: Page, app_url: str) -> None:
    open_page(web, app_url)
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
    open_page(web, f"{app_url}/country?country=EST")
    expect(web.get_by_role("heading", name="Estonia", exact=True)).to_be_visible()
    link = web.get_by_role("link", name="Estonia prepared to send 'coalition of the willing'")
    assert link.get_attribute("href").startswith("https://news.err.ee/")
    hrefs = web.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    SHOTS.mkdir(exist_ok=True)
    full_screenshot(web, SHOTS / "browser-country.png")


def test_table_row_click_opens_the_country(web: Page, app_url: str) -> None:
    open_page(web, app_url)
    grid = web.get_by_test_id("stDataFrame")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The first data row's selection checkbox: left edge, one header row down.
    web.mouse.click(box["x"] + 18, box["y"] + 36 + 18)
    web.wait_for_url("**/country?**")
    wait_for_app_run(web)
    expect(web.get_by_role("heading", name="Estonia", exact=True)).to_be_visible()


def test_map_click_opens_the_country(web: Page, app_url: str) -> None:
    open_page(web, app_url)
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
    open_page(web, f"{app_url}/export?as_of=2025-05-01")
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


@pytest.fixture(scope="module")
def logged_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app with every image it renders written to a log, to count renders from outside."""
    tmp = tmp_path_factory.mktemp("logged")
    data = Path(shutil.copytree(JULY, tmp / "pledges"))
    log = tmp / "renders.log"
    env = {
        "COALITION_DATA": str(data),
        "COALITION_DB": str(tmp / "coalition.db"),
        "COALITION_RENDER_LOG": str(log),
    }
    with served_app(env) as url:
        yield url, log


def _renders(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_a_second_download_renders_nothing(chromium: Browser, logged_app) -> None:
    url, log = logged_app
    blocked: list[str] = []
    page = offline_context(
        chromium, blocked, viewport={"width": 1280, "height": 900}, accept_downloads=True
    ).new_page()
    open_page(page, f"{url}/export?as_of=2025-05-01")
    expect(page.get_by_role("img").first).to_be_visible(timeout=30_000)
    before = _renders(log)
    assert before == ["png 1920x1080"]  # the preview
    for _ in range(2):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Download PDF").click()
        assert info.value.suggested_filename == "coalition-briefing-2025-05-01-slide.pdf"
        wait_for_app_run(page)
    assert _renders(log) == [*before, "pdf 1920x1080"]  # rendered once, then served again
    page.reload()
    wait_for_app_run(page)
    # As on the first visit: the new session's preview is drawn before its button is used.
    expect(page.get_by_role("img").first).to_be_visible(timeout=30_000)
    with page.expect_download(timeout=60_000):
        page.get_by_role("button", name="Download PDF").click()
    assert _renders(log) == [*before, "pdf 1920x1080"]  # a new session: still served from cache
    page.context.close()
    assert blocked == []


def test_the_export_choices_and_marking_live_in_the_address(web: Page, app_url: str) -> None:
    """A copied link of the Export page reproduces its chart, size and handling marking."""
    # As the page writes them: the choices by their codes, the same in every language.
    open_page(web, f"{app_url}/export?export_chart=map&export_preset=a4&export_marking=OFFICIAL")
    main = web.get_by_test_id("stMain")
    chart, size = (main.get_by_test_id("stSelectbox").filter(has_text=t) for t in ("Chart", "Size"))
    expect(chart.get_by_role("combobox")).to_have_value("Map")
    expect(size.get_by_role("combobox")).to_have_value("A4 page")
    expect(web).to_have_url(re.compile(r"export_chart=map&export_preset=a4"))
    marking = main.get_by_test_id("stTextInput").filter(has_text="Handling marking")
    expect(marking.locator("input")).to_have_value("OFFICIAL")
    marking.locator("input").fill("SECRET")
    marking.locator("input").press("Enter")
    wait_for_app_run(web)
    expect(web).to_have_url(re.compile(r"export_marking=SECRET"))
