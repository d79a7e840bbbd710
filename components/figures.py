"""Pure Plotly figures built from totals. No streamlit here: the CLI's exports reuse them."""

from __future__ import annotations

import plotly.graph_objects as go

from components.theme import BAND_COLOR, MUTED, STATUS_COLORS, STATUS_PATTERNS, TEMPLATE_NAME
from db.contract import STATUS_LABELS, STATUSES
from db.totals import Totals


def range_chart(totals: Totals, scenarios: list[tuple[str, int]] | None = None) -> go.Figure:
    """Stated troops (sum of minimums, sum of maximums) stacked by country against the target band."""
    fig = go.Figure()
    rows = ["Sum of highs", "Sum of lows"]
    stated = [p for p in totals.positions if p.status == "troops" and p.statement.troops]
    for p in stated:
        troops = p.statement.troops
        fig.add_trace(
            go.Bar(
                name=p.name,
                y=rows,
                x=[troops.max, troops.min],
                orientation="h",
                marker={"color": STATUS_COLORS["troops"], "line": {"color": "white", "width": 1}},
                hovertemplate=f"{p.name}: %{{x:,}} troops<extra></extra>",
                text=[p.iso3, p.iso3],
                textposition="inside",
                insidetextanchor="middle",
                showlegend=False,
            )
        )
    top = max(totals.target_max, totals.high, *(t for _, t in scenarios or [])) * 1.08
    fig.add_vrect(
        x0=totals.target_min,
        x1=totals.target_max,
        fillcolor=BAND_COLOR,
        opacity=0.18,
        line_width=0,
        layer="below",
    )
    for edge in (totals.target_min, totals.target_max):
        fig.add_vline(x=edge, line={"color": BAND_COLOR, "width": 2})
        fig.add_annotation(
            x=edge,
            y=1,
            yref="paper",
            yanchor="bottom",
            text=f"<b>{edge:,}</b>",
            showarrow=False,
            font={"color": "#8a5a00"},
        )
    for label, troops in scenarios or []:
        fig.add_vline(x=troops, line={"color": MUTED, "width": 1, "dash": "dot"})
        fig.add_annotation(
            x=troops,
            y=0,
            yref="paper",
            yanchor="top",
            text=label,
            showarrow=False,
            font={"color": MUTED, "size": 12},
        )
    fig.add_annotation(
        x=totals.high,
        y=rows[0],
        xanchor="left",
        xshift=6,
        showarrow=False,
        text=f"{totals.high:,}",
        font={"color": STATUS_COLORS["troops"]},
    )
    fig.add_annotation(
        x=totals.low,
        y=rows[1],
        xanchor="left",
        xshift=6,
        showarrow=False,
        text=f"{totals.low:,}",
        font={"color": STATUS_COLORS["troops"]},
    )
    if totals.unquantified:
        names = ", ".join(p.name for p in totals.unquantified)
        n = len(totals.unquantified)
        fig.add_annotation(
            x=0,
            xref="paper",
            y=-0.32,
            yref="paper",
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            font={"color": MUTED},
            text=f"+{n} {'country' if n == 1 else 'countries'} willing to send troops, "
            f"no number given (not counted): {names}",
        )
    fig.update_layout(
        template=TEMPLATE_NAME,
        barmode="stack",
        height=300,
        margin={"l": 20, "r": 30, "t": 40, "b": 90},
        xaxis={"range": [0, top], "title": {"text": "Troops"}, "tickformat": ",d"},
        yaxis={"title": None},
        bargap=0.35,
    )
    return fig


def status_counts_chart(totals: Totals) -> go.Figure:
    """Countries per status, with pattern fills so the bars read without colour."""
    fig = go.Figure(
        go.Bar(
            x=[totals.counts[s] for s in STATUSES],
            y=[STATUS_LABELS[s] for s in STATUSES],
            orientation="h",
            marker={
                "color": [STATUS_COLORS[s] for s in STATUSES],
                "pattern": {"shape": [STATUS_PATTERNS[s] for s in STATUSES], "fgcolor": "white"},
            },
            text=[totals.counts[s] for s in STATUSES],
            textposition="outside",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(
        template=TEMPLATE_NAME,
        height=260,
        margin={"l": 20, "r": 30, "t": 20, "b": 30},
        yaxis={"autorange": "reversed"},
        xaxis={"dtick": 1, "title": {"text": "Countries"}},
    )
    return fig
