"""The dashboard: sets the page up, reads the data, draws the filters, and runs the chosen page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

# Imported here, before any page code: Plotly looks numpy and pandas up in sys.modules, and a
# session thread could otherwise find them half-imported by another session's first run.
import numpy  # noqa: F401
import pandas  # noqa: F401
import streamlit as st

from components.context import PageContext, publish
from components.data import NoData, get_state
from components.filters import data_line, sidebar_filters
from db.numbers.totals import day

PAGES = Path(__file__).parent / "components" / "pages"
STYLE = Path(__file__).parent / "components" / "style.css"

st.set_page_config(page_title="Coalition pledge dashboard", layout="wide")
st.html(STYLE)

try:
    state = get_state()
except NoData as exc:
    st.error(exc.message)
    if exc.problems:
        st.code("\n".join(exc.problems), language=None)
    st.stop()

if state.problems:
    st.warning(
        f"The pledge files have {len(state.problems)} error{'s' * (len(state.problems) > 1)}, "
        "so the dashboard shows the last "
        "good build. Fix them and the next page load rebuilds:"
    )
    st.code("\n".join(state.problems), language=None)
elif state.unwritten:
    st.warning(
        "The pledge files have changed, but the new build could not be written "
        f"({state.unwritten}), so the dashboard shows the last good build."
    )
elif state.read_only:
    built = (
        f"{day(state.built_at.date())} {state.built_at:%H:%M} UTC"
        if state.built_at
        else "when it was deployed"
    )
    st.info(
        f"This deployment is read-only: it shows the database as built on {built}. The pledge "
        "files beside it differ from that build, and are not rebuilt here."
    )

today = dt.date.today()
pages = {
    "overview": st.Page(PAGES / "overview.py", title="Overview", url_path="overview", default=True),
    "country": st.Page(PAGES / "country.py", title="Country", url_path="country"),
    "timeline": st.Page(PAGES / "timeline.py", title="Timeline", url_path="timeline"),
    "scenario": st.Page(PAGES / "scenario.py", title="Scenario", url_path="scenario"),
    "export": st.Page(PAGES / "export.py", title="Export", url_path="export"),
    "method": st.Page(PAGES / "method.py", title="Sources & method", url_path="method"),
}
navigation = st.navigation(list(pages.values()))
filters = sidebar_filters(today, state.dataset, state.words)
ctx = PageContext(state.dataset, filters, today, state.problems, pages, state.build)
publish(ctx)
st.sidebar.caption(ctx.memo("data_line", lambda: data_line(state.dataset), per="build"))
navigation.run()
