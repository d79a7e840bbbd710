"""Git access for the pull-request tools: a revision's pledge files, read without a checkout.

What a revision holds is judged from `git ls-tree` before anything is read: links and files over
the size limit are refused, and only the YAML files the validator reads are unpacked.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from db.contract.loader import MAX_BYTES
from db.contract.validate import Problem, Report, display_path, validate_folder
from db.numbers.headline import Headline, headline

WORKING_TREE = "working tree"


class RevisionError(Exception):
    """Not a git repository, or a revision that does not exist."""


@dataclass(frozen=True)
class Side:
    label: str
    report: Report
    headline: Headline | None


def _git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if result.returncode:
        message = result.stderr.decode(errors="replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def repo_root(path: Path) -> Path:
    """The repository holding `path`, asked from its parent folder: a data folder replaced by a
    link to somewhere else must not move the question into another repository."""
    try:
        out = _git(Path(os.path.abspath(path)).parent, "rev-parse", "--show-toplevel")
    except (RevisionError, FileNotFoundError):
        raise RevisionError(f"{display_path(path)} is not inside a git repository") from None
    return Path(out.decode().strip())


def _commit(root: Path, rev: str) -> str:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except RevisionError:
        raise RevisionError(f"unknown revision {rev!r}: give a branch, tag or commit") from None


def default_base(root: Path) -> str:
    """The merge base with the main branch, as a pull request's diff would use."""
    for branch in ("main", "origin/main", "master", "origin/master"):
        try:
            _commit(root, branch)
        except RevisionError:
            continue
        return _git(root, "merge-base", "HEAD", branch).decode().strip()
    return "HEAD"


NOTHING_TO_COMPARE = (
    "Nothing to compare: this branch holds no commit that main does not, and nothing is "
    "uncommitted. Make your change on a branch (`git switch -c my-change`) and run `coalition "
    "diff` there; to see what commits already on main did, name the revision to compare with: "
    "`coalition diff HEAD~1`."
)


def nothing_to_compare(root: Path, data_dir: Path) -> bool:
    """The default comparison is empty: HEAD is the merge base with main, and the data folder
    has no uncommitted change (a contributor who committed on main sees why)."""
    base = default_base(root)
    return _commit(root, base) == _commit(root, "HEAD") and not changed_files(data_dir, base)


def changed_files(data_dir: Path, rev: str) -> set[str]:
    """Files in `data_dir` changed since `rev` (committed, staged, unstaged or untracked),
    named as validation names them."""
    root = repo_root(data_dir)
    folder = Path(os.path.abspath(data_dir))
    commit = _commit(root, rev)
    listed = _git(root, "diff", "--name-only", "-z", commit, "--", str(folder))
    listed += _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", str(folder))
    return {
        display_path(root / name)
        for name in listed.decode("utf-8", "surrogateescape").split("\0")
        if name
    }


@dataclass(frozen=True)
class _Entry:
    mode: str
    kind: str
    sha: str
    size: int | None
    name: str


def _entries(root: Path, commit: str, path: str) -> list[_Entry]:
    """`git ls-tree -l` of `path` at `commit`: modes, kinds and sizes, before anything is read."""
    out = _git(root, "ls-tree", "-l", "-z", commit, "--", path).decode("utf-8", "surrogateescape")
    entries = []
    for record in filter(None, out.split("\0")):
        meta, name = record.split("\t", 1)
        mode, kind, sha, size = meta.split()
        entries.append(_Entry(mode, kind, sha, None if size == "-" else int(size), name))
    return entries


def _extract(root: Path, commit: str, data_rel: str, dest: Path) -> tuple[Path, list[Problem]]:
    """The data folder at `commit`, written into `dest` one checked file at a time.

    Every entry is judged from `git ls-tree -l` before any content is read: links (to anywhere)
    and files over the size limit are refused as problems and never unpacked; only the YAML
    files the validator reads are written out, each read by its object id.
    """
    target = dest / data_rel
    target.mkdir(parents=True, exist_ok=True)
    refused: list[Problem] = []
    folder = [e for e in _entries(root, commit, data_rel) if e.name == data_rel]
    if folder and folder[0].mode == "120000":
        refused.append(
            Problem(data_rel, "is a symbolic link: the pledges folder must be a real folder")
        )
        return target, refused
    if not folder:
        return target, refused
    wanted = []
    for entry in _entries(root, commit, data_rel + "/"):
        name = entry.name.rsplit("/", 1)[-1]
        if entry.mode == "120000":
            refused.append(
                Problem(entry.name, "is a symbolic link: replace it with the file itself")
            )
        elif entry.kind != "blob":
            (target / name).mkdir(exist_ok=True)  # the validator says what is wrong with it
        elif not name.lower().endswith((".yaml", ".yml")):
            continue
        elif entry.size is not None and entry.size > MAX_BYTES:
            refused.append(
                Problem(
                    entry.name,
                    f"file is over the {MAX_BYTES:,}-byte limit ({entry.size:,} bytes): "
                    "split or shorten it",
                )
            )
        else:
            wanted.append((entry.sha, target / name))
    _write_blobs(root, wanted)
    return target, refused


def _write_blobs(root: Path, wanted: list[tuple[str, Path]]) -> None:
    """Write each blob to its path with one `git cat-file --batch`, one object at a time."""
    if not wanted:
        return
    with subprocess.Popen(
        ["git", "cat-file", "--batch"], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    ) as git:
        assert git.stdin is not None and git.stdout is not None
        for sha, path in wanted:
            git.stdin.write(sha.encode() + b"\n")
            git.stdin.flush()
            header = git.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob" or int(header[2]) > MAX_BYTES:
                raise RevisionError(f"git could not read {path.name} ({sha[:7]})")
            path.write_bytes(git.stdout.read(int(header[2])))
            git.stdout.read(1)  # the newline after each object
        git.stdin.close()


def load_side(
    root: Path, rev: str | None, data_dir: Path, as_of: dt.date, today: dt.date | None
) -> Side:
    """Validate the pledge data at `rev` (None: the working tree) and total it on `as_of`."""
    if rev is None:
        report = validate_folder(data_dir, today=today)
        label = WORKING_TREE
    else:
        commit = _commit(root, rev)
        data_rel = Path(os.path.abspath(data_dir)).relative_to(root.resolve()).as_posix()
        with tempfile.TemporaryDirectory(prefix="coalition-diff-") as tmp:
            folder, refused = _extract(root, commit, data_rel, Path(tmp))
            if refused and refused[0].file == data_rel:
                report = Report(problems=refused)
            else:
                report = validate_folder(folder, today=today)
                flagged = {p.file for p in refused}
                kept = [_relabel(p, tmp) for p in report.problems]
                report.problems[:] = refused + [p for p in kept if p.file not in flagged]
                if refused:
                    report.dataset = None
        label = f"{rev} ({commit[:7]})" if not rev.startswith(commit[:7]) else commit[:7]
    return Side(label, report, headline(report.dataset, as_of) if report.dataset else None)


def _relabel(problem: Problem, tmp: str) -> Problem:
    """Problems found in a revision's unpacked copy name the file as it is in the repository."""
    name = problem.file
    for marker in (tmp.rstrip("/") + "/", Path(tmp).as_posix().rstrip("/") + "/"):
        if marker in name:
            name = name.split(marker, 1)[1]
    return replace(problem, file=name)
