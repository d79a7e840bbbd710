"""The dashboard in French in the real Chromium: `/?lang=fr`, the page's `<html lang>` (under the
served Content-Security-Policy too), the sidebar's switch, the language kept from page to page,
and no English word of the interface left on a French page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from db.contract.validate import validate_folder
from db.contract.vocabulary import vocabulary
from db.locale import LANGUAGE_NAMES, catalogue
from scripts.serve import Topology
from tests.browser import offline_context, open_page, served_copy, wait_for_app_run
from tests.conftest import JULY, REPO

pytestmark = pytest.mark.browser

# Every page of the app, as a French reader opens it.
FRENCH_PAGES = {
    "overview": "?lang=fr",
    "country": "country?lang=fr&country=GBR",
    "timeline": "timeline?lang=fr",
    "scenario": "scenario?lang=fr",
    "export": "export?lang=fr",
    "method": "method?lang=fr",
}
# Words of the English sentences that may stand on a French page: names and codes, and words
# French writes too ("comptés à part", "une date").
NOT_ENGLISH_ONLY = {
    "yyyy", "mm", "dd", "utc", "csv", "json", "png", "svg", "pdf", "iso", "url", "http", "https",
    "nato", "eu", "ok",
    "part", "date", "format", "minimum", "maximum", "total", "force", "mission", "image", "page",
    "note", "position", "six", "article", "zone",
}  # fmt: skip

# The page's visible text, leaving out what is data (marked lang="en": statement summaries,
# notes, source titles), machine text (code: commands, codes), the tables (drawn on a canvas)
# and anything hidden.
VISIBLE_TEXT = """() => {
    const skip = '[lang="en"], [lang=""], [data-testid="stDataFrame"], code, pre, script, style, noscript';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest(skip)) continue;
        if (!parent.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
        const text = node.textContent.trim();
        if (text) parts.push(text);
    }
    return parts.join('\\n');
}"""


def english_only_words() -> set[str]:
    """Words of the catalogue's English sentences that no French sentence uses: one of them on
    a French page is a sentence left untranslated. Short words (French has 'a', 'on', 'as' too),
    names and codes are left out."""
    french = catalogue("fr")
    words = lambda text: set(re.findall(r"[a-z]+", re.sub(r"\{[^}]*\}", " ", text.lower())))  # noqa: E731
    english: set[str] = set()
    for message in french:
        for text in message if isinstance(message, tuple) else (message,):
            english |= words(text)
    used: set[str] = set()
    for translation in french.values():
        for text in translation if isinstance(translation, tuple) else (translation,):
            used |= words(text)
    names = {w for name in LANGUAGE_NAMES.values() for w in words(name)}
    return {w for w in english - used - NOT_ENGLISH_ONLY - names if len(w) > 2}


def recorded_text(folder: Path) -> tuple[set[str], list[str]]:
    """What the data itself writes and a table cell cannot mark: the codes of statuses, kinds of
    outlet and the coalition's words (the same in every language), and outlet names, longest
    first so that a name is taken out whole."""
    dataset = validate_folder(folder, today=dt.date(2026, 12, 2)).dataset
    assert dataset is not None
    words = vocabulary(dataset.coalition)
    codes = set()
    for kind in ("statuses", "roles", "capabilities", "conditions", "source_kinds"):
        codes |= set(words.terms(kind))
    sources = [s for c in dataset.countries for st in c.statements for s in st.sources]
    sources += [s for t in dataset.coalition.target_history for s in t.sources]
    names = {s.outlet for s in sources} | {s.via for s in sources if s.via} | set(dataset.outlets)
    return codes, sorted(names, key=len, reverse=True)


def english_left(
    text: str, words: set[str], recorded: tuple[set[str], list[str]] = (set(), [])
) -> dict[str, str]:
    """Each English word found in `text`, with the line it stands in; a line that is a code, and
    any outlet's name, are data and left out."""
    found: dict[str, str] = {}
    codes, names = recorded
    for line in text.splitlines():
        if line.strip() in codes:
            continue
        for name in names:
            line = line.replace(name, " ")
        line = re.sub(r"\bThe (?=[A-Z])", " ", line)  # a title's own 'The' (The Times)
        for word in re.findall(r"[A-Za-z]+", line):
            if word.lower() in words and word.lower() not in found:
                found[word.lower()] = line.strip()[:160]
    return found


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_copy(JULY, tmp_path_factory.mktemp("french")) as url:
        yield url


def _lang_param(page: Page) -> list[str]:
    return parse_qs(urlparse(page.url).query).get("lang", [])


def _page_language(page: Page, lang: str) -> None:
    """Wait until the page says it is in `lang` (static/lang.js runs once the run is drawn)."""
    # A locator assertion, not wait_for_function: the served policy forbids evaluating strings.
    expect(page.locator("html")).to_have_attribute("lang", lang, timeout=10_000)


