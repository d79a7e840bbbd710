"""Briefing exports through the real Kaleido and Chromium: sizes, text in the image, threads, packs."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from cli import cli
from components.render import export
from components.render.briefing import CHARTS, export_figure
from components.render.export import FORMATS, PRESETS, render
from db.contract.validate import validate_folder
from db.numbers.headline import day, headline
from tests.conftest import JULY, MINI, TODAY

pytestmark = pytest.mark.kaleido
AS_OF = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def dataset():
    return validate_folder(JULY, today=TODAY).dataset


@pytest.fixture
def built_db(july_data: Path, db_path: Path, runner) -> Path:
    result = runner.invoke(cli, ["build", "--data", str(july_data), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


def _svg_text(svg: bytes) -> str:
    """The words an SVG shows, entity-decoded and with tags removed."""
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", svg.decode("utf-8"))).split())


@pytest.mark.parametrize("preset", list(PRESETS))
def test_png_has_the_exact_size_and_is_not_blank(dataset, preset: str) -> None:
    size = PRESETS[preset]
    figure = export_figure("briefing", dataset, headline(dataset, AS_OF), preset)
    png = render(figure, "png", size.width, size.height, 2)
    image = Image.open(io.BytesIO(png))
    assert image.size == (size.width * 2, size.height * 2)
    assert max(ImageStat.Stat(image.convert("L")).var) > 500


def test_svg_carries_title_date_sources_and_band_labels(dataset) -> None:
    figure = export_figure(
        "briefing", dataset, headline(dataset, AS_OF), "slide", marking="OFFICIAL"
    )
    text = _svg_text(render(figure, "svg", 1920, 1080))
    # The title says what to take away; the subtitle what is shown, and how old the news is.
    assert "Troops stated on the record reach 2.5–4.5% of the 10,000 minimum cited" in text
    assert (
        "Coalition of the willing: troops offered to Multinational Force Ukraine, by country, as "
        "of 27 November 2026; newest statement 10 July 2025. No statement recorded since 10 July "
        "2025. France and the United Kingdom lead."
    ) in text
    assert "250–450 stated: 2.5–4.5% of the 10,000 minimum." in text
    assert (  # the sources behind the numbers first: the target, then the figures
        "Sources: AP, 20 Mar 2025; London Herald (citing the Financial Times), 17 Mar 2025; ERR "
        "(Estonian public broadcaster), 30 Apr 2025;"
    ) in text
    assert " 10,000 " in text and " 30,000 " in text
    # The stated figures are readable whatever the ratio: enlarged, each country named.
    assert "Stated on the record, enlarged (2.5–4.5% of the 10,000 minimum)" in text
    assert "Estonia Lithuania" in text
    assert "Not counted: France, Latvia and the United Kingdom are willing to send troops" in text
    assert text.count("OFFICIAL") == 2


def test_no_marking_by_default(dataset) -> None:
    figure = export_figure("range", dataset, headline(dataset, AS_OF), "square")
    assert "OFFICIAL" not in _svg_text(render(figure, "svg", 1080, 1080))


def test_scenario_is_marked_in_the_image(dataset) -> None:
    h = headline(dataset, AS_OF, assumed={"GBR": 10_000})
    figure = export_figure("briefing", dataset, h, "slide")
    text = _svg_text(render(figure, "svg", 1920, 1080))
    assert "SCENARIO: includes 10,000 assumed troops for GBR (not sourced)" in text
    assert "10,250–10,450 with 10,000 assumed (scenario, not sourced)" in text
    assert "GBR assumed" in text and "+ assumed" in text


def _two_percent(tmp_path: Path):
    """Stated figures at 2% of the band: Lithuania's 200 against 10,000-30,000."""
    folder = Path(shutil.copytree(MINI, tmp_path / "two"))
    (folder / "EST.yaml").unlink()
    return validate_folder(folder, today=TODAY).dataset


@pytest.mark.parametrize("preset", ["slide", "a4"])
def test_the_gap_reads_at_two_percent(tmp_path: Path, preset: str) -> None:
    data = _two_percent(tmp_path)
    h = headline(data, dt.date(2025, 5, 1))
    assert h.gap_sentence == "200 stated: 2% of the 10,000 minimum."
    figure = export_figure("briefing", data, h, preset)
    size = PRESETS[preset]
    text = _svg_text(render(figure, "svg", size.width, size.height))
    assert "Troops stated on the record reach 2% of the 10,000 minimum cited" in text
    assert "Stated on the record, enlarged (2% of the 10,000 minimum)" in text
    assert "Stated Lithuania 0 50 100 150 200 250" in text  # enlarged, the country named
    png = render(figure, "png", size.width, size.height, 1)
    (tmp_path / f"two-percent-{preset}.png").write_bytes(png)  # opened while developing
    image = Image.open(io.BytesIO(png))
    assert image.size == (size.width, size.height)


