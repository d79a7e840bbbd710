"""The dashboard's only door to the database: cached, keyed on the file's identity and age.

A rebuild swaps the file, which changes its modification time, so the next run loads the new
build without a restart. Pledge files edited since the last build are validated: valid ones are
rebuilt, invalid ones leave the last good build on screen with a warning listing the problems.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from db import settings
from db.build import InvalidData, build
from db.contract import Dataset
from db.engine import DatabaseMissing, reader_engine
from db.queries import DatabaseUnreadable, load_dataset
from db.validate import validate_folder


class NoData(Exception):
    """Nothing to show: no readable database, and none could be built."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


@dataclass(frozen=True)
class DataState:
    dataset: Dataset
    problems: tuple[str, ...]  # errors in the pledge files; the build shown is the last good one
    build: tuple[str, int, int, int]  # the database file's path, inode, mtime and size


@st.cache_resource(show_spinner=False, max_entries=2)  # this build and the one before
def _cached_dataset(db_path: str, inode: int, mtime_ns: int, size: int) -> Dataset:
    dataset = load_dataset(reader_engine(Path(db_path)))
    # The dataset lives until the next build: move it, and everything else alive now, out of the
    # cycle collector's sight. Otherwise each full collection walks its 100,000s of objects again
    # (measured: a second on the first run after a rebuild at 100,000 statements). Frozen objects
    # are still freed as usual when the next build replaces them.
    gc.freeze()
    return dataset


@st.cache_data(show_spinner=False, max_entries=8)
def _cached_problems(data_dir: str, signature: tuple) -> tuple[str, ...]:
    report = validate_folder(Path(data_dir))
    return tuple(str(p) for p in report.errors)


def _signature(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, times and sizes of the pledge files, and the folder's own time (files removed)."""
    try:
        entries = list(os.scandir(data_dir))
        folder = data_dir.stat()
    except OSError:
        return ()
    out = [("", folder.st_mtime_ns, 0)]
    for entry in entries:
        if entry.name.endswith(".yaml"):
            info = entry.stat(follow_symlinks=False)
            out.append((entry.name, info.st_mtime_ns, info.st_size))
    return tuple(sorted(out))


def get_state() -> DataState:
    """The newest good build, building or rebuilding from the pledge files where needed."""
    db_path, data_dir = settings.db_path(), settings.data_dir()
    signature = _signature(data_dir)
    problems: tuple[str, ...] = ()
    stale = signature and (
        not db_path.is_file() or max(m for _, m, _ in signature) > db_path.stat().st_mtime_ns
    )
    if stale:
        problems = _cached_problems(str(data_dir), signature)
        if not problems or not db_path.is_file():
            try:
                build(data_dir, db_path)
            except InvalidData as exc:
                raise NoData(
                    "There is no database yet, and the pledge files have errors.",
                    [str(p) for p in exc.report.errors],
                ) from None
            except OSError as exc:
                raise NoData(f"Cannot build the database at {db_path}: {exc.strerror}.") from None
    try:
        info = os.stat(db_path)
        build_key = (str(db_path), info.st_ino, info.st_mtime_ns, info.st_size)
        dataset = _cached_dataset(*build_key)
    except (FileNotFoundError, DatabaseMissing):
        raise NoData(
            f"There is no database at {db_path}. Build it with `coalition build` "
            "(or `make run`, which builds it first)."
        ) from None
    except DatabaseUnreadable:
        raise NoData(
            f"The database at {db_path} cannot be read (damaged or from another version). "
            "Rebuild it with `coalition build`."
        ) from None
    return DataState(dataset, problems, build_key)
