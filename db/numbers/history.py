"""How the coalition changed: totals at every statement date, and the changes between two dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from db.contract.models import Country, Dataset
from db.numbers.totals import Position, Totals, advance, totals_from


@dataclass(frozen=True)
class Change:
    iso3: str
    name: str
    before: Position | None  # the position on the start date, if any
    after: Position  # the position the new statement made (figure and conditions carried)


def country_steps(country: Country) -> list[Position]:
    """The country's position after each of its statements, in order: figures and conditions
    carried as on every other surface."""
    steps: list[Position] = []
    for statement in country.statements:
        steps.append(advance(steps[-1] if steps else None, country, statement))
    return steps


MAX_POINTS = 60


def sample_dates(dates: list[dt.date], until: dt.date, limit: int = MAX_POINTS) -> list[dt.date]:
    """Every statement date while there are few; else month ends, thinned evenly to `limit`."""
    dates = sorted({d for d in dates if d <= until})
    if len(dates) > limit:
        month_ends: dict[tuple[int, int], dt.date] = {}
        for day in dates:
            month_ends[(day.year, day.month)] = day  # the last statement date of each month
        dates = sorted(month_ends.values())
    if len(dates) > limit:
        step = (len(dates) - 1) / (limit - 1)
        dates = sorted({dates[round(i * step)] for i in range(limit)})
    if dates and dates[-1] != until:
        dates.append(until)
    return dates


def history(
    dataset: Dataset,
    until: dt.date,
    countries: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
) -> list[Totals]:
    """Totals on each statement date (or month end, for long histories) up to `until`.

    One sweep through all statements in date order, keeping each country's latest, so the cost
    grows with the number of statements, not statements times dates.
    """
    dated = sorted(
        (s.date, i, seq, c)
        for i, c in enumerate(dataset.countries)
        if countries is None or c.iso3 in countries
        for seq, s in enumerate(c.statements)
    )
    current: dict[str, Position] = {}
    out, k = [], 0
    for day in sample_dates([d for d, *_ in dated], until):
        while k < len(dated) and dated[k][0] <= day:
            _, _, seq, country = dated[k]
            statement = country.statements[seq]
            current[country.iso3] = advance(
                current.get(country.iso3), country, statement, dataset.outlets
            )
            k += 1
        chosen = [p for p in current.values() if statuses is None or p.status in statuses]
        out.append(totals_from(dataset, day, chosen))
    return out


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
            after = advance(before, country, statement, dataset.outlets)
            if start < statement.date <= end:
                wanted = {statement.status, before.status if before else statement.status}
                if statuses is None or wanted & set(statuses):
                    out.append(Change(country.iso3, country.name, before, after))
            if statement.date > end:
                break
            before = after
    out.sort(key=lambda c: (-c.after.since.toordinal(), c.name))
    return out
