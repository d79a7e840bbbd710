"""Reading a built database back into the contract's models, in one query per table."""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from db.collector import collector_paused
from db.contract.models import (
    Coalition,
    Country,
    CountryTroops,
    Dataset,
    Outlet,
    Source,
    Statement,
)
from db.contract.validate import unwrap_annotation
from db.storage.tables import (
    SCHEMA_VERSION,
    BuildInfo,
    CoalitionRow,
    CountryRow,
    OutletRow,
    SourceRow,
    StatementRow,
)

M = TypeVar("M", bound=BaseModel)


class DatabaseUnreadable(Exception):
    """The file exists but is not a database this version built (corrupt, empty, or older)."""


@dataclass(frozen=True)
class BuildFacts:
    built_at: dt.datetime
    data_as_of: dt.date | None
    countries: int
    statements: int
    sources: int


def load_dataset(engine: Engine) -> Dataset:
    """The whole dataset. Rows were validated at build time, so they are not validated again."""
    with collector_paused():
        return _load(engine)


def _load(engine: Engine) -> Dataset:
    try:
        with engine.connect() as con:
            version = con.execute(select(BuildInfo.schema_version)).scalar_one()
            if version != SCHEMA_VERSION:
                raise LookupError(f"built by another version (schema {version})")
            document = con.execute(select(CoalitionRow.document)).scalar_one()
            countries = con.execute(
                select(CountryRow.iso3, CountryRow.name, CountryRow.checked).order_by(
                    CountryRow.iso3
                )
            ).all()
            outlets = con.execute(
                select(OutletRow.name, OutletRow.kind, OutletRow.about).order_by(OutletRow.name)
            ).all()
            statements = con.execute(
                select(
                    StatementRow.id, StatementRow.iso3, StatementRow.date, StatementRow.status,
                    StatementRow.troops_min, StatementRow.troops_max, StatementRow.qualifier,
                    StatementRow.basis, StatementRow.unit, StatementRow.account,
                    StatementRow.not_added_with, StatementRow.detail_basis,
                    StatementRow.conditions, StatementRow.capabilities,
                    StatementRow.roles, StatementRow.summary, StatementRow.notes,
                ).order_by(StatementRow.iso3, StatementRow.seq)
            ).all()  # fmt: skip
            sources = con.execute(
                select(
                    SourceRow.statement_id, SourceRow.outlet, SourceRow.via, SourceRow.title,
                    SourceRow.url,
                    SourceRow.published, SourceRow.note,
                ).order_by(SourceRow.id)
            ).all()  # fmt: skip
    except (DBAPIError, LookupError) as exc:
        raise DatabaseUnreadable(str(exc).splitlines()[0]) from None
    return _assemble(document, countries, statements, sources, outlets)


def _assemble(
    document: str,
    countries: Sequence,
    statements: Sequence,
    sources: Sequence,
    outlets: Sequence = (),
) -> Dataset:
    source, troops, statement = _trusted(Source), _trusted(CountryTroops), _trusted(Statement)
    sources_by_statement: dict[int, list[Source]] = defaultdict(list)
    for statement_id, outlet, via, title, url, published, note in sources:
        sources_by_statement[statement_id].append(
            source(outlet=outlet, via=via, title=title, url=url, published=published, note=note)
        )
    statements_by_country: dict[str, list[Statement]] = defaultdict(list)
    for row in statements:
        (id_, iso3, date, status, low, high, approx, basis, unit, account, apart, detail_basis,
         conditions, capabilities, roles, summary, notes) = row  # fmt: skip
        figure = None
        if low is not None:
            figure = troops(
                min=low, max=high, approximate=None, qualifier=approx, basis=basis, unit=unit,
                account=account, not_added_with=apart.split(",") if apart else [],
            )  # fmt: skip
        statements_by_country[iso3].append(
            statement(
                date=date,
                status=status,
                troops=figure,
                conditions=None
                if conditions is None
                else conditions.split(",")
                if conditions
                else [],
                capabilities=capabilities.split(",") if capabilities else [],
                roles=roles.split(",") if roles else [],
                detail_basis=detail_basis,
                summary=summary,
                notes=notes,
                sources=sources_by_statement[id_],
            )
        )
    return Dataset.model_construct(
        coalition=construct(Coalition, json.loads(document)),
        countries=tuple(
            Country.model_construct(
                iso3=iso3, name=name, checked=checked, statements=statements_by_country[iso3]
            )
            for iso3, name, checked in countries
        ),
        outlets={
            name: Outlet.model_construct(kind=kind, about=about) for name, kind, about in outlets
        },
    )


def _trusted(model: type[M]) -> Callable[..., M]:
    """`model.model_construct` for callers that give every field, without its per-call lookups.

    Loading 100,000 statements spent most of its time in model_construct's search for aliases
    and defaults. With every field given, the result is the same object model_construct makes
    (tests/test_build.py compares a loaded dataset with the validated one).
    """
    fields = frozenset(model.__pydantic_fields__)
    new, set_attr = model.__new__, object.__setattr__

    def make(**values: Any) -> M:
        if values.keys() != fields:
            raise TypeError(f"{model.__name__} needs exactly the fields {sorted(fields)}")
        instance = new(model)
        set_attr(instance, "__dict__", values)
        set_attr(instance, "__pydantic_fields_set__", set(fields))
        set_attr(instance, "__pydantic_extra__", None)
        set_attr(instance, "__pydantic_private__", None)
        return instance

    return make


def construct(model: type[BaseModel], data: dict[str, Any]) -> Any:
    """Rebuild stored JSON into models without validating again (it was validated at build)."""
    values = {}
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        values[name] = _value(unwrap_annotation(info.annotation), data[name])
    return model.model_construct(**values)


def _value(annotation: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return construct(annotation, value)
    if annotation is dt.date:
        return dt.date.fromisoformat(value)
    if typing.get_origin(annotation) is list:
        item = unwrap_annotation(typing.get_args(annotation)[0])
        return [_value(item, v) for v in value]
    if typing.get_origin(annotation) is dict:
        key, item = (unwrap_annotation(a) for a in typing.get_args(annotation))
        return {_value(key, k): _value(item, v) for k, v in value.items()}
    return value


def stored_digest(engine: Engine) -> str | None:
    """The digest of the pledge files a database was built from; None for another version's."""
    try:
        with engine.connect() as con:
            row = con.execute(select(BuildInfo.data_digest, BuildInfo.schema_version)).one()
    except (DBAPIError, LookupError) as exc:
        raise DatabaseUnreadable(str(exc).splitlines()[0]) from None
    digest, version = row
    return digest if version == SCHEMA_VERSION else None


def build_facts(engine: Engine) -> BuildFacts:
    try:
        with engine.connect() as con:
            row = con.execute(select(BuildInfo)).one()
    except (DBAPIError, LookupError) as exc:
        raise DatabaseUnreadable(str(exc).splitlines()[0]) from None
    return BuildFacts(row.built_at, row.data_as_of, row.countries, row.statements, row.sources)
