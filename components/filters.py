"""The sidebar filters shared by every page; each is bound to the URL so a link reproduces a view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from components.widgets import date_field
from db.contract.models import STATUSES, Dataset
from db.contract.vocabulary import Vocabulary
from db.numbers.groups import members
from db.numbers.totals import day

ALL_GROUPS = "All countries"


@dataclass(frozen=True)
class Filters:
    as_of: dt.date
    statuses: tuple[str, ...]
    group: str | None
    countries: frozenset[str] | None = None  # the group's members on the as-of date


def sidebar_filters(today: dt.date, dataset: Dataset, words: Vocabulary) -> Filters:
    """As-of date, statuses and group, in the sidebar, bound to the URL's query parameters."""
    groups = dataset.coalition.groups
    with st.sidebar:
        st.header("Filters")
        as_of = date_field(
            "As of",
            key="as_of",
            default=today,
            default_words="today",
            latest=today,
            help="See the coalition as it stood on this date: each country's latest statement "
            "on or before it. Type YYYY-MM-DD and press Enter; leave empty for today.",
        )
        statuses = st.pills(
            "Status",
            STATUSES,
            selection_mode="multi",
            default=list(STATUSES),
            format_func=words.status_short,
            key="status",
            bind="query-params",
            help="; ".join(
                f"{words.status_short(s)}: {words.status_label(s).lower()}" for s in STATUSES
            ),
        )
        group = None
        if groups:
            group = st.selectbox(
                "Group",
                [ALL_GROUPS, *groups],
                key="group",
                bind="query-params",
                help="Members on the as-of date, as coalition.yaml defines each group.",
            )
    group = None if group in (None, ALL_GROUPS) else group
    return Filters(
        as_of=as_of,
        statuses=tuple(statuses),
        group=group,
        countries=members(dataset.coalition, group, as_of),
    )


def data_line(dataset: Dataset) -> str:
    """Which data the page shows: counts and the newest statement, under the filters."""
    statements = [s for c in dataset.countries for s in c.statements]
    newest = max((s.date for s in statements), default=None)
    when = f"newest statement {day(newest, short=True)}" if newest else "no statements"
    return f"Data: {len(dataset.countries):,} countries, {len(statements):,} statements, {when}."
