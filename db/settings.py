"""Where the pledge files and the database live: options first, then environment, then defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_ENV = "COALITION_DATA"
DB_ENV = "COALITION_DB"


def data_dir(value: str | os.PathLike[str] | None = None) -> Path:
    return Path(value or os.environ.get(DATA_ENV) or PROJECT_ROOT / "pledges")


def db_path(value: str | os.PathLike[str] | None = None) -> Path:
    return Path(value or os.environ.get(DB_ENV) or PROJECT_ROOT / "coalition.db")
