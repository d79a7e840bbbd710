"""Pure Plotly figures built from a headline and totals. No streamlit here: the CLI's exports
reuse them.

Words are in the language in force (db/locale.py). Plotly writes some numbers and dates itself
(ticks, hovers) with d3, which speaks English only: in another language the figure carries that
language's decimal and thousands marks (`theme.speak_numbers`), and its dates are written here by
db/locale, as hover text and as month ticks.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from components.render.theme import (
    ASSUMED_COLOR,
    BAND_COLOR,
    INK,
    MUTED,
    STATUS_COLORS,
    STATUS_SYMBOLS,
    TEMPLATE_NAME,
    speak_numbers,
)
from db.contract.models import STATUSES, MapArea
from db.contract.vocabulary import Vocabulary
from db.locale import DEFAULT, _, _n, language, number
from db.numbers.headline import (
    Headline,
    Range,
    Segment,
    and_list,
    day,
    sentence_start,
    step_label,
)
from db.numbers.totals import (
    Position,
    Totals,
    format_range,
    format_troops,
)

BAND_TEXT = "#8a5a00"  # the band's orange, darkened for text contrast on white
REPORTED_COLOR = "#7fb8dd"  # the stated blue, lightened: a press figure, hatched and labelled
NOTE_CHARS = 44  # a chart note's line length, short enough for a phone


def unquantified_note(h: Headline) -> str:
    """The line that keeps willing countries with no number visible, and out of the sums."""
    n = len(h.not_counted)
    if not n:
        return ""
    names = and_list([escape_html(p.name) for p in h.not_counted], limit=4)
    return _n(
        "+{count} country willing to send {personnel}, no number given (not counted): {names}",
        "+{count} countries willing to send {personnel}, no number given (not counted): {names}",
        n,
    ).format(count=number(n), personnel=h.personnel, names=names)


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
            fig.add_annotation(  # the highest edge sits near the axis's end: its label grows inwards
                x=edge, y=1, yref="y domain", yanchor="bottom", showarrow=False,
                xanchor="right" if edge == max(edges) else "center",
                text=f"<b>{format_range(edge, edge, band.qualifier)}</b>", font={"color": BAND_TEXT},
            )  # fmt: skip
        else:
            fig.add_hline(y=edge, line={"color": BAND_COLOR, "width": 2})
            fig.add_annotation(
                y=edge, x=1, xref="x domain", xanchor="right", yanchor="bottom", showarrow=False,
                text=f"<b>{number(edge)}</b>", font={"color": BAND_TEXT},
            )  # fmt: skip


def kind_name(kind: str) -> str:
    """How a figure of a kind ('stated', 'reported', 'assumed') is known, in its hover."""
    return {
        "stated": _("stated on the record"),
        "reported": _("reported by the press or derived from a unit"),
        "assumed": _("assumed, not sourced"),
    }[kind]


def _figure_hover(kind: str, personnel: str) -> str:
    """'%{customdata[0]}: %{customdata[1]} troops (stated on the record)': a bar's country and
    its figure, written by db/locale, come in as customdata."""
    return _("{country}: {figure} {personnel} ({kind})").format(
        country="%{customdata[0]}", figure="%{customdata[1]}", personnel=personnel,
        kind=kind_name(kind),
    ) + "<extra></extra>"  # fmt: skip


def _marker(kind: str) -> dict:
    if kind == "stated":
        return {"color": STATUS_COLORS["troops"], "line": {"color": "white", "width": 1.5}}
    color = REPORTED_COLOR if kind == "reported" else ASSUMED_COLOR
    return {
        "color": "white",
        "line": {"color": color, "width": 1.5},
        "pattern": {"shape": "/" if kind == "assumed" else "x", "fgcolor": color, "solidity": 0.3},
    }


def row_name(kind: str) -> str:
    """A bar's name on the range chart: 'Stated', '+ reported', '+ assumed'."""
    return {"stated": _("Stated"), "reported": _("+ reported"), "assumed": _("+ assumed")}[kind]


