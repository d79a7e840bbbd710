"""A second coalition (examples/police-mission: invented, plainly labelled) runs through every
face of the tool, and nothing of the Ukraine coalition shows in it: the code knows the kind of
data, never one coalition."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cli import cli
from db.contract.translate import localized
from db.contract.validate import validate_folder
from db.locale import number, speaking
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "police-mission"
PLEDGES = REPO / "pledges"
PAGES = ["overview", "country", "timeline", "scenario", "export", "method"]


def _tokens(folder: Path) -> set[str]:
    """What belongs to one coalition's data and could only reach a page from it: its names,
    personnel noun, area, groups, outlets, countries and every figure of 1,000 or more."""
    dataset = validate_folder(folder, today=dt.date.today()).dataset
    assert dataset is not None
    c = dataset.coalition
    found = {c.name, c.personnel, *(c.groups or {}), *(n for n in dataset.outlets if len(n) > 3)}
    found |= {t for t in (c.force_name, c.area) if t}
    found |= {country.name for country in dataset.countries}
    figures = [(t.min, t.max) for t in c.target_history]
    figures += [(j.troops.min, j.troops.max) for j in c.joint_figures]
    figures += [
        (s.troops.min, s.troops.max)
        for country in dataset.countries
        for s in country.statements
        if s.troops
    ]
    found |= {f"{n:,}" for pair in figures for n in pair if n >= 1000}
    # The same in French: the coalition's own French words, French country names and figures.
    with speaking("fr"):
        french = localized(dataset, "fr")
        c = french.coalition
        found |= {c.name, c.personnel, *(g.label for g in c.groups.values() if g.label)}
        found |= {t for t in (c.force_name, c.area) if t}
        found |= {country.name for country in french.countries}
        found |= {number(n) for pair in figures for n in pair if n >= 1000}
    return found


def _foreign(own: Path, other: Path) -> re.Pattern:
    """The other coalition's tokens that nothing of this one's data contains."""
    own_text = " ".join(p.read_text(encoding="utf-8") for p in own.glob("*.yaml"))
    own_tokens = _tokens(own)
    tokens = {
        t
        for t in _tokens(other) - own_tokens
        if t not in own_text and t.replace(",", "") not in own_text
    }
    return re.compile("|".join(rf"(?<![\w,]){re.escape(t)}(?![\w,])" for t in sorted(tokens)))


FOREIGN = _foreign(EXAMPLE, PLEDGES)  # the main coalition's words, shown for the example
NATIVE = _foreign(PLEDGES, EXAMPLE)  # the example's words, shown for the main coalition


def foreign_words(text: str, pattern: re.Pattern = FOREIGN) -> list[str]:
    return sorted({m.group(0) for m in pattern.finditer(text)})


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "pledges"))


def test_the_example_validates_builds_and_summarises(example: Path, tmp_path, runner) -> None:
    validated = runner.invoke(cli, ["validate", "--data", str(example), "--today", "2026-11-27"])
    assert validated.output == "7 countries, 8 statements: no problems found.\n"
    db = tmp_path / "example.db"
    built = runner.invoke(cli, ["build", "--data", str(example), "--db", str(db)])
    assert built.exit_code == 0, built.output
    summary = runner.invoke(cli, ["summary", "--db", str(db), "--as-of", "2024-06-01"])
    assert summary.output.splitlines()[:5] == [
        "Example police support mission (invented) on 2024-06-01 (newest statement 2024-04-10)",
        "Target: 2,500 police officers, cited since 1 March 2024.",
        "Stated police officers: 1,350, from 3 countries.",
        "Not counted: Benin is willing to send police officers but gave no number.",
        "Kenya leads.",
    ]
    assert foreign_words(summary.output) == []
    document = json.loads(
        runner.invoke(cli, ["summary", "--db", str(db), "--as-of", "2024-06-01", "--json"]).output
    )
    assert document["target"] == {"min": 2500, "max": 2500}
    assert document["troops"] == {"low": 1350, "high": 1350}  # the contract's key, not a word shown


def _text(at: AppTest) -> str:
    """Everything a reader of the page sees: text, labels, tables and chart JSON."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error"):
        parts += [el.value for el in at.get(kind)]
    for metric in at.metric:
        parts += [metric.label, str(metric.value), metric.help or ""]
    # Tables: their cells. Column keys are the data contract's field names, shown under the
    # labels the page gives them, and "Code in the data" columns show the contract's codes.
    for frame in (*at.dataframe, *at.table):
        cells = frame.value.drop(columns=["Code in the data"], errors="ignore")
        shown = list(getattr(frame.proto, "column_order", []))
        if shown:  # only the columns the table draws
            cells = cells[[c for c in shown if c in cells.columns]]
        parts.append(cells.to_csv(header=False, index=False))
    for chart in at.get("plotly_chart"):
        parts.append(chart.proto.spec)
    for widget in (*at.selectbox, *at.number_input, *at.text_input, *at.toggle):
        parts += [str(widget.label), str(getattr(widget, "help", "") or "")]
        parts.append(str(getattr(widget, "placeholder", "") or ""))
    parts += [str(b.label) for b in at.get("button_group")]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