@pytest.mark.parametrize(("preset", "points"), [("a4", (595.276, 841.89)), ("letter", (612, 792))])
def test_paper_pdfs_are_the_true_page_size_and_vector(dataset, preset: str, points) -> None:
    from pypdf import PdfReader

    size = PRESETS[preset]
    figure = export_figure("briefing", dataset, headline(dataset, AS_OF), preset)
    pdf = render(figure, "pdf", size.width, size.height, 1, size.page_pt)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert [round(float(v), 3) for v in page.mediabox] == [0, 0, *points]
    assert "/XObject" not in page["/Resources"]  # no raster image: text and shapes stay vector
    words = page.extract_text()
    assert "Willing country" in words and "Estonia" in words  # laid out for the page: a table
    assert "Troops stated on the record reach" in words


@pytest.mark.parametrize(("preset", "pixels"), [("a4", (2480, 3508)), ("letter", (2550, 3300))])
def test_paper_pngs_keep_their_pixel_sizes(dataset, preset: str, pixels) -> None:
    size = PRESETS[preset]
    figure = export_figure("briefing", dataset, headline(dataset, AS_OF), preset)
    image = Image.open(io.BytesIO(render(figure, "png", size.width, size.height, 2)))
    assert image.size == pixels


def test_pdf_has_one_page(dataset) -> None:
    figure = export_figure("map", dataset, headline(dataset, AS_OF), "a4")
    pdf = render(figure, "pdf", 1240, 1754)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def test_eight_threads_each_get_their_own_image(dataset) -> None:
    days = [dt.date(2025, 3, 17) + dt.timedelta(days=9 * i) for i in range(8)]

    def one(on: dt.date) -> tuple[dt.date, str]:
        figure = export_figure("range", dataset, headline(dataset, on), "square")
        return on, _svg_text(render(figure, "svg", 1080, 1080))

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(one, days))
    for on, text in results:
        assert f"as of {day(on)}" in text
        others = [d for d in days if d != on]
        assert not any(f"as of {day(d)} " in text for d in others)


def test_cli_single_export(built_db: Path, tmp_path: Path, runner) -> None:
    out = tmp_path / "briefing.png"
    result = runner.invoke(
        cli, ["export", "--db", str(built_db), "--as-of", "2025-05-01", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote {out} (briefing, slide, 3840x2160 px, as of 2025-05-01).\n")
    assert Image.open(out).size == (3840, 2160)


def test_cli_pack_writes_every_chart_and_format_with_one_browser(
    built_db: Path, tmp_path: Path, runner
) -> None:
    export.stop()
    before = export.browser_starts()
    out = tmp_path / "pack"
    result = runner.invoke(
        cli, ["export", "--db", str(built_db), "--as-of", "2025-05-01", "--all", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    expected = sorted(f"coalition-{c}-2025-05-01-slide.{f}" for c in CHARTS for f in FORMATS)
    assert sorted(p.name for p in out.iterdir()) == expected
    assert export.browser_starts() - before == 1
    lines = result.output.splitlines()
    assert lines[0] == f"[1/12] {out}/coalition-briefing-2025-05-01-slide.png"
    assert lines[-1].startswith(f"Wrote 12 files to {out} in ")


def test_cli_without_a_browser(built_db: Path, tmp_path: Path, runner) -> None:
    export.stop()
    result = runner.invoke(
        cli,
        ["export", "--db", str(built_db), "--out", str(tmp_path / "x.png")],
        env={"COALITION_CHROMIUM": "", "PATH": str(tmp_path)},
    )
    assert result.exit_code == 2
    assert result.output == (
        "Error: no Chromium browser found: install Chromium with `apt-get install -y chromium` "
        "(or `sudo apt-get install -y chromium`), or run `plotly_get_chrome`; set "
        "COALITION_CHROMIUM to use a browser elsewhere\n"
    )
    assert not (tmp_path / "x.png").exists()


def test_cli_rejects_a_bad_assumption(built_db: Path, tmp_path: Path, runner) -> None:
    result = runner.invoke(
        cli, ["export", "--db", str(built_db), "--assume", "XXX=5", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 2
    assert (
        "Invalid value for '--assume': 'XXX=5': write ISO3=NUMBER for a country in the data, "
        "such as AUS=1000" in result.output
    )


def test_offline_export_requests_nothing_outside(dataset) -> None:
    """MathJax off, plotly.js and map outlines from local files."""
    assert export.TOPOJSON_URL.startswith("file://")
    assert os.path.isfile(export.TOPOJSON_URL.removeprefix("file://") + "europe_50m.json")
    figure = export_figure("map", dataset, headline(dataset, AS_OF), "slide")
    png = render(figure, "png", 1920, 1080, 1)
    # A map drawn without its outlines is nearly blank; with them it has many distinct colours.
    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 20)
    assert len(colours) > 500
