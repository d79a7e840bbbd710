"""The dashboard's only door to the database: cached, keyed on the file's identity and age.

A rebuild swaps the file, which changes its identity, so the next run loads the new build without
a restart. Pledge files whose content differs from the build's are validated once (`db.current`):
valid ones are rebuilt; invalid ones, or a build that cannot be written (a read-only deployment,
a full disk), leave the last good build on screen with a notice saying why it is not newer.

A reader's language gets the same build localized (db/contract/translate.py): the coalition's
own words and the countries' names in that language, with its vocabulary, made once per build
and language and shared by every session.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from dataclasses import dataclass, replace
from pathlib import Path

from db.contract.models import Dataset
from db.contract.translate import localized
from db.contract.vocabulary import DEFAULT, Vocabulary, vocabulary
from db.locale import DEFAULT as ENGLISH
from db.locale import LANGUAGES, _, speaking
from db.memo import process_memo
from db.storage import settings
from db.storage.current import Refresh, refresh
from db.storage.engine import DatabaseMissing, reader_engine
from db.storage.queries import BuildFacts, DatabaseUnreadable, build_facts, load_dataset


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
    words: Vocabulary = DEFAULT  # the coalition's vocabulary, in `lang`
    unwritten: str | None = None  # why the data's newer content could not be built
    read_only: bool = False  # a read-only deployment serving its database as built
    built_at: dt.datetime | None = None  # when the database shown was built
    lang: str = ENGLISH  # the language the dataset's words and `words` are in


@dataclass(frozen=True)
class Loaded:
    dataset: Dataset
    words: Vocabulary
    facts: BuildFacts


@process_memo(max_entries=2)  # this build and the one before
def _cached_build(db_path: str, inode: int, mtime_ns: int, size: int) -> Loaded:
    """Everything a build gives, loaded once per process and shared by every session."""
    engine = reader_engine(Path(db_path))
    dataset = load_dataset(engine)
    with speaking(ENGLISH):  # whoever loads it first, the build's own words stay English
        words = vocabulary(dataset.coalition)
    loaded = Loaded(dataset, words, build_facts(engine))
    # The dataset lives until the next build: move it, and everything else alive now, out of the
    # cycle collector's sight. Otherwise each full collection walks its 100,000s of objects again
    # (measured: a second on the first run after a rebuild at 100,000 statements). Frozen objects
    # are still freed as usual when the next build replaces them.
    gc.freeze()
    return loaded


@process_memo(max_entries=2 * len(LANGUAGES))  # this build and the one before, per language
def _localized(db_path: str, inode: int, mtime_ns: int, size: int, lang: str) -> Loaded:
    """A build as a reader of `lang` sees it: the coalition's words and country names in `lang`,
    and the vocabulary made from them in `lang`."""
    loaded = _cached_build(db_path, inode, mtime_ns, size)
    dataset = localized(loaded.dataset, lang)
    with speaking(lang):
        return Loaded(dataset, vocabulary(dataset.coalition), loaded.facts)


@process_memo(max_entries=8)
def _refreshed(data_dir: str, db_path: str, files: tuple, database: tuple) -> Refresh:
    """Hash, validate and build at most once per state of the files and of the database."""
    return refresh(Path(data_dir), Path(db_path))


def _stat_key(data_dir: Path) -> tuple[tuple[str, int, int, int], ...]:
    """Names, kinds, times and sizes of the folder's entries: cheap to take on every run."""
    try:
        entries = list(os.scandir(data_dir))
        folder = os.lstat(data_dir)
    except OSError:
        return ()
    out = [("", folder.st_mode, folder.st_mtime_ns, 0)]
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        out.append((entry.name, info.st_mode, info.st_mtime_ns, info.st_size))
    return tuple(sorted(out))


def _file_key(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def _paths() -> tuple[Path | None, Path]:
    """The data folder (None when there is none, as on a server given only a database)."""
    try:
        return settings.reading()
    except settings.DataNotFound as exc:
        raise NoData(_("No pledge data to show: {reason}.").format(reason=exc)) from None


def get_state(lang: str = ENGLISH) -> DataState:
    """The newest good build, building or rebuilding from the pledge files where needed, with
    its words in `lang`. Its notices are in the language in force."""
    data_dir, db_path = _paths()
    found = Refresh(db_path)
    if data_dir is not None and os.path.isdir(data_dir):
        found = _refreshed(str(data_dir), str(db_path), _stat_key(data_dir), _file_key(db_path))
    problems = tuple(str(p) for p in found.problems)
    if not db_path.is_file():
        if problems:
            raise NoData(
                _("There is no database yet, and the pledge files have errors."), list(problems)
            )
        if found.unwritten:
            raise NoData(
                _("Cannot build the database at {path}: {reason}.").format(
                    path=db_path, reason=found.unwritten
                )
            )
    try:
        info = os.stat(db_path)
        build_key = (str(db_path), info.st_ino, info.st_mtime_ns, info.st_size)
        loaded = _cached_build(*build_key)
    except (FileNotFoundError, DatabaseMissing):
        raise NoData(
            _(
                "There is no database at {path}. Build it with `coalition build` "
                "(or `make run`, which builds it first)."
            ).format(path=db_path)
        ) from None
    except DatabaseUnreadable:
        raise NoData(
            _(
                "The database at {path} cannot be read (damaged or from another version). "
                "Rebuild it with `coalition build`."
            ).format(path=db_path)
        ) from None
    state = DataState(
        loaded.dataset, problems, build_key, loaded.words, found.unwritten, found.read_only,
        loaded.facts.built_at,
    )  # fmt: skip
    if lang == ENGLISH:
        return state
    seen = _localized(*build_key, lang)
    return replace(state, dataset=seen.dataset, words=seen.words, lang=lang)
