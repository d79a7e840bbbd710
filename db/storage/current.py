"""Keeping the database current with the pledge files: one rule for the dashboard and the CLI.

A database records a digest of the files it was built from. It is current while the files hash
to the same digest, whatever their modification times say: a `COPY` into an image, a checkout or
a restored backup gives the files new times but the same content, and needs no rebuild. When the
content differs, the files are validated once and, if valid, written as a new build; if they are
invalid, or the new build cannot be written (a read-only file system, a full disk), the last good
build keeps serving and the reason travels with it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from db.contract.validate import Problem, validate_folder
from db.storage.build import BuildFailed, BuildResult, write_database
from db.storage.digest import data_digest
from db.storage.engine import DatabaseMissing, reader_engine
from db.storage.queries import DatabaseUnreadable, stored_digest

READONLY_ENV = "COALITION_READONLY"


def read_only(db_path: Path | None = None) -> bool:
    """A deployment that never writes a build: $COALITION_READONLY=1, or detected when the
    database's folder is on a read-only file system (an image layer, a read-only mount) or
    cannot be written by this user."""
    if os.environ.get(READONLY_ENV, "").strip().lower() in ("1", "true", "yes"):
        return True
    if db_path is None:
        return False
    folder = Path(os.path.abspath(db_path)).parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (AttributeError, OSError):  # Windows has no statvfs
        pass
    return folder.is_dir() and not os.access(folder, os.W_OK)


@dataclass(frozen=True)
class Refresh:
    """What `refresh` found: the database to read and, if it is not the data's, why not."""

    db_path: Path
    built: BuildResult | None = None  # a build written by this call
    problems: tuple[Problem, ...] = ()  # errors in the pledge files: the database is older
    unwritten: str | None = None  # why a new build could not be written
    read_only: bool = False  # the data differs, but this deployment never writes

    @property
    def current(self) -> bool:
        return not self.problems and self.unwritten is None and not self.read_only


def is_current(data_dir: Path, db_path: Path, digest: str | None = None) -> bool:
    """True when the database was built from exactly the files now in `data_dir`."""
    try:
        stored = stored_digest(reader_engine(db_path))
    except (DatabaseMissing, DatabaseUnreadable):
        return False
    return stored is not None and stored == (digest or data_digest(data_dir))


def refresh(data_dir: Path, db_path: Path, today: dt.date | None = None) -> Refresh:
    """Rebuild the database if the pledge files changed; otherwise leave it alone.

    Never raises for bad data or an unwritable database when a database exists: the result
    says why the database is not the data's. With no database at all, a failure to build is
    reported the same way and the caller has nothing to show.
    """
    digest = data_digest(data_dir)
    if is_current(data_dir, db_path, digest):
        return Refresh(db_path)
    if read_only(db_path) and db_path.is_file():
        return Refresh(db_path, read_only=True)
    report = validate_folder(data_dir, today=today)
    if not report.ok or report.dataset is None:
        return Refresh(db_path, problems=tuple(report.errors))
    try:
        built = write_database(report.dataset, db_path, digest=digest)
    except BuildFailed as exc:
        return Refresh(db_path, unwritten=str(exc))
    except OSError as exc:
        return Refresh(db_path, unwritten=exc.strerror or type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - whatever stops a new build, the last one serves
        return Refresh(db_path, unwritten=f"{type(exc).__name__}: {exc}".splitlines()[0])
    return Refresh(db_path, built=built)
