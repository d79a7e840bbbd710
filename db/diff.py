"""What a change to the pledge files does to the numbers, read from git without a checkout."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from db.contract import Country, Dataset, Source, Statement
from db.headline import Headline, headline
from db.loader import MAX_BYTES
from db.markdown import escape, link
from db.totals import Position, format_troops, position_on
from db.validate import Problem, Report, display_path, validate_folder

WORKING_TREE = "working tree"


class RevisionError(Exception):
    """Not a git repository, or a revision that does not exist."""


@dataclass(frozen=True)
class Side:
    label: str
    report: Report
    headline: Headline | None


@dataclass(frozen=True)
class CountryChange:
    iso3: str
    name: str
    kind: str  # added, removed, changed
    before: Position | None  # in force on the as-of date, with the figure in force
    after: Position | None
    new_statements: tuple[Statement, ...] = ()
    edited: tuple[dt.date, ...] = ()  # existing statements changed or removed: history rewritten
    backfilled: tuple[dt.date, ...] = ()  # new statements dated before existing ones


@dataclass(frozen=True)
class Comparison:
    base: Side
    head: Side
    as_of: dt.date
    countries: tuple[CountryChange, ...] = ()
    sources_added: tuple[Source, ...] = field(default_factory=tuple)


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


def compare(base: Side, head: Side, as_of: dt.date) -> Comparison:
    if base.report.dataset is None or head.report.dataset is None:
        return Comparison(base, head, as_of)
    before = {c.iso3: c for c in base.report.dataset.countries}
    after = {c.iso3: c for c in head.report.dataset.countries}
    changes = []
    for code in sorted(before.keys() | after.keys()):
        old, new = before.get(code), after.get(code)
        if old == new:
            continue
        changes.append(_country_change(code, old, new, as_of))
    old_urls = _source_urls(base.report.dataset)
    added = {
        s.url: s
        for c in head.report.dataset.countries
        for st in c.statements
        for s in st.sources
        if s.url not in old_urls
    }
    return Comparison(base, head, as_of, tuple(changes), tuple(added.values()))


def _source_urls(dataset: Dataset) -> set[str]:
    return {s.url for c in dataset.countries for st in c.statements for s in st.sources}


def _in_force(country: Country | None, as_of: dt.date) -> Position | None:
    return position_on(country, as_of) if country is not None else None


def _country_change(
    code: str, old: Country | None, new: Country | None, as_of: dt.date
) -> CountryChange:
    name = (new or old).name
    if old is None:
        return CountryChange(
            code, name, "added", None, _in_force(new, as_of), tuple(new.statements)
        )
    if new is None:
        return CountryChange(code, name, "removed", _in_force(old, as_of), None)
    # Statements are matched by content, not by position: a missed earlier report added in its
    # date order is a new statement, not an edit of the ones after it. An unmatched new statement
    # with the date of an unmatched old one is that statement edited.
    kept = Counter(map(_identity, new.statements))
    gone = []
    for statement in old.statements:
        if kept[_identity(statement)]:
            kept[_identity(statement)] -= 1
        else:
            gone.append(statement)
    remaining = Counter(map(_identity, old.statements))
    replaced = Counter(s.date for s in gone)
    added = []
    for statement in new.statements:
        if remaining[_identity(statement)]:
            remaining[_identity(statement)] -= 1
        elif replaced[statement.date]:
            replaced[statement.date] -= 1
        else:
            added.append(statement)
    edited = [s.date for s in gone]
    newest_old = max(s.date for s in old.statements)
    return CountryChange(
        code,
        name,
        "changed",
        _in_force(old, as_of),
        _in_force(new, as_of),
        tuple(added),
        tuple(edited),
        tuple(s.date for s in added if s.date < newest_old),
    )


def _identity(statement: Statement) -> str:
    return statement.model_dump_json()


def position(p: Position | None) -> str:
    """'troops, 50–250', 'troops, ~200 reported, figure of 21 Mar 2025' or 'open': a position's
    status and the figure in force (a carried one with its own date), in the data's words."""
    if p is None:
        return "none"
    figure = format_troops(p) if p.troops else ""
    return f"{p.status}, {figure}" if figure else p.status


def _totals_rows(comparison: Comparison) -> list[tuple[str, str, str]]:
    def cells(h: Headline | None) -> list[str]:
        if h is None:
            return ["invalid"] * 6
        return [
            h.stated.text,
            h.with_reported.text,
            str(h.willing),
            str(len(h.totals.unquantified)),
            str(len(h.totals.positions)),
            ", ".join(p.iso3 for p in h.totals.leads) or "none",
        ]

    h = comparison.head.headline or comparison.base.headline
    personnel = h.personnel if h else "troops"
    labels = [
        f"Stated {personnel}",
        "With press reports",
        f"Willing to send {personnel}",
        "of which no number given",
        "Countries",
        "Leads",
    ]
    rows = list(
        zip(labels, cells(comparison.base.headline), cells(comparison.head.headline), strict=True)
    )
    sides = (comparison.base.headline, comparison.head.headline)
    if not any(side and side.press for side in sides):
        del rows[1]  # no press figures on either side: the second sum says nothing new
    return rows