ROW_PX = 44  # one bar's row
INSET_PX = 120  # the enlarged view of the stated figures, with its title and ticks
INSET_WHEN = 0.08  # stated figures shorter than this share of the axis get an enlarged view


@dataclass(frozen=True)
class RangeLayout:
    """Pixel sizes of the range chart's parts; the briefing images set their own."""

    row_px: int = ROW_PX
    inset_px: int = INSET_PX
    font: int = 14
    note: bool = False  # the willing countries with no number, written under the chart
    share: bool = False  # the stated figures' share of the band, in the enlarged view's title


def range_chart(h: Headline, layout: RangeLayout | None = None) -> go.Figure:
    """The figures against the target band, readable whatever their ratio to it.

    One bar per kind of figure, each stacking the countries: *Stated* (on the record), then
    *+ press reports* (reported figures added, hatched and labelled) and, in a scenario,
    *+ assumed*. A bar sums each country's highest figure; a tick marks where the lowest
    figures add up, and the bar's end is labelled low–high. When the stated figures are a
    sliver beside the band, an enlarged view above names each country in them, joined to the
    sliver it enlarges, so the gap and the figures read at once.
    """
    layout = layout or RangeLayout()
    kinds = list(h.bars)
    rows = [row_name(k) for k in kinds]
    band = h.band
    bars = {k: list(h.bar(k)) for k in kinds}
    reach = max(h.bar_range(k).high for k in kinds)
    scenarios = h.references  # the coalition's reference scenarios, dotted lines with labels
    top = max(band.high if band else 0, reach, *(t for _, t in scenarios)) * 1.08
    if top == 0:
        return _empty(_("No stated figures on {as_of}").format(as_of=day(h.as_of)), height=200)
    stated_high = h.stated.high
    inset = bool(h.counted) and stated_high < top * INSET_WHEN
    fig = go.Figure()
    fig.add_trace(  # every bar's row exists, even with nothing in it: no stray numeric axis
        go.Bar(
            y=rows,
            x=[0] * len(rows),
            orientation="h",
            hoverinfo="skip",
            showlegend=False,
            name="rows",
        )
    )
    for kind, row in zip(kinds, rows, strict=True):  # one trace per kind of figure and bar
        _bar_traces(fig, h, row, bars[kind], top)  # so hundreds of countries stay few traces
    for kind, row in zip(kinds, rows, strict=True):
        _bar_total(fig, row, h.bar_range(kind), top, layout)
    if band:
        _band(fig, band)
    for label, troops in scenarios:
        fig.add_vline(x=troops, line={"color": MUTED, "width": 1, "dash": "dot"})
        fig.add_annotation(
            x=troops, y=0, yref="y domain", yanchor="bottom", xanchor="left", xshift=3,
            showarrow=False, text=escape_html(label), font={"color": MUTED, "size": layout.font - 2},
        )  # fmt: skip
    if not h.counted:
        fig.add_annotation(
            x=0.5, y=1, xref="x domain", yref="y domain", yanchor="top", showarrow=False,
            text=escape_html(_("No stated figures on {as_of}").format(as_of=day(h.as_of))),
            font={"color": MUTED, "size": layout.font},
        )  # fmt: skip
    # The parts' heights in pixels: the note, the axis, the bars, the enlarged view.
    text = unquantified_note(h) if layout.note else ""
    lines = textwrap.wrap(text, NOTE_CHARS, break_long_words=False, break_on_hyphens=False)
    bottom = 70 + 18 * len(lines)
    main_px = layout.row_px * len(rows)
    inset_px = layout.inset_px if inset else 0
    top_px = 58  # Plotly's toolbar (the top 34 px) over nothing, then the band's labels
    plot_px = main_px + inset_px
    if lines:
        fig.add_annotation(
            x=0, xref="paper", y=-66 / main_px, yref="y domain",
            xanchor="left", yanchor="top", align="left", showarrow=False,
            font={"color": MUTED, "size": 13}, text="<br>".join(lines),
        )  # fmt: skip
    fig.update_layout(
        template=TEMPLATE_NAME,
        barmode="overlay",
        height=top_px + plot_px + bottom,
        margin={"l": 10, "r": 20, "t": top_px, "b": bottom},
        font={"size": layout.font},
        showlegend=False,
        xaxis={"range": [0, top], "tickformat": ",d", "fixedrange": True, "title": {
            "text": sentence_start(_("{personnel}, sum of figures").format(personnel=h.personnel))
        }},
        yaxis={"title": None, "fixedrange": True, "categoryorder": "array",
               "categoryarray": list(reversed(rows)), "domain": [0, main_px / plot_px]},
        bargap=0.3,
    )  # fmt: skip
    if inset:
        _inset(fig, h, list(h.bar("stated")), top, main_px, plot_px, layout)
    return speak_numbers(fig)


