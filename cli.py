"""The `coalition` command: a thin layer that turns the library's exceptions into one-line errors.

Exit codes: 0 success, 1 invalid data, 2 usage or environment error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from components.render.presets import CHARTS, FORMATS, PRESETS
from db.contract import schema as db_schema
from db.contract.characters import printable_lines
from db.contract.fmt import (
    FormatError,
    canonical_text,
    country_name,
    new_country_text,
    pledge_files,
    write_atomically,
)
from db.contract.models import STATUSES, Dataset
from db.contract.translate import localized
from db.contract.validate import Report, display_path, validate_files, validate_folder
from db.locale import DEFAULT, LANGUAGES, _, _n, decimal, number, speaking
from db.numbers import scenario
from db.numbers.groups import members
from db.numbers.headline import Headline, headline, summary_document
from db.numbers.review import due_for_review
from db.numbers.rows import position_rows
from db.pulls.compare import compare
from db.pulls.git import (
    NOTHING_TO_COMPARE,
    RevisionError,
    changed_files,
    default_base,
    load_side,
    nothing_to_compare,
    repo_root,
)
from db.pulls.render import render_markdown, render_text
from db.storage import settings
from db.storage.build import BuildFailed, BuildResult, InvalidData, build
from db.storage.current import refresh
from db.storage.engine import DatabaseMissing, reader_engine
from db.storage.queries import DatabaseUnreadable, load_dataset

DATE = click.DateTime(formats=["%Y-%m-%d"])

data_option = click.option(
    "--data",
    "data",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of pledge files (default: $COALITION_DATA, or the nearest pledges/ folder "
    "holding coalition.yaml, here or above).",
)
db_option = click.option(
    "--db",
    "db",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="SQLite database file (default: $COALITION_DB, or coalition.db beside the data folder).",
)
today_option = click.option(
    "--today",
    type=DATE,
    default=None,
    help="Treat this date (YYYY-MM-DD) as today when checking for future dates.",
)


class EnvironmentProblem(click.ClickException):
    """An error that is not in the data: exit 2."""

    exit_code = 2

    def format_message(self) -> str:
        return printable_lines(self.message)


LANGUAGE_VARIABLE = "COALITION_LANG"


def _language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    """--lang, else $COALITION_LANG, else English; a language the tool does not speak in the
    variable is a one-line error naming it, as a bad --lang is."""
    if value is not None:
        return value
    chosen = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()  # as the dashboard reads it
    if not chosen:
        return DEFAULT
    if chosen not in LANGUAGES:
        raise EnvironmentProblem(
            f"{LANGUAGE_VARIABLE} is {chosen!r}: set it to one of {', '.join(LANGUAGES)}, "
            "or unset it"
        )
    return chosen


def language_option(what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """--lang for a command whose reader-facing text is `what`."""
    return click.option(
        "--lang",
        "lang",
        type=click.Choice(LANGUAGES),
        default=None,
        callback=_language,
        help=f"Language of {what} (default: ${LANGUAGE_VARIABLE}, or {DEFAULT}). Country names "
        "follow it, and the coalition's own words where coalition.yaml translates them.",
    )


def say(text: str, err: bool = False) -> None:
    """Print data and file names as inert text: control and hidden characters become escapes."""
    click.echo(printable_lines(text), err=err)


def _data_dir(data: Path | None) -> Path:
    try:
        return settings.data_dir(data)
    except settings.DataNotFound as exc:
        raise EnvironmentProblem(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="coalition-pledges")
def cli() -> None:
    """Track what each country has pledged to a coalition, from dated, sourced statements."""


@cli.command()
@data_option
@today_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="github: also print each problem as a GitHub Actions annotation.",
)
@click.option(
    "--changed-since",
    "since",
    metavar="REV",
    default=None,
    help="Print suggestions only for files changed since the git revision REV (a pull "
    "request's base); errors are printed for every file. Inside a git repository this is the "
    "default, with the merge base with main as REV.",
)
@click.option(
    "--all", "every", is_flag=True,
    help="Print the suggestions on every file, also those this change does not touch.",
)  # fmt: skip
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
def validate(
    data: Path | None,
    today: dt.datetime | None,
    fmt: str,
    since: str | None,
    every: bool,
    files: tuple[Path, ...],
) -> None:
    """Check pledge files: every problem at once, as FILE:LINE:COL: FIELD: MESSAGE.

    With FILES, checks just those files; otherwise the whole folder and the files against each
    other. Errors exit 1; suggestions are printed but never fail. Inside a git repository,
    suggestions are printed only for the files your change touches (the others are counted):
    old statements nobody changed are not yours to edit.
    """
    day = today.date() if today else None
    folder = None if files and data is None else _data_dir(data)
    if files:
        report = validate_files(files, day)
    else:
        with _progress(folder, "Validating") as step:
            report = validate_folder(folder, day, progress=step)
    hidden = 0
    if not files and not every:
        try:
            root = repo_root(folder)
            changed = changed_files(folder, since or default_base(root))
        except RevisionError as exc:
            if since is not None:
                raise EnvironmentProblem(str(exc)) from None
            changed = None  # not in a git repository: every suggestion is shown
        if changed is not None:
            shown = [p for p in report.problems if p.severity == "error" or p.file in changed]
            hidden = len(report.problems) - len(shown)
            report.problems[:] = shown
    for problem in report.problems:
        say(str(problem))
        if fmt == "github":
            say(problem.github())
    if hidden:
        say(untouched_line(hidden))
    if report.ok:
        say(_valid_line(report))
    else:
        say(_count_line(report))
        sys.exit(1)


def untouched_line(count: int) -> str:
    what = "suggestion" if count == 1 else "suggestions"
    return (
        f"{count} {what} on files this change does not touch not shown "
        "(`coalition validate --all` lists them)."
    )


PROGRESS_FROM = 50  # files; smaller folders finish before a bar would help


@contextmanager
def _progress(folder: Path, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for large folders on a terminal; nothing otherwise."""
    try:
        count = sum(1 for _ in folder.glob("*.yaml")) if sys.stderr.isatty() else 0
    except OSError:
        count = 0
    if count < PROGRESS_FROM:
        yield None
        return
    with click.progressbar(length=count, label=label, file=sys.stderr) as bar:
        yield bar.update


