"""The one place numbers, ranges, percentages and dates are written for a reader, in the
language in force: "14,750–14,950", "1.7%", "8 January 2026" in English; "14 750–14 950",
"1,7 %", "8 janvier 2026" in French (Babel, from the Unicode CLDR data).

The language is a context variable: a dashboard session, a CLI command or an export sets it
once with `speaking(lang)`, and every sentence made inside writes its numbers and dates that
way. Machine fields (CSV codes, JSON, ISO dates) never go through here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("en", "fr")
DEFAULT = "en"
_language: ContextVar[str] = ContextVar("language", default=DEFAULT)


def language() -> str:
    """The language sentences are made in now."""
    return _language.get()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Make every number and date inside in `lang` (one of LANGUAGES)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    token = _language.set(lang)
    try:
        yield
    finally:
        _language.reset(token)


def number(value: int) -> str:
    """'14,750' in English, '14 750' (a narrow no-break space) in French."""
    return format_decimal(value, locale=language())


def _rounded(value: float) -> Decimal:
    """One decimal below 10, none above: '1.7', '25'."""
    return Decimal(str(round(value, 1) if value < 10 else round(value))).normalize()


def percent(value: float) -> str:
    """A percentage given as 0–100: '1.7%', '25%'; French spaces the sign ('1,7 %')."""
    return format_percent(_rounded(value) / 100, locale=language(), decimal_quantization=False)


def percent_range(low: float, high: float) -> str:
    """'1.7–3%' ('1,7–3 %'): the sign once, after the range."""
    start = format_decimal(_rounded(low), locale=language(), decimal_quantization=False)
    return f"{start}–{percent(high)}"


def date(value: dt.date, short: bool = False) -> str:
    """'8 January 2026' or '8 Jan 2026' (short: tables, images, lists); '8 janvier 2026' or
    '8 janv. 2026' in French. No leading zero."""
    return format_date(value, "d MMM y" if short else "d MMMM y", locale=language())
