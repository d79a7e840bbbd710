"""Pure Plotly figures built from a headline and totals. No streamlit here: the CLI's exports
reuse them."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from components.theme import (
    ASSUMED_COLOR,
    BAND_COLOR,
    INK,
    MUTED,
    STATUS_COLORS,
    STATUS_SYMBOLS,
    TEMPLATE_NAME,
)
from db.contract import STATUSES, Country, MapArea, Statement
from db.headline import Headline, Range, and_list, day, plural
from db.totals import Position, Totals, format_figure
from db.vocabulary import Vocabulary

BAND_TEXT = "#8a5a00"  # the band's orange, darkened for text contrast on white
REPORTED_COLOR = "#7fb8dd"  # the stated blue, lightened: a press figure, hatched and labelled
NOTE_CHARS = 44  # a chart note's line length, short enough for a phone
TIMELINE_LABELS = 12  # a country timeline writes its figures beside the points up to this many


def unquantified_note(h: Headline) -> str:
    """The line that keeps willing countries with no number visible, and out of the sums."""
    n = len(h.not_counted)
    if not n:
        return ""
    names = and_list([escape_html(p.name) for p in h.not_counted], limit=4)
    return (
        f"+{plural(n, 'country', 'countries')} willing to send {h.personnel}, no number given "
        f"(not counted): {names}"
    )


def _band(fig: go.Figure, band: Range, *, vertical: bool = True) -> None:
    """The target, shaded, with its ends written as text; one figure is one line."""
    edges = (band.low,) if band.single else (band.low, band.high)
    if not band.single:
        if vertical:
            fig.add_vrect(
                x0=band.low, x1=band.high, fillcolor=BAND_COLOR, opacity=0.15, line_width=0,
                layer="below",
            )  # fmt: skip
        else:
            fig.add_hrect(
                y0=band.low, y1=band.high, fillcolor=BAND_COLOR, opacity=0.15, line_width=0,
                layer="below",
            )  # fmt: skip
    for edge in edges:
        if vertical:
            fig.add_vline(x=edge, line={"color": BAND_COLOR, "width": 2})
            fig.add_annotation(
                x=edge, y=1, yref="y domain", yanchor="bottom", showarrow=False,
                text=f"<b>{edge:,}</b>", font={"color": BAND_TEXT},
            )  # fmt: skip
        else:
            fig.add_hline(y=edge, line={"color": BAND_COLOR, "width": 2})
            fig.add_annotation(
                y=edge, x=1, xref="x domain", xanchor="right", yanchor="bottom", showarrow=False,
                text=f"<b>{edge:,}</b>", font={"color": BAND_TEXT},
            )  # fmt: skip


@dataclass(frozen=True)
class Segment:
    code: str
    name: str
    high: int
    low: int
    kind: str  # stated, reported or assumed


KIND_NAMES = {
    "stated": "stated on the record",
    "reported": "reported by the press",
    "assumed": "assumed, not sourced",
}


def segments(h: Headline) -> list[Segment]:
    """Every figure the chart stacks: stated first, then reported, then assumed."""
    out = [Segment(p.iso3, p.name, p.troops_high, p.troops_low, "stated") for p in h.counted]
    out += [
        Segment(p.iso3, p.name, p.troops_high, p.troops_low, "reported")
        for p in h.totals.reported
        if p.iso3 not in h.assumed
    ]
    out += [
        Segment(code, h.names.get(code, code), n, n, "assumed") for code, n in h.assumed.items()
    ]
    return out


def _marker(kind: str) -> dict:
    if kind == "stated":
        return {"color": STATUS_COLORS["troops"], "line": {"color": "white", "width": 1.5}}
    color = REPORTED_COLOR if kind == "reported" else ASSUMED_COLOR
    return {
        "color": "white",
        "line": {"color": color, "width": 1.5},
        "pattern": {"shape": "/" if kind == "assumed" else "x", "fgcolor": color, "solidity": 0.3},
    }


def range_chart(h: Headline, note: bool = True) -> go.Figure:
    """Figures stacked by country against the target band.

    With ranges, the top bar sums each country's highest figure and the bottom bar its lowest;
    when every figure is a single number, one bar. Stated figures come first; figures the press
    reported and a planner's assumptions are stacked after them, hatched and labelled, so they
    are never read as stated.
    """
    fig = go.Figure()
    parts = segments(h)
    single = all(s.low == s.high for s in parts)
    rows = ["Total"] if single else ["High", "Low"]
    band = h.band
    reach = sum(s.high for s in parts)
    scenarios = h.references  # the coalition's reference scenarios, dotted lines with labels
    top = max(band.high if band else 0, reach, *(t for _, t in scenarios)) * 1.1
    top = max(top, reach * 1.45)  # room after the bars for their totals, written beside them
    if top == 0:
        return _empty(f"No stated figures on {day(h.as_of)}", height=220)
    ends = dict.fromkeys(rows, 0)
    for kind in ("stated", "reported", "assumed"):
        chosen = [s for s in parts if s.kind == kind]
        if not chosen:
            continue
        ys, xs, bases, labels, hover = [], [], [], [], []
        for s in chosen:
            for row, value in zip(rows, (s.high, s.low), strict=False):
                ys.append(row)
                xs.append(value)
                bases.append(ends[row])
                ends[row] += value
                tag = s.code if kind == "stated" else f"{s.code} {kind}"
                labels.append(tag if value >= top * (0.03 if kind == "stated" else 0.08) else "")
                hover.append(escape_html(s.name))
        fig.add_trace(
            go.Bar(
                name=KIND_NAMES[kind], y=ys, x=xs, base=bases, orientation="h",
                marker=_marker(kind), text=labels, textposition="inside",
                insidetextanchor="middle", textfont={"color": INK} if kind != "stated" else None,
                customdata=hover, showlegend=False,
                hovertemplate=f"%{{customdata}}: %{{x:,}} {h.personnel} ({KIND_NAMES[kind]})"
                "<extra></extra>",
            )
        )  # fmt: skip
    if band:
        _band(fig, band)
    for label, troops in scenarios:
        fig.add_vline(x=troops, line={"color": MUTED, "width": 1, "dash": "dot"})
        fig.add_annotation(
            x=troops, y=0, yref="y domain", yanchor="top", showarrow=False, text=escape_html(label),
            font={"color": MUTED, "size": 12},
        )  # fmt: skip
    stated = (h.stated.high, h.stated.low)
    for row, value, sourced in zip(rows, (ends[r] for r in rows), stated, strict=False):
        text = f"<b>{sourced:,}</b> stated"
        if value != sourced:
            text += f" · {value:,} with {' and '.join(_added(parts))}"
        fig.add_annotation(
            x=value, y=row, xanchor="left", xshift=6, showarrow=False, text=text,
            font={"color": INK},
        )  # fmt: skip
    # Written out in short lines: an annotation does not wrap, and a phone is 350 px wide.
    text = unquantified_note(h) if note else ""
    lines = textwrap.wrap(text, NOTE_CHARS, break_long_words=False, break_on_hyphens=False)
    bottom = 80 + 18 * len(lines)  # the axis, then one line per line of the note
    if lines:
        fig.add_annotation(
            x=0, xref="paper", y=-0.42 if not single else -0.9, yref="y domain", xanchor="left",
            yanchor="top", align="left", showarrow=False, font={"color": MUTED, "size": 13},
            text="<br>".join(lines),
        )  # fmt: skip
    fig.update_layout(
        template=TEMPLATE_NAME,
        barmode="stack",
        height=(140 if single else 200) + bottom,
        margin={"l": 10, "r": 30, "t": 40, "b": bottom},
        xaxis={
            "range": [0, top],
            "tickformat": ",d",
            "title": {"text": f"{h.personnel[:1].upper()}{h.personnel[1:]} (sums of figures)"},
        },
        yaxis={
            "title": None,
            "fixedrange": True,
            "categoryorder": "array",
            "categoryarray": list(reversed(rows)),
        },
        bargap=0.35,
    )
    return fig


def _added(parts: list[Segment]) -> list[str]:
    kinds = {s.kind for s in parts}
    return [k for k in ("reported", "assumed") if k in kinds]


def _empty(message: str, height: int = 220) -> go.Figure:
    """A chart with nothing to draw says so, with no axes."""
    fig = go.Figure()
    fig.add_annotation(
        text=escape_html(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
        font={"size": 16, "color": MUTED},
    )  # fmt: skip
    fig.update_layout(
        template=TEMPLATE_NAME, height=height, xaxis={"visible": False},
        yaxis={"visible": False}, margin={"l": 10, "r": 10, "t": 20, "b": 20},
    )  # fmt: skip
    return fig


MAP_VIEWS = ("area", "members", "world")  # the coalition's named area, fitted to members, world


def map_views(area: MapArea | None) -> tuple[str, ...]:
    """The map's views for a coalition: its named area first when it names one."""
    return MAP_VIEWS if area is not None else MAP_VIEWS[1:]


