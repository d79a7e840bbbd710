"""Pure Plotly figures built from totals. No streamlit here: the CLI's exports reuse them."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence

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
from db.contract import STATUS_LABELS, STATUS_SHORT, STATUSES, Country
from db.totals import Position, Totals, format_figure

BAND_TEXT = "#8a5a00"  # the band's orange, darkened for text contrast on white
MAP_SCOPES = ("europe", "world")
NOTE_CHARS = 44  # a chart note's line length, short enough for a phone
NAMED = 8  # names written out in a chart's or image's note before "and N more"
TIMELINE_LABELS = 12  # a country timeline writes its figures beside the points up to this many


def _plural(n: int, word: str, plural: str) -> str:
    return f"{n} {word if n == 1 else plural}"


def shorten(items: Sequence[str], limit: int = NAMED) -> list[str]:
    """The first `limit` items and 'N more', so a long list cannot run off a chart or image."""
    if len(items) <= limit:
        return list(items)
    return [*items[: limit - 1], f"{len(items) - limit + 1} more"]


def and_list(items: Sequence[str], limit: int = NAMED) -> str:
    """'A', 'A and B', 'A, B and C', or 'A, B, ... and 41 more'."""
    shown = shorten(items, limit)
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def unquantified_note(totals: Totals) -> str:
    """The line that keeps willing countries with no number visible, and out of the sums."""
    n = len(totals.unquantified)
    if not n:
        return ""
    names = and_list([escape_html(p.name) for p in totals.unquantified], limit=4)
    return f"+{_plural(n, 'country', 'countries')} willing to send troops, no number given (not counted): {names}"


def _band(fig: go.Figure, low: int, high: int, *, vertical: bool = True) -> None:
    """The target range, shaded, with its two ends written as text."""
    if vertical:
        fig.add_vrect(
            x0=low, x1=high, fillcolor=BAND_COLOR, opacity=0.15, line_width=0, layer="below"
        )
    else:
        fig.add_hrect(
            y0=low, y1=high, fillcolor=BAND_COLOR, opacity=0.15, line_width=0, layer="below"
        )
    for edge in (low, high):
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


def range_chart(
    totals: Totals,
    scenarios: Sequence[tuple[str, int]] = (),
    assumed: Mapping[str, int] | None = None,
    note: bool = True,
) -> go.Figure:
    """Stated troops stacked by country against the target band.

    The top bar sums each country's highest stated figure, the bottom bar its lowest. Assumed
    figures (a planner's scenario) are stacked after the sourced ones, hatched and labelled, so
    they are never read as sourced.
    """
    assumed = {k: v for k, v in (assumed or {}).items() if v > 0}
    rows = ["High", "Low"]
    fig = go.Figure()
    stated = [p for p in totals.positions if p.status == "troops" and p.statement.troops]
    extra = sum(assumed.values())
    top = max(totals.target_max, totals.high + extra, *(t for _, t in scenarios)) * 1.1
    names = {p.iso3: p.name for p in totals.positions}
    sourced = [(p.iso3, p.name, p.statement.troops.max, p.statement.troops.min) for p in stated]
    guessed = [(code, names.get(code, code), n, n) for code, n in assumed.items()]
    # One trace per kind, each segment placed with `base`: hundreds of countries stay one trace.
    ends = {rows[0]: 0, rows[1]: 0}
    for segments, is_assumed in ((sourced, False), (guessed, True)):
        if not segments:
            continue
        ys, xs, bases, labels, hover = [], [], [], [], []
        for code, name, high, low in segments:
            for row, value in ((rows[0], high), (rows[1], low)):
                ys.append(row)
                xs.append(value)
                bases.append(ends[row])
                ends[row] += value
                tag = f"{code} assumed" if is_assumed else code
                labels.append(tag if value >= top * (0.08 if is_assumed else 0.03) else "")
                hover.append(escape_html(name))
        kind = "assumed, not sourced" if is_assumed else "sourced"
        marker = (
            {
                "color": "white",
                "line": {"color": ASSUMED_COLOR, "width": 1.5},
                "pattern": {"shape": "/", "fgcolor": ASSUMED_COLOR, "solidity": 0.35},
            }
            if is_assumed
            else {"color": STATUS_COLORS["troops"], "line": {"color": "white", "width": 1.5}}
        )
        fig.add_trace(
            go.Bar(
                name="assumed" if is_assumed else "sourced", y=ys, x=xs, base=bases,
                orientation="h", marker=marker, text=labels, textposition="inside",
                insidetextanchor="middle", textfont={"color": INK} if is_assumed else None,
                customdata=hover, showlegend=False,
                hovertemplate=f"%{{customdata}}: %{{x:,}} troops ({kind})<extra></extra>",
            )
        )  # fmt: skip
    high, low = totals.high + extra, totals.low + extra
    _band(fig, totals.target_min, totals.target_max)
    for label, troops in scenarios:
        fig.add_vline(x=troops, line={"color": MUTED, "width": 1, "dash": "dot"})
        fig.add_annotation(
            x=troops, y=0, yref="y domain", yanchor="top", showarrow=False, text=label,
            font={"color": MUTED, "size": 12},
        )  # fmt: skip
    for row, value, sourced in ((rows[0], high, totals.high), (rows[1], low, totals.low)):
        text = f"<b>{sourced:,}</b>" if not extra else f"<b>{value:,}</b> ({sourced:,} sourced)"
        fig.add_annotation(
            x=value, y=row, xanchor="left", xshift=6, showarrow=False, text=text,
            font={"color": INK},
        )  # fmt: skip
    # Written out in short lines: an annotation does not wrap, and a phone is 350 px wide.
    text = unquantified_note(totals) if note else ""
    lines = textwrap.wrap(text, NOTE_CHARS, break_long_words=False, break_on_hyphens=False)
    bottom = 80 + 18 * len(lines)  # the axis, then one line per line of the note
    if lines:
        fig.add_annotation(
            x=0, xref="paper", y=-0.42, yref="y domain", xanchor="left", yanchor="top",
            align="left", showarrow=False, font={"color": MUTED, "size": 13},
            text="<br>".join(lines),
        )  # fmt: skip
    fig.update_layout(
        template=TEMPLATE_NAME,
        barmode="stack",
        height=200 + bottom,
        margin={"l": 10, "r": 30, "t": 40, "b": bottom},
        xaxis={
            "range": [0, top],
            "tickformat": ",d",
            "title": {"text": "Troops (sums of stated figures)"},
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


def status_map(totals: Totals, scope: str = "europe") -> go.Figure:
    """Members coloured by status, each also marked with its status symbol.

    Plotly draws the map from topojson files that the app serves itself (see `theme.MAP_CONFIG`),
    so nothing is fetched from outside.
    """
    fig = go.Figure()
    for status in STATUSES:
        members = [p for p in totals.positions if p.status == status]
        if not members:
            continue
        color = STATUS_COLORS[status]
        hover = [_map_hover(p) for p in members]
        fig.add_trace(
            go.Choropleth(
                locations=[p.iso3 for p in members], z=[1] * len(members),
                colorscale=[[0, color], [1, color]], showscale=False, showlegend=False,
                marker={"line": {"color": "white", "width": 0.8}}, name=STATUS_LABELS[status],
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
                name=STATUS_LABELS[status], customdata=[p.iso3 for p in members], text=hover,
                hovertemplate="%{text}<extra></extra>",
            )
        )  # fmt: skip
    geo = {
        "scope": scope if scope in MAP_SCOPES else "europe",
        "resolution": 50 if scope == "europe" else 110,
        "showland": True,
        "landcolor": "#f1f1f1",
        "showcountries": True,
        "countrycolor": "#d0d0d0",
        "showframe": False,
        "showcoastlines": False,
        "bgcolor": "white",
    }
    if scope == "europe":
        geo |= {"lataxis": {"range": [35, 71]}, "lonaxis": {"range": [-25, 45]}}
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=520,
        geo=geo,
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
    )
    return fig


def _map_hover(p: Position) -> str:
    figure = format_figure(p.statement.troops)
    figure = f" ({figure})" if figure else ""
    return f"<b>{escape_html(p.name)}</b><br>{STATUS_LABELS[p.status]}{figure}<br>since {p.since:%d %b %Y}"


def escape_html(text: str) -> str:
    """Plotly renders a subset of HTML in text, and %{...} in templates: data goes in as text."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("%", "&#37;")
    )


