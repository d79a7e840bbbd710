"""The dashboard's only door to the database: cached, keyed on the file's modification time."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from db import settings
from db.build import InvalidData, build
from db.contract import Dataset
from db.engine import reader_engine
from db.queries import load_dataset


class NoData(Exception):
    """Nothing to show: no database and the pledge files could not be built."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_dataset(db_path: str, mtime_ns: int, size: int) -> Dataset:
    return load_dataset(reader_engine(Path(db_path)))


def get_dataset() -> Dataset:
    """The newest build; builds from the pledge files on first start if there is none."""
    db_path = settings.db_path()
    if not db_path.is_file():
        try:
            build(settings.data_dir(), db_path)
        except InvalidData as exc:
            raise NoData(
                "There is no database yet, and the pledge files have errors.",
                [str(p) for p in exc.report.errors],
            ) from None
        except OSError as exc:
            raise NoData(f"Cannot build the database at {db_path}: {exc.strerror}.") from None
    info = os.stat(db_path)
    return _cached_dataset(str(db_path), info.st_mtime_ns, info.st_size)
