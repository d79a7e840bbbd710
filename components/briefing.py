"""Briefing images: the dashboard's own figures, framed with title, date, method and sources.

Everything a reader needs travels inside the picture (as Our World in Data and Datawrapper
exports do): title, subtitle with the as-of date, the chart, key figures, what is not counted,
the outlets and dates behind the figures, and an optional handling marking. Pure Plotly: the CLI,
the dashboard's Export page and the tests build the same figure.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import plotly.graph_objects as go

from components.export import PRESETS, REPO, Preset
from components.figures import escape_html, history_status_chart, range_chart, status_map
from components.theme import ASSUMED_COLOR, INK, MUTED, STATUS_COLORS
from db.contract import Dataset, Source
from db.headline import Headline, day, sentence_start, shorten
from db.history import history

CHARTS = ("briefing", "range", "map", "timeline")
SOURCES_NAMED = 12  # outlet-and-date pairs written into an image before "and N more"


@dataclass(frozen=True)
class Frame:
    title: str
    subtitle: str
    footnote: str
    sources: str
    marking: str | None = None
    scenario: str | None = None


def _wrap(text: str, width_px: int, font_px: int) -> list[str]:
    chars = max(20, int(width_px / (font_px * 0.6)))
    return textwrap.wrap(text, chars) or [""]


def sources_behind(h: Headline) -> list[Source]:
    """The sources of the target in force, of every statement in force in this view, and of
    the joint figures shown."""
    found = list(h.target.sources) if h.target else []
    for position in h.totals.positions:
        found.extend(position.statement.sources)
        if position.figured is not None and position.figured is not position.statement:
            found.extend(position.figured.sources)  # the figure's own, older source
    for joint in h.totals.joint:
        found.extend(joint.sources)
    return found


def source_line(sources: Iterable[Source]) -> str:
    """'Sources: AP, 20 Mar 2025; ERR, 30 Apr 2025': each outlet and date once, oldest first."""
    seen = sorted({(s.published, s.outlet) for s in sources})
    cited = shorten([f"{outlet}, {day:%d %b %Y}" for day, outlet in seen], SOURCES_NAMED)
    if len(seen) > SOURCES_NAMED:
        cited[-1] = f"and {cited[-1]} (every source: the dashboard's Sources & method page)"
    return "Sources: " + "; ".join(cited) + "."


def _has_legend(fig: go.Figure) -> bool:
    if fig.layout.showlegend is False:
        return False
    return sum(1 for t in fig.data if t.showlegend is not False) > 1


def _has_x_axis(fig: go.Figure) -> bool:
    return any(t.type in ("bar", "scatter") for t in fig.data)


def framed(fig: go.Figure, frame: Frame, preset: Preset) -> go.Figure:
    """Place header and footer text around a figure, at a fixed pixel size."""
    out = go.Figure(fig)
    width, height = preset.width, preset.height
    side = 70 if width > 1100 else 50
    text_width = width - 2 * side
    title_px = 38 if width > 1100 else 32
    lines: list[tuple[str, int, str, bool]] = [
        *((t, title_px, INK, True) for t in _wrap(frame.title, text_width, title_px)),
        *((t, 22, MUTED, False) for t in _wrap(frame.subtitle, text_width, 22)),
        *((t, 20, ASSUMED_COLOR, True) for t in _wrap(frame.scenario or "", text_width, 20)),
    ]
    lines = [line for line in lines if line[0]]
    cursor = 66 if frame.marking else 30
    placed = []
    for text, size, color, bold in lines:
        placed.append((text, size, color, bold, cursor))
        cursor += int(size * 1.3)
    if _has_legend(fig):
        cursor += 44
    top = cursor + 24
    foot_lines = _wrap(frame.footnote, text_width, 16) + _wrap(frame.sources, text_width, 16)
    axis_px = 80 if _has_x_axis(fig) else 10  # tick labels and the axis title sit below the plot
    bottom = axis_px + 30 + 21 * len(foot_lines) + (40 if frame.marking else 0)
    out.update_layout(
        width=width,
        height=height,
        autosize=False,
        margin={"l": side, "r": side, "t": top, "b": bottom, "autoexpand": False},
        title=None,
        paper_bgcolor="white",
        font={"size": 17},
        legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "yref": "paper"},
    )
    for text, size, color, bold, from_top in placed:
        out.add_annotation(
            text=f"<b>{escape_html(text)}</b>" if bold else escape_html(text),
            x=0, xref="paper", xanchor="left", y=1, yref="paper", yanchor="top",
            yshift=top - from_top, showarrow=False, align="left",
            font={"size": size, "color": color},
        )  # fmt: skip
    if frame.marking:
        _marking(out, frame.marking, top, bottom)
    out.add_annotation(
        text="<br>".join(escape_html(line) for line in foot_lines),
        x=0, xref="paper", xanchor="left", y=0, yref="paper", yanchor="top",
        yshift=-axis_px,
        showarrow=False, align="left", font={"size": 16, "color": MUTED},
    )  # fmt: skip
    return out


def _marking(fig: go.Figure, marking: str, top: int, bottom: int) -> None:
    """A handling marking, centred at the top and the bottom of the image."""
    for y, anchor, shift in ((1, "top", top - 20), (0, "bottom", -bottom + 16)):
        fig.add_annotation(
            text=f"<b>{escape_html(marking)}</b>", x=0.5, xref="paper", xanchor="center",
            y=y, yref="paper", yanchor=anchor, yshift=shift, showarrow=False,
            font={"size": 20, "color": INK},
        )  # fmt: skip


def _key_figures(fig: go.Figure, h: Headline, columns: int) -> None:
    """Headline numbers above the chart, in the top part of the plot area."""
    personnel = h.personnel
    figures = [
        (
            h.stated.text if h.counted else "none",
            f"{personnel} stated on the record",
            STATUS_COLORS["troops"],
        ),
        (h.band_text, "target cited" + (f" since {day(h.target.date)}" if h.target else ""),
         "#8a5a00"),
        (
            str(h.willing),
            f"willing to send {personnel} ({len(h.totals.unquantified)} gave no number)",
            INK,
        ),
        (sentence_start(h.leads_text) or "None named", "lead the coalition"
         if len(h.totals.leads) != 1 else "leads the coalition", INK),
    ]  # fmt: skip
    if h.totals.reported and not h.assumed_total:
        figures[0] = (
            h.stated.text if h.counted else "none",
            f"{personnel} stated ({h.with_reported.text} with press reports)",
            STATUS_COLORS["troops"],
        )
    if h.assumed_total:
        figures[0] = (
            h.with_assumed.text,
            f"{personnel} with {h.assumed_total:,} assumed ({h.stated.text} sourced)",
            ASSUMED_COLOR,
        )
    margin = fig.layout.margin
    plot_px = fig.layout.height - margin.t - margin.b
    width_px = (fig.layout.width - margin.l - margin.r) / columns - 16
    row_px = 110
    for i, (value, label, color) in enumerate(figures):
        x = (i % columns) / columns
        top_px = (i // columns) * row_px
        size = 46 if len(value) * 46 * 0.62 < width_px else 30
        for text, font, shift in (
            (f"<b>{escape_html(value)}</b>", {"size": size, "color": color}, 0),
            (escape_html(label), {"size": 18, "color": MUTED}, 62),
        ):
            fig.add_annotation(
                text=text, x=x, xref="paper", xanchor="left", y=1, yref="paper",
                yanchor="top", yshift=-(top_px + shift), showarrow=False, align="left",
                font=font,
            )  # fmt: skip
    rows = (len(figures) + columns - 1) // columns
    fig.update_layout(yaxis={"domain": [0, max(0.3, 1 - (rows * row_px + 40) / plot_px)]})


def _subtitle(dataset: Dataset, h: Headline) -> str:
    force = dataset.coalition.force_name or dataset.coalition.name
    text = f"Pledges to {force}, as of {day(h.as_of)} (newest statement: {h.newest_text})"
    if h.stale:
        text += f". No statement recorded since {h.newest_text}"
    return text


def _scenario(h: Headline) -> str | None:
    if not h.assumed_total:
        return None
    codes = ", ".join(sorted(h.assumed))
    return f"SCENARIO: includes {h.assumed_total:,} assumed {h.personnel} for {codes} (not sourced)"


@cache
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
    listed = ", ".join(f"{p.name} ({h.words.status_label(p.status).lower()})" for p in outside)
    return f"Not shown on this map: {listed}."


def export_figure(
    chart: str,
    dataset: Dataset,
    h: Headline,
    preset: str = "slide",
    marking: str | None = None,
) -> go.Figure:
    """The figure for `coalition export --chart CHART`, framed for `preset`."""
    size = PRESETS[preset]
    marking = marking if marking is not None else dataset.coalition.marking
    sources = source_line(sources_behind(h))
    personnel = h.personnel
    against = f" against the {h.band.text} target" if h.band else ""
    if chart == "briefing":
        fig = range_chart(h, note=False)
        title = f"{dataset.coalition.name}: {personnel} stated{against}"
        footnote = h.method_sentence
    elif chart == "range":
        fig = range_chart(h, note=False)
        title = f"{personnel[:1].upper()}{personnel[1:]} stated{against}"
        footnote = h.method_sentence
    elif chart == "map":
        area = dataset.coalition.map
        fig = status_map(h.totals, h.words, area, "area")
        title = "Who is in: coalition members by stated position"
        scope = area.scope if area else "world"
        footnote = " ".join(filter(None, [off_map(h, scope), h.method_sentence]))
    elif chart == "timeline":
        fig = history_status_chart(history(dataset, h.as_of), h.words)
        title = "How the coalition grew: countries per position over time"
        footnote = "Each day counts every country's latest statement on or before it."
        sources = source_line(
            [s for c in dataset.countries for st in c.statements for s in st.sources]
            + [s for t in dataset.coalition.target_history for s in t.sources]
        )
    else:
        raise ValueError(f"unknown chart {chart!r}: use one of {', '.join(CHARTS)}")
    frame = Frame(
        title=title,
        subtitle=_subtitle(dataset, h),
        footnote=footnote,
        sources=f"{sources} Coalition pledge dashboard.",
        marking=marking,
        scenario=_scenario(h),
    )
    out = framed(fig, frame, size)
    if chart == "briefing":
        _key_figures(out, h, 4 if size.width > size.height else 2)
    return out


def file_name(chart: str, as_of: dt.date, preset: str, fmt: str) -> str:
    return f"coalition-{chart}-{as_of.isoformat()}-{preset}.{fmt}"