def status_map(
    totals: Totals, words: Vocabulary, area: MapArea | None = None, view: str = "area"
) -> go.Figure:
    """Members coloured by status, each also marked with its status symbol.

    `view` is the coalition's named area (`map:` in coalition.yaml), the members' extent, or the
    world. Plotly draws the map from topojson files that the app serves itself (see
    `theme.MAP_CONFIG`), so nothing is fetched from outside.
    """
    fig = go.Figure()
    for status in STATUSES:
        members = [p for p in totals.positions if p.status == status]
        if not members:
            continue
        color = STATUS_COLORS[status]
        label = words.status_label(status)
        hover = [_map_hover(p, words) for p in members]
        fig.add_trace(
            go.Choropleth(
                locations=[p.iso3 for p in members], z=[1] * len(members),
                colorscale=[[0, color], [1, color]], showscale=False, showlegend=False,
                marker={"line": {"color": "white", "width": 0.8}}, name=label,
                customdata=[p.iso3 for p in members], text=hover,
                hovertemplate="%{text}<extra></extra>",
            )
        )  # fmt: skip
        fig.add_trace(
            go.Scattergeo(
                locations=[p.iso3 for p in members], locationmode="ISO-3", mode="markers",
                marker={
                    "symbol": STATUS_SYMBOLS[status], "size": 11, "color": color,
                    "line": {"color": "white", "width": 2},
                },
                name=label, customdata=[p.iso3 for p in members], text=hover,
                hovertemplate="%{text}<extra></extra>",
            )
        )  # fmt: skip
    if view == "area" and area is None:
        view = "members"
    scope = area.scope if view == "area" and area is not None else "world"
    geo = {
        "scope": scope,
        "resolution": 50 if scope == "europe" else 110,
        "showland": True,
        "landcolor": "#f1f1f1",
        "showcountries": True,
        "countrycolor": "#d0d0d0",
        "showframe": False,
        "showcoastlines": False,
        "bgcolor": "white",
    }
    if view == "area" and area is not None:
        if area.lat:
            geo["lataxis"] = {"range": list(area.lat)}
        if area.lon:
            geo["lonaxis"] = {"range": list(area.lon)}
    elif view == "members" and totals.positions:
        geo["fitbounds"] = "locations"
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=520,
        geo=geo,
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
    )
    return fig


