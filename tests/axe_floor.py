"""A bare Streamlit page with the kinds of widgets the dashboard uses: the accessibility floor.

Two pages (st.navigation), a sidebar of filters, and on the second page a six-column st.table as
wide as the method page's. It uses the accessibility options Streamlit offers (`alt` on the
chart and the image), so what axe-core still finds here is Streamlit's own, not the
dashboard's; an audit (axe-core from tests/axe/) compares the dashboard's pages against it. Serve it like the app:
`streamlit run tests/axe_floor.py`. It reads no data and no project code.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

ROWS = pd.DataFrame(
    {
        "Country": ["Alpha", "Beta", "Gamma", "Delta"],
        "Status": ["Troops", "Open", "Support", "Declined"],
        "Figure": ["250–450", "", "", ""],
        "Source": ["https://example.org/a", "https://example.org/b", None, None],
    }
)


def home() -> None:
    st.title("Floor page")
    st.caption("A caption under the title.")
    st.info("An information box.")
    st.warning("A warning box.")
    left, middle, right = st.columns(3)
    left.metric("Stated troops", "250–450", help="A metric with help.")
    middle.metric("With press reports", "300–500")
    right.metric("Target cited", "10,000–30,000")
    st.subheader("A chart")
    fig = go.Figure(go.Bar(x=[250, 100], y=["Alpha", "Beta"], orientation="h"))
    st.plotly_chart(fig, width="stretch", key="chart", alt="Bar chart of two countries' troops.")
    st.segmented_control("Map", ["Area", "Members", "World"], default="Area", key="seg")
    st.subheader("A table")
    st.dataframe(
        ROWS,
        hide_index=True,
        width="stretch",
        key="table",
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "Country": st.column_config.TextColumn("Country", pinned=True),
            "Status": st.column_config.TextColumn("Status", help="A column with help."),
            "Source": st.column_config.LinkColumn("Source"),
        },
    )
    st.download_button("Download CSV", ROWS.to_csv(index=False), file_name="rows.csv")
    ramp = np.linspace(0, 255, 200 * 120, dtype=np.uint8).reshape(120, 200)
    st.image(ramp, caption="An image with a caption.", alt="A grey ramp from black to white.")


def second() -> None:
    st.title("Second page")
    st.toggle("A toggle", key="toggle", help="A toggle with help.")
    st.number_input("A number", min_value=0, step=500, key="number")
    st.page_link(HOME, label="Back to the first page")
    st.table(  # six columns, as on the method page: wider than a phone, so it scrolls sideways
        pd.DataFrame(
            {
                "Date": ["18 March 2025", "26 February 2026"],
                "Countries": ["DNK, EST, FIN, ISL, LVA, LTU, NOR, SWE", "FRA, GBR"],
                "Figure": ["10,000–30,000", "about 15,000"],
                "Basis": ["reported", "stated"],
                "What was reported": [
                    "Officials said the eight countries would form a brigade together.",
                    "The two leaders said the force would be about fifteen thousand.",
                ],
                "Sources": ["example.org/a-long-source-name", "example.org/another-source"],
            }
        ),
        hide_index=True,
    )


HOME = st.Page(home, title="Home", url_path="home", default=True)
navigation = st.navigation([HOME, st.Page(second, title="Second", url_path="second")])
with st.sidebar:
    st.header("Filters")
    st.text_input("As of", placeholder="2026-01-01 (today)", key="as_of", help="Type a date.")
    st.pills(
        "Status",
        ["Troops", "Open", "Support", "Undecided", "Declined"],
        selection_mode="multi",
        default=["Troops", "Open", "Support", "Undecided", "Declined"],
        key="status",
        help="Which statuses to show.",
    )
    st.selectbox("Group", ["All countries", "Group A"], key="group", help="A group.")
    st.caption("Data: 4 countries, 4 statements.")
navigation.run()
