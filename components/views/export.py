"""Export: the briefing image for the current view, previewed as it will be saved."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components.context import PageContext
from components.filters import from_address, to_address
from components.render.briefing import CHARTS, export_figure, file_name
from components.render.export import (
    FORMATS,
    PRESETS,
    BrowserMissing,
    ExportFailed,
    Preset,
    browser_fix,
    render,
)
from components.text import md
from db.locale import DEFAULT, _, number
from db.memo import Memo
from db.numbers import scenario

MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def chart_labels() -> dict[str, str]:
    """Each chart's name in the picker, in the language in force (made while the page is drawn,
    so the picker's `format_func` does not depend on the language where it is called)."""
    return {
        "briefing": _("Briefing (chart and key figures)"),
        "range": _("Range chart"),
        "map": _("Map"),
        "timeline": _("Timeline"),
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


def size_labels() -> dict[str, str]:
    """Each size's name in the picker, in the language in force."""
    return {
        "slide": _("Slide, 16:9"),
        "square": _("Square"),
        "a4": _("A4 page"),
        "letter": _("US Letter page"),
    }


DEFAULT_PRESET = "slide"


def render_page(ctx: PageContext) -> None:
    st.title(_("Export for a briefing"))
    st.write(
        _(
            "Images with the title, the as-of date, the method note and the sources inside the "
            "picture, at fixed sizes that look the same on any screen. They follow the filters in "
            "the sidebar."
        )
    )
    left, right = st.columns(2)
    # The address names the chart and size by their codes (`export_chart=map`), the same in
    # every language: Streamlit's own binding would write the label the reader sees.
    from_address("export_chart", CHARTS, CHARTS[0], labels=chart_labels)
    from_address("export_preset", list(PRESETS), DEFAULT_PRESET, labels=size_labels)
    charts, sizes = chart_labels(), size_labels()
    chart = left.selectbox(_("Chart"), CHARTS, format_func=charts.__getitem__, key="export_chart")
    preset = right.selectbox(
        _("Size"), list(PRESETS), key="export_preset", format_func=sizes.__getitem__
    ) or DEFAULT_PRESET  # fmt: skip
    to_address("export_chart", chart, CHARTS[0])
    to_address("export_preset", preset, DEFAULT_PRESET)
    marking = left.text_input(
        _("Handling marking"),
        value=ctx.dataset.coalition.marking or "",
        max_chars=60,
        key="export_marking",
        bind="query-params",  # a copied link keeps the marking, as it keeps the other choices
        placeholder=_("e.g. OFFICIAL (none by default)"),
    )
    codes = {c.iso3 for c in ctx.dataset.countries}
    example = scenario.example(codes)
    scenario_text = right.text_input(
        _("Scenario figures (optional)"),
        key=scenario.QUERY_KEY,
        bind="query-params",
        placeholder=_("e.g. {example}").format(example=example),
        help=_(
            "Assumed {personnel} for countries, written {syntax} (such as {example}); the image "
            "is then marked SCENARIO."
        ).format(personnel=ctx.words.personnel, syntax=scenario.SYNTAX, example=example),
    )
    parsed = scenario.parse(scenario_text or "", codes)
    if parsed.bad:
        st.warning(
            _("Not understood, left out: {bad}. Write {syntax}, such as {example}.").format(
                bad=md(", ".join(parsed.bad)), syntax=scenario.SYNTAX, example=example
            )
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
        st.error(_("Images cannot be made on this server: {error}.").format(error=exc))
        return
    except ExportFailed as exc:
        st.error(_("The image could not be made: {error}.").format(error=exc))
        return
    # Pixels are written as a screen size is ('3840x2160'); the paper's points as numbers.
    pixels = {"width": 2 * size.width, "height": 2 * size.height}
    if size.page_pt:
        caption = _(
            "Preview. The PNG download is {width}x{height} pixels; the PDF is exactly "
            "{page_width} x {page_height} points."
        ).format(**pixels, page_width=number(size.page_pt[0]), page_height=number(size.page_pt[1]))
    else:
        caption = _("Preview. The PNG download is {width}x{height} pixels.").format(**pixels)
    st.image(preview, caption=caption, alt=figure.layout.meta["alt"])

    def make(fmt: str):
        def build() -> bytes:
            return _download(key, fmt, figure, size)

        return build

    buttons = st.columns(len(FORMATS))
    for column, fmt in zip(buttons, FORMATS, strict=True):
        column.download_button(
            _("Download {format}").format(format=fmt.upper()),
            data=make(fmt),
            file_name=file_name(chart, ctx.filters.as_of, preset, fmt, h.file_scope),
            mime=MIME[fmt],
            key=f"export-{fmt}",
            width="stretch",
        )
    command = f"coalition export --chart {chart} --preset {preset} --format png --out briefing.png"
    if ctx.lang != DEFAULT:
        command += f" --lang {ctx.lang}"  # the same image, in the same language
    st.caption(
        _(
            "The same images come from the command line: `{command}`. If Chromium is missing: {fix}."
        ).format(command=command, fix=browser_fix())
    )
