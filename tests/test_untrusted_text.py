"""Untrusted text in every page of the real app: shown as typed, never run, never a link.

The database is written directly, past validation (which would refuse most of this text), so
the test proves the second line of defence: escaping wherever data is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from db.contract.models import (
    Coalition,
    Country,
    CountryTroops,
    Dataset,
    Group,
    JointFigure,
    Milestone,
    Outlet,
    Source,
    Statement,
    Target,
    Term,
    Unit,
)
from db.storage.build import write_database
from tests.browser import launch, offline_context, served_app, wait_for_app_run

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned = 'summary'</script>"
IMAGE = "<img src=x onerror=\"window.__pwned='name'\">"
MD_LINK = "[click me](javascript:window.__pwned='md')"
PAGES = ["", "country?country=EST", "timeline?since=2025-01-01", "scenario", "method"]


def _source(title: str, url: str) -> Source:
    return Source.model_construct(
        outlet="<i>Outlet</i> **bold**", via=f"Via {SCRIPT}", title=title, url=url,
        published=dt.date(2025, 3, 21), note="<u>note</u>",
    )  # fmt: skip


def hostile_dataset() -> Dataset:
    statements = [
        Statement.model_construct(
            date=dt.date(2025, 3, 21), status="troops",
            troops=CountryTroops.model_construct(
                min=100, max=200, qualifier=None, basis="derived", unit="company"
            ),
            capabilities=["ground"], roles=["lead"], conditions=["ceasefire"],
            detail_basis="reported",
            summary=f"{SCRIPT} **bold** {MD_LINK} $x^2$ :red[red] %{{x}}",
            notes="<b>notes</b> &amp; <a href='javascript:alert(1)'>a</a>",
            sources=[_source("</a><script>window.__pwned='title'</script>", "javascript:alert(1)")],
        )
    ]  # fmt: skip
    countries = (
        Country.model_construct(
            iso3="EST", name=f"Est{IMAGE}onia", checked=dt.date(2025, 4, 1), statements=statements
        ),
        Country.model_construct(
            iso3="LVA", name="<b>Latvia</b>", checked=dt.date(2025, 4, 1),
            statements=[statements[0].model_copy(update={"troops": None})],
        ),
    )  # fmt: skip
    coalition = Coalition.model_construct(
        name=f"Coalition {SCRIPT}", force_name="<i>Force</i>", description=f"Desc {MD_LINK}",
        target=Target.model_construct(min=10000, max=30000, sources=[_source("T", "https://e.org")]),
        scenarios=[], marking=None, caveats=[f"Caveat {IMAGE}"],
        conditions={"ceasefire": Term.model_construct(
            label=f"Cease{SCRIPT}fire", short=f"<b>{MD_LINK}</b>", definition=f"Def {IMAGE}",
        )},
        roles={"lead": Term.model_construct(label=f"Lead {IMAGE}", short=f"lead {SCRIPT}")},
        units={"company": Unit.model_construct(
            label=f"a {SCRIPT} company", min=50, max=250, definition=f"Def {MD_LINK}",
            sources=[_source("U", "javascript:alert(3)")],
        )},
        review_after_days=90,
        groups={f"Group {SCRIPT}": Group.model_construct(members=["EST"], changes=[], note=IMAGE)},
        joint_figures=[JointFigure.model_construct(
            date=dt.date(2025, 3, 21), countries=["EST", "LVA"],
            troops=CountryTroops.model_construct(min=500, max=500, qualifier="up_to", basis="reported"),
            summary=f"Joint {SCRIPT}", notes=None, sources=[_source("J", "javascript:alert(2)")],
        )],
        milestones=[
            Milestone.model_construct(
                date=dt.date(2025, 3, 2), summary=f"Milestone {SCRIPT}",
                sources=[_source("M", "javascript:alert('milestone')")],
            )
        ],
    )  # fmt: skip
    outlets = {
        "<i>Outlet</i> **bold**": Outlet.model_construct(kind="republisher", about=SCRIPT),
        f"Via {SCRIPT}": Outlet.model_construct(kind="wire", about=IMAGE),
    }
    return Dataset.model_construct(coalition=coalition, countries=countries, outlets=outlets)


def _record_error(message, errors: list[str]) -> None:
    """Console errors, less Streamlit's own probe of /<page>/_stcore/ when a deep link opens."""
    if message.type != "error":
        return
    url = (message.location or {}).get("url", "")
    if "/_stcore/" in url and "404" in message.text:
        return
    errors.append(f"{message.text} ({url})")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("hostile")
    db = tmp / "coalition.db"
    write_database(hostile_dataset(), db)
    env = {"COALITION_DB": str(db), "COALITION_DATA": str(tmp / "no-pledges-here")}
    with served_app(env) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_untrusted_text_is_shown_not_run(hostile_url: str, path: str) -> None:
    blocked: list[str] = []
    dialogs: list[str] = []
    console_errors: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page: Page = offline_context(
            browser, blocked, viewport={"width": 1280, "height": 900}
        ).new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: _record_error(m, console_errors))
        page.goto(f"{hostile_url}/{path}")
        wait_for_app_run(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.wait_for_load_state("networkidle")
        page.locator(".js-plotly-plot").first.hover() if page.locator(
            ".js-plotly-plot"
        ).count() else None
        assert page.evaluate("() => window.__pwned === undefined"), "injected script ran"
        hrefs = page.locator("a[href]").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
        assert page.locator("script:has-text('__pwned')").count() == 0
        assert page.locator("img[src='x']").count() == 0
        body = page.inner_text("body")
        if path.startswith("country"):
            assert "<script>window.__pwned = 'summary'</script> **bold**" in body
            assert "[click me](javascript:window.__pwned='md')" in body
            assert "</a><script>window.__pwned='title'</script>" in body
        if path == "method":
            assert "Milestone <script>window.__pwned = 'summary'</script>" in body
            assert "Cease<script>window.__pwned = 'summary'</script>fire" in body
        if path == "":
            assert "Joint <script>" not in body  # the joint sentence names, never the summary
            assert "together up to 500" in body
        browser.close()
    assert dialogs == []
    assert console_errors == []
    assert blocked == []
