"""The dashboard: sets the page up, reads the data, draws the filters, and runs the chosen page.

Everything after the language switch is made in the reader's language (`speaking`): the page's
title, the notices, the filters, the data line and the page itself.
"""

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
from components.filters import data_line, default_language, language_switch, sidebar_filters
from components.widgets import page_language
from db.locale import _, _n, number, speaking
from db.numbers.totals import day

PAGES = Path(__file__).parent / "components" / "pages"
STYLE = Path(__file__).parent / "components" / "style.css"

# The sidebar: the filters, then the language switch. The switch is made first, since the
# filters are made in the language it says; it draws below their box.
filter_box = st.sidebar.container()
lang = language_switch(default_language())
with speaking(lang):
    st.set_page_config(page_title=_("Coalition pledge dashboard"), layout="wide")
    st.html(STYLE)
    page_language(lang)

    try:
        state = get_state(lang)
    except NoData as exc:
        st.error(exc.message)
        if exc.problems:
            st.code("\n".join(exc.problems), language=None)
        st.stop()

    if state.problems:
        st.warning(
            _n(
                "The pledge files have {count} error, so the dashboard shows the last good "
                "build. Fix them and the next page load rebuilds:",
                "The pledge files have {count} errors, so the dashboard shows the last good "
                "build. Fix them and the next page load rebuilds:",
                len(state.problems),
            ).format(count=number(len(state.problems)))
        )
        st.code("\n".join(state.problems), language=None)
    elif state.unwritten:
        st.warning(
            _(
                "The pledge files have changed, but the new build could not be written "
                "({reason}), so the dashboard shows the last good build."
            ).format(reason=state.unwritten)
        )
    elif state.read_only:
        if state.built_at:
            notice = _(
                "This deployment is read-only: it shows the database as built on {date} {time} "
                "UTC. The pledge files beside it differ from that build, and are not rebuilt here."
            ).format(date=day(state.built_at.date()), time=f"{state.built_at:%H:%M}")
        else:
            notice = _(
                "This deployment is read-only: it shows the database as built when it was "
                "deployed. The pledge files beside it differ from that build, and are not rebuilt "
                "here."
            )
        st.info(notice)

    today = dt.date.today()
    pages = {
        "overview": st.Page(
            PAGES / "overview.py", title=_("Overview"), url_path="overview", default=True
        ),
        "country": st.Page(PAGES / "country.py", title=_("Country"), url_path="country"),
        "timeline": st.Page(PAGES / "timeline.py", title=_("Timeline"), url_path="timeline"),
        "scenario": st.Page(PAGES / "scenario.py", title=_("Scenario"), url_path="scenario"),
        "export": st.Page(PAGES / "export.py", title=_("Export"), url_path="export"),
        "method": st.Page(PAGES / "method.py", title=_("Sources & method"), url_path="method"),
    }
    navigation = st.navigation(list(pages.values()))
    filters = sidebar_filters(today, state.dataset, state.words, filter_box)
    ctx = PageContext(state.dataset, filters, today, state.problems, pages, state.build, lang)
    publish(ctx)
    st.sidebar.caption(ctx.memo("data_line", lambda: data_line(state.dataset), per="build"))
    navigation.run()
