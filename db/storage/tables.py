"""SQLite tables. They store what `contract.py` has already validated; they never validate."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel

# Raised whenever the tables change: a database of another version is rebuilt, not misread.
SCHEMA_VERSION = 8  # 8: the coalition carries its translations


class CoalitionRow(SQLModel, table=True):
    __tablename__ = "coalition"

    id: int = Field(default=1, primary_key=True)
    name: str
    target_min: int  # the latest target cited; every dated target is in the document
    target_max: int
    document: str  # the validated coalition.yaml as JSON: targets, vocabularies, milestones...


class CountryRow(SQLModel, table=True):
    __tablename__ = "country"

    iso3: str = Field(primary_key=True, max_length=3)
    name: str
    checked: dt.date  # when the file was last reviewed in full against the news


class StatementRow(SQLModel, table=True):
    __tablename__ = "statement"

    id: int = Field(primary_key=True)
    iso3: str = Field(foreign_key="country.iso3", index=True)
    seq: int  # position in the country's file, which breaks ties between same-day statements
    date: dt.date = Field(index=True)
    status: str
    troops_min: int | None = None
    troops_max: int | None = None
    qualifier: str | None = None  # about, up_to or at_least, with a figure
    basis: str | None = None  # official, reported or derived, with a figure
    unit: str | None = None  # the unit a derived figure comes from
    account: str | None = None  # whose account a press figure is
    not_added_with: str = ""  # comma-separated ISO3 codes: figures of another account not added
    detail_basis: str | None = None  # 'reported': capabilities/roles from unnamed sources
    conditions: str | None = None  # comma-separated words; NULL: none named (those before hold)
    capabilities: str = ""
    roles: str = ""
    summary: str
    notes: str | None = None


class SourceRow(SQLModel, table=True):
    __tablename__ = "source"

    id: int = Field(primary_key=True)
    statement_id: int = Field(foreign_key="statement.id", index=True)
    outlet: str
    via: str | None = None
    title: str
    url: str
    published: dt.date
    note: str | None = None


class OutletRow(SQLModel, table=True):
    __tablename__ = "outlet"

    name: str = Field(primary_key=True)
    kind: str
    about: str | None = None


class BuildInfo(SQLModel, table=True):
    __tablename__ = "build_info"

    id: int = Field(default=1, primary_key=True)
    built_at: dt.datetime
    data_as_of: dt.date | None
    countries: int
    statements: int
    sources: int
    data_digest: str | None = None  # of the pledge files it was built from (db/current.py)
    schema_version: int = 0
