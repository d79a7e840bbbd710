"""The second floor for the dashboard: the overview's own elements, with their content made once.

The same navigation, sidebar widgets, metrics, two charts, table and download buttons as the
overview, each drawn with the plainest Streamlit call and its content made before the timed runs
(the figures and the table come from the project's own functions, held in a cache). What this page
costs is what Streamlit charges for the overview's elements; the overview's extra cost over it is
the project's own work on each run. `benchmarks/run.py` checks that both pages send the same
kinds and numbers of elements, so the two cannot drift apart.
"""

import datetime as dt
import os
from pathlib import Path

import pyarrow
import streamlit as st

from components.render.figures import map_views, range_chart, status_map
from components.views.overview import who_is_in
from components.widgets import FinishedFigure, chart_config
from db.contract.vocabulary import vocabulary
from db.numbers.headline import headline
from db.numbers.rows import position_rows
from db.storage.engine import reader_engine
from db.storage.queries import load_dataset


@st.cache_resource
def content(db: str, today: dt.date) -> dict:
    dataset = load_dataset(reader_engine(Path(db)))
    h = headline(dataset, today)
    words = vocabulary(dataset.coalition)
    area = dataset.coalition.map
    return {
        "name": dataset.coalition.name,
        "description": dataset.coalition.description,
        "range": FinishedFigure(range_chart(h)),
        "map": FinishedFigure(status_map(h.totals, words, area, map_views(area)[0])),
        "who": "\n\n".join(who_is_in(h, words)),
        "table": pyarrow.Table.from_pylist(position_rows(h.totals, words)),
        "warnings": [h.stale_sentence] if h.stale_sentence else [],
        "captions": [
            s for s in (h.checked_sentence, h.gap_sentence) if s
        ],  # above the chart, as on the overview
        "notes": [
            s
            for s in (
                h.not_counted_sentence,
                h.reported_sentence,
                h.joint_sentence,
                h.weak_sentence,
            )
            if s
        ],
        "groups": list(dataset.coalition.groups),
    }


def overview() -> None:
    c = content(os.environ["COALITION_DB"], dt.date.today())
    st.title(c["name"])
    st.caption(c["description"])
    for text in c["warnings"]:
        st.warning(text)
    st.markdown("**Led by** the leads · **data as of** a date (newest statement)")
    for cell in st.columns(3):
        cell.metric("Metric", "1–2", help="help")
    for text in c["captions"]:
        st.caption(text)
    st.subheader("Stated troops against the range")
    st.plotly_chart(c["range"], width="stretch", theme=None, key="range", config=chart_config("r"))
    for text in c["notes"]:
        st.caption(text)
    st.subheader("Who is in")
    left, right = st.columns([3, 2])
    scope = left.segmented_control("Map area", ["europe", "world"], default="europe", key="s")
    left.plotly_chart(
        c["map"], width="stretch", theme=None, key="map", config=chart_config("m"),
        on_select="rerun", selection_mode="points",
    )  # fmt: skip
    right.markdown(c["who"])
    st.subheader("Countries")
    st.dataframe(
        c["table"], key="table", hide_index=True, on_select="rerun", selection_mode="single-row"
    )
    st.caption("Select a row.")
    st.subheader("Download")
    for name in ("table", "all"):
        for cell, fmt in zip(st.columns(2), ("csv", "json"), strict=True):
            cell.download_button(fmt, lambda: b"", file_name=f"{name}.{fmt}", key=f"{name}{fmt}")
    del scope


filter_box = st.sidebar.container()  # the filters, drawn above the language switch
st.sidebar.segmented_control("Language", ["en", "fr"], required=True, key="lang")
st.html("<style>:focus-visible { outline: 2px solid #0072B2; }</style>")  # the app's style
st.html('<script src="app/static/lang.js" data-lang="en"></script>', unsafe_allow_javascript=True)
with filter_box:
    st.header("Filters")
    st.text_input("As of", value="", key="as_of", placeholder="YYYY-MM-DD (today)")
    st.pills("Status", ["a", "b", "c", "d", "e"], selection_mode="multi", key="status")
    if content(os.environ["COALITION_DB"], dt.date.today())["groups"]:
        st.selectbox("Group", ["All", "Some"], key="group")
titles = ["Overview", "Country", "Timeline", "Scenario", "Export", "Sources & method"]
navigation = st.navigation(
    [st.Page(overview, title="Overview", default=True)]
    + [st.Page(lambda: None, title=t, url_path=t.split()[0].lower()) for t in titles[1:]]
)
st.sidebar.caption("Data: a line.")
navigation.run()
