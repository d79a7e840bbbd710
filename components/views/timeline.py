"""Timeline: how the coalition grew, and what changed between two dates."""

from __future__ import annotations

import datetime as dt

import pyarrow
import streamlit as st

from components.context import PageContext
from components.figures import history_status_chart, history_troops_chart
from components.text import md
from components.widgets import as_of_notice, chart
from db.contract import STATUS_LABELS, Statement
from db.history import changes, history
from db.totals import format_figure


def describe(statement: Statement) -> str:
    """'Willing to send troops 50–250 (lead, headquarters host)': status, figure and roles."""
    text = f"{STATUS_LABELS[statement.status]} {format_figure(statement.troops)}".strip()
    if statement.roles:
        text += " (" + ", ".join(r.replace("_", " ") for r in statement.roles) + ")"
    return text


def render(ctx: PageContext) -> None:
    st.title("How the coalition grew")
    if not as_of_notice(ctx.filters.as_of, ctx.today, ctx.first_date):
        return
    f = ctx.filters
    steps = ctx.memo("history", lambda: history(ctx.dataset, f.as_of, f.countries, f.statuses))
    st.subheader("Stated troops over time")
    zoom = st.toggle(
        "Scale to the stated figures",
        key="zoom",
        help="The target band dwarfs today's stated figures; this scales the axis to them.",
    )
    chart(
        ctx.figure("history_troops", lambda: history_troops_chart(steps, zoom), zoom),
        key="history-troops",
        alt="Line chart of stated troops, low and high, over time against the target band.",
        filename="coalition-troops-over-time",
    )
    st.subheader("Countries per status over time")
    chart(
        ctx.figure("history_status", lambda: history_status_chart(steps)),
        key="history-status",
        alt="Stacked area chart of the number of countries in each status over time.",
        filename="coalition-status-over-time",
    )

    st.subheader("What changed")
    first = ctx.first_date or ctx.filters.as_of
    newest = steps[-1].data_as_of if steps and steps[-1].data_as_of else f.as_of
    default_start = max(first - dt.timedelta(days=1), newest - dt.timedelta(days=90))
    since = st.date_input(
        "Changes since",
        value=default_start,
        min_value=first - dt.timedelta(days=1),
        max_value=ctx.filters.as_of,
        format="YYYY-MM-DD",
        key="since",
        bind="query-params",
    )
    table = ctx.memo("changes", lambda: change_table(ctx, since), since)
    found = table.num_rows
    st.write(
        f"{found:,} statement{'s' if found != 1 else ''} after {since:%d %B %Y} "
        f"and on or before {ctx.filters.as_of:%d %B %Y}."
    )
    if found:
        st.dataframe(table, hide_index=True, width="stretch", key="changes")
    else:
        st.caption(md("No statements in this period."))


def change_table(ctx: PageContext, since: dt.date) -> pyarrow.Table:
    """The statements made after `since`, one row each, newest first."""
    f = ctx.filters
    found = changes(ctx.dataset, since, f.as_of, f.countries, f.statuses)
    rows = [
        {
            "Date": change.after.date.isoformat(),
            "Country": change.name,
            "Before": describe(change.before) if change.before else "first statement",
            "After": describe(change.after),
            "Summary": change.after.summary,
        }
        for change in found
    ]
    return pyarrow.Table.from_pylist(rows)
