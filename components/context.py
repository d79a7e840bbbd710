"""What every page receives: the data, the filters, and the totals for the current view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import streamlit as st

from components.filters import Filters
from db.contract import Dataset
from db.totals import Totals, compute_totals


@dataclass(frozen=True)
class PageContext:
    dataset: Dataset
    filters: Filters
    today: dt.date
    problems: tuple[str, ...] = ()
    pages: dict[str, Any] = field(default_factory=dict)  # url path -> st.Page, for switching

    @cached_property
    def totals(self) -> Totals:
        """Computed once per run, however many pieces of the page ask for it."""
        return compute_totals(
            self.dataset, self.filters.as_of, self.filters.countries, self.filters.statuses
        )

    @cached_property
    def first_date(self) -> dt.date | None:
        return min((s.date for c in self.dataset.countries for s in c.statements), default=None)


_KEY = "_page_context"


def publish(ctx: PageContext) -> None:
    """app.py hands this run's context to the page script it is about to run."""
    st.session_state[_KEY] = ctx


def current() -> PageContext:
    return st.session_state[_KEY]