def _valid_line(report: Report) -> str:
    found = "no errors" if report.warnings else "no problems found"
    if report.warnings:
        found += f" ({_plural(len(report.warnings), 'suggestion')})"
    if report.dataset is None:
        return f"{_plural(report.files, 'file')} checked: {found}."
    statements = sum(len(c.statements) for c in report.dataset.countries)
    return (
        f"{_plural(len(report.dataset.countries), 'country', 'countries')}, "
        f"{_plural(statements, 'statement')}: {found}."
    )


def _count_line(report: Report) -> str:
    files = len({p.file for p in report.errors})
    extra = f" ({_plural(len(report.warnings), 'suggestion')})" if report.warnings else ""
    return f"Found {_plural(len(report.errors), 'error')} in {_plural(files, 'file')}{extra}."


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


@cli.command(name="build")
@data_option
@db_option
@today_option
def build_command(data: Path | None, db: Path | None, today: dt.datetime | None) -> None:
    """Validate the pledge files and build the SQLite database from them.

    The database is written to a temporary file and swapped in whole: on any error the existing
    database is left exactly as it was.
    """
    folder = _data_dir(data)
    db_path = settings.db_path(db, data=folder)
    try:
        with _progress(folder, "Building") as step:
            result = build(folder, db_path, today.date() if today else None, progress=step)
    except InvalidData as exc:
        for problem in exc.report.problems:
            say(str(problem), err=True)
        say(
            f"{_count_line(exc.report)} The database was not changed ({display_path(db_path)}).",
            err=True,
        )
        sys.exit(1)
    except OSError as exc:
        raise EnvironmentProblem(
            f"cannot write {display_path(db_path)}: {exc.strerror}; the database was not changed"
        ) from None
    except BuildFailed as exc:
        raise EnvironmentProblem(
            f"cannot write {display_path(db_path)}: {exc}; the database was not changed"
        ) from None
    say(_built_line(result))


def _built_line(result: BuildResult) -> str:
    as_of = f" (data as of {result.data_as_of})" if result.data_as_of else ""
    return (
        f"Built {display_path(result.db_path)}: {_plural(result.countries, 'country', 'countries')}, "
        f"{_plural(result.statements, 'statement')}, {_plural(result.sources, 'source')}{as_of}."
    )