def _bar_traces(fig: go.Figure, h: Headline, row: str, chosen: list[Segment], top: float) -> None:
    end = 0
    for kind in ("stated", "reported", "assumed"):
        kept = [s for s in chosen if s.kind == kind]
        if not kept:
            continue
        bases, labels = [], []
        for s in kept:
            bases.append(end)
            end += s.high
            tag = _tag(s)
            wide = s.high >= top * (0.035 if kind == "stated" else 0.09)
            labels.append(tag if wide else "")
        fig.add_trace(
            go.Bar(
                name=kind_name(kind), y=[row] * len(kept), x=[s.high for s in kept], base=bases,
                orientation="h", marker=_marker(kind), text=labels, textposition="inside",
                insidetextanchor="middle", textfont={"color": INK} if kind != "stated" else None,
                customdata=[[escape_html(s.name), format_range(s.low, s.high, s.qualifier)] for s in kept],
                hovertemplate=_figure_hover(kind, h.personnel),
            )
        )  # fmt: skip


def _tag(s: Segment) -> str:
    """A bar's label: the country's code, and for a figure not stated, how it is known."""
    if s.kind == "stated":
        return s.code
    if s.word:
        return f"{s.code} {s.word}"
    if s.kind == "reported":
        return _("{code} reported").format(code=s.code)
    return _("{code} assumed").format(code=s.code)


def _bar_total(fig: go.Figure, row: str, ends: Range, top: float, layout: RangeLayout) -> None:
    """'250–450' at the bar's end (above it near the axis's end); a tick where the lows add up."""
    low, high = ends.low, ends.high
    if not high:
        return
    if low < high:
        fig.add_trace(
            go.Scatter(
                x=[low], y=[row], mode="markers", showlegend=False, hoverinfo="text",
                hovertext=_("the lowest figures add up to {total}").format(total=number(low)),
                marker={"symbol": "line-ns", "size": layout.row_px * 0.7, "color": INK,
                        "line": {"width": 2, "color": INK}},
            )
        )  # fmt: skip
    near_end = high > top * 0.72
    fig.add_annotation(
        x=high, y=row, showarrow=False, text=f"<b>{format_range(low, high)}</b>",
        xanchor="right" if near_end else "left", xshift=0 if near_end else 6,
        yshift=layout.row_px * 0.45 if near_end else 0, font={"color": INK},
    )  # fmt: skip


