"""How the coalition changed: totals at every statement date, and the changes between two dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from db.contract import Dataset, Statement
from db.totals import Totals, compute_totals


@dataclass(frozen=True)
class Change:
    iso3: str
    name: str
    before: Statement | None  # the statement in force on the start date, if any
    after: Statement


def statement_dates(dataset: Dataset, countries: Collection[str] | None = None) -> list[dt.date]:
    return sorted(
        {
            s.date
            for c in dataset.countries
            if countries is None or c.iso3 in countries
            for s in c.statements
        }
    )


def history(
    dataset: Dataset,
    until: dt.date,
    countries: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
) -> list[Totals]:
    """Totals on each date a statement was made, up to `until`, plus `until` itself."""
    dates = [d for d in statement_dates(dataset, countries) if d <= until]
    if dates and dates[-1] != until:
        dates.append(until)
    return [compute_totals(dataset, day, countries, statuses) for day in dates]


def changes(
    dataset: Dataset,
    start: dt.date,
    end: dt.date,
    countries: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
) -> list[Change]:
    """Statements made after `start`, up to `end`, newest first, each with what it replaced.

    With `statuses`, a change counts if the status before or after it is one of them.
    """
    out = []
    for country in dataset.countries:
        if countries is not None and country.iso3 not in countries:
            continue
        before = None
        for statement in country.statements:
            if statement.date <= start:
                before = statement
            elif statement.date <= end:
                wanted = {statement.status, before.status if before else statement.status}
                if statuses is None or wanted & set(statuses):
                    out.append(Change(country.iso3, country.name, before, statement))
                before = statement
    out.sort(key=lambda c: (-c.after.date.toordinal(), c.name))
    return out
