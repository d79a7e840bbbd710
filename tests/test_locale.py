"""Numbers and dates as each language writes them, from the one formatter (db/locale.py):
English stays as every other test pins it; French groups thousands with a narrow no-break space,
spaces the percent sign and writes its own month names."""

from __future__ import annotations

import datetime as dt

import pytest

from db.locale import language, speaking
from db.numbers.totals import day, format_range

NNBSP = "\u202f"  # narrow no-break space: French thousands
NBSP = "\u00a0"  # no-break space: before the French percent sign


def test_english_is_the_default_and_unchanged() -> None:
    assert language() == "en"
    assert format_range(14_750, 14_950) == "14,750–14,950"
    assert format_range(7_500, 7_500, "up_to") == "up to 7,500"
    assert day(dt.date(2026, 1, 8)) == "8 January 2026"
    assert day(dt.date(2025, 9, 4), short=True) == "4 Sep 2025"


def test_french_numbers_ranges_percentages_and_dates() -> None:
    from db.locale import percent, percent_range

    with speaking("fr"):
        assert format_range(14_750, 14_950) == f"14{NNBSP}750–14{NNBSP}950"
        assert percent_range(1.7, 3) == f"1,7–3{NBSP}%"
        assert percent(25.4) == f"25{NBSP}%"
        assert day(dt.date(2026, 5, 18)) == "18 mai 2026"
        assert day(dt.date(2026, 1, 8)) == "8 janvier 2026"
        assert day(dt.date(2026, 1, 8), short=True) == "8 janv. 2026"
        assert day(dt.date(2026, 5, 1)) == "1er mai 2026"
    assert language() == "en"  # the language ends with its block


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'de': use one of en, fr"):
        with speaking("de"):
            pass
