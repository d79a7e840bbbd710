"""Timeline: how the coalition grew, and what changed between two dates."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.context import PageContext
from components.render.figures import history_status_chart, history_troops_chart
from components.text import marks, md, recorded, semicolons
from components.widgets import as_of_notice, chart, date_field, downloads, page
from db.contract.vocabulary import Vocabulary
from db.locale import _, _n, number
from db.numbers.headline import headline, history_alt, period_sentences, status_history_alt
from db.numbers.history import changes, history
from db.numbers.totals import Position, figure_with_basis


def describe(position: Position, words: Vocabulary) -> str:
    """'Willing to send troops 7,500 reported (lead; if a ceasefire)': status, the figure and
    conditions in force (wherever they were given), and roles, in words."""
    figure = figure_with_basis(position.troops, words.units)
    text = f"{words.status_label(position.status)} {figure}".strip()
    extra = [words.short("roles", r) for r in position.roles]
    extra += [
        _("if {condition}").format(condition=words.short("conditions", c).lower())
        for c in position.conditions
    ]
    if extra:
        text += " (" + semicolons(extra) + ")"
    return text


def render(ctx: PageContext) -> None:
    st.title(_("How the coalition grew"))
    if not as_of_notice(ctx.filters.as_of, ctx.today, ctx.first_date):
        return
    f = ctx.filters
    steps = ctx.memo("history", lambda: history(ctx.dataset, f.as_of, f.countries, f.statuses))
    words = ctx.words
    personnel = words.personnel
    h = ctx.headline
    if h.stale_sentence:
        st.warning(md(h.stale_sentence))
    st.subheader(md(_("Stated {personnel} over time").format(personnel=personnel)))
    zoom = st.toggle(
        _("Scale to the stated figures"),
        key="zoom",
        help=_("The target band can dwarf the stated figures; this scales the axis to them."),
    )
    chart(
        ctx.figure("history_troops", lambda: history_troops_chart(steps, personnel, zoom), zoom),
        key="history-troops",
        alt=history_alt(steps, personnel),
        filename="coalition-figures-over-time",
    )
    st.subheader(_("Countries per status over time"))
    chart(
        ctx.figure("history_status", lambda: history_status_chart(steps, words)),
        key="history-status",
        alt=status_history_alt(steps, words),
        filename="coalition-status-over-time",
    )

    st.subheader(_("What changed"))
    first = ctx.first_date or f.as_of
    period_start = f.as_of - dt.timedelta(days=PERIOD_DAYS)
    default_start = max(first - dt.timedelta(days=1), period_start)
    days = number(PERIOD_DAYS)
    since = date_field(
        _("Changes since"),
        key="since",
        default=default_start,
        default_words=(
            _n("{count} day before", "{count} days before", PERIOD_DAYS).format(count=days)
            if default_start == period_start
            else _("all statements")
        ),
        latest=f.as_of,
        help=_n(
            "The period ends at the As of date (today unless you chose another); it starts "
            "{count} day before unless you type a date here (YYYY-MM-DD, then Enter).",
            "The period ends at the As of date (today unless you chose another); it starts "
            "{count} days before unless you type a date here (YYYY-MM-DD, then Enter).",
            PERIOD_DAYS,
        ).format(count=days),
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
        for row in rows[page(len(rows), key="changes-page", label=_("Show changes"))]:
            with st.container(border=True):
                when = _("{date}, {country}:").format(
                    date=md(row["Date"]), country=md(row["Country"])
                )
                st.markdown(f"**{when}** {md(row['After'])}")
                st.caption(md(_("Before: {position}").format(position=row["Before"])))
                st.markdown(recorded(row["Summary"]), unsafe_allow_html=marks())
        downloads(lambda: rows, f"coalition-changes-{since}-{f.as_of}", _("These changes"),
                  key="dl-changes")  # fmt: skip


PERIOD_DAYS = 90  # "what changed": the default period before the As of date


def change_rows(ctx: PageContext, since: dt.date) -> list[dict[str, str]]:
    """The statements made after `since`, one row each, newest first, summaries whole. The
    keys stay English (a download's columns); the words in the cells are the reader's."""
    f = ctx.filters
    found = changes(ctx.dataset, since, f.as_of, f.countries, f.statuses)
    rows = [
        {
            "Date": change.after.since.isoformat(),
            "Country": change.name,
            "Before": describe(change.before, ctx.words) if change.before else _("first statement"),
            "After": describe(change.after, ctx.words),
            "Summary": change.after.statement.summary,
        }
        for change in found
    ]
    return rows
