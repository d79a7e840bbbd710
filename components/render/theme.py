"""One palette and one Plotly template, shared by the dashboard and the exports.

Colours are Okabe-Ito (safe for the common colour-vision deficiencies); each status also has its
own marker symbol and is named in labels, so colour is never the only cue.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from db.contract.models import STATUSES
from db.locale import DEFAULT, language, number, percent

STATUS_COLORS: dict[str, str] = {
    "troops": "#0072B2",  # blue
    "open": "#56B4E9",  # sky blue
    "support": "#009E73",  # bluish green
    "undecided": "#999999",  # grey
    "declined": "#D55E00",  # vermillion
}
STATUS_SYMBOLS: dict[str, str] = {
    "troops": "circle",
    "open": "diamond",
    "support": "square",
    "undecided": "triangle-up",
    "declined": "x",
}
# The map's marker shapes as text, for lists that name statuses.
STATUS_MARKS: dict[str, str] = {
    "troops": "●",
    "open": "◆",
    "support": "■",
    "undecided": "▲",
    "declined": "✕",
}
assert set(STATUS_COLORS) == set(STATUSES) == set(STATUS_SYMBOLS) == set(STATUS_MARKS)

BAND_COLOR = "#E69F00"  # orange: the target band
ASSUMED_COLOR = "#CC79A7"  # reddish purple: planner's assumptions, never sourced figures
INK = "#1a1a1a"
MUTED = "#5c5c5c"
FONT = "DejaVu Sans, Arial, sans-serif"

TEMPLATE_NAME = "coalition"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 14, "color": INK},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[STATUS_COLORS[s] for s in STATUSES],
        margin={"l": 20, "r": 20, "t": 60, "b": 40},
        xaxis={
            "gridcolor": "#e5e5e5",
            "zerolinecolor": "#bdbdbd",
            "separatethousands": True,
            "automargin": True,
        },
        yaxis={
            "gridcolor": "#e5e5e5",
            "zerolinecolor": "#bdbdbd",
            "separatethousands": True,
            "automargin": True,
        },
        hoverlabel={"font": {"family": FONT}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
)


def speak_numbers(fig: go.Figure) -> go.Figure:
    """`fig` with the decimal and thousands marks db/locale writes, for the numbers Plotly writes
    itself (ticks, hovers): '14 750' and '1,5' in French. English keeps Plotly's own ('.,')."""
    if language() != DEFAULT:
        fig.update_layout(separators=percent(1.5)[1] + number(1000)[1])
    return fig
