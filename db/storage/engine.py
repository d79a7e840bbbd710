"""Engines for the SQLite file: read-only readers that always see the newest build."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import NullPool


class DatabaseMissing(Exception):
    """There is no database file yet; `coalition build` makes one."""


def reader_engine(db_path: Path) -> Engine:
    """Open read-only, with no pooled connection, so a rebuild (a file swap) is seen at once."""
    if not db_path.is_file():
        raise DatabaseMissing(str(db_path))
    uri = f"file:{quote(str(db_path.resolve()))}?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    return create_engine("sqlite://", creator=connect, poolclass=NullPool)


def writer_engine(db_path: Path) -> Engine:
    """For the build's temporary file only: atomicity comes from the final rename."""

    def connect() -> sqlite3.Connection:
        con = sqlite3.connect(db_path)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        return con

    return create_engine("sqlite://", creator=connect, poolclass=NullPool)