def _map_hover(p: Position, words: Vocabulary) -> str:
    figure = format_figure(p.troops)
    if figure and p.basis == "reported":
        figure += " reported"
    figure = f" ({figure})" if figure else ""
    return (
        f"<b>{escape_html(p.name)}</b><br>{escape_html(words.status_label(p.status))}{figure}"
        f"<br>since {day(p.since)}"
    )


def escape_html(text: str) -> str:
    """Plotly renders a subset of HTML in text, and %{...} in templates: data goes in as text."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("%", "&#37;")
    )


def statement_label(statement: Statement, words: Vocabulary) -> str:
    """'7,500 reported, lead': a statement's figure and roles in words, for a chart point."""
    figure = format_figure(statement.troops)
    if figure and statement.troops.basis == "reported":
        figure += " reported"
    return ", ".join(filter(None, [figure, *(words.short("roles", r) for r in statement.roles)]))


def changed_label(country: Country, statement: Statement, words: Vocabulary) -> str:
    """A point's label, written only where the figure or the roles changed: eleven 'co-lead'
    labels in a row say nothing the first one did not."""
    i = country.statements.index(statement)
    label = statement_label(statement, words)
    before = statement_label(country.statements[i - 1], words) if i else None
    return label if label != before else ""


def country_timeline(country: Country, words: Vocabulary) -> go.Figure:
    """One country's statements over time: status per date, with figures and roles written in."""
    order = list(STATUSES)
    fig = go.Figure()
    dates = [s.date for s in country.statements]
    # Figures and roles are written beside each point for a short history; in a long one the
    # words would overlap, so they go into the hover text only.
    written = len(dates) <= TIMELINE_LABELS
    fig.add_trace(
        go.Scatter(
            x=dates, y=[words.status_label(s.status) for s in country.statements], mode="lines",
            line={"shape": "hv", "color": "#bdbdbd", "width": 2}, hoverinfo="skip",
            showlegend=False,
        )
    )  # fmt: skip
    for status in order:
        points = [s for s in country.statements if s.status == status]
        if not points:
            continue
        labels = [changed_label(country, s, words) for s in points]
        fig.add_trace(
            go.Scatter(
                x=[s.date for s in points], y=[words.status_label(status)] * len(points),
                mode="markers+text" if written else "markers", text=labels,
                textposition="top center",
                marker={"symbol": STATUS_SYMBOLS[status], "size": 14, "color": STATUS_COLORS[status],
                        "line": {"color": "white", "width": 1.5}},
                name=words.status_label(status),
                customdata=[escape_html(s.summary) for s in points],
                hovertemplate="%{x|%d %b %Y}: %{customdata}"
                + ("" if written else "<br>%{text}") + "<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=320,
        showlegend=False,
        margin={"l": 10, "r": 30, "t": 30, "b": 40},
        yaxis={
            "categoryorder": "array",
            "categoryarray": [words.status_label(s) for s in reversed(order)],
            "range": [-0.5, len(order) - 0.5],
            "fixedrange": True,
        },
        xaxis={"tickformat": "%d %b %Y"},
    )
    if len(set(dates)) == 1:
        only = dates[0]
        fig.update_xaxes(range=[only - dt.timedelta(days=30), only + dt.timedelta(days=30)])
    return fig


def history_troops_chart(
    history: Sequence[Totals], personnel: str = "troops", zoom: bool = False
) -> go.Figure:
    """Stated figures (low and high) over time, on a real time axis, against the band in force
    on each date; `zoom` scales to the figures. Reported figures are a dotted line above."""
    fig = go.Figure()
    if not history:
        return _empty("No statements yet")
    dates = [t.as_of for t in history]
    lines = [
        ("Stated, high", [t.high for t in history], "solid", STATUS_COLORS["troops"]),
        ("Stated, low", [t.low for t in history], "dash", STATUS_COLORS["troops"]),
    ]
    if any(t.reported_high != t.high for t in history):
        lines.append(
            ("With reported, high", [t.reported_high for t in history], "dot", REPORTED_COLOR)
        )
    for name, values, dash, color in lines:
        fig.add_trace(
            go.Scatter(
                x=dates, y=values, name=name, mode="lines+markers",
                line={"shape": "hv", "color": color, "dash": dash},
                hovertemplate=f"{name}: %{{y:,}} {personnel} on %{{x|%d %b %Y}}<extra></extra>",
            )
        )  # fmt: skip
    highest = max(max(values) for _, values, _, _ in lines)
    bands = [(t.as_of, t.target) for t in history if t.target is not None]
    if zoom and highest:
        fig.update_yaxes(range=[0, highest * 1.25])
    else:
        for name, end in (("Target, low", "min"), ("Target, high", "max")):
            if bands:
                fig.add_trace(
                    go.Scatter(
                        x=[d for d, _ in bands], y=[getattr(b, end) for _, b in bands],
                        name=name, mode="lines", line={"shape": "hv", "color": BAND_COLOR, "width": 2},
                        hovertemplate=f"{name}: %{{y:,}} on %{{x|%d %b %Y}}<extra></extra>",
                    )
                )  # fmt: skip
        top = max([highest, *(b.max for _, b in bands)])
        fig.update_yaxes(range=[0, max(top, 1) * 1.1])
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=340,
        margin={"l": 10, "r": 30, "t": 40, "b": 40},
        yaxis={"title": {"text": personnel[:1].upper() + personnel[1:]}, "tickformat": ",d"},
        xaxis={"type": "date", "tickformat": "%b %Y"},
    )
    return fig


