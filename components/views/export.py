"""Export: the briefing image for the current view, previewed as it will be saved."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components.context import PageContext
from components.render.briefing import CHARTS, export_figure, file_name
from components.render.export import (
    BROWSER_FIX,
    FORMATS,
    PRESETS,
    BrowserMissing,
    ExportFailed,
    Preset,
    render,
)
from components.text import md
from db.memo import Memo
from db.numbers import scenario

MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
CHART_LABELS = {
    "briefing": "Briefing (chart and key figures)",
    "range": "Range chart",
    "map": "Map",
    "timeline": "Timeline",
}


PREVIEW_WIDTH = 1460  # Streamlit shrinks and re-encodes wider images on every run


def preview_scale(width: int) -> float:
    """A preview no wider than Streamlit draws it, so it is sent as made."""
    return min(1.0, PREVIEW_WIDTH / width)


_PREVIEWS: Memo[bytes] = Memo(16)  # a few kept, each about 0.2 MB
_DOWNLOADS: Memo[bytes] = Memo(24)


def _preview(key: tuple, width: int, height: int, figure: Any) -> bytes:
    """The preview PNG per build, filters and choice (`key`)."""
    return _PREVIEWS.get(
        (key, width, height),
        lambda: render(figure, "png", width, height, preview_scale(width)),
    )


def _download(key: tuple, fmt: str, figure: Any, preset: Preset) -> bytes:
    """A download, rendered once per build, filters, choice and format, then served again:
    a second click, or another reader asking for the same image, renders nothing."""
    scale = 2 if fmt == "png" else 1
    return _DOWNLOADS.get(
        (key, fmt),
        lambda: render(figure, fmt, preset.width, preset.height, scale, preset.page_pt),
    )


SIZE_LABELS = {
    "slide": "Slide, 16:9",
    "square": "Square",
    "a4": "A4 page",
    "letter": "US Letter page",
}


def render_page(ctx: PageContext) -> None:
    st.title("Export for a briefing")
    st.write(
        "Images with the title, the as-of date, the method note and the sources inside the "
        "picture, at fixed sizes that look the same on any screen. They follow the filters in "
        "the sidebar."
    )
    left, right = st.columns(2)
    chart = left.selectbox(
        "Chart", CHARTS, format_func=CHART_LABELS.get, key="export_chart", bind="query-params"
    )
    preset = right.selectbox(
        "Size", list(PRESETS), key="export_preset", bind="query-params",
        format_func=SIZE_LABELS.get,
    ) or "slide"  # fmt: skip
    marking = left.text_input(
        "Handling marking",
        value=ctx.dataset.coalition.marking or "",
        max_chars=60,
        key="export_marking",
        bind="query-params",  # a copied link keeps the marking, as it keeps the other choices
        placeholder="e.g. OFFICIAL (none by default)",
    )
    codes = {c.iso3 for c in ctx.dataset.countries}
    scenario_text = right.text_input(
        "Scenario figures (optional)",
        key=scenario.QUERY_KEY,
        bind="query-params",
        placeholder=f"e.g. {scenario.example(codes)}",
        help=f"Assumed {ctx.words.personnel} for countries, written {scenario.SYNTAX} (such as "
        f"{scenario.example(codes)}); the image is then marked SCENARIO.",
    )
    parsed = scenario.parse(scenario_text or "", codes)
    if parsed.bad:
        st.warning(
            f"Not understood, left out: {md(', '.join(parsed.bad))}. Write {scenario.SYNTAX}, "
            f"such as {scenario.example(codes)}."
        )
    assumed = parsed.figures
    h = ctx.scenario(assumed)
    choice = (chart, preset, marking, tuple(sorted(assumed.items())))
    figure = ctx.memo(
        "export_figure",
        lambda: export_figure(chart, ctx.dataset, h, preset, marking or None),
        *choice,
    )
    size = PRESETS[preset]
    try:
        key = (ctx.keys["build"], ctx.keys["filters"], *choice)
        preview = _preview(key, size.width, size.height, figure)
    except BrowserMissing as exc:
        st.error(f"Images cannot be made on this server: {exc}.")
        return
    except ExportFailed as exc:
        st.error(f"The image could not be made: {exc}.")
        return
    page = ""
    if size.page_pt:
        page = f"; the PDF is exactly {size.page_pt[0]:g} x {size.page_pt[1]:g} points"
    st.image(
        preview,
        caption=f"Preview. The PNG download is {2 * size.width}x{2 * size.height} pixels{page}.",
        alt=figure.layout.meta["alt"],
    )

    def make(fmt: str):
        def build() -> bytes:
            return _download(key, fmt, figure, size)

        return build

    buttons = st.columns(len(FORMATS))
    for column, fmt in zip(buttons, FORMATS, strict=True):
        column.download_button(
            f"Download {fmt.upper()}",
            data=make(fmt),
            file_name=file_name(chart, ctx.filters.as_of, preset, fmt, h.scope),
            mime=MIME[fmt],
            key=f"export-{fmt}",
            width="stretch",
        )
    st.caption(
        "The same images come from the command line: `coalition export --chart "
        f"{chart} --preset {preset} --format png --out briefing.png`. "
        f"If Chromium is missing: {BROWSER_FIX}."
    )
