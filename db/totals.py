"""The one totals function: each country's position on a date, and what the coalition adds up to.

App, CLI and exports all call `compute_totals`; nothing else sums troops.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from db.contract import STATUSES, Country, Dataset, Statement, Troops

_STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}


@dataclass(frozen=True)
class Position:
    """A country's statement in force on a date, and the date it was made."""

    iso3: str
    name: str
    statement: Statement

    @property
    def status(self) -> str:
        return self.statement.status

    @property
    def since(self) -> dt.date:
        return self.statement.date

    @property
    def troops_low(self) -> int | None:
        return self.statement.troops.min if self.statement.troops else None

    @property
    def troops_high(self) -> int | None:
        return self.statement.troops.max if self.statement.troops else None

    @property
    def roles(self) -> list[str]:
        return list(self.statement.roles)


@dataclass(frozen=True)
class Totals:
    as_of: dt.date
    target_min: int
    target_max: int
    low: int
    high: int
    positions: tuple[Position, ...]
    unquantified: tuple[Position, ...]  # willing to send troops, no number stated
    counts: dict[str, int]
    leads: tuple[Position, ...]
    data_as_of: dt.date | None  # newest statement on or before as_of


def statement_on(country: Country, as_of: dt.date) -> Statement | None:
    """The latest statement on or before `as_of`; of two on one day, the one listed later."""
    current = None
    for statement in country.statements:
        if statement.date > as_of:
            break
        current = statement
    return current


def compute_totals(
    dataset: Dataset,
    as_of: dt.date,
    countries: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
) -> Totals:
    """Sum stated figures (low = minimums, high = maximums); no number is never zero.

    `countries` and `statuses` narrow the view: a country counts if its code is in `countries`
    and the status of its statement in force on `as_of` is in `statuses`.
    """
    positions = []
    for country in dataset.countries:
        if countries is not None and country.iso3 not in countries:
            continue
        statement = statement_on(country, as_of)
        if statement is not None and (statuses is None or statement.status in statuses):
            positions.append(Position(country.iso3, country.name, statement))
    return totals_from(dataset, as_of, positions)


def totals_from(dataset: Dataset, as_of: dt.date, positions: list[Position]) -> Totals:
    """The sums for positions already chosen (compute_totals, or a sweep through history)."""
    positions = list(positions)
    positions.sort(key=lambda p: (_STATUS_RANK[p.status], -(p.troops_high or 0), p.name))
    willing = [p for p in positions if p.status == "troops"]
    return Totals(
        as_of=as_of,
        target_min=dataset.coalition.target.min,
        target_max=dataset.coalition.target.max,
        low=sum(p.troops_low or 0 for p in willing),
        high=sum(p.troops_high or 0 for p in willing),
        positions=tuple(positions),
        unquantified=tuple(p for p in willing if p.statement.troops is None),
        counts={s: sum(1 for p in positions if p.status == s) for s in STATUSES},
        leads=tuple(p for p in positions if "lead" in p.statement.roles),
        data_as_of=max((p.since for p in positions), default=None),
    )


def format_figure(troops: Troops | None) -> str:
    """'~200', '50–250' or '': the one way troop figures are written everywhere."""
    if troops is None:
        return ""
    prefix = "~" if troops.approximate else ""
    if troops.min == troops.max:
        return f"{prefix}{troops.min:,}"
    return f"{prefix}{troops.min:,}–{troops.max:,}"


def format_troops(position: Position) -> str:
    """A position's figure, or 'no number' for a country willing to send troops without one."""
    if position.statement.troops is None and position.status == "troops":
        return "no number"
    return format_figure(position.statement.troops)


def summary_document(dataset: Dataset, totals: Totals) -> dict[str, Any]:
    """The `coalition summary --json` shape, documented in the README."""
    return {
        "coalition": dataset.coalition.name,
        "as_of": totals.as_of.isoformat(),
        "target": {"min": totals.target_min, "max": totals.target_max},
        "troops": {"low": totals.low, "high": totals.high},
        "countries": [
            {
                "iso3": p.iso3,
                "name": p.name,
                "status": p.status,
                "troops_low": p.troops_low,
                "troops_high": p.troops_high,
                "roles": p.roles,
                "since": p.since.isoformat(),
            }
            for p in totals.positions
        ],
    }
