"""Reading a built database back into the contract's models, in one query per table."""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from db.contract import Coalition, Country, Dataset, Source, Statement, Troops
from db.models import BuildInfo, CoalitionRow, CountryRow, SourceRow, StatementRow
from db.validate import unwrap_annotation


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
    try:
        with engine.connect() as con:
            document = con.execute(select(CoalitionRow.document)).scalar_one()
            countries = con.execute(select(CountryRow).order_by(CountryRow.iso3)).all()
            statements = con.execute(
                select(StatementRow).order_by(StatementRow.iso3, StatementRow.seq)
            ).all()
            sources = con.execute(select(SourceRow).order_by(SourceRow.id)).all()
    except (DBAPIError, LookupError) as exc:
        raise DatabaseUnreadable(str(exc).splitlines()[0]) from None
    sources_by_statement: dict[int, list[Source]] = defaultdict(list)
    for row in sources:
        sources_by_statement[row.statement_id].append(
            Source.model_construct(
                outlet=row.outlet,
                title=row.title,
                url=row.url,
                published=row.published,
                note=row.note,
            )
        )
    statements_by_country: dict[str, list[Statement]] = defaultdict(list)
    for row in statements:
        troops = None
        if row.troops_min is not None:
            troops = Troops.model_construct(
                min=row.troops_min, max=row.troops_max, approximate=bool(row.approximate)
            )
        statements_by_country[row.iso3].append(
            Statement.model_construct(
                date=row.date,
                status=row.status,
                troops=troops,
                capabilities=row.capabilities.split(",") if row.capabilities else [],
                roles=row.roles.split(",") if row.roles else [],
                summary=row.summary,
                notes=row.notes,
                sources=sources_by_statement[row.id],
            )
        )
    return Dataset.model_construct(
        coalition=construct(Coalition, json.loads(document)),
        countries=tuple(
            Country.model_construct(
                iso3=row.iso3, name=row.name, statements=statements_by_country[row.iso3]
            )
            for row in countries
        ),
    )


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
    return value


def build_facts(engine: Engine) -> BuildFacts:
    try:
        with engine.connect() as con:
            row = con.execute(select(BuildInfo)).one()
    except (DBAPIError, LookupError) as exc:
        raise DatabaseUnreadable(str(exc).splitlines()[0]) from None
    return BuildFacts(row.built_at, row.data_as_of, row.countries, row.statements, row.sources)
