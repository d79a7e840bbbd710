"""Timeline: how the coalition grew, and what changed between two dates."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.context import PageContext
from components.render.figures import history_status_chart, history_troops_chart
from components.text import md
from components.widgets import as_of_notice, chart, date_field, downloads, page
from db.contract.vocabulary import Vocabulary
from db.numbers.headline import headline, history_alt, period_sentences, status_history_alt
from db.numbers.history import changes, history
from db.numbers.totals import Position, figure_with_basis


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
        alt=history_alt(steps, personnel),
        filename="coalition-figures-over-time",
    )
    st.subheader("Countries per status over time")
    chart(
        ctx.figure("history_status", lambda: history_status_chart(steps, words)),
        key="history-status",
        alt=status_history_alt(steps, words),
        filename="coalition-status-over-time",
    )

    st.subheader("What changed")
    first = ctx.first_date or f.as_of
    period_start = f.as_of - dt.timedelta(days=PERIOD_DAYS)
    default_start = max(first - dt.timedelta(days=1), period_start)
    since = date_field(
        "Changes since",
        key="since",
        default=default_start,
        default_words=(
            f"{PERIOD_DAYS} days before" if default_start == period_start else "all statements"
        ),
        latest=f.as_of,
        help=f"The period ends at the As of date (today unless you chose another); it starts "
        f"{PERIOD_DAYS} days before unless you type a date here (YYYY-MM-DD, then Enter).",
    )
    rows = ctx.memo("changes", lambda: change_rows(ctx, since), since)
    before = ctx.memo(
        "period_start",
        lambda: headline(ctx.dataset, since, f.countries, f.statuses, group=f.group),
        since,
    )
    for line in period_sentences(before, ctx.headline, len(rows)):
        st.markdown(md(line))
    if rows:
        for row in rows[page(len(rows), key="changes-page", label="Show changes")]:
            with st.container(border=True):
                st.markdown(f"**{md(row['Date'])}, {md(row['Country'])}:** {md(row['After'])}")
                st.caption(md(f"Before: {row['Before']}"))
                st.markdown(md(row["Summary"]))
        downloads(lambda: rows, f"coalition-changes-{since}-{f.as_of}", "These changes",
                  key="dl-changes")  # fmt: skip


PERIOD_DAYS = 90  # "what changed": the default period before the As of date


def change_rows(ctx: PageContext, since: dt.date) -> list[dict[str, str]]:
    """The statements made after `since`, one row each, newest first, summaries whole."""
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
    return rows