def _target(comparison: Comparison) -> str:
    h = comparison.head.headline or comparison.base.headline
    return h.band_text if h else "unknown"


def render_text(comparison: Comparison) -> str:
    base, head = comparison.base, comparison.head
    lines = [f"Pledge data: {base.label} -> {head.label}, positions on {comparison.as_of}"]
    for side, what in ((base, "Before"), (head, "After")):
        if not side.report.ok:
            n = len(side.report.errors)
            lines.append(f"{what} ({side.label}): {n} error{'s' * (n != 1)}, not compared:")
            lines += [f"  {p}" for p in side.report.errors]
    if comparison.countries:
        lines.append("Countries:")
    for change in comparison.countries:
        if change.kind == "changed":
            line = f"  {change.iso3}: {position(change.before)} -> {position(change.after)}"
            if change.new_statements:
                dates = ", ".join(str(s.date) for s in change.new_statements)
                line += f" (new statement {dates})"
        else:
            shown = change.after if change.kind == "added" else change.before
            line = f"  {change.iso3}: {change.kind} ({change.name}, {position(shown)})"
        lines.append(line)
        if change.backfilled:
            lines.append(
                f"  {change.iso3}: note: adds statements dated before existing ones "
                f"({', '.join(map(str, change.backfilled))}): check they were missed, not changed"
            )
        if change.edited:
            lines.append(
                f"  {change.iso3}: WARNING: edits or removes existing statements "
                f"({', '.join(map(str, change.edited))}); a changed position should be a new "
                "dated statement"
            )
    if base.report.ok and head.report.ok and not comparison.countries:
        lines.append("No change to any country.")
    lines.append(f"Totals against the {_target(comparison)} target:")
    for label, before, after in _totals_rows(comparison):
        mark = "" if before == after or "invalid" in (before, after) else "  (changed)"
        lines.append(f"  {label}: {before} -> {after}{mark}")
    if comparison.sources_added:
        lines.append("Sources added:")
        lines += [
            f"  {s.outlet}, {s.published}: {s.title} <{s.url}>" for s in comparison.sources_added
        ]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Data text for a GitHub comment or job summary: no markup, no mentions."""
    return escape(text, mentions=True)


def render_markdown(comparison: Comparison) -> str:
    """For a pull-request comment or a job summary; every piece of data text is escaped."""
    base, head = comparison.base, comparison.head
    out = [
        f"### Pledge data: {_md(base.label)} → {_md(head.label)}",
        f"Positions on {comparison.as_of}, against the {_target(comparison)} target.",
        "",
    ]
    for side, what in ((base, "Before"), (head, "After")):
        if not side.report.ok:
            n = len(side.report.errors)
            out.append(f"**{what} ({_md(side.label)}) has {n} error{'s' * (n != 1)}:**")
            out += [f"- {_md(str(p))}" for p in side.report.errors]
            out.append("")
    out += ["| | Before | After |", "|---|---|---|"]
    for label, before, after in _totals_rows(comparison):
        after_cell = after if before == after else f"**{after}**"
        out.append(f"| {label} | {before} | {after_cell} |")
    if comparison.countries:
        out += ["", "| Country | Change | Before | After |", "|---|---|---|---|"]
        for change in comparison.countries:
            kind = change.kind
            if change.new_statements:
                kind += ": new statement " + ", ".join(str(s.date) for s in change.new_statements)
            out.append(
                f"| {change.iso3} {_md(change.name)} | {kind} | "
                f"{_md(position(change.before))} | {_md(position(change.after))} |"
            )
        for change in comparison.countries:
            if change.backfilled:
                out.append("")
                out.append(
                    f"> **Note:** {change.iso3} adds statements dated before existing ones "
                    f"({', '.join(map(str, change.backfilled))}): check they were missed "
                    "reports, not changes."
                )
            if change.edited:
                out.append("")
                out.append(
                    f"> **Warning:** {change.iso3} edits or removes existing statements "
                    f"({', '.join(map(str, change.edited))}). A changed position should be a "
                    "new dated statement."
                )
    elif base.report.ok and head.report.ok:
        out += ["", "No change to any country."]
    if comparison.sources_added:
        out += ["", "**Sources added**", ""]
        out += [
            f"- {_md(s.outlet)}, {s.published}: {link(s.title, s.url, mentions=True)}"
            for s in comparison.sources_added
        ]
    return "\n".join(out)