@cli.command()
@data_option
@db_option
@click.option(
    "--as-of", "as_of", type=DATE, default=None, help="Date to report on (default: today)."
)
@click.option(
    "--json", "as_json", is_flag=True,
    help="Print JSON instead of a table: the same in every language (English names, codes).",
)  # fmt: skip
@click.option(
    "--assume",
    multiple=True,
    metavar="ISO3=NUMBER",
    help="An assumed figure for a country, written ISO3=NUMBER (repeatable, or several joined by "
    "commas); the JSON adds `assumed`: every sourced figure plus the assumed ones.",
)
@language_option("the table and its sentences; --json ignores it")
def summary(
    data: Path | None,
    db: Path | None,
    as_of: dt.datetime | None,
    as_json: bool,
    assume: tuple[str, ...],
    lang: str,
) -> None:
    """Each country's position on a date and the coalition's stated figures against the target.

    Builds the database first when it is missing or older than the pledge files. The table is
    written in --lang (or $COALITION_LANG); the JSON is for programs and stays as it is in
    English whatever the language: the same keys, codes, ISO dates and recorded names.
    """
    dataset = _current(data, db)
    day = as_of.date() if as_of else dt.date.today()
    assumed = _assumptions(assume, {c.iso3 for c in dataset.countries})
    if as_json:
        h = headline(dataset, day, assumed=assumed)
        click.echo(json.dumps(summary_document(h), indent=2))
        return
    with speaking(lang):
        h = headline(localized(dataset, lang), day, assumed=assumed)
        say(_summary_table(h))


def _summary_table(h: Headline) -> str:
    totals = h.totals
    lines = h.summary_lines
    if not totals.positions:
        return "\n".join(lines)
    lines.append("")
    troops = h.personnel.capitalize()
    # Column headings (marked outside the f-string, where message extraction finds them).
    country, status, figure_from = _("Country"), _("Status"), _("Figure from")
    since, checked, best, roles = _("Since"), _("Checked"), _("Best source"), _("Roles")
    rows = position_rows(totals, h.words)
    # The figure column grows to its longest figure (French runs longer than English).
    wide = max(22, len(troops), *(len(row["figure"]) for row in rows))
    header = (
        f"{country:<16} {status:<12} {troops:>{wide}}  {figure_from:<11}  {since:<10}  "
        f"{checked:<10}  {best:<18}  {roles}"
    )
    lines += [header, "-" * len(header)]
    for row in rows:
        lines.append(
            (
                f"{row['country'][:16]:<16} {row['status_short'][:12]:<12} "
                f"{row['figure']:>{wide}}  "
                f"{row['figure_from']:<11}  {row['since']:<10}  {row['checked']:<10}  "
                f"{row['source_grade'][:18]:<18}  {row['roles_short']}"
            ).rstrip()
        )
    return "\n".join(lines)


@cli.command()
@data_option
@db_option
@click.option(
    "--days", type=click.IntRange(1, 3650), default=None,
    help="Due when not checked in this many days (default: review_after_days in coalition.yaml).",
)  # fmt: skip
@click.option("--today", type=DATE, default=None, help="The date to count from (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
    help="markdown: a table for a workflow's job summary.",
)  # fmt: skip
def review(
    data: Path | None,
    db: Path | None,
    days: int | None,
    today: dt.datetime | None,
    as_json: bool,
    fmt: str,
) -> None:
    """List the country files due for review: not checked against the news in N days.

    Oldest check first, each with the date of its newest statement. A file is checked when
    someone has reviewed it in full against the news, whether or not anything was found.
    """
    dataset = _current(data, db)
    result = due_for_review(dataset, today.date() if today else dt.date.today(), days)
    if as_json:
        click.echo(json.dumps(result.document(), indent=2))
    elif fmt == "markdown":
        click.echo(result.markdown(), nl=False)
    else:
        say("\n".join(result.table()))


