"""The atomic build: validate, write a temporary file beside the database, then swap it in.

Readers never see a half-written file, and a failed or killed build leaves the old one as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import insert
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from db.collector import collector_paused
from db.contract.models import Dataset
from db.contract.validate import Report, validate_folder
from db.storage.digest import data_digest
from db.storage.engine import writer_engine
from db.storage.tables import (
    SCHEMA_VERSION,
    BuildInfo,
    CoalitionRow,
    CountryRow,
    OutletRow,
    SourceRow,
    StatementRow,
)


class BuildFailed(Exception):
    """The database could not be written (disk full, no permission); the old one is unchanged."""


class InvalidData(Exception):
    """The pledge files have errors; the report lists them."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} errors")
        self.report = report


@dataclass(frozen=True)
class BuildResult:
    db_path: Path
    countries: int
    statements: int
    sources: int
    data_as_of: dt.date | None


def build(
    data_dir: Path,
    db_path: Path,
    today: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> BuildResult:
    digest = data_digest(data_dir)  # before reading: a later edit then shows as a change
    report = validate_folder(data_dir, today=today, progress=progress)
    if not report.ok or report.dataset is None:
        raise InvalidData(report)
    return write_database(report.dataset, db_path, digest=digest)


@collector_paused()
def write_database(dataset: Dataset, db_path: Path, digest: str | None = None) -> BuildResult:
    """Write `dataset` as the new database; `digest` records the files it came from."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(db_path):
        _remove_stale_temporaries(db_path)
        fd, tmp_name = tempfile.mkstemp(
            dir=db_path.parent, prefix=f".{db_path.name}.", suffix=".tmp"
        )
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            try:
                result = _write(dataset, tmp, db_path, digest)
            except DBAPIError as exc:
                reason = str(exc.orig) if exc.orig else str(exc).splitlines()[0]
                raise BuildFailed(reason) from None
            tmp.chmod(0o644)  # mkstemp makes it private; the dashboard may run as another user
            _fsync(tmp)
            os.replace(tmp, db_path)
            _fsync(db_path.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return result


def _write(dataset: Dataset, tmp: Path, db_path: Path, digest: str | None) -> BuildResult:
    countries, statements, sources = [], [], []
    newest: dt.date | None = None
    for country in dataset.countries:
        countries.append({"iso3": country.iso3, "name": country.name, "checked": country.checked})
        for seq, s in enumerate(country.statements):
            statement_id = len(statements) + 1
            statements.append(
                {
                    "id": statement_id,
                    "iso3": country.iso3,
                    "seq": seq,
                    "date": s.date,
                    "status": s.status,
                    "troops_min": s.troops.min if s.troops else None,
                    "troops_max": s.troops.max if s.troops else None,
                    "qualifier": s.troops.qualifier if s.troops else None,
                    "basis": s.troops.basis if s.troops else None,
                    "unit": s.troops.unit if s.troops else None,
                    "account": s.troops.account if s.troops else None,
                    "not_added_with": ",".join(s.troops.not_added_with) if s.troops else "",
                    "detail_basis": s.detail_basis,
                    "conditions": None if s.conditions is None else ",".join(s.conditions),
                    "capabilities": ",".join(s.capabilities),
                    "roles": ",".join(s.roles),
                    "summary": s.summary,
                    "notes": s.notes,
                }
            )
            newest = s.date if newest is None or s.date > newest else newest
            for src in s.sources:
                sources.append({"statement_id": statement_id, **src.model_dump()})
    coalition = dataset.coalition
    engine = writer_engine(tmp)
    try:
        SQLModel.metadata.create_all(engine)
        with engine.begin() as con:
            con.execute(
                insert(CoalitionRow),
                {
                    "id": 1,
                    "name": coalition.name,
                    "target_min": coalition.target_history[-1].min,
                    "target_max": coalition.target_history[-1].max,
                    "document": coalition.model_dump_json(),
                },
            )
            if countries:
                con.execute(insert(CountryRow), countries)
            if statements:
                con.execute(insert(StatementRow), statements)
            if sources:
                con.execute(insert(SourceRow), sources)
            if dataset.outlets:
                con.execute(
                    insert(OutletRow),
                    [{"name": k, **v.model_dump()} for k, v in dataset.outlets.items()],
                )
            con.execute(
                insert(BuildInfo),
                {
                    "id": 1,
                    "built_at": dt.datetime.now(dt.UTC).replace(microsecond=0),
                    "data_as_of": newest,
                    "countries": len(countries),
                    "statements": len(statements),
                    "sources": len(sources),
                    "data_digest": digest,
                    "schema_version": SCHEMA_VERSION,
                },
            )
    finally:
        engine.dispose()
    return BuildResult(db_path, len(countries), len(statements), len(sources), newest)


LOCK_WAIT_SECONDS = 600  # another build of the same database: wait for it, within reason


@contextmanager
def _build_lock(db_path: Path) -> Iterator[None]:
    """One build at a time per database, so a stale temporary file can be removed safely.

    The lock file is a regular file beside the database (git-ignored). One planted as a link or
    a FIFO by a pull request is refused, never followed or blocked on; `filelock` opens it with
    O_NOFOLLOW and O_NONBLOCK on POSIX and works the same on Windows.
    """
    lock_path = db_path.parent / f".{db_path.name}.build-lock"
    try:
        info = os.lstat(lock_path)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise BuildFailed(f"the lock file {lock_path.name} is a symbolic link: remove it")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise BuildFailed(f"the lock file {lock_path.name} is not a regular file: remove it")
    lock = FileLock(lock_path, timeout=LOCK_WAIT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise BuildFailed(
            f"another build has held {lock_path.name} for {LOCK_WAIT_SECONDS} s: "
            "wait for it to finish, or remove the lock file if no build is running"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _remove_stale_temporaries(db_path: Path) -> None:
    """A build killed mid-write leaves its temporary file; the next build clears it."""
    for stale in db_path.parent.glob(f".{db_path.name}.*.tmp"):
        stale.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    if os.name == "nt" and path.is_dir():
        return  # Windows cannot open a folder to flush it; NTFS journals the rename itself
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
