"""The one place numbers, ranges, percentages and dates are written for a reader, in the
language in force: "14,750–14,950", "1.7%", "8 January 2026" in English; "14 750–14 950",
"1,7 %", "8 janvier 2026" in French (Babel, from the Unicode CLDR data).

The language is a context variable: a dashboard session, a CLI command or an export sets it
once with `speaking(lang)`, and every sentence made inside writes its numbers and dates that
way. Machine fields (CSV codes, JSON, ISO dates) never go through here.

Words come from message catalogues: `_("...")` marks an English sentence (a template with named
fields, filled after translation) and returns it in the language in force, from
`db/locales/<lang>/LC_MESSAGES/*.po` (gettext's format, read with Babel). A sentence
with no translation stays English. `tests/test_catalogue.py` keeps the catalogues complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("en", "fr")
DEFAULT = "en"
# Each language's name in itself, for the switch that chooses it.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
LOCALES = Path(__file__).resolve().parent / "locales"
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
    return _number(value, language())


# Babel takes some 10-20 µs a call; the same few figures and dates are written thousands of
# times per build, so each is made once per language.
@lru_cache(maxsize=8192)
def _number(value: int, lang: str) -> str:
    return format_decimal(value, locale=lang)


def decimal(value: float, places: int = 1) -> str:
    """A measured quantity with exactly `places` decimals: '2.0' in English, '2,0' in French."""
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(round(value, places), format=pattern, locale=language())


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
    '8 janv. 2026' in French, and '1er mai 2026' for the first. No leading zero."""
    return _date(value, short, language())


@lru_cache(maxsize=8192)
def _date(value: dt.date, short: bool, lang: str) -> str:
    text = format_date(value, "d MMM y" if short else "d MMMM y", locale=lang)
    if lang == "fr" and value.day == 1:
        text = "1er" + text[1:]  # French writes the first of the month as an ordinal
    return text


def catalogue_files(lang: str) -> list[Path]:
    """`db/locales/<lang>/LC_MESSAGES/*.po`: one file per part of the code (headline, pages,
    cli, ...), read together as one catalogue."""
    return sorted((LOCALES / lang / "LC_MESSAGES").glob("*.po"))


@cache
def catalogue(lang: str) -> dict[str | tuple[str, str], str | tuple[str, ...]]:
    """The translated messages of `lang` (fuzzy and empty ones left out), read once. A plural
    message is keyed by its (singular, plural) pair and holds one form per plural category."""
    found: dict[str | tuple[str, str], str | tuple[str, ...]] = {}
    for path in catalogue_files(lang):
        with path.open("rb") as file:
            messages = read_po(file, locale=lang)
        for m in messages:
            if not m.id or not m.string or m.fuzzy:
                continue
            if isinstance(m.id, tuple | list):
                if all(m.string):
                    found[tuple(m.id)] = tuple(m.string)
            else:
                found[m.id] = m.string
    return found


def _(message: str) -> str:
    """`message` (English) in the language in force; English where it has no translation."""
    lang = language()
    if lang == DEFAULT:
        return message
    text = catalogue(lang).get(message, message)
    return text if isinstance(text, str) else message


# The plural category of a count, by language (gettext's Plural-Forms): English says "0
# statements", French "0 déclaration".
_PLURAL = {"en": lambda n: 0 if n == 1 else 1, "fr": lambda n: 0 if n <= 1 else 1}


def _n(singular: str, plural: str, count: int) -> str:
    """The form of a sentence about `count` things, in the language in force: `singular` and
    `plural` are the English forms; fill {count} (or other fields) after, with `.format`."""
    lang = language()
    if lang != DEFAULT:
        forms = catalogue(lang).get((singular, plural))
        index = _PLURAL[lang](abs(count))
        if isinstance(forms, tuple) and index < len(forms):
            return forms[index]
    return singular if _PLURAL[DEFAULT](abs(count)) == 0 else plural