@cli.command()
@data_option
@click.option(
    "--check", is_flag=True, help="Only report schema files that are out of date (exit 1)."
)
def schema(data: Path | None, check: bool) -> None:
    """Write the JSON Schemas editors use to autocomplete pledge files (schema.json)."""
    folder = _data_dir(data)
    if check:
        out_of_date = db_schema.stale(folder)
        for path in out_of_date:
            say(f"{display_path(path)}: out of date: run `coalition schema`")
        sys.exit(1 if out_of_date else 0)
    for path in db_schema.write(folder):
        say(f"Wrote {display_path(path)}")


@cli.command()
@data_option
@today_option
@click.option("--as-of", "as_of", type=DATE, default=None, help="Compare positions on this date.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True
)
@click.argument("base", required=False)
@click.argument("head", required=False)
def diff(
    data: Path | None,
    today: dt.datetime | None,
    as_of: dt.datetime | None,
    fmt: str,
    base: str | None,
    head: str | None,
) -> None:
    """What a change does to the numbers: countries, positions, totals and sources.

    Reads the pledge data at two git revisions without checking anything out. BASE defaults to
    the merge base with the main branch, HEAD to the working tree. `--format markdown` gives
    tables for a pull-request comment or a job summary. Exits 1 when HEAD's data is invalid.
    """
    folder = Path(os.path.abspath(_data_dir(data)))
    day = today.date() if today else None
    on = as_of.date() if as_of else (day or dt.date.today())
    try:
        root = repo_root(folder)
        before = load_side(root, base or default_base(root), folder, on, day)
        after = load_side(root, head, folder, on, day)
    except RevisionError as exc:
        raise EnvironmentProblem(str(exc)) from None
    comparison = compare(before, after, on)
    say(render_markdown(comparison) if fmt == "markdown" else render_text(comparison))
    if base is None and head is None and fmt == "text" and nothing_to_compare(root, folder):
        say(NOTHING_TO_COMPARE)
    sys.exit(0 if after.report.ok else 1)


@cli.command()
@data_option
@click.argument("code")
def new(data: Path | None, code: str) -> None:
    """Start a country file: pledges/CODE.yaml with one statement to fill in.

    CODE is the ISO 3166-1 alpha-3 code, such as NOR. The file fails validation until every TODO
    in it is replaced.
    """
    code = code.upper()
    name = country_name(code)
    if name is None:
        raise EnvironmentProblem(
            f"{code!r} is not an ISO 3166-1 alpha-3 country code: use one such as NOR"
        )
    path = _data_dir(data) / f"{code}.yaml"
    if os.path.lexists(path):
        raise EnvironmentProblem(
            f"{display_path(path)} already exists: add a new dated statement at the end of its list"
        )
    try:
        write_atomically(path, new_country_text(code))
    except OSError as exc:
        raise EnvironmentProblem(f"cannot write {display_path(path)}: {exc.strerror}") from None
    say(
        f"Wrote {display_path(path)} for {name}. Replace every TODO, then run `coalition validate`."
    )


@cli.command(name="fmt")
@data_option
@click.option("--check", is_flag=True, help="Only list files that are not canonical (exit 1).")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
def fmt_command(data: Path | None, check: bool, files: tuple[Path, ...]) -> None:
    """Rewrite pledge files in one canonical form, keeping comments.

    Key order follows the data contract, strings are quoted only where needed, dates are bare
    YYYY-MM-DD. With --check, lists the files that differ and exits 1.
    """
    paths = list(files) or pledge_files(_data_dir(data))
    differ, failed = [], []
    for path in paths:
        try:
            result = canonical_text(path)
        except FormatError as exc:
            say(f"{exc}", err=True)
            failed.append(path)
            continue
        if result.changed:
            differ.append(path)
            if check:
                say(f"{display_path(path)}: not in canonical form: run `coalition fmt`")
            else:
                write_atomically(path, result.text)
                say(f"Formatted {display_path(path)}")
    if check and not differ and not failed:
        say(f"{_plural(len(paths), 'file')} in canonical form.")
    if failed or (check and differ):
        sys.exit(1)


def _current(data: Path | None, db: Path | None) -> Dataset:
    """The database kept current with the pledge files: built first if missing or older.

    A database named on its own (--db without --data) is read as it is.
    """
    try:
        folder, db_path = settings.reading(data, db)
    except settings.DataNotFound as exc:
        raise EnvironmentProblem(str(exc)) from None
    if folder is not None:
        _refresh(folder, db_path)
    return _load(db_path)