def _inset(
    fig: go.Figure,
    h: Headline,
    stated: list[Segment],
    top: float,
    main_px: int,
    plot_px: int,
    layout: RangeLayout,
) -> None:
    """The stated figures enlarged above the chart, each country named, joined to their sliver."""
    high = h.stated.high
    scale_top = high * 1.3
    bottom = (main_px + 34) / plot_px  # above the bars, leaving the inset's own tick labels room
    upper = 1 - 22 / plot_px  # its title sits above it
    width = 0.62
    bases, labels = [], []
    end = 0
    for s in stated:
        bases.append(end)
        end += s.high
        share = s.high / scale_top * width * 800 / 8  # characters that fit, roughly
        labels.append(s.name if share >= len(s.name) else s.code if share >= 4 else "")
    fig.add_trace(
        go.Bar(
            y=["enlarged"] * len(stated), x=[s.high for s in stated], base=bases,
            orientation="h", marker=_marker("stated"), text=labels, textposition="inside",
            insidetextanchor="middle", xaxis="x2", yaxis="y2", name=kind_name("stated"),
            customdata=[[escape_html(s.name), format_range(s.low, s.high, s.qualifier)] for s in stated],
            hovertemplate=_figure_hover("stated", h.personnel),
        )
    )  # fmt: skip
    fig.add_annotation(
        x=high, y="enlarged", xref="x2", yref="y2", xanchor="left", xshift=6, showarrow=False,
        text=f"<b>{h.stated.text}</b>", font={"color": INK},
    )  # fmt: skip
    fig.add_annotation(
        x=0, y=1, xref="x2 domain", yref="y2 domain", xanchor="left", yanchor="bottom",
        showarrow=False, font={"color": MUTED, "size": layout.font - 1},
        text=_inset_title(h, layout.share),
    )  # fmt: skip
    fig.update_layout(
        xaxis2={"domain": [0, width], "anchor": "y2", "range": [0, scale_top], "tickformat": ",d",
                "fixedrange": True, "showgrid": False, "tickfont": {"size": layout.font - 2}},
        yaxis2={"domain": [bottom, upper], "anchor": "x2", "visible": False, "fixedrange": True},
    )  # fmt: skip
    # The sliver it enlarges, outlined, and two lines joining it to the enlarged view.
    fig.add_shape(
        type="rect", x0=0, x1=max(high, top * 0.004), y0=0, y1=1, xref="x", yref="y domain",
        line={"color": MUTED, "width": 1, "dash": "dot"}, fillcolor="rgba(0,0,0,0)",
    )  # fmt: skip
    main_top = main_px / plot_px
    for x_main, x_inset in ((0, 0), (high / top, width * high / scale_top)):
        fig.add_shape(
            type="line", xref="paper", yref="paper", x0=x_main, x1=x_inset, y0=main_top,
            y1=bottom - 22 / plot_px, line={"color": MUTED, "width": 1, "dash": "dot"},
        )  # fmt: skip


def _inset_title(h: Headline, share: bool) -> str:
    """'Stated on the record, enlarged (2.5–4.5% of the 10,000 minimum)': the enlarged view, and
    with `share`, what share of the band's minimum (or single figure) the stated figures make.
    One sentence per kind of band, so each language puts its own words around the numbers."""
    band = h.band
    if band is None or not share:
        return _("Stated on the record, enlarged")
    if not band.single:
        return _("Stated on the record, enlarged ({share} of the {low} minimum)").format(
            share=h.share_text, low=number(band.low)
        )
    if band.qualifier:  # 'about 15,000' reads after the noun
        return _("Stated on the record, enlarged ({share} of the target of {target})").format(
            share=h.share_text, target=band.text
        )
    return _("Stated on the record, enlarged ({share} of the {target} target)").format(
        share=h.share_text, target=band.text
    )


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
    return speak_numbers(fig)


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
        # The legend sits under the map: the top strip is left to Plotly's toolbar.
        margin={"l": 0, "r": 0, "t": 34, "b": 0},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
    )
    return speak_numbers(fig)


def _map_hover(p: Position, words: Vocabulary) -> str:
    figure = format_troops(p, words.units)
    figure = f" ({figure})" if figure and p.troops else ""
    return _("<b>{country}</b><br>{status}{figure}<br>since {date}").format(
        country=escape_html(p.name), status=escape_html(words.status_label(p.status)),
        figure=figure, date=day(p.since),
    )  # fmt: skip


