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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import plotly.graph_objects as go

from components.export import PRESETS, REPO, Preset
from components.figures import (
    and_list,
    escape_html,
    history_status_chart,
    range_chart,
    shorten,
    status_map,
)
from components.theme import ASSUMED_COLOR, INK, MUTED, STATUS_COLORS
from db.contract import STATUS_LABELS, Dataset, Source
from db.history import history
from db.totals import Totals

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


def sources_behind(dataset: Dataset, totals: Totals) -> list[Source]:
    """The target's sources and those of every statement in force in this view."""
    found = list(dataset.coalition.target.sources)
    for position in totals.positions:
        found.extend(position.statement.sources)
    return found


def source_line(sources: Iterable[Source]) -> str:
    """'Sources: AP, 20 Mar 2025; ERR, 30 Apr 2025': each outlet and date once, oldest first."""
    seen = sorted({(s.published, s.outlet) for s in sources})
    cited = shorten([f"{outlet}, {day:%d %b %Y}" for day, outlet in seen], SOURCES_NAMED)
    if len(seen) > SOURCES_NAMED:
        cited[-1] = f"and {cited[-1]} (every source: the dashboard's Sources & method page)"
    return "Sources: " + "; ".join(cited) + "."


def method_note(totals: Totals) -> str:
    text = (
        "Stated troops add up each willing country's lowest and highest stated figure "
        "(\u201caround 200\u201d counts as 200)."
    )
    if totals.unquantified:
        names = [p.name for p in totals.unquantified]
        listed = and_list(names)
        verb = "is" if len(names) == 1 else "are"
        text += f" Not counted: {listed} {verb} willing to send troops but gave no number."
    return text


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


def _key_figures(fig: go.Figure, totals: Totals, extra: int, columns: int) -> None:
    """Headline numbers above the chart, in the top part of the plot area."""
    leads = " & ".join(p.name for p in totals.leads) or "none"
    stated = f"{totals.low:,}–{totals.high:,}"
    figures = [
        (stated, "troops stated (low–high)", STATUS_COLORS["troops"]),
        (f"{totals.target_min:,}–{totals.target_max:,}", "target cited by officials", "#8a5a00"),
        (
            str(totals.counts["troops"]),
            f"willing to send troops ({len(totals.unquantified)} gave no number)",
            INK,
        ),
        (leads, "lead the coalition", INK),
    ]
    if extra:
        figures[0] = (
            f"{totals.low + extra:,}–{totals.high + extra:,}",
            f"troops with {extra:,} assumed ({stated} sourced)",
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


def _subtitle(dataset: Dataset, totals: Totals) -> str:
    newest = f"{totals.data_as_of:%d %B %Y}" if totals.data_as_of else "none yet"
    force = dataset.coalition.force_name or "the multinational force for Ukraine"
    return f"Pledges to {force}, as of {totals.as_of:%d %B %Y} (newest statement: {newest})"


def _scenario(assumed: Mapping[str, int]) -> str | None:
    extra = sum(v for v in assumed.values() if v > 0)
    if not extra:
        return None
    return f"SCENARIO: includes {extra:,} assumed troops for {', '.join(sorted(assumed))} (not sourced)"


@cache
def _european_codes() -> frozenset[str]:
    data = json.loads((REPO / "static" / "topojson" / "europe_50m.json").read_text())
    return frozenset(g.get("id") for g in data["objects"]["countries"]["geometries"])


def off_map(totals: Totals, scope: str) -> str:
    """'Not shown on this map: Australia (open), Canada (open).' for the Europe view."""
    if scope != "europe":
        return ""
    outside = [p for p in totals.positions if p.iso3 not in _european_codes()]
    if not outside:
        return ""
    listed = ", ".join(f"{p.name} ({STATUS_LABELS[p.status].lower()})" for p in outside)
    return f"Not shown on this map: {listed}."


def export_figure(
    chart: str,
    dataset: Dataset,
    totals: Totals,
    preset: str = "slide",
    marking: str | None = None,
    assumed: Mapping[str, int] | None = None,
) -> go.Figure:
    """The figure for `coalition export --chart CHART`, framed for `preset`."""
    size = PRESETS[preset]
    assumed = {k: v for k, v in (assumed or {}).items() if v > 0}
    marking = marking if marking is not None else dataset.coalition.marking
    band = f"{totals.target_min:,}–{totals.target_max:,}"
    sources = source_line(sources_behind(dataset, totals))
    scenario = _scenario(assumed)
    if chart == "briefing":
        fig = range_chart(totals, assumed=assumed, note=False)
        title = f"{dataset.coalition.name}: troops stated against the {band} target"
        footnote = method_note(totals)
    elif chart == "range":
        fig = range_chart(totals, assumed=assumed, note=False)
        title = f"Troops stated against the {band} target"
        footnote = method_note(totals)
    elif chart == "map":
        fig = status_map(totals, "europe")
        title = "Who is in: coalition members by stated position"
        footnote = " ".join(filter(None, [off_map(totals, "europe"), method_note(totals)]))
    elif chart == "timeline":
        fig = history_status_chart(history(dataset, totals.as_of))
        title = "How the coalition grew: countries per position at each statement date"
        footnote = "Each bar counts every country's latest statement on or before that date."
        sources = source_line(
            [s for c in dataset.countries for st in c.statements for s in st.sources]
            + list(dataset.coalition.target.sources)
        )
    else:
        raise ValueError(f"unknown chart {chart!r}: use one of {', '.join(CHARTS)}")
    frame = Frame(
        title=title,
        subtitle=_subtitle(dataset, totals),
        footnote=footnote,
        sources=f"{sources} Coalition pledge dashboard.",
        marking=marking,
        scenario=scenario,
    )
    out = framed(fig, frame, size)
    if chart == "briefing":
        _key_figures(out, totals, sum(assumed.values()), 4 if size.width > size.height else 2)
    return out


def file_name(chart: str, as_of: dt.date, preset: str, fmt: str) -> str:
    return f"coalition-{chart}-{as_of.isoformat()}-{preset}.{fmt}"