def _refresh(folder: Path, db_path: Path) -> None:
    """Rebuild when the files changed; say so on stderr, and why when the last build stays."""
    shown_db, shown_data = display_path(db_path), display_path(folder)
    result = refresh(folder, db_path)
    if result.built:
        say(
            f"{_built_line(result.built)} The pledge files had changed since the last build.",
            err=True,
        )
        return
    if result.problems:
        if not db_path.is_file():
            for problem in result.problems:
                say(str(problem), err=True)
            say(
                f"Found {_plural(len(result.problems), 'error')} in {shown_data}: "
                "there is no database to fall back on; fix them and run the command again.",
                err=True,
            )
            sys.exit(1)
        say(
            f"Warning: {shown_data} has {_plural(len(result.problems), 'error')} "
            f"(see `coalition validate`): using the last good build, {shown_db}.",
            err=True,
        )
    elif result.unwritten:
        if not db_path.is_file():
            raise EnvironmentProblem(f"cannot write {shown_db}: {result.unwritten}")
        say(
            f"Warning: the pledge files changed, but {shown_db} cannot be rebuilt "
            f"({result.unwritten}): using the last good build.",
            err=True,
        )


def _load(db_path: Path) -> Dataset:
    """The built dataset, or a one-line error saying how to build it."""
    try:
        return load_dataset(reader_engine(db_path))
    except DatabaseMissing:
        raise EnvironmentProblem(
            f"no database at {display_path(db_path)}: run `coalition build` first"
        ) from None
    except DatabaseUnreadable:
        raise EnvironmentProblem(
            f"{display_path(db_path)} is not a database this tool can read: "
            "run `coalition build` to rebuild it"
        ) from None


def _assumptions(values: tuple[str, ...], known: set[str]) -> dict[str, int]:
    parsed = scenario.parse(values, known)
    if parsed.bad:
        raise click.BadParameter(
            f"{parsed.bad[0]!r}: write {scenario.SYNTAX} for a country in the data, such as "
            f"{scenario.example(known)}",
            param_hint="'--assume'",
        )
    return parsed.figures


