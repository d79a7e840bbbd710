"""WCAG 2.2 AA with axe-core in the real Chromium: every page at 1280 px and at 390 px, in
typical states (filters applied, a country chosen, the export preview shown), may have no
violation that a bare Streamlit page of the same widgets (tests/axe_floor.py, served with the
same theme) does not have. axe-core is pinned in tests/axe/package-lock.json (`make axe`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import offline_context, served_app, served_copy, wait_for_app_run
from tests.conftest import JULY, REPO

pytestmark = pytest.mark.browser
AXE = REPO / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
FLOOR = REPO / "tests" / "axe_floor.py"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
FLOOR_FOUND = {"desktop": set(), "phone": {"scrollable-region-focusable"}}
PAGES = [
    "",
    "?group=Nordic-Baltic+Eight&status=troops&as_of=2025-06-01",
    "country?country=EST",
    "timeline?since=2025-03-01",
    "scenario?scenario=GBR=10000",
    "export",
    "method",
    # In French: a longer text everywhere, the <html lang> set by the app, data marked lang="en".
    "?lang=fr&status=troops&status=open",
    "country?country=GBR&lang=fr",
    "method?lang=fr",
]
RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
}"""


def _axe_file() -> Path:
    assert AXE.exists(), (
        f"axe-core is not installed: run `make axe` (it runs npm ci in {AXE.parents[2]})"
    )
    return AXE


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_copy(JULY, tmp_path_factory.mktemp("accessible")) as url:
        yield url


@pytest.fixture(scope="module")
def floor_url() -> Iterator[str]:
    with served_app({}, script=FLOOR) as url:
        yield url


def _audit(page: Page, url: str, open_sidebar: bool = False) -> list[dict]:
    page.goto(url)
    wait_for_app_run(page, timeout=60_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    for chart in page.get_by_test_id("stPlotlyChart").all():
        expect(chart.locator(".main-svg").first).to_be_attached(timeout=30_000)
    for image in page.get_by_test_id("stImage").locator("img").all():
        expect(image).to_be_visible(timeout=90_000)
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
    if open_sidebar:
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(page.get_by_test_id("stSidebarContent")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(_axe_file()))
    return page.evaluate(RUN, TAGS)


@pytest.fixture(scope="module")
def floors(chromium: Browser, floor_url: str) -> dict[str, set[str]]:
    """The violations a bare Streamlit page has at each width: Streamlit's own, not ours."""
    found: dict[str, set[str]] = {}
    for name, (width, height) in WIDTHS.items():
        blocked: list[str] = []
        context = offline_context(chromium, blocked, viewport={"width": width, "height": height})
        page = context.new_page()
        ids = set()
        for path in ("", "second"):
            ids |= {v["id"] for v in _audit(page, f"{floor_url}/{path}")}
        context.close()
        found[name] = ids
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_meets_wcag_22_aa_beyond_the_streamlit_floor(
    chromium: Browser, app_url: str, floors: dict[str, set[str]], width: str
) -> None:
    blocked: list[str] = []
    w, h = WIDTHS[width]
    context = offline_context(chromium, blocked, viewport={"width": w, "height": h})
    page = context.new_page()
    ours: dict[str, list[dict]] = {}
    for path in PAGES:
        ours[path or "overview"] = _audit(page, f"{app_url}/{path}")
    if width == "phone":  # the sidebar starts closed on a phone: its filters, opened
        ours["overview, sidebar open"] = _audit(page, app_url, open_sidebar=True)
    context.close()
    assert blocked == []
    beyond = {
        where: [v for v in violations if v["id"] not in floors[width]]
        for where, violations in ours.items()
    }
    assert {where: v for where, v in beyond.items() if v} == {}
    # The floor itself, with the dashboard's theme: nothing at 1280 px; on a phone only its
    # six-column st.table, whose scroll box Streamlit gives no keyboard focus. A change here
    # (a Streamlit upgrade, a theme colour) must be looked at, and docs/accessibility.md updated.
    assert floors[width] == FLOOR_FOUND[width]


def test_the_export_preview_says_what_the_image_shows(chromium: Browser, app_url: str) -> None:
    blocked: list[str] = []
    page = offline_context(chromium, blocked, viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{app_url}/export?as_of=2025-05-01")
    wait_for_app_run(page)
    image = page.get_by_test_id("stImage").locator("img").first
    expect(image).to_be_visible(timeout=90_000)
    alt = image.get_attribute("alt")
    assert alt.startswith("Troops stated on the record reach ")
    assert "Key figures: 250–450 troops stated on the record;" in alt
    assert "Bar chart: stated troops 250–450 against a target of 10,000–30,000." in alt
    page.context.close()
