"""What a change to the pledge files does: countries added, removed and changed, statements
matched by content, and the sources added."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from db.contract.models import Country, Dataset, Source, Statement
from db.numbers.totals import Position, position_on
from db.pulls.git import Side


@dataclass(frozen=True)
class CountryChange:
    iso3: str
    name: str
    kind: str  # added, removed, changed
    before: Position | None  # in force on the as-of date, with the figure in force
    after: Position | None
    new_statements: tuple[Statement, ...] = ()
    edited: tuple[dt.date, ...] = ()  # existing statements changed or removed: history rewritten
    backfilled: tuple[dt.date, ...] = ()  # new statements dated before existing ones


@dataclass(frozen=True)
class Comparison:
    base: Side
    head: Side
    as_of: dt.date
    countries: tuple[CountryChange, ...] = ()
    sources_added: tuple[Source, ...] = field(default_factory=tuple)


def compare(base: Side, head: Side, as_of: dt.date) -> Comparison:
    if base.report.dataset is None or head.report.dataset is None:
        return Comparison(base, head, as_of)
    before = {c.iso3: c for c in base.report.dataset.countries}
    after = {c.iso3: c for c in head.report.dataset.countries}
    changes = []
    for code in sorted(before.keys() | after.keys()):
        old, new = before.get(code), after.get(code)
        if old == new:
            continue
        changes.append(_country_change(code, old, new, as_of))
    old_urls = _source_urls(base.report.dataset)
    added = {
        s.url: s
        for c in head.report.dataset.countries
        for st in c.statements
        for s in st.sources
        if s.url not in old_urls
    }
    return Comparison(base, head, as_of, tuple(changes), tuple(added.values()))


def _source_urls(dataset: Dataset) -> set[str]:
    return {s.url for c in dataset.countries for st in c.statements for s in st.sources}


def _in_force(country: Country | None, as_of: dt.date) -> Position | None:
    return position_on(country, as_of) if country is not None else None


def _country_change(
    code: str, old: Country | None, new: Country | None, as_of: dt.date
) -> CountryChange:
    name = (new or old).name
    if old is None:
        return CountryChange(
            code, name, "added", None, _in_force(new, as_of), tuple(new.statements)
        )
    if new is None:
        return CountryChange(code, name, "removed", _in_force(old, as_of), None)
    # Statements are matched by content, not by position: a missed earlier report added in its
    # date order is a new statement, not an edit of the ones after it. An unmatched new statement
    # with the date of an unmatched old one is that statement edited.
    kept = Counter(map(_identity, new.statements))
    gone = []
    for statement in old.statements:
        if kept[_identity(statement)]:
            kept[_identity(statement)] -= 1
        else:
            gone.append(statement)
    remaining = Counter(map(_identity, old.statements))
    replaced = Counter(s.date for s in gone)
    added = []
    for statement in new.statements:
        if remaining[_identity(statement)]:
            remaining[_identity(statement)] -= 1
        elif replaced[statement.date]:
            replaced[statement.date] -= 1
        else:
            added.append(statement)
    edited = [s.date for s in gone]
    newest_old = max(s.date for s in old.statements)
    return CountryChange(
        code,
        name,
        "changed",
        _in_force(old, as_of),
        _in_force(new, as_of),
        tuple(added),
        tuple(edited),
        tuple(s.date for s in added if s.date < newest_old),
    )


def _identity(statement: Statement) -> str:
    return statement.model_dump_json()
