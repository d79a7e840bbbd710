"""What every page receives: the data, the filters, and the totals for the current view.

Streamlit reruns the whole script on every click, but most of what a page shows depends only on
the build and the filters. `PageContext.memo` computes such a thing once per process, shared by
every session, keyed on the build's identity and the filter values, so a warm rerun only sends
what is already made. Anything memoised is shared between sessions and must never be changed.
The reader's language is part of every key: a French page never gets an English sentence made
for another session, and each memoised thing is made in the context's language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import plotly.graph_objects as go
import streamlit as st

from components.filters import Filters
from components.widgets import FinishedFigure
from db.contract.models import Dataset
from db.contract.vocabulary import Vocabulary, vocabulary
from db.locale import DEFAULT, LANGUAGES, speaking
from db.memo import Memo, process_memo
from db.numbers.headline import Headline, headline
from db.numbers.totals import Totals, compute_totals

T = TypeVar("T")


MAX_VIEWS = 64  # filter combinations kept per build; the least recently used go first
MAX_ENTRIES = 64  # values kept per shelf (scenarios tried add up); the least recently used go


class Shelves:
    """What one build's pages have made: per build, and per filter combination (bounded).

    Found with one process-wide lookup per run (db/memo.py), then `Memo` lookups.
    """

    def __init__(self) -> None:
        self.build: Memo[Any] = Memo(MAX_ENTRIES)
        self._views: Memo[Memo[Any]] = Memo(MAX_VIEWS)

    def view(self, key: str) -> Memo[Any]:
        return self._views.get(key, lambda: Memo(MAX_ENTRIES))


@process_memo(max_entries=2 * len(LANGUAGES))
def _shelves(build: str) -> Shelves:
    """The current build's shelves and the previous one's (for runs that began before a swap),
    per language; older builds' derived values are dropped with them."""
    return Shelves()


@dataclass(frozen=True)
class PageContext:
    dataset: Dataset
    filters: Filters
    today: dt.date
    problems: tuple[str, ...] = ()
    pages: dict[str, Any] = field(default_factory=dict)  # url path -> st.Page, for switching
    build: tuple[Hashable, ...] = ()  # the database file's identity; () means do not memoise
    lang: str = DEFAULT  # the reader's language: the dataset's words are in it (data.py)

    def memo(self, name: str, make: Callable[[], T], *extra: Hashable, per: str = "filters") -> T:
        """`make()` once per build, language and filters (`per="filters"`) or per build and
        language (`per="build"`), made in the context's language."""
        if not self.build:
            return self._speaking(make)
        return self._shelves[per].get((name, *extra), lambda: self._speaking(make))

    def _speaking(self, make: Callable[[], T]) -> T:
        with speaking(self.lang):
            return make()

    def figure(
        self, name: str, make: Callable[[], go.Figure], *extra: Hashable, per: str = "filters"
    ) -> go.Figure:
        """A memoised figure, finished so that drawing it does not copy it on every run."""
        return self.memo(name, lambda: FinishedFigure(make()), *extra, per=per)

    @cached_property
    def keys(self) -> dict[str, str]:
        """Short digests naming the build and language, and the filters and language (cheap for
        Streamlit to hash)."""
        f = self.filters
        countries = sorted(f.countries) if f.countries is not None else None
        return {
            "build": _digest(repr((self.build, self.lang))),
            "filters": _digest(repr((self.lang, f.as_of, countries, sorted(f.statuses), f.group))),
        }

    @cached_property
    def _shelves(self) -> dict[str, Memo[Any]]:
        """This run's two shelves."""
        shelves = _shelves(self.keys["build"])
        return {"build": shelves.build, "filters": shelves.view(self.keys["filters"])}

    @cached_property
    def totals(self) -> Totals:
        """Computed once per build and filters, however many pieces of the page ask for it."""
        f = self.filters
        return self.memo(
            "totals", lambda: compute_totals(self.dataset, f.as_of, f.countries, f.statuses)
        )

    @cached_property
    def words(self) -> Vocabulary:
        """The coalition's vocabulary: labels for statuses, roles, capabilities, conditions."""
        return self.memo("words", lambda: vocabulary(self.dataset.coalition), per="build")

    @cached_property
    def headline(self) -> Headline:
        """The numbers and sentences of this view, made once per build and filters."""
        f = self.filters
        return self.memo(
            "headline",
            lambda: headline(
                self.dataset, f.as_of, f.countries, f.statuses, totals=self.totals, group=f.group
            ),
        )

    def scenario(self, assumed: dict[str, int]) -> Headline:
        """This view's headline with a planner's assumed figures."""
        if not assumed:
            return self.headline
        f = self.filters
        return self.memo(
            "scenario_headline",
            lambda: headline(
                self.dataset,
                f.as_of,
                f.countries,
                f.statuses,
                assumed,
                totals=self.totals,
                group=f.group,
            ),
            tuple(sorted(assumed.items())),
        )

    @cached_property
    def first_date(self) -> dt.date | None:
        return self.memo(
            "first_date",
            lambda: min(
                (s.date for c in self.dataset.countries for s in c.statements), default=None
            ),
            per="build",
        )


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


_KEY = "_page_context"


def publish(ctx: PageContext) -> None:
    """app.py hands this run's context to the page script it is about to run."""
    st.session_state[_KEY] = ctx


def current() -> PageContext:
    return st.session_state[_KEY]
