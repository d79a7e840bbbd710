"""Every chart's text alternative states its numbers: made in db/numbers/headline.py, exact on
the `july-2025` fixture (the project's data up to 10 July 2025, frozen for tests)."""

from __future__ import annotations

import datetime as dt

from components.render.briefing import export_figure
from db.contract.validate import validate_folder
from db.numbers.headline import country_alt, headline, history_alt, map_alt, status_history_alt
from db.numbers.history import country_steps, history
from tests.conftest import JULY

AS_OF = dt.date(2025, 5, 1)


def test_each_chart_is_described_with_its_numbers() -> None:
    dataset = validate_folder(JULY, today=dt.date(2026, 12, 2)).dataset
    h = headline(dataset, AS_OF)
    assert map_alt(h.totals, h.words) == (
        "Map of the coalition's members by status on 1 May 2025: 5 willing to send troops; "
        "5 open to involvement; 1 support, no troops on the ground; 6 in the talks, no position."
    )
    steps = history(dataset, AS_OF)
    assert history_alt(steps, "troops") == (
        "Step line chart of stated troops over time, on a calendar axis: 0 on 17 March 2025, "
        "250–450 on 1 May 2025."
    )
    assert status_history_alt(steps, h.words) == (
        "Stacked step chart of the number of countries in each status over time. On 17 March "
        "2025: 1 willing to send troops; 2 open to involvement; 5 in the talks, no position. On "
        "1 May 2025: 5 willing to send troops; 5 open to involvement; 1 support, no troops on "
        "the ground; 6 in the talks, no position."
    )
    estonia = next(c for c in dataset.countries if c.iso3 == "EST")
    assert country_alt(estonia.name, country_steps(estonia), h.words) == (
        "Timeline of Estonia's statements by status: 21 March 2025, willing; 30 April 2025, "
        "willing."
    )


def test_a_key_figure_with_no_value_reads_by_its_label() -> None:
    """The image shows a big 'none' over 'no figure reported by the press'; read aloud, the
    label alone says it ('none no figure ...' would not)."""
    dataset = validate_folder(JULY, today=dt.date(2026, 12, 2)).dataset
    figure = export_figure("briefing", dataset, headline(dataset, AS_OF), "slide")
    assert (
        "Key figures: 250–450 troops stated on the record; no figure reported by the press; "
        "10,000–30,000 target cited since 17 March 2025; 5 willing to send troops"
    ) in figure.layout.meta["alt"]
