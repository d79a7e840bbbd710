"""The one totals function: each country's position on a date, and what the coalition adds up to.

App, CLI and exports all call `compute_totals` (through `db.headline`); nothing else sums troops.
Two sums are kept apart: the *stated* sum adds only figures the governments gave on the record
(basis `official`); the *reported* sum ("with press reports") adds to them the figures the press
reported from unnamed officials (basis `reported`) and those inferred from a unit a source names
(basis `derived`). A country willing to send troops with no figure is counted in
neither, and a figure reported only for several countries together is never added at all.
Two press figures the data marks as different accounts not to be added together (`account`,
`not_added_with`) are never both in the sum with press reports: one counts, the other is named.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

from db.contract.models import (
    BASES,
    SOURCE_KINDS,
    STATUSES,
    WEAK_KINDS,
    Country,
    CountryTroops,
    Dataset,
    DatedTarget,
    JointFigure,
    Outlet,
    Source,
    Statement,
    Troops,
    Unit,
)
from db.locale import DEFAULT, _, date, language, number

_STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}


@dataclass(frozen=True)
class Position:
    """A country's statement in force on a date, and the statement its figure comes from.

    A figure stays in force until the country gives a new one or stops being willing to send
    troops: a later statement that restates the offer without a number does not erase it.
    `figured` is the statement that gave the figure in force (the same statement, an earlier
    one, or None). Conditions belong to the offer in the same way: `conditioned` is the statement
    whose conditions are in force, kept while later statements name none, ended by an explicit
    `conditions: []` or by a status other than troops or open.
    """

    iso3: str
    name: str
    statement: Statement
    figured: Statement | None = None
    checked: dt.date | None = None  # when the country's file was last reviewed in full
    source_kind: str | None = None  # the strongest kind among the statement's sources
    conditioned: Statement | None = None  # the statement whose conditions are in force

    @property
    def carried(self) -> bool:
        """The figure in force comes from an earlier statement than the position."""
        return self.figured is not None and self.figured is not self.statement

    @property
    def weakly_sourced(self) -> bool:
        """The position rests only on republishers, aggregators or state media of a party."""
        return self.source_kind in WEAK_KINDS

    @property
    def status(self) -> str:
        return self.statement.status

    @property
    def since(self) -> dt.date:
        return self.statement.date

    @property
    def troops(self) -> CountryTroops | None:
        """The figure in force, wherever it was given."""
        return self.figured.troops if self.figured is not None else None

    @property
    def figure_since(self) -> dt.date | None:
        return self.figured.date if self.figured is not None else None

    @property
    def figure_source(self) -> Source | None:
        """The source of the figure in force (its statement's first), wherever it was given."""
        return self.figured.sources[0] if self.figured is not None else None

    @property
    def shown_source(self) -> Source:
        """The source shown beside a position: its figure's when it has one, else its own."""
        return self.figure_source or self.statement.sources[0]

    @property
    def troops_low(self) -> int | None:
        return self.troops.min if self.troops else None

    @property
    def troops_high(self) -> int | None:
        return self.troops.max if self.troops else None

    @property
    def basis(self) -> str | None:
        """'official', 'reported' or 'derived' for a figure; None without one."""
        return self.troops.basis if self.troops else None

    @property
    def roles(self) -> list[str]:
        return list(self.statement.roles)

    @property
    def conditions(self) -> list[str]:
        """The conditions in force, wherever they were stated."""
        return list(self.conditioned.conditions or []) if self.conditioned is not None else []

    @property
    def conditions_since(self) -> dt.date | None:
        return self.conditioned.date if self.conditioned is not None else None


@dataclass(frozen=True)
class NotAdded:
    """A figure left out of the sum with press reports: the data records that it and the
    figure of `counted` come from different accounts, which must not be added together."""

    position: Position
    counted: Position


def _apart(a: Position, b: Position) -> bool:
    """The data marks the two figures as accounts not to be added, and they are not one account."""
    marked = b.iso3 in a.troops.not_added_with or a.iso3 in b.troops.not_added_with
    return marked and not (a.troops.account and a.troops.account == b.troops.account)


def _precedence(p: Position) -> tuple:
    """Which of two such figures counts: one stated on the record, else the newer, else the
    larger, else the first by name."""
    return (p.basis != "official", -p.figure_since.toordinal(), -(p.troops_high or 0), p.name)


def added(figures: Collection[Position]) -> tuple[list[Position], tuple[NotAdded, ...]]:
    """The figures the sum with press reports adds, and those it leaves out (`not_added`)."""
    apart = not_added(figures)
    left_out = {n.position.iso3 for n in apart}
    return [p for p in figures if p.iso3 not in left_out], apart


def not_added(figures: Collection[Position]) -> tuple[NotAdded, ...]:
    """The figures the sum with press reports leaves out, each with the one it counts instead."""
    ranked = sorted(figures, key=_precedence)
    out: dict[str, NotAdded] = {}
    for keeper in ranked:
        if keeper.iso3 in out:
            continue
        for other in ranked:
            if other is not keeper and other.iso3 not in out and _apart(keeper, other):
                out[other.iso3] = NotAdded(other, keeper)
    return tuple(out.values())


@dataclass(frozen=True)
class Totals:
    as_of: dt.date
    target: DatedTarget | None  # the band in force on as_of: the latest cited on or before it
    low: int  # stated: official figures only
    high: int
    reported_low: int  # official and reported figures together
    reported_high: int
    positions: tuple[Position, ...]
    unquantified: tuple[Position, ...]  # willing to send troops, no number stated
    reported: tuple[Position, ...]  # willing, with a figure the press reported
    derived: tuple[Position, ...]  # willing, with a figure inferred from a unit a source names
    counts: dict[str, int]
    leads: tuple[Position, ...]
    data_as_of: dt.date | None  # newest statement in this view on or before as_of
    joint: tuple[JointFigure, ...] = ()  # figures for several countries together, never summed
    not_added: tuple[NotAdded, ...] = ()  # press figures left out of the sum with press reports

    @property
    def left_out(self) -> frozenset[str]:
        """The codes of the figures the sum with press reports leaves out."""
        return frozenset(n.position.iso3 for n in self.not_added)

    @property
    def target_min(self) -> int | None:
        return self.target.min if self.target else None

    @property
    def target_max(self) -> int | None:
        return self.target.max if self.target else None

    @property
    def official(self) -> tuple[Position, ...]:
        """Willing countries whose figure the government gave on the record."""
        return tuple(p for p in self.positions if p.status == "troops" and p.basis == "official")


def statement_on(country: Country, as_of: dt.date) -> Statement | None:
    """The latest statement on or before `as_of`; of two on one day, the one listed later."""
    current = None
    for statement in country.statements:
        if statement.date > as_of:
            break
        current = statement
    return current


def position_on(
    country: Country, as_of: dt.date, outlets: Mapping[str, Outlet] | None = None
) -> Position | None:
    """The country's position on `as_of`: its statement in force and the figure in force,
    graded by its strongest source when the outlet register is given."""
    position = None
    for statement in country.statements:
        if statement.date > as_of:
            break
        position = advance(position, country, statement, outlets)
    return position


CONDITIONAL = frozenset({"troops", "open"})  # the statuses an offer's conditions belong to


def advance(
    before: Position | None,
    country: Country,
    statement: Statement,
    outlets: Mapping[str, Outlet] | None = None,
) -> Position:
    """The country's position after `statement`, given the one before it: the one place the
    rules for what a later statement keeps live (the figure, the conditions)."""
    conditioned = before.conditioned if before is not None else None
    if statement.status not in CONDITIONAL:
        conditioned = None
    elif statement.conditions is not None:
        conditioned = statement
    return Position(
        country.iso3, country.name, statement,
        carried(before.figured if before is not None else None, statement), country.checked,
        strongest_kind(statement, outlets or {}), conditioned,
    )  # fmt: skip


def strongest_kind(statement: Statement, outlets: Mapping[str, Outlet]) -> str | None:
    """The strongest kind (SOURCE_KINDS order) among the outlets of a statement's sources."""
    kinds = [outlets[s.outlet].kind for s in statement.sources if s.outlet in outlets]
    return min(kinds, key=SOURCE_KINDS.index) if kinds else None


def carried(figured: Statement | None, statement: Statement) -> Statement | None:
    """The statement whose figure is in force after `statement`: a new figure replaces the old,
    a status other than troops drops it, a troops statement without a number keeps it."""
    if statement.status != "troops":
        return None
    return statement if statement.troops is not None else figured


def name_key(name: str) -> str:
    """How a name sorts: as written in English; outside English, an accented letter sorts with
    its plain one ('États-Unis' before 'France'), as a French reader expects."""
    if language() == DEFAULT:
        return name
    return unicodedata.normalize("NFKD", name).casefold()


def compute_totals(
    dataset: Dataset,
    as_of: dt.date,
    countries: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
) -> Totals:
    """Sum figures (low = minimums, high = maximums); no number is never zero.

    `countries` and `statuses` narrow the view: a country counts if its code is in `countries`
    and the status of its statement in force on `as_of` is in `statuses`.
    """
    positions = []
    for country in dataset.countries:
        if countries is not None and country.iso3 not in countries:
            continue
        position = position_on(country, as_of, dataset.outlets)
        if position is not None and (statuses is None or position.status in statuses):
            positions.append(position)
    return totals_from(dataset, as_of, positions, countries)


def totals_from(
    dataset: Dataset,
    as_of: dt.date,
    positions: list[Position],
    countries: Collection[str] | None = None,
) -> Totals:
    """The sums for positions already chosen (compute_totals, or a sweep through history)."""
    positions = list(positions)
    positions.sort(key=lambda p: (_STATUS_RANK[p.status], -(p.troops_high or 0), name_key(p.name)))
    willing = [p for p in positions if p.status == "troops"]
    official = [p for p in willing if p.basis == "official"]
    reported = [p for p in willing if p.basis == "reported"]
    derived = [p for p in willing if p.basis == "derived"]
    joint = tuple(
        j
        for j in dataset.coalition.joint_figures
        if j.date <= as_of and (countries is None or set(j.countries) & set(countries))
    )
    press, apart = added(official + reported + derived)
    return Totals(
        as_of=as_of,
        target=dataset.coalition.target_on(as_of),
        low=sum(p.troops_low or 0 for p in official),
        high=sum(p.troops_high or 0 for p in official),
        reported_low=sum(p.troops_low or 0 for p in press),
        reported_high=sum(p.troops_high or 0 for p in press),
        positions=tuple(positions),
        unquantified=tuple(p for p in willing if p.troops is None),
        reported=tuple(reported),
        derived=tuple(derived),
        counts={s: sum(1 for p in positions if p.status == s) for s in STATUSES},
        leads=tuple(p for p in positions if "lead" in p.statement.roles),
        data_as_of=max((p.since for p in positions), default=None),
        joint=joint,
        not_added=apart,
    )


@dataclass(frozen=True)
class ConditionShare:
    """How much of one status's offers depends on one condition."""

    status: str  # troops or open: the statuses an offer's conditions belong to
    condition: str | None  # None: the offers that state no condition
    positions: tuple[Position, ...]
    low: int  # stated (official) figures of those countries
    high: int
    reported_low: int  # with reported figures
    reported_high: int


def by_condition(totals: Totals, conditions: Collection[str]) -> list[ConditionShare]:
    """For each status that can carry conditions (willing, then open) and each condition, the
    countries whose offer depends on it, and their figures; conditions in force are those the
    position carries, wherever they were stated.

    A country with two conditions appears under both: the shares overlap and do not add up to
    the total. Each status's last share holds the offers that state no condition.
    """
    shares = []
    for status in sorted(CONDITIONAL, key=STATUSES.index):
        offers = [p for p in totals.positions if p.status == status]
        for condition in [*conditions, None]:
            members = tuple(
                p for p in offers if (condition in p.conditions if condition else not p.conditions)
            )
            official = [p for p in members if p.basis == "official"]
            both = added([p for p in members if p.basis is not None])[0]
            shares.append(
                ConditionShare(
                    status,
                    condition,
                    members,
                    sum(p.troops_low or 0 for p in official),
                    sum(p.troops_high or 0 for p in official),
                    sum(p.troops_low or 0 for p in both),
                    sum(p.troops_high or 0 for p in both),
                )
            )
    return [s for s in shares if s.positions]


def format_range(low: int, high: int, qualifier: str | None = None) -> str:
    """'2,500' for one figure, '250–450' for a range, 'about 200', 'up to 7,500' or 'at least
    100' when the source qualifies it ('environ 200', 'jusqu’à 7 500', 'au moins 100' in
    French): the one way numbers are written everywhere."""
    figure = number(low) if low == high else f"{number(low)}–{number(high)}"
    if qualifier == "about":
        return _("about {figure}").format(figure=figure)
    if qualifier == "up_to":
        return _("up to {figure}").format(figure=figure)
    if qualifier == "at_least":
        return _("at least {figure}").format(figure=figure)
    return figure


def format_figure(troops: Troops | None) -> str:
    """'about 200', '50–250' or '': a statement's figure."""
    if troops is None:
        return ""
    return format_range(troops.min, troops.max, troops.qualifier)


def basis_word(basis: str | None) -> str:
    """'', 'reported' or 'derived': how a figure is known, in one word (a chart's label)."""
    if basis == "reported":
        return _("reported")
    if basis == "derived":
        return _("derived")
    return ""


class _BasisWords(Mapping[str, str]):
    """`basis_word` as a mapping from basis to word, read in the language in force at each
    look-up (a dict made at import would hold English for good)."""

    def __getitem__(self, basis: str) -> str:
        if basis not in BASES:
            raise KeyError(basis)
        return basis_word(basis)

    def __iter__(self) -> Iterator[str]:
        return iter(BASES)

    def __len__(self) -> int:
        return len(BASES)


BASIS_WORDS: Mapping[str, str] = _BasisWords()


def day(value: dt.date, short: bool = False) -> str:
    """'6 January 2026', or '6 Jan 2026' where width is short (tables, images, lists): the one
    way a date is written for a reader, without a leading zero. Machine fields use ISO dates."""
    return date(value, short)


def figure_with_basis(
    troops: Troops | None, units: Mapping[str, Unit] | None = None, noun: str = ""
) -> str:
    """'250', 'about 7,500 reported', '50–250 derived from a company' or '' ('50–250 troops,
    derived from a company' with a noun): a figure and how it is known, the one way every
    surface writes one. Each variant is one template, so a language orders it its own way."""
    if troops is None:
        return ""
    figure = format_figure(troops)
    unit = units[troops.unit].label if troops.unit and units and troops.unit in units else None
    if troops.basis == "reported":
        text = _("{figure} {noun}, reported") if noun else _("{figure} reported")
    elif troops.basis == "derived" and unit:
        text = (
            _("{figure} {noun}, derived from {unit}") if noun else _("{figure} derived from {unit}")
        )
    elif troops.basis == "derived":
        text = _("{figure} {noun}, derived") if noun else _("{figure} derived")
    else:
        text = "{figure} {noun}" if noun else "{figure}"
    return text.format(figure=figure, noun=noun, unit=unit)


def cited(source: Source) -> str:
    """'Example Daily (via Example Wire), 8 Jan 2026': a source as a reader cites it ('via' and
    the order read the same in French; the date follows the language)."""
    outlet = f"{source.outlet} (via {source.via})" if source.via else source.outlet
    return f"{outlet}, {day(source.published, short=True)}"


def format_troops(
    position: Position, units: Mapping[str, Unit] | None = None, dated: bool = True
) -> str:
    """A position's figure with its basis ('about 7,500 reported', '50–250 derived from a
    company'), and the figure's own date when it comes from an earlier statement than the
    position ('..., figure of 3 Apr 2025'); 'no number' for a country willing without one. The
    one place a figure is written with its basis."""
    if position.troops is None:
        return _("no number") if position.status == "troops" else ""
    text = figure_with_basis(position.troops, units)
    if dated and position.carried and position.figure_since:
        return _("{figure}, figure of {date}").format(
            figure=text, date=day(position.figure_since, short=True)
        )
    return text