def history_status_chart(history: Sequence[Totals], words: Vocabulary) -> go.Figure:
    """Countries per status over real time: stacked steps, so a long silence looks long."""
    fig = go.Figure()
    if not history:
        return _empty("No statements yet")
    dates = [t.as_of for t in history]
    for status in STATUSES:
        counts = [t.counts[status] for t in history]
        label = words.status_label(status)
        fig.add_trace(
            go.Scatter(
                x=dates, y=counts, name=label, stackgroup="status", mode="lines",
                line={"shape": "hv", "color": STATUS_COLORS[status], "width": 0.5},
                fillcolor=STATUS_COLORS[status],
                hovertemplate=f"{escape_html(label)}: %{{y}} on %{{x|%d %b %Y}}<extra></extra>",
            )
        )  # fmt: skip
    # Each status is named at the right end, with its count there, so the chart reads without
    # colour; the legend names them too.
    last = history[-1]
    running = 0
    for status in STATUSES:
        n = last.counts[status]
        if n:
            fig.add_annotation(
                x=last.as_of, y=running + n / 2, xanchor="left", xshift=6, showarrow=False,
                text=f"{escape_html(words.status_short(status))} {n}",
                font={"size": 12, "color": INK},
            )  # fmt: skip
        running += n
    most = max((sum(t.counts.values()) for t in history), default=0)
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=360,
        margin={"l": 10, "r": 110, "t": 60, "b": 40},
        # Every second count while few countries are in; Plotly's own steps beyond that.
        yaxis={"title": {"text": "Countries"}, "dtick": 2 if most <= 20 else None,
               "fixedrange": True, "range": [0, max(most, 1) * 1.05]},
        xaxis={"type": "date", "tickformat": "%b %Y", "title": {"text": "Date"}},
        hovermode="x unified",
    )  # fmt: skip
    return fig
