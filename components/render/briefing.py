"""Briefing images: the dashboard's own figures, laid out for a slide or a printed page.

Everything a reader needs travels inside the picture (as Our World in Data and Datawrapper
exports do): a title that says what to take away, a subtitle that says what is shown and how
old the news is, key figures, the chart, what is not counted, the outlets and dates behind the
figures, and an optional handling marking. Paper presets (A4, US Letter) are laid out for the
page: the chart keeps a readable height and a table of the countries offering troops fills the
page below it. Pure Plotly: the CLI, the dashboard's Export page and the tests build the same
figure.

Every word is in the language in force (db/locale.py), and every number and date is written by
db/locale; French runs longer, and the layout makes room by the lines the text wraps to.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

import plotly.graph_objects as go

from components.render.export import PRESETS, REPO, Preset
from components.render.figures import (
    RangeLayout,
    escape_html,
    history_status_chart,
    range_chart,
    status_map,
)
from components.render.presets import CHARTS
from components.render.theme import ASSUMED_COLOR, INK, MUTED, STATUS_COLORS
from db.contract.models import Dataset, Source
from db.locale import _, _n, number
from db.numbers.headline import (
    Headline,
    day,
    map_alt,
    sentence_start,
    shorten,
    status_history_alt,
)
from db.numbers.history import history
from db.numbers.totals import cited

SOURCES_NAMED = 12  # outlet-and-date pairs written into an image before "and N more"
BAND_TEXT = "#8a5a00"
AXIS_PX = 78  # tick labels and the axis title below a chart's plot area
TABLE_ROWS = 14  # countries a paper page lists before "and N more"


@dataclass(frozen=True)
class Typography:
    """Sizes in the canvas's pixels, per preset."""

    side: int
    title: int
    subtitle: int
    body: int
    note: int
    figure: int  # a key figure's number
    columns: int  # key figures side by side


TYPE = {
    "slide": Typography(side=70, title=40, subtitle=22, body=17, note=16, figure=46, columns=4),
    "square": Typography(side=50, title=32, subtitle=20, body=16, note=15, figure=40, columns=2),
    "a4": Typography(side=80, title=34, subtitle=19, body=16, note=15, figure=40, columns=2),
    "letter": Typography(side=80, title=34, subtitle=19, body=16, note=15, figure=40, columns=2),
}


@dataclass(frozen=True)
class Frame:
    title: str
    subtitle: str
    footnote: str
    sources: str
    marking: str | None = None
    scenario: str | None = None
    figures: list[tuple[str, str, str]] = field(default_factory=list)  # value, label, colour
    table: go.Table | None = None
    table_rows: int = 0


# A character's width, as a share of the font size: running text in DejaVu Sans, as Chromium
# draws it, averages about 0.5 (0.55 bold), in English and French alike.
CHAR_EM = 0.56


def _wrap(text: str, width_px: float, font_px: int) -> list[str]:
    """`text` in lines that fit `width_px`. French runs about a fifth longer than English: the
    layout makes room by the lines a text takes, never by a fixed height."""
    chars = max(20, int(width_px / (font_px * CHAR_EM)))
    return textwrap.wrap(text, chars) if text else []


def sources_behind(h: Headline) -> list[Source]:
    """The sources behind the numbers first (the target in force, every figure counted or
    reported, the joint figures), then those of every other statement in force in the view."""
    numbers = list(h.target.sources) if h.target else []
    rest: list[Source] = []
    for position in h.totals.positions:
        if position.figured is not None:
            numbers.extend(position.figured.sources)  # the figure's own source, maybe older
        if position.figured is not position.statement:
            rest.extend(position.statement.sources)
    for joint in h.totals.joint:
        numbers.extend(joint.sources)
    return numbers + rest