def country_timeline(country: Country) -> go.Figure:
    """One country's statements over time: status per date, with figures and roles written in."""
    order = list(STATUSES)
    fig = go.Figure()
    dates = [s.date for s in country.statements]
    # Figures and roles are written beside each point for a short history; in a long one the
    # words would overlap, so they go into the hover text only.
    written = len(dates) <= TIMELINE_LABELS
    fig.add_trace(
        go.Scatter(
            x=dates, y=[STATUS_LABELS[s.status] for s in country.statements], mode="lines",
            line={"shape": "hv", "color": "#bdbdbd", "width": 2}, hoverinfo="skip",
            showlegend=False,
        )
    )  # fmt: skip
    for status in order:
        points = [s for s in country.statements if s.status == status]
        if not points:
            continue
        labels = []
        for s in points:
            parts = [format_figure(s.troops), *s.roles]
            labels.append(", ".join(part for part in parts if part))
        fig.add_trace(
            go.Scatter(
                x=[s.date for s in points], y=[STATUS_LABELS[status]] * len(points),
                mode="markers+text" if written else "markers", text=labels,
                textposition="top center",
                marker={"symbol": STATUS_SYMBOLS[status], "size": 14, "color": STATUS_COLORS[status],
                        "line": {"color": "white", "width": 1.5}},
                name=STATUS_LABELS[status],
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
            "categoryarray": [STATUS_LABELS[s] for s in reversed(order)],
            "range": [-0.5, len(order) - 0.5],
            "fixedrange": True,
        },
        xaxis={"tickformat": "%d %b %Y"},
    )
    if len(set(dates)) == 1:
        day = dates[0]
        fig.update_xaxes(range=[day - dt.timedelta(days=30), day + dt.timedelta(days=30)])
    return fig


