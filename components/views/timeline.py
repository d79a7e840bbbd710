"""Timeline: how the coalition grew, and what changed between two dates."""

from __future__ import annotations

import datetime as dt

import pyarrow
import streamlit as st

from components.context import PageContext
from components.render.figures import history_status_chart, history_troops_chart
from components.text import md
from components.widgets import as_of_notice, chart
from db.contract.vocabulary import Vocabulary
from db.numbers.history import changes, history
from db.numbers.totals import Position, day, figure_with_basis


def describe(position: Position, words: Vocabulary) -> str:
    """'Willing to send troops 7,500 reported (lead; if a ceasefire)': status, the figure and
    conditions in force (wherever they were given), and roles, in words."""
    figure = figure_with_basis(position.troops, words.units)
    text = f"{words.status_label(position.status)} {figure}".strip()
    extra = [words.short("roles", r) for r in position.roles]
    extra += [f"if {words.short('conditions', c).lower()}" for c in position.conditions]
    if extra:
        text += " (" + "; ".join(extra) + ")"
    return text


def render(ctx: PageContext) -> None:
    st.title("How the coalition grew")
    if not as_of_notice(ctx.filters.as_of, ctx.today, ctx.first_date):
        return
    f = ctx.filters
    steps = ctx.memo("history", lambda: history(ctx.dataset, f.as_of, f.countries, f.statuses))
    words = ctx.words
    personnel = words.personnel
    h = ctx.headline
    if h.stale_sentence:
        st.warning(md(h.stale_sentence))
    st.subheader(md(f"Stated {personnel} over time"))
    zoom = st.toggle(
        "Scale to the stated figures",
        key="zoom",
        help="The target band can dwarf the stated figures; this scales the axis to them.",
    )
    chart(
        ctx.figure("history_troops", lambda: history_troops_chart(steps, personnel, zoom), zoom),
        key="history-troops",
        alt=f"Step line chart of stated {personnel}, low and high, over time on a calendar axis"
        + ("." if zoom else ", against the target band in force on each date."),
        filename="coalition-figures-over-time",
    )
    st.subheader("Countries per status over time")
    chart(
        ctx.figure("history_status", lambda: history_status_chart(steps, words)),
        key="history-status",
        alt="Stacked step chart of the number of countries in each status over time, on a "
        "calendar axis: a period without statements is as long as it lasted.",
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
        f"{found:,} statement{'s' if found != 1 else ''} after {day(since)} "
        f"and on or before {day(ctx.filters.as_of)}."
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
            "Date": change.after.since.isoformat(),
            "Country": change.name,
            "Before": describe(change.before, ctx.words) if change.before else "first statement",
            "After": describe(change.after, ctx.words),
            "Summary": change.after.statement.summary,
        }
        for change in found
    ]
    return pyarrow.Table.from_pylist(rows)