def escape_html(text: str) -> str:
    """Plotly renders a subset of HTML in text, and %{...} in templates: data goes in as text."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("%", "&#37;")
    )


def _speaks_d3() -> bool:
    """Whether Plotly's own dates (d3: '05 Mar 2025', 'Mar 2025') are in the language in force:
    d3 writes English only."""
    return language() == DEFAULT


def _hover_day(dates: Sequence[dt.date]) -> tuple[str, list[str] | None]:
    """A hover's date field and, outside English, each point's date written by db/locale ('5
    mars 2025'), which the field reads as the point's hover text."""
    if _speaks_d3():
        return "%{x|%d %b %Y}", None
    return "%{hovertext}", [day(d, short=True) for d in dates]


def _month(first: dt.date) -> str:
    """'janv. 2026': a month's first day as db/locale writes it ('1er janv. 2026'), less the day."""
    return day(first, short=True).split(" ", 1)[1]


def _month_ticks(fig: go.Figure, start: dt.date, end: dt.date, most: int) -> None:
    """Outside English, a date axis's ticks written by db/locale: the first of each month, or of
    every second, third, sixth... month, so no more than `most` show, as d3 places its own."""
    if _speaks_d3():
        return
    months = []
    at = dt.date(start.year, start.month, 1)
    while at <= end:
        if at >= start:
            months.append(at)
        at = dt.date(at.year + at.month // 12, at.month % 12 + 1, 1)
    for step in (1, 2, 3, 6, 12, 24, 60, 120):
        ticks = [m for m in months if (m.year * 12 + m.month - 1) % step == 0]
        if len(ticks) <= most:
            break
    if ticks:
        fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=[_month(m) for m in ticks])
    else:  # less than a month shown: its ends, each a day
        ends = sorted({start, end})
        fig.update_xaxes(
            tickmode="array", tickvals=ends, ticktext=[day(d, short=True) for d in ends]
        )


def country_timeline(steps: Sequence[Position], words: Vocabulary) -> go.Figure:
    """One country's statements over time: its status per date. The figure and roles after each
    statement are in the hover, and in words under the chart (`changes_sentence`): written beside
    the points they would overlap on a phone, and squeeze the plot."""
    order = list(STATUSES)
    fig = go.Figure()
    dates = [p.since for p in steps]
    fig.add_trace(
        go.Scatter(
            x=dates, y=[words.status_short(p.status) for p in steps], mode="lines",
            line={"shape": "hv", "color": "#bdbdbd", "width": 2}, hoverinfo="skip",
            showlegend=False,
        )
    )  # fmt: skip
    for status in order:
        points = [p for p in steps if p.status == status]
        if not points:
            continue
        when, written = _hover_day([p.since for p in points])
        fig.add_trace(
            go.Scatter(
                x=[p.since for p in points], y=[words.status_short(status)] * len(points),
                mode="markers", text=[escape_html(step_label(p, words)) for p in points],
                marker={"symbol": STATUS_SYMBOLS[status], "size": 14, "color": STATUS_COLORS[status],
                        "line": {"color": "white", "width": 1.5}},
                name=words.status_label(status), cliponaxis=False,
                customdata=[escape_html(p.statement.summary) for p in points],
                hovertext=written,
                hovertemplate=_("{date}: {summary}").format(date=when, summary="%{customdata}")
                + "<br>%{text}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=300,
        showlegend=False,
        margin={"l": 10, "r": 20, "t": 20, "b": 40},
        yaxis={
            "categoryorder": "array",
            "categoryarray": [words.status_short(s) for s in reversed(order)],
            "range": [-0.5, len(order) - 0.5],
            "fixedrange": True,
        },
        xaxis={"tickformat": "%b %Y", "nticks": 4},  # few enough to stay level on a phone
    )
    start, end = min(dates), max(dates)
    if len(set(dates)) == 1:
        start, end = start - dt.timedelta(days=30), end + dt.timedelta(days=30)
        fig.update_xaxes(range=[start, end])
    _month_ticks(fig, start, end, 4)
    return speak_numbers(fig)


def history_troops_chart(
    history: Sequence[Totals], personnel: str = "troops", zoom: bool = False
) -> go.Figure:
    """Stated figures (low and high) over time, on a real time axis, against the band in force
    on each date; `zoom` scales to the figures. Reported figures are a dotted line above."""
    fig = go.Figure()
    if not history:
        return _empty(_("No statements yet"))
    dates = [t.as_of for t in history]
    when, written = _hover_day(dates)
    lines = [
        (_("Stated, high"), [t.high for t in history], "solid", STATUS_COLORS["troops"]),
        (_("Stated, low"), [t.low for t in history], "dash", STATUS_COLORS["troops"]),
    ]
    if any(t.reported_high != t.high for t in history):
        lines.append(
            (_("With reported, high"), [t.reported_high for t in history], "dot", REPORTED_COLOR)
        )
    for name, values, dash, color in lines:
        fig.add_trace(
            go.Scatter(
                x=dates, y=values, name=name, mode="lines+markers",
                line={"shape": "hv", "color": color, "dash": dash}, hovertext=written,
                hovertemplate=_("{series}: {figure} {personnel} on {date}").format(
                    series=name, figure="%{y:,}", personnel=personnel, date=when
                ) + "<extra></extra>",
            )
        )  # fmt: skip
    highest = max(max(values) for _, values, _, _ in lines)
    bands = [(t.as_of, t.target) for t in history if t.target is not None]
    if zoom and highest:
        fig.update_yaxes(range=[0, highest * 1.25])
    else:
        band_dates = [d for d, _target in bands]
        band_when, band_written = _hover_day(band_dates)
        for name, end in ((_("Target, low"), "min"), (_("Target, high"), "max")):
            if bands:
                fig.add_trace(
                    go.Scatter(
                        x=band_dates, y=[getattr(b, end) for _date, b in bands],
                        name=name, mode="lines", line={"shape": "hv", "color": BAND_COLOR, "width": 2},
                        hovertext=band_written,
                        hovertemplate=_("{series}: {figure} on {date}").format(
                            series=name, figure="%{y:,}", date=band_when
                        ) + "<extra></extra>",
                    )
                )  # fmt: skip
        top = max([highest, *(b.max for _, b in bands)])
        fig.update_yaxes(range=[0, max(top, 1) * 1.1])
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=380,
        margin={"l": 10, "r": 30, "t": 34, "b": 90},  # the toolbar's strip on top, legend below
        yaxis={"title": {"text": sentence_start(personnel)}, "tickformat": ",d"},
        xaxis={"type": "date", "tickformat": "%b %Y"},
        legend={"orientation": "h", "y": -0.14, "yanchor": "top", "x": 0},
    )
    _month_ticks(fig, dates[0], dates[-1], 8)
    return speak_numbers(fig)


def history_status_chart(history: Sequence[Totals], words: Vocabulary) -> go.Figure:
    """Countries per status over real time: stacked steps, so a long silence looks long."""
    fig = go.Figure()
    if not history:
        return _empty(_("No statements yet"))
    dates = [t.as_of for t in history]
    when, written = _hover_day(dates)
    for status in STATUSES:
        counts = [t.counts[status] for t in history]
        label = words.status_label(status)
        fig.add_trace(
            go.Scatter(
                x=dates, y=counts, name=label, stackgroup="status", mode="lines",
                line={"shape": "hv", "color": STATUS_COLORS[status], "width": 0.5},
                fillcolor=STATUS_COLORS[status], hovertext=written,
                hovertemplate=_("{series}: {figure} on {date}").format(
                    series=escape_html(label), figure="%{y}", date=when
                ) + "<extra></extra>",
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
                text=f"{escape_html(words.status_short(status))} {number(n)}",
                font={"size": 12, "color": INK},
            )  # fmt: skip
        running += n
    most = max((sum(t.counts.values()) for t in history), default=0)
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=420,
        margin={"l": 10, "r": 110, "t": 34, "b": 110},  # toolbar strip on top, legend below
        # Every second count while few countries are in; Plotly's own steps beyond that.
        yaxis={"title": {"text": _("Countries")}, "dtick": 2 if most <= 20 else None,
               "fixedrange": True, "range": [0, max(most, 1) * 1.05]},
        xaxis={"type": "date", "tickformat": "%b %Y", "title": {"text": _("Date")}},
        legend={"orientation": "h", "y": -0.22, "yanchor": "top", "x": 0},
        hovermode="x unified",
    )  # fmt: skip
    if not _speaks_d3():  # the unified hover's heading: a date d3 writes without month names
        fig.update_xaxes(hoverformat="%d/%m/%Y")
    _month_ticks(fig, dates[0], dates[-1], 8)
    return speak_numbers(fig)