def history_troops_chart(history: Sequence[Totals], zoom: bool = False) -> go.Figure:
    """Stated troops (low and high) over time against the band; `zoom` scales to the figures."""
    fig = go.Figure()
    if history:
        dates = [t.as_of for t in history]
        for name, values, dash in (
            ("Stated, high", [t.high for t in history], "solid"),
            ("Stated, low", [t.low for t in history], "dash"),
        ):
            fig.add_trace(
                go.Scatter(
                    x=dates, y=values, name=name, mode="lines+markers",
                    line={"shape": "hv", "color": STATUS_COLORS["troops"], "dash": dash},
                    hovertemplate=f"{name}: %{{y:,}} on %{{x|%d %b %Y}}<extra></extra>",
                )
            )  # fmt: skip
        highest = max(t.high for t in history)
        if zoom and highest:
            fig.update_yaxes(range=[0, highest * 1.25])
        else:
            _band(fig, history[-1].target_min, history[-1].target_max, vertical=False)
            fig.update_yaxes(range=[0, max(history[-1].target_max, highest) * 1.1])
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=340,
        margin={"l": 10, "r": 30, "t": 40, "b": 40},
        yaxis={"title": {"text": "Troops"}, "tickformat": ",d"},
        xaxis={"tickformat": "%d %b %Y"},
    )
    return fig


def history_status_chart(history: Sequence[Totals]) -> go.Figure:
    """Countries per status at each date a statement was made: one stacked bar per snapshot."""
    fig = go.Figure()
    dates = [f"{t.as_of:%d %b %Y}" for t in history]
    for status in STATUSES:
        counts = [t.counts[status] for t in history]
        fig.add_trace(
            go.Bar(
                x=dates, y=counts, name=STATUS_LABELS[status],
                marker={"color": STATUS_COLORS[status], "line": {"color": "white", "width": 1}},
                # Each segment names its status, so the chart reads without colour (and without
                # pattern fills, which make PDF exports slow and heavy).
                text=[f"{STATUS_SHORT[status]} {n}" if n else "" for n in counts],
                textposition="inside", insidetextanchor="middle",
                textfont={"color": "white" if status in ("troops", "support") else INK},
                hovertemplate=f"{STATUS_LABELS[status]}: %{{y}} on %{{x}}<extra></extra>",
            )
        )  # fmt: skip
    most = max((sum(t.counts.values()) for t in history), default=0)
    fig.update_layout(
        template=TEMPLATE_NAME,
        barmode="stack",
        height=360,
        margin={"l": 10, "r": 30, "t": 60, "b": 40},
        # Every second count while few countries are in; Plotly's own steps beyond that.
        yaxis={"title": {"text": "Countries"}, "dtick": 2 if most <= 20 else None,
               "fixedrange": True},
        xaxis={"type": "category", "title": {"text": "Date of statement"}, "nticks": 12},
        # A segment too thin for its label drops the label rather than shrinking it to a smear.
        uniformtext={"minsize": 10, "mode": "hide"},
    )  # fmt: skip
    return fig