@cli.command()
@data_option
@db_option
@click.option("--chart", type=click.Choice(CHARTS), default="briefing", show_default=True)
@click.option("--preset", type=click.Choice(list(PRESETS)), default="slide", show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="png", show_default=True)
@click.option(
    "--as-of", "as_of", type=DATE, default=None, help="Date to report on (default: today)."
)
@click.option(
    "--marking", default=None, help="Handling marking, e.g. OFFICIAL (default: coalition.yaml's)."
)
@click.option(
    "--assume",
    multiple=True,
    metavar="ISO3=NUMBER",
    help="An assumed figure for a country, written ISO3=NUMBER (repeatable, or several joined by "
    "commas: the scenario syntax of the Export page and links); the image is marked SCENARIO.",
)
@click.option(
    "--scale", type=click.FloatRange(0.5, 4), default=2, show_default=True, help="PNG pixel scale."
)
@click.option("--all", "pack", is_flag=True, help="Write every chart in every format into --out.")
@click.option(
    "--group", default=None,
    help="Only the members of this group on the as-of date (a group coalition.yaml defines), as "
    "the dashboard's Group filter; the image and its file name say so.",
)  # fmt: skip
@click.option(
    "--status", multiple=True, type=click.Choice(list(STATUSES)),
    help="Only countries whose position has this status (repeatable), as the Status filter.",
)  # fmt: skip
@click.option(
    "--out", type=click.Path(path_type=Path), required=True, help="File, or folder with --all."
)
@language_option("the image and the messages; file names stay the same")
def export(
    data: Path | None,
    db: Path | None,
    chart: str,
    preset: str,
    fmt: str,
    as_of: dt.datetime | None,
    marking: str | None,
    assume: tuple[str, ...],
    scale: float,
    pack: bool,
    out: Path,
    group: str | None,
    status: tuple[str, ...],
    lang: str,
) -> None:
    """Export briefing images with title, date, sources and marking in the picture.

    Presets: slide (1920x1080), square (1080x1080), a4 and letter (portrait pages: PNG at 150 dpi
    times --scale, PDF exactly 595.276x841.89 and 612x792 points, vector); PNG at 2x scale.
    With --all, writes every chart (briefing, range, map, timeline) in every format (PNG, SVG,
    PDF) into the folder --out, with one browser for the whole pack. The image is written in
    --lang (or $COALITION_LANG); file names are the same in every language.
    """
    # Plotly and Kaleido load only for this command, keeping the data commands quick to start.
    from components.render.briefing import export_figure, file_name
    from components.render.export import BrowserMissing, ExportFailed, render

    dataset = _current(data, db)
    day = as_of.date() if as_of else dt.date.today()
    assumed = _assumptions(assume, {c.iso3 for c in dataset.countries})
    groups = dataset.coalition.groups
    if group is not None and group not in groups:
        raise click.BadParameter(
            f"{group!r} is not a group coalition.yaml defines: use one of "
            f"{', '.join(repr(g) for g in groups) or '(none defined)'}",
            param_hint="'--group'",
        )
    countries = members(dataset.coalition, group, day) if group else None

    def view(shown: Dataset) -> Headline:
        return headline(shown, day, countries, status or None, assumed=assumed, group=group)

    scope = view(dataset).file_scope  # file names name a filter the same way in every language
    jobs = [(c, f) for c in CHARTS for f in FORMATS] if pack else [(chart, fmt)]
    if pack:
        out.mkdir(parents=True, exist_ok=True)
    elif out.is_dir():
        out = out / file_name(chart, day, preset, fmt, scope)
    size = PRESETS[preset]
    written = []

    with speaking(lang):
        dataset = localized(dataset, lang)
        h = view(dataset)

        def one(job: tuple[str, str]) -> Path:
            kind, form = job
            target = out / file_name(kind, day, preset, form, scope) if pack else out
            figure = export_figure(kind, dataset, h, preset, marking)
            data = render(
                figure, form, size.width, size.height, scale if form == "png" else 1, size.page_pt
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            return target

        started = time.monotonic()
        try:
            if pack and sys.stdout.isatty():
                label = _("Exporting")
                with click.progressbar(jobs, label=label, show_pos=True) as bar:
                    written = [one(job) for job in bar]
            else:
                for i, job in enumerate(jobs, 1):
                    written.append(one(job))
                    if pack:
                        say(f"[{i}/{len(jobs)}] {display_path(written[-1])}")
        except BrowserMissing as exc:
            raise EnvironmentProblem(str(exc)) from None
        except ExportFailed as exc:
            raise EnvironmentProblem(f"the export failed: {exc}") from None
        except OSError as exc:
            raise EnvironmentProblem(f"cannot write {display_path(out)}: {exc.strerror}") from None
        seconds = time.monotonic() - started
        if pack:
            say(
                _n(
                    "Wrote {count} file to {folder} in {seconds} s.",
                    "Wrote {count} files to {folder} in {seconds} s.",
                    len(written),
                ).format(
                    count=number(len(written)), folder=display_path(out), seconds=_tenths(seconds)
                )
            )
        else:
            pixels = (
                f"{int(size.width * scale)}x{int(size.height * scale)} px"
                if fmt == "png"
                else fmt.upper()
            )
            say(
                _("Wrote {path} ({chart}, {preset}, {pixels}, as of {day}).").format(
                    path=display_path(written[0]),
                    chart=chart,
                    preset=preset,
                    pixels=pixels,
                    day=day.isoformat(),
                )
            )


def _tenths(seconds: float) -> str:
    """'2.4' ('2,4' in French): a duration to a tenth, in the language in force."""
    return decimal(seconds, 1)


def main() -> None:
    """Entry point: an unexpected failure is one line, not a traceback (COALITION_DEBUG=1 shows it)."""
    try:
        cli(standalone_mode=True)
    except Exception as exc:  # noqa: BLE001 - the last guard before the user's terminal
        if os.environ.get("COALITION_DEBUG"):
            raise
        say(
            f"Error: unexpected failure ({type(exc).__name__}: {exc}); "
            "rerun with COALITION_DEBUG=1 and report it",
            err=True,
        )
        sys.exit(2)


if __name__ == "__main__":
    main()