NAMES = {"en": "Example police support mission (invented)",
         "fr": "Exemple de mission d’appui à la police (fictif)"}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_shows_only_the_example(
    name: str, lang: str, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In both languages: the example's own words (its French ones in French), and nothing of
    the other coalition's, in either language."""
    monkeypatch.setenv("COALITION_DATA", str(example))
    monkeypatch.setenv("COALITION_DB", str(tmp_path / "example.db"))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["as_of"] = "2024-06-01"
    at.query_params["country"] = "KEN"
    at.query_params["lang"] = lang
    at.run()
    if name != "overview":
        at.switch_page(f"components/pages/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    text = _text(at)
    assert NAMES[lang] in text or name != "overview"
    assert foreign_words(text) == []


@pytest.mark.parametrize("name", PAGES)
def test_the_main_data_shows_nothing_of_the_example(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reverse: the example's names, groups, outlets and figures never reach the main data's
    pages (nothing of it is written into the code either)."""
    monkeypatch.setenv("COALITION_DATA", str(PLEDGES))
    monkeypatch.setenv("COALITION_DB", str(tmp_path / "main.db"))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    if name != "overview":
        at.switch_page(f"components/pages/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert foreign_words(_text(at), NATIVE) == []


def test_the_word_lists_come_from_the_data() -> None:
    """Both lists are made from the two datasets, and they catch what they should."""
    assert foreign_words("the Coalition of the willing's 10,000 troops") != []
    assert foreign_words("Example police support mission (invented), Kenya", NATIVE) != []
    assert foreign_words("Example police support mission (invented): 2,500 police officers") == []


def test_the_overview_reads_one_figure_as_one_number(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COALITION_DATA", str(example))
    monkeypatch.setenv("COALITION_DB", str(tmp_path / "example.db"))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["as_of"] = "2024-06-01"
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Stated police officers"] == "1,350"
    assert metrics["Target cited"] == "2,500"
    assert at.subheader[0].value == "Stated police officers against the 2,500 target"
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["yaxis"]["categoryarray"] == ["Stated"]  # one bar, not two equal ones
    lines = [s for s in chart["layout"]["shapes"] if s["type"] == "line"]
    assert [round(s["x0"]) for s in lines] == [2500, 1500]  # the target, then the reference
    assert not [s for s in chart["layout"]["shapes"] if s["type"] == "rect"]
    texts = [a["text"] for a in chart["layout"]["annotations"]]
    assert "First phase (invented)" in texts
    geo = next(
        json.loads(c.proto.spec)["layout"]["geo"]
        for c in at.get("plotly_chart")
        if '"geo"' in c.proto.spec
    )
    assert geo["fitbounds"] == "locations"  # no named area: the map fits the members
    assert [b for b in at.selectbox if b.label == "Group"][0].options == [
        "All countries", "African Union", "CARICOM",
    ]  # fmt: skip


@pytest.mark.kaleido
def test_every_export_of_the_example(example: Path, tmp_path: Path, runner) -> None:
    import html

    from PIL import Image

    out = tmp_path / "pack"
    result = runner.invoke(
        cli,
        ["export", "--data", str(example), "--db", str(tmp_path / "e.db"), "--as-of",
         "2024-06-01", "--all", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 12
    for svg in out.glob("*.svg"):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", svg.read_text())).split())
        assert foreign_words(text) == [], svg.name
        assert "police officers" in text or "timeline" in svg.name, svg.name
    briefing = (out / "coalition-briefing-2024-06-01-slide.svg").read_text()
    assert "2,500" in briefing and "2,500–2,500" not in briefing
    assert "Kenya" in html.unescape(briefing)
    assert Image.open(out / "coalition-briefing-2024-06-01-slide.png").size == (3840, 2160)


@pytest.mark.browser
def test_the_example_in_the_real_browser(example: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    from tests.browser import launch, offline_context, served_app, wait_for_app_run

    env = {"COALITION_DATA": str(example), "COALITION_DB": str(tmp_path / "e.db")}
    blocked: list[str] = []
    with served_app(env) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        page = offline_context(browser, blocked, viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{url}/?as_of=2024-06-01")
        wait_for_app_run(page)
        expect(
            page.get_by_role("heading", name="Example police support mission (invented)")
        ).to_be_visible()
        expect(page.locator("path.choroplethlocation").first).to_be_attached(timeout=20_000)
        assert page.locator("path.choroplethlocation").count() == 7
        body = page.locator("body").inner_text()
        assert "Stated police officers" in body and "Kenya leads" in body
        assert foreign_words(body) == []
        browser.close()
    assert blocked == []
