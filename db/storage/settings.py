"""Where the pledge files and the database live, seen from where the user stands.

Options first, then the environment, then the nearest `pledges/` folder holding `coalition.yaml`,
found from the working directory upwards (as git finds `.git`). Nothing comes from where the
package is installed: a second clone reads its own data.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "COALITION_DATA"
DB_ENV = "COALITION_DB"
DATA_FOLDER = "pledges"
COALITION_FILE = "coalition.yaml"
DB_FILE = "coalition.db"


class DataNotFound(Exception):
    """No pledges folder here or above, and none named by an option or the environment."""

    def __init__(self, start: Path) -> None:
        self.start = start
        super().__init__(
            f"no {DATA_FOLDER}/ folder with {COALITION_FILE} in {start.as_posix()} or any folder above it: "
            f"run the command inside a copy of the data repository, or pass --data DIR "
            f"(or set {DATA_ENV})"
        )


def find_data(start: Path | None = None) -> Path | None:
    """The nearest `pledges/` holding `coalition.yaml`: this folder, or one above it."""
    here = Path(os.path.abspath(start or Path.cwd()))
    for folder in (here, *here.parents):
        if folder.name == DATA_FOLDER and (folder / COALITION_FILE).is_file():
            return folder
        candidate = folder / DATA_FOLDER
        if (candidate / COALITION_FILE).is_file():
            return candidate
    return None


def data_dir(value: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the option, $COALITION_DATA, or the nearest one found; DataNotFound."""
    if value:
        return Path(value)
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    found = find_data()
    if found is None:
        raise DataNotFound(Path.cwd())
    return found


def db_path(
    value: str | os.PathLike[str] | None = None, data: str | os.PathLike[str] | None = None
) -> Path:
    """The database: the option, $COALITION_DB, or `coalition.db` beside the data folder."""
    if value:
        return Path(value)
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    folder = Path(data) if data is not None else data_dir()
    return Path(os.path.abspath(folder)).parent / DB_FILE


def reading(
    data: str | os.PathLike[str] | None = None, db: str | os.PathLike[str] | None = None
) -> tuple[Path | None, Path]:
    """The data folder and database for a command that reads the database.

    A database named on its own (by option or environment) is read as it is: the data folder is
    None, and nothing rebuilds it from files found elsewhere. Otherwise the database belongs to
    the data folder and is kept current with it.
    """
    explicit_data = data or os.environ.get(DATA_ENV)
    explicit_db = db or os.environ.get(DB_ENV)
    if explicit_db and not explicit_data:
        return None, Path(explicit_db)
    folder = data_dir(data)
    return folder, db_path(db, data=folder)
