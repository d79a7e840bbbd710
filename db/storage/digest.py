"""A digest of the pledge files: what a build records, so the files can be compared with it.

Kept apart from `current.py` (which rebuilds) and `build.py` (which records the digest), so that
neither imports the other.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from db.contract.loader import MAX_BYTES


def data_digest(data_dir: Path) -> str:
    """A digest of every entry the validator reads: names, kinds and the bytes of regular files.

    Links, folders and special files are recorded by kind and never opened (a FIFO would block);
    a file over the size limit is recorded by its size (validation refuses it anyway).
    """
    digest = hashlib.blake2b(digest_size=20)
    try:
        entries = sorted(os.scandir(data_dir), key=lambda e: e.name)
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.lower().endswith((".yaml", ".yml")):
            continue  # what the validator never reads cannot change a build
        digest.update(entry.name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            digest.update(b"gone\0")
            continue
        if not stat.S_ISREG(info.st_mode):
            digest.update(f"mode:{stat.S_IFMT(info.st_mode)}\0".encode())
        elif info.st_size > MAX_BYTES:
            digest.update(f"size:{info.st_size}\0".encode())
        else:
            digest.update(_file_digest(entry.path) + b"\0")
    return digest.hexdigest()


def _file_digest(path: str) -> bytes:
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError as exc:
        return f"unreadable:{exc.errno}".encode()
    try:
        with os.fdopen(fd, "rb") as handle:
            return hashlib.file_digest(handle, "blake2b").digest()
    except OSError as exc:
        return f"unreadable:{exc.errno}".encode()