def test_the_overview_in_french(web: Page, app_url: str) -> None:
    open_page(web, f"{app_url}/?lang=fr")
    expect(web.get_by_role("heading", name="Coalition des volontaires")).to_be_visible()
    _page_language(web, "fr")
    sidebar = web.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("heading", name="Filtres")).to_be_visible()
    expect(sidebar.get_by_role("textbox", name="À la date du")).to_be_visible()
    expect(sidebar.get_by_role("radio", name="Français")).to_be_checked()
    expect(sidebar.get_by_test_id("stSidebarNav").get_by_text("Vue d’ensemble")).to_be_visible()
    expect(web.get_by_role("button", name="Ce tableau (CSV)")).to_be_visible()
    expect(
        web.get_by_test_id("stMetricLabel").get_by_text("Effectifs déclarés (troupes)")
    ).to_be_visible()
    assert _lang_param(web) == ["fr"]


def test_the_switch_and_the_address_keep_the_language(
    web: Page, app_url: str, chromium: Browser
) -> None:
    open_page(web, f"{app_url}/?lang=fr")
    sidebar = web.get_by_test_id("stSidebar")
    # Another page keeps the language, in the address and on the page.
    sidebar.get_by_test_id("stSidebarNav").get_by_text("Chronologie").click()
    wait_for_app_run(web)
    expect(web).to_have_url(re.compile(r"/timeline\?"))
    assert _lang_param(web) == ["fr"]
    _page_language(web, "fr")
    expect(sidebar.get_by_role("heading", name="Filtres")).to_be_visible()
    # English, chosen in the sidebar: the page, its language and the address follow.
    sidebar.get_by_role("radio", name="English").click()
    wait_for_app_run(web)
    expect(sidebar.get_by_role("heading", name="Filters")).to_be_visible()
    _page_language(web, "en")
    assert _lang_param(web) == []  # English is this deployment's default: left out
    sidebar.get_by_role("radio", name="Français").click()
    wait_for_app_run(web)
    _page_language(web, "fr")
    assert _lang_param(web) == ["fr"]
    # A copied link opens in the same language.
    blocked: list[str] = []
    other = offline_context(chromium, blocked, viewport={"width": 1280, "height": 900}).new_page()
    open_page(other, web.url)
    expect(other.get_by_role("heading", name="Filtres")).to_be_visible()
    _page_language(other, "fr")
    other.context.close()
    assert blocked == []


def test_an_unknown_language_falls_back_to_english(web: Page, app_url: str) -> None:
    open_page(web, f"{app_url}/?lang=xx")
    expect(web.get_by_role("heading", name="Coalition of the willing")).to_be_visible()
    expect(web.get_by_test_id("stSidebar").get_by_role("radio", name="English")).to_be_checked()
    assert _lang_param(web) == []
    assert web.evaluate("document.documentElement.lang") == "en"


def test_no_english_word_of_the_interface_on_a_french_page(web: Page, app_url: str) -> None:
    """Every word of the catalogue's English sentences that French never uses is looked for in
    the visible text of every page in French; data text (marked lang="en") is left out."""
    words = english_only_words()
    assert {"willing", "statements", "the"} <= words  # the list holds what it should
    left: dict[str, dict[str, str]] = {}
    for name, path in FRENCH_PAGES.items():
        open_page(web, f"{app_url}/{path}")
        _page_language(web, "fr")
        if name == "overview":
            expect(web.locator("path.choroplethlocation").first).to_be_attached(timeout=20_000)
        if name == "export":
            expect(web.get_by_test_id("stImage").locator("img").first).to_be_visible(timeout=60_000)
        found = english_left(web.evaluate(VISIBLE_TEXT), words, recorded_text(JULY))
        if found:
            left[name] = found
    assert left == {}, "English words on French pages (page: {word: line}): " + repr(left)


@pytest.fixture(scope="module")
def behind_balancer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app behind HAProxy with the served Content-Security-Policy (scripts/serve.py)."""
    tmp = tmp_path_factory.mktemp("policy")
    folder = Path(shutil.copytree(JULY, tmp / "pledges"))
    subprocess.run(
        [sys.executable, "-m", "cli", "build", "--data", str(folder), "--db", str(tmp / "c.db")],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    env = {"COALITION_DATA": str(folder), "COALITION_DB": str(tmp / "c.db")}
    with Topology.on_free_ports(1, env=env) as topology:
        yield topology.url


def test_the_page_language_is_set_under_the_served_policy(
    chromium: Browser, behind_balancer: str
) -> None:
    """The script that sets <html lang> is a file of this origin: the policy lets it run, and
    reports no violation, on the first page and after a switch."""
    blocked: list[str] = []
    context = offline_context(chromium, blocked, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(
        "window.__violations = []; document.addEventListener('securitypolicyviolation', "
        "e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    response = page.goto(f"{behind_balancer}/country?lang=fr&country=EST")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    wait_for_app_run(page)
    _page_language(page, "fr")
    page.get_by_test_id("stSidebar").get_by_role("radio", name="English").click()
    wait_for_app_run(page)
    _page_language(page, "en")
    assert page.evaluate("window.__violations") == []
    context.close()
    assert blocked == []
