"""Small UI pieces shared by the pages: each takes data and a key, and never opens the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from components.text import md
from db.locale import LANGUAGES, _, number
from db.numbers.headline import day
from db.numbers.rows import to_csv, to_json


def chart_config(filename: str) -> dict[str, Any]:
    """Plotly settings for every chart: local map outlines, a named full-size image download."""
    return {
        "displaylogo": False,
        "topojsonURL": "app/static/topojson/",
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": 1920,
            "height": 1080,
            "scale": 1,
        },
    }


# Sets the page's <html lang>: a file of the app's own (static/, served at app/static/), so the
# served Content-Security-Policy, which allows scripts from this origin only, lets it run.
LANGUAGE_SCRIPT = "app/static/lang.js"


def page_language(lang: str) -> None:
    """Say which language the page is in, for screen readers, translators and hyphenation:
    Streamlit's page says `<html lang="en">` whatever it shows. A script element (hidden by
    style.css) that the browser runs again whenever the language changes."""
    if lang not in LANGUAGES:  # it is written into HTML that runs: only a known code
        raise ValueError(f"unknown language {lang!r}")
    st.html(
        f'<script src="{LANGUAGE_SCRIPT}" data-lang="{lang}"></script>',
        unsafe_allow_javascript=True,
        width="content",
    )


class FinishedFigure(go.Figure):
    """A memoised figure that many sessions draw: its plain dict is made once, then only read.

    `st.plotly_chart` asks every figure for `to_dict()`, a deep copy, on every run. A finished
    figure answers with the one dict it made when it was finished. Never change it afterwards.
    """

    def __init__(self, fig: go.Figure) -> None:
        super().__init__(fig)
        self._plain = super().to_dict()

    def to_dict(self) -> dict[str, Any]:
        return self._plain


def chart(fig: go.Figure, *, key: str, alt: str, filename: str, **kwargs: Any) -> Any:
    """A Plotly chart drawn with the project's template (not Streamlit's theme) and alt text."""
    return st.plotly_chart(
        fig, width="stretch", theme=None, key=key, alt=alt, config=chart_config(filename), **kwargs
    )


PAGE_SIZE = 20  # items a long list shows at a time


def page(count: int, key: str, label: str) -> slice:
    """Which items of a long list to draw: all of a short one, a chosen page of a long one
    (newest first)."""
    if count <= PAGE_SIZE:
        return slice(None)
    # Made now, in the reader's language: Streamlit may call format_func outside this run.
    names = {
        i: (
            _("{first}–{last} of {count} (newest)") if i == 0 else _("{first}–{last} of {count}")
        ).format(first=number(i + 1), last=number(min(i + PAGE_SIZE, count)), count=number(count))
        for i in range(0, count, PAGE_SIZE)
    }
    start = st.selectbox(label, list(names), format_func=names.__getitem__, key=key)
    return slice(start, start + PAGE_SIZE)


def downloads(
    rows: Callable[[], Sequence[dict[str, Any]]], name: str, label: str, key: str
) -> None:
    """CSV and JSON download buttons for the same rows, made only when a button is clicked."""
    left, right = st.columns(2)
    left.download_button(
        f"{label} (CSV)", lambda: to_csv(rows()), file_name=f"{name}.csv", mime="text/csv",
        key=f"{key}-csv", width="stretch",
    )  # fmt: skip
    right.download_button(
        f"{label} (JSON)", lambda: to_json(rows()), file_name=f"{name}.json",
        mime="application/json", key=f"{key}-json", width="stretch",
    )  # fmt: skip


CHAR_PX = 6.6  # a table cell's average character in 14 px Source Sans, with room for capitals
CELL_PADDING = 22  # the cell's padding, and the heading's sort arrow


def fit(rows: Sequence[dict[str, Any]], key: str, heading: str, most: int = 240) -> int:
    """A column's width in pixels that shows its longest value (or heading) whole, up to `most`:
    a cut-off "United Kingdom" or "Peace deal; Parliament" reads as another value."""
    longest = max([len(heading), *(len(str(row.get(key) or "")) for row in rows)])
    return min(most, round(longest * CHAR_PX + CELL_PADDING))


DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"  # the box refuses anything else, with the message below


def date_field(
    label: str, *, key: str, default: dt.date, default_words: str, latest: dt.date, help: str
) -> dt.date:
    """A date typed as YYYY-MM-DD that applies on Enter (or on leaving the box), bound to the URL.

    Empty means `default`, which the box shows greyed. A value that is not a date, or is later
    than `latest`, is named in one line and the default is shown instead."""
    text = (
        st.text_input(
            label,
            value="",
            key=key,
            bind="query-params",
            autocomplete="off",
            placeholder=_("{date} ({meaning})").format(
                date=default.isoformat(), meaning=default_words
            ),
            validate=(DATE_PATTERN, _("Write the date as YYYY-MM-DD, for example 2025-03-18.")),
            help=help,
        )  # fmt: skip
        or ""
    ).strip()
    if not text:
        return default
    try:
        value = dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        value = None
    if value is None:
        st.error(
            _("{field}: “{typed}” is not a date. Write it as YYYY-MM-DD; showing {date}.").format(
                field=label, typed=md(text[:20]), date=day(default)
            )
        )
        return default
    if value > latest:
        st.error(
            _("{field}: {date} is after {latest}, the latest it can be; showing {shown}.").format(
                field=label, date=day(value), latest=day(latest), shown=day(default)
            )
        )
        return default
    return value


def as_of_notice(as_of: dt.date, today: dt.date, first: dt.date | None) -> bool:
    """Say when the view is in the past; return False when there is nothing to show yet."""
    if first is not None and as_of < first:
        st.warning(
            _(
                "No statements on or before {date}: the first one in the data is from {first}. "
                "Pick a later date under *As of*."
            ).format(date=day(as_of), first=day(first))
        )
        return False
    if as_of != today:
        st.info(_("Showing the coalition as it stood on **{date}**.").format(date=day(as_of)))
    return True


def text_block(label: str, value: str | None) -> None:
    if value:
        st.markdown(_("**{label}:** {value}").format(label=label, value=md(value)))