def source_line(sources: Iterable[Source]) -> str:
    """'Sources: AP, 20 Mar 2025; ERR, 30 Apr 2025': each outlet and date once, in the order
    given (the sources behind the numbers first), then 'and N more'."""
    seen = list(dict.fromkeys((s.outlet, s.published) for s in sources))
    cited = shorten([f"{outlet}, {day(on, short=True)}" for outlet, on in seen], SOURCES_NAMED)
    if len(seen) > SOURCES_NAMED:
        cited[-1] = _("and {more} (every source: the dashboard's Sources & method page)").format(
            more=cited[-1]
        )
    return _("Sources: {sources}.").format(sources=semicolons(cited))


def semicolons(items: Iterable[str]) -> str:
    """'A; B; C', with the space French puts before a semicolon."""
    return _("; ").join(items)


def _has_x_axis(fig: go.Figure) -> bool:
    return (
        any(t.type in ("bar", "scatter") for t in fig.data)
        and fig.layout.xaxis.visible is not False
    )


def _has_legend(fig: go.Figure) -> bool:
    if fig.layout.showlegend is False:
        return False
    return sum(1 for t in fig.data if t.showlegend is not False) > 1


def compose(fig: go.Figure, frame: Frame, preset: Preset) -> go.Figure:
    """Lay a chart out on a canvas of fixed size, top to bottom, in pixels.

    Marking, title, subtitle, scenario line, key figures, the chart (its plot areas moved into
    the space left), on paper a table, then the notes, the sources and the marking again.
    """
    type_ = TYPE[preset.name]
    width, height = preset.width, preset.height
    text_px = width - 2 * type_.side
    gutter = _row_labels_px(fig, type_.body)  # a bar chart's row names, left of its plot area
    plot_px = width - 2 * type_.side - gutter
    out = go.Figure(fig)
    texts: list[tuple[float, str, int, str, bool]] = []  # from the top: px, text, size, colour
    cursor = 64.0 if frame.marking else 34.0
    for lines, size, color, bold in (
        (_wrap(frame.title, text_px, type_.title), type_.title, INK, True),
        (_wrap(frame.subtitle, text_px, type_.subtitle), type_.subtitle, MUTED, False),
        (_wrap(frame.scenario or "", text_px, type_.body), type_.body, ASSUMED_COLOR, True),
    ):
        for line in lines:
            texts.append((cursor, line, size, color, bold))
            cursor += size * 1.32
        cursor += 6
    figures_top = cursor + 14
    # Each key figure's label wraps to its column; a row is as tall as its longest label.
    column_px = text_px / type_.columns - 20
    labels = [_wrap(label, column_px, type_.note) for _value, label, _colour in frame.figures]
    row_tops = [figures_top]
    for row in range(0, len(labels), type_.columns):
        lines = max(len(lines) for lines in labels[row : row + type_.columns]) or 1
        row_tops.append(row_tops[-1] + type_.figure + 44 + (lines - 1) * type_.note * 1.3)
    cursor = row_tops[-1]
    foot = _wrap(frame.footnote, text_px, type_.note) + _wrap(frame.sources, text_px, type_.note)
    foot_px = len(foot) * type_.note * 1.35 + (52 if frame.marking else 20)
    table_px = _table_px(frame.table, plot_px, type_.note) if frame.table is not None else 0
    legend_px = 44 if _has_legend(fig) else 0
    axis_px = AXIS_PX if _has_x_axis(fig) else 8
    chart_top = cursor + 12 + legend_px
    chart_bottom = height - foot_px - table_px - axis_px - 16
    foot_top = height - foot_px + 6
    if preset.paper and frame.table is not None:
        # The chart takes the room the rest leaves, within readable bounds (never stretched to
        # a whole page); the notes follow the table, so the page ends where its content ends.
        room = chart_bottom - chart_top - 24 - 20
        chart_bottom = chart_top + min(max(room, height * 0.22), height * 0.42)
        table_top = chart_bottom + axis_px + 24
        foot_top = min(foot_top, table_top + table_px + 20)
    lo, hi = 1 - chart_bottom / height, 1 - chart_top / height
    _move_into(out, lo, hi)
    out.update_layout(
        width=width,
        height=height,
        autosize=False,
        margin={"l": type_.side + gutter, "r": type_.side, "t": 0, "b": 0, "autoexpand": False},
        title=None,
        paper_bgcolor="white",
        font={"size": type_.body},
        legend={"orientation": "h", "x": 0, "y": hi, "yanchor": "bottom", "yref": "paper"},
    )
    start = -gutter / plot_px  # the canvas's text column starts left of the plot area
    for top, text, size, color, bold in texts:
        _text(out, text, top, height, size, color, bold, x=start)
    for i, ((value, _label, color), lines) in enumerate(zip(frame.figures, labels, strict=True)):
        left = start + (i % type_.columns) / type_.columns * text_px / plot_px
        top = row_tops[i // type_.columns]
        size = (
            type_.figure if len(value) * type_.figure * 0.6 < column_px else int(type_.figure * 0.7)
        )
        _text(out, value, top, height, size, color, True, x=left)
        label = "<br>".join(escape_html(line) for line in lines)
        _text(out, label, top + type_.figure + 4, height, type_.note, MUTED, False, left, True)
    if frame.table is not None:
        table = go.Table(frame.table)
        table.domain = {
            "x": [0, 1],  # tables take the plot area's width
            "y": [max(0, 1 - (table_top + table_px) / height), 1 - table_top / height],
        }
        out.add_trace(table)
    _text(
        out,
        "<br>".join(escape_html(line) for line in foot),
        foot_top,
        height,
        type_.note,
        MUTED,
        False,
        x=start,
        escaped=True,
    )
    if frame.marking:
        _marking(out, frame.marking, height)
    return out


def _table_px(table: dict, width_px: float, font: int) -> int:
    """The height a table needs: its header, and each row as tall as its most wrapped cell
    (Plotly grows a row to fit its text, but not the table's own area)."""
    columns = table["cells"]["values"]
    shares = table.get("columnwidth") or [1] * len(columns)
    per_char = font * 0.56
    total = 30 + 20
    for row in zip(*columns, strict=True):
        lines = 1
        for cell, share in zip(row, shares, strict=True):
            chars = max(8, int(width_px * share / sum(shares) / per_char) - 2)
            lines = max(lines, len(textwrap.wrap(str(cell), chars)) or 1)
        total += max(30, int(lines * font * 1.3 + 12))
    return total


def _row_labels_px(fig: go.Figure, font: int) -> int:
    """The width a horizontal bar chart's row names need ('+ press reports')."""
    names = [
        str(y)
        for t in fig.data
        if t.type == "bar" and t.orientation == "h" and t.yaxis in (None, "y")
        for y in (t.y or ())
    ]
    return int(max((len(n) for n in names), default=0) * font * 0.62) + (14 if names else 0)


def _move_into(fig: go.Figure, lo: float, hi: float) -> None:
    """Move every plot area, and shapes placed on the whole figure, into [lo, hi] of its height."""

    def remap(values) -> list[float]:
        start, end = values if values is not None else (0.0, 1.0)
        return [lo + start * (hi - lo), lo + end * (hi - lo)]

    layout = fig.layout
    for name in [k for k in layout.to_plotly_json() if k.startswith("yaxis")]:
        axis = layout[name]
        axis.domain = remap(axis.domain)
    if layout.geo and fig.data and any(t.type in ("choropleth", "scattergeo") for t in fig.data):
        layout.geo.domain = {"x": [0, 1], "y": remap(layout.geo.domain.y)}
    for shape in layout.shapes:
        if shape.yref == "paper":
            shape.y0, shape.y1 = (lo + v * (hi - lo) for v in (shape.y0, shape.y1))


def _text(
    fig: go.Figure,
    text: str,
    top_px: float,
    height: int,
    size: int,
    color: str,
    bold: bool,
    x: float = 0,
    escaped: bool = False,
) -> None:
    shown = text if escaped else escape_html(text)
    fig.add_annotation(
        text=f"<b>{shown}</b>" if bold else shown, x=x, xref="paper", xanchor="left",
        y=1 - top_px / height, yref="paper", yanchor="top", showarrow=False, align="left",
        font={"size": size, "color": color},
    )  # fmt: skip


def _marking(fig: go.Figure, marking: str, height: int) -> None:
    """A handling marking, centred at the top and the bottom of the image."""
    for y, anchor in ((1 - 18 / height, "top"), (16 / height, "bottom")):
        fig.add_annotation(
            text=f"<b>{escape_html(marking)}</b>", x=0.5, xref="paper", xanchor="center",
            y=y, yref="paper", yanchor=anchor, showarrow=False, font={"size": 20, "color": INK},
        )  # fmt: skip


KIND_COLORS = {"stated": STATUS_COLORS["troops"], "reported": "#3d7fae", "assumed": ASSUMED_COLOR,
               "target": BAND_TEXT, "willing": INK}  # fmt: skip


def key_figures(h: Headline) -> list[tuple[str, str, str]]:
    """The headline's key figures, each with its colour."""
    return [(value, label, KIND_COLORS[kind]) for value, label, kind in h.key_figures]


def willing_table(h: Headline, size: int) -> tuple[dict, int]:
    """The countries offering troops, one row each, for a printed page; the rest summed up."""
    words = h.words
    willing = [p for p in h.totals.positions if p.status == "troops"]
    shown = willing[:TABLE_ROWS]
    rows = [
        [
            _("{country} (weakly sourced)").format(country=p.name) if p.weakly_sourced else p.name,
            h.figure(p),
            cited(p.figure_source) if p.figure_source else "",
            semicolons(words.short("conditions", c) for c in p.conditions) or _("none stated"),
            day(p.since),
        ]
        for p in shown
    ]
    others = [p for p in h.totals.positions if p.status != "troops"]
    more = len(willing) - len(shown)
    if more or others:
        counts = {}
        for p in others:
            counts[words.status_short(p.status).lower()] = (
                counts.get(words.status_short(p.status).lower(), 0) + 1
            )
        summary = ", ".join(
            _("{count} {status}").format(count=number(n), status=label)
            for label, n in counts.items()
        )
        first = (
            _n("and {count} more willing", "and {count} more willing", more).format(
                count=number(more)
            )
            if more
            else _("Other members")
        )
        rows.append([first, "", summary, "", ""])
    columns = list(zip(*rows, strict=True)) if rows else [[]] * 5
    table = {
        "header": {
            "values": [f"<b>{v}</b>" for v in (_("Willing country"), h.personnel.capitalize(), _("Source of the figure"), _("Conditions"), _("Since"))],
            "align": "left", "fill": {"color": "#f1f1f1"}, "font": {"size": size, "color": INK},
            "height": 30,
        },
        "cells": {
            "values": [[escape_html(str(v)) for v in column] for column in columns],
            "align": "left", "font": {"size": size - 1, "color": INK}, "height": 30,
            "fill": {"color": "white"}, "line": {"color": "#dddddd"},
        },
        "columnwidth": [1.2, 1.3, 1.5, 1.3, 0.9],
    }  # fmt: skip
    return table, len(rows)


def _european_codes() -> frozenset[str]:
    data = json.loads((REPO / "static" / "topojson" / "europe_50m.json").read_text())
    return frozenset(g.get("id") for g in data["objects"]["countries"]["geometries"])


def off_map(h: Headline, scope: str) -> str:
    """'Not shown on this map: Australia (open), Canada (open).' for the Europe view."""
    if scope != "europe":
        return ""
    outside = [p for p in h.totals.positions if p.iso3 not in _european_codes()]
    if not outside:
        return ""
    listed = ", ".join(f"{p.name} ({h.words.status_short(p.status).lower()})" for p in outside)
    return _("Not shown on this map: {countries}.").format(countries=listed)


def export_figure(
    chart: str,
    dataset: Dataset,
    h: Headline,
    preset: str = "slide",
    marking: str | None = None,
) -> go.Figure:
    """The figure for `coalition export --chart CHART`, laid out for `preset`. A subtitle names
    the force, or says 'the force' in its own sentence: French puts the name in brackets, and
    needs an article without one."""
    size = PRESETS[preset]
    type_ = TYPE[preset]
    force = dataset.coalition.force_name
    marking = marking if marking is not None else dataset.coalition.marking
    sources = source_line(sources_behind(h))
    checks = [h.weak_sentence, h.checked_sentence]  # how far each figure can be trusted
    footnote = " ".join(filter(None, [h.gap_sentence, h.method_sentence, *checks]))
    figures: list[tuple[str, str, str]] = []
    table, table_rows = None, 0
    big = RangeLayout(row_px=44, inset_px=120, font=type_.body, note=False, share=True)
    if chart in ("briefing", "range"):
        fig = range_chart(h, big)
        described = h.range_alt
        title = h.takeaway
        offered = (
            _("{personnel} offered to {force}, by country")
            if force
            else _("{personnel} offered to the force, by country")
        )  # the headline writes the force's name in for {force}
        subtitle = h.subtitle(offered.format(personnel=h.personnel, force="{force}"), force)
        if chart == "briefing":
            figures = key_figures(h)
            subtitle += f" {h.leads_sentence}."
            if size.paper:
                table, table_rows = willing_table(h, type_.note)
    elif chart == "map":
        area = dataset.coalition.map
        fig = status_map(h.totals, h.words, area, "area")
        described = map_alt(h.totals, h.words)
        title = h.map_title
        subtitle = h.subtitle(
            _("members of {force} by stated position")
            if force
            else _("members of the force by stated position"),
            force,
        )
        scope = area.scope if area else "world"
        footnote = " ".join(filter(None, [off_map(h, scope), h.method_sentence, *checks]))
    elif chart == "timeline":
        steps = history(dataset, h.as_of)
        fig = history_status_chart(steps, h.words)
        described = status_history_alt(steps, h.words)
        title = _("How the coalition grew: countries per position over time")
        subtitle = h.subtitle(
            _("positions on {force} over time") if force else _("positions on the force over time"),
            force,
        )
        footnote = _("Each day counts every country's latest statement on or before it.")
        sources = source_line(
            [s for c in dataset.countries for st in c.statements for s in st.sources]
            + [s for t in dataset.coalition.target_history for s in t.sources]
        )
    else:
        raise ValueError(f"unknown chart {chart!r}: use one of {', '.join(CHARTS)}")
    frame = Frame(
        title=sentence_start(title),
        subtitle=subtitle,
        footnote=footnote,
        sources=_("{sources} Coalition pledge dashboard.").format(sources=sources),
        marking=marking,
        scenario=h.scenario_mark,
        figures=figures,
        table=table,
        table_rows=table_rows,
    )
    figure = compose(fig, frame, size)
    figure.layout.meta = {  # the document's own title and subject in a PDF (export.render)
        "title": frame.title,
        "subject": frame.subtitle,
        "author": _("{coalition}: Coalition pledge dashboard").format(
            coalition=dataset.coalition.name
        ),
        "alt": image_alt(frame, described),
    }
    return figure


def image_alt(frame: Frame, described: str) -> str:
    """The image in words, for its text alternative: title, subtitle, key figures and what the
    chart shows, numbers included."""
    parts = [frame.title.rstrip(".") + ".", frame.subtitle]
    if frame.figures:
        # A figure with no value reads by its label alone ('no figure reported by the press'),
        # not 'none no figure ...'.
        figures = semicolons(
            label if value == _("none") else f"{value} {label}"
            for value, label, _colour in frame.figures
        )
        parts.append(_("Key figures: {figures}.").format(figures=figures))
    parts.append(described)
    if frame.scenario:
        parts.insert(0, f"{frame.scenario}.")
    return " ".join(p for p in parts if p)


def file_name(chart: str, as_of: dt.date, preset: str, fmt: str, scope: str = "") -> str:
    """'coalition-briefing-2026-12-02-slide.png'; a filtered view names its filter in it."""
    slug = re.sub(r"[^a-z0-9]+", "-", scope.lower()).strip("-")
    return f"coalition-{chart}-{as_of.isoformat()}-{preset}{'-' + slug if slug else ''}.{fmt}"
