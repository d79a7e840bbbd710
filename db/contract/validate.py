"""Validation of a pledges folder: every problem at once, each with its file, line and fix."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pycountry
from pydantic import BaseModel, ValidationError

from db.collector import collector_paused
from db.contract.characters import printable
from db.contract.loader import Loaded, LoadError, load_path
from db.contract.models import (
    SOURCE_KINDS,
    Coalition,
    Country,
    Dataset,
    Outlet,
    OutletRegister,
    Statement,
)
from db.contract.translate import missing, unknown
from db.contract.vocabulary import vocabulary

COALITION_FILE = "coalition.yaml"
OUTLETS_FILE = "outlets.yaml"
COUNTRY_FILE = re.compile(r"^[A-Z]{3}\.yaml$")
IGNORED_FILES = {"README.md", "schema.json", "coalition.schema.json", "outlets.schema.json"}

Severity = Literal["error", "warning"]
PLACEHOLDER = "TODO"  # what `coalition new` writes where a contributor must fill in


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place. Line and col are 1-based; loc is the field path."""

    file: str
    message: str
    line: int | None = None
    col: int | None = None
    loc: str = ""
    severity: Severity = "error"

    @property
    def text(self) -> str:
        """The message with its field path, and 'suggestion:' before a warning."""
        message = f"suggestion: {self.message}" if self.severity == "warning" else self.message
        return f"{self.loc}: {message}" if self.loc else message

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.col}"
        return printable(" ".join(f"{where}: {self.text}".split()))  # always one inert line

    def github(self) -> str:
        """A GitHub Actions annotation, shown on the changed line of a pull request."""
        where = f"file={printable(_gh_property(self.file))}"
        if self.line is not None:
            where += f",line={self.line},col={self.col}"
        return f"::{self.severity} {where}::{printable(_gh_data(self.text))}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    dataset: Dataset | None = None
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def display_path(path: Path) -> str:
    """Paths as a contributor typed them: relative to the current folder where possible, with
    forward slashes on every system (as git and GitHub's annotations write them)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return Path(path).as_posix()
    return Path(path).as_posix() if relative.startswith("..") else Path(relative).as_posix()


@collector_paused()
def validate_folder(
    data_dir: Path, today: dt.date | None = None, progress: Callable[[int], None] | None = None
) -> Report:
    """Validate every pledge file in `data_dir` and the files against each other.

    `progress`, if given, is called with 1 after each file (for a progress bar).
    """
    today = today or dt.date.today()
    report = Report()
    if os.path.islink(data_dir):
        report.problems.append(
            Problem(
                display_path(data_dir),
                "is a symbolic link: the pledges folder must be a real folder, not a link to one",
            )
        )
        return report
    if not data_dir.is_dir():
        report.problems.append(Problem(display_path(data_dir), "is not a folder of pledge files"))
        return report
    coalition_path = data_dir / COALITION_FILE
    country_paths: list[Path] = []
    for entry in sorted(os.scandir(data_dir), key=lambda e: e.name):
        name = entry.name
        if name.startswith(".") or name in IGNORED_FILES or name in (COALITION_FILE, OUTLETS_FILE):
            continue
        if COUNTRY_FILE.match(name):
            country_paths.append(Path(entry.path))
        elif name.lower().endswith((".yaml", ".yml")):
            twin = name.rsplit(".", 1)[0].upper() + ".yaml"
            message = (
                f"is a second file for {twin[:-5]}: merge its statements into {twin} and remove it"
                if COUNTRY_FILE.match(twin) and (data_dir / twin).exists()
                else _bad_name(name)
            )
            report.problems.append(Problem(display_path(Path(entry.path)), message))
    outlets = _register(data_dir / OUTLETS_FILE, today, report)
    if not os.path.lexists(coalition_path):
        report.problems.append(
            Problem(display_path(coalition_path), "is missing: every pledges folder needs one")
        )
        coalition = None
    else:
        coalition = _validate_file(coalition_path, Coalition, today, report, {"outlets": outlets})
    countries = []
    # With a broken coalition.yaml the words are not checked: its own error says what to fix.
    context = {
        "vocabulary": vocabulary(coalition) if isinstance(coalition, Coalition) else None,
        "outlets": outlets,
    }
    for path in country_paths:
        countries.append(_validate_file(path, Country, today, report, context))
        if progress:
            progress(1)
    report.files = len(country_paths) + 2
    if report.ok and isinstance(coalition, Coalition) and outlets is not None:
        report.dataset = Dataset(
            coalition=coalition,
            countries=tuple(c for c in countries if isinstance(c, Country)),
            outlets=outlets,
        )
    return report


def _register(path: Path, today: dt.date, report: Report) -> dict[str, Outlet] | None:
    """The outlet register beside the pledge files (None when it is missing or invalid: its own
    error says so, and sources are then not checked against it)."""
    if not os.path.lexists(path):
        report.problems.append(
            Problem(
                display_path(path),
                "is missing: every pledges folder needs an outlet register naming each source's "
                "outlet and its kind (see CONTRIBUTING.md)",
            )
        )
        return None
    register = _validate_file(path, OutletRegister, today, report)
    return dict(register.outlets) if isinstance(register, OutletRegister) else None


def validate_files(paths: Sequence[Path], today: dt.date | None = None) -> Report:
    """Validate single files (a pre-commit hook's changed files), each on its own."""
    today = today or dt.date.today()
    report = Report(files=len(paths))
    for path in paths:
        if path.name == OUTLETS_FILE:
            _validate_file(path, OutletRegister, today, report)
        elif path.name == COALITION_FILE:
            _validate_file(path, Coalition, today, report, {"outlets": _sibling_register(path)})
        elif COUNTRY_FILE.match(path.name):
            sibling = _sibling_coalition(path)
            context = {
                "vocabulary": vocabulary(sibling) if sibling else None,
                "outlets": _sibling_register(path),
            }
            _validate_file(path, Country, today, report, context)
        else:
            report.problems.append(Problem(display_path(path), _bad_name(path.name)))
    return report


def _sibling_coalition(path: Path) -> Coalition | None:
    """The coalition.yaml beside a single file, for its vocabulary (None if it does not load)."""
    try:
        return Coalition.model_validate(load_path(path.parent / COALITION_FILE).data)
    except (LoadError, ValidationError):
        return None


def _sibling_register(path: Path) -> dict[str, Outlet] | None:
    """The outlet register beside a single file (None if it does not load)."""
    try:
        return dict(
            OutletRegister.model_validate(load_path(path.parent / OUTLETS_FILE).data).outlets
        )
    except (LoadError, ValidationError):
        return None


def _bad_name(name: str) -> str:
    stem = name.rsplit(".", 1)[0]
    hint = f" (rename it to {stem.upper()}.yaml)" if re.fullmatch(r"[A-Za-z]{3}", stem) else ""
    return (
        "is not a pledge file name: country files are named by their upper-case ISO 3166-1 "
        f"alpha-3 code, such as FRA.yaml{hint}"
    )


def _validate_file(
    path: Path,
    model: type[BaseModel],
    today: dt.date,
    report: Report,
    context: dict[str, Any] | None = None,
) -> BaseModel | None:
    shown = display_path(path)
    try:
        loaded = load_path(path)
    except LoadError as exc:
        report.problems.append(Problem(shown, exc.message, exc.line, exc.col))
        return None
    # A field still holding the template's placeholder is reported once, as a placeholder with
    # what to write there, whatever else is wrong with the value.
    placeholders = list(_placeholders(shown, loaded, loaded.data, ()))
    held = {p.loc for p in placeholders}
    try:
        parsed = model.model_validate(loaded.data, context=context)
    except ValidationError as exc:
        problems = [p for p in _from_pydantic(shown, loaded, model, exc) if p.loc not in held]
        seen = held | {p.loc for p in problems}
        dates = [
            p for p in _value_checks(shown, loaded, loaded.data, (), today) if p.loc not in seen
        ]
        report.problems.extend(_in_line_order(problems + placeholders + dates))
        return None
    outlets = (context or {}).get("outlets")
    if isinstance(parsed, Country):
        checks = list(_country_checks(path, shown, loaded, parsed, today, outlets))
    else:
        checks = list(_value_checks(shown, loaded, loaded.data, (), today))
    if isinstance(parsed, Coalition):
        checks += _translation_checks(shown, loaded, parsed)
    if outlets is not None:
        checks += _source_checks(shown, loaded, loaded.data, (), outlets)
    report.problems.extend(_in_line_order(checks + placeholders))
    return parsed


def _translation_checks(shown: str, loaded: Loaded, coalition: Coalition) -> list[Problem]:
    """Translations of words the coalition does not have are errors; the words a language's
    block leaves in English are one suggestion listing them."""
    found = []
    for lang in coalition.translations:
        for loc, message in unknown(coalition, lang):
            line, col = loaded.mark(loc)
            found.append(Problem(shown, message, line, col, _dotted(loc)))
        left = missing(coalition, lang)
        if left:
            loc = ("translations", lang)
            line, col = loaded.mark(loc)
            found.append(
                Problem(
                    shown,
                    f"the {lang!r} translation leaves {len(left)} in English (shown so until "
                    f"given): {', '.join(left)}",
                    line,
                    col,
                    _dotted(loc),
                    "warning",
                )  # fmt: skip
            )
    return found


def _in_line_order(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.col or 0))


def _country_checks(
    path: Path,
    shown: str,
    loaded: Loaded,
    country: Country,
    today: dt.date,
    outlets: dict[str, Outlet] | None = None,
) -> Iterable[Problem]:
    def at(loc: tuple[str | int, ...], message: str, severity: Severity = "error") -> Problem:
        line, col = loaded.mark(loc)
        return Problem(shown, message, line, col, _dotted(loc), severity)

    code = country.iso3
    if pycountry.countries.get(alpha_3=code) is None:
        yield at(
            ("iso3",), f"{code!r} is not an ISO 3166-1 alpha-3 country code: use one such as FRA"
        )
    names = country_names(code)
    if names and _folded(country.name) not in {_folded(n) for n in names}:
        yield at(
            ("name",),
            f"{country.name!r} is not a name of {code}: write {names[0]!r}, or check the code",
            "warning",
        )
    if path.stem != code:
        yield at(
            ("iso3",),
            f"the code is {code} but the file is named {path.name}: "
            f"rename the file to {code}.yaml or correct the code",
        )
    previous: dt.date | None = None
    statements = country.statements
    for i, statement in enumerate(statements):
        if previous is not None and statement.date < previous:
            later = next(j for j, s in enumerate(statements) if s.date > statement.date)
            line = loaded.mark(("statements", later))[0]
            yield at(
                ("statements", i, "date"),
                f"{statement.date} is earlier than the statement before it ({previous}): "
                "statements are kept oldest first, so move it up to just before the statement "
                f"dated {statements[later].date} (line {line}); a report missed earlier is "
                "welcome there, as its own statement",
            )
        if i and _repeats(statements[i - 1], statement):
            yield at(
                ("statements", i),
                f"repeats the statement before it ({statements[i - 1].date}) with only a new "
                "date: a new statement records what was newly said, with its own source; if "
                "nothing new was said, remove it",
                "warning",
            )
        previous = statement.date
        for j, other in enumerate(statement.troops.not_added_with if statement.troops else []):
            loc = ("statements", i, "troops", "not_added_with", j)
            if other == code:
                yield at(loc, f"names {code}, this file's own country: list other countries")
            elif pycountry.countries.get(alpha_3=other) is None:
                yield at(loc, f"{other!r} is not an ISO 3166-1 alpha-3 country code: use one such "
                         "as FRA")  # fmt: skip
        yield from _suggestions(statement, ("statements", i), at)
        if outlets is not None:
            yield from _sourcing(statement, ("statements", i), at, outlets)
    yield from _value_checks(shown, loaded, loaded.data, (), today)


def _repeats(before: Statement, after: Statement) -> bool:
    """The same summary and the same sources under a later date: a copy, not a new position."""
    return (
        after.date != before.date
        and after.summary == before.summary
        and [s.url for s in after.sources] == [s.url for s in before.sources]
    )


def country_names(code: str) -> list[str]:
    """The names ISO 3166 and pycountry give a code: common short name first."""
    country = pycountry.countries.get(alpha_3=code.upper())
    if country is None:
        return []
    names = [getattr(country, key, None) for key in ("common_name", "name", "official_name")]
    return list(dict.fromkeys(n for n in names if n))


def _folded(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


STALE_SOURCE_DAYS = 365


def _suggestions(statement: Statement, loc: tuple[str | int, ...], at) -> Iterable[Problem]:
    """Things a reviewer would ask about; printed as warnings, they never fail a check."""
    if statement.troops and not statement.capabilities:
        yield at(
            loc,
            "gives a troop figure but no capabilities: add them (ground, air, ...) if the "
            "source says",
            "warning",
        )
    for j, source in enumerate(statement.sources):
        age = (statement.date - source.published).days
        if age > STALE_SOURCE_DAYS:
            yield at(
                (*loc, "sources", j, "published"),
                f"the source is from {source.published}, over a year before the statement "
                f"({statement.date}): add a source from the time of the statement",
                "warning",
            )


def _sourcing(
    statement: Statement, loc: tuple[str | int, ...], at, outlets: dict[str, Outlet]
) -> Iterable[Problem]:
    """A position resting only on state media of a party is refused; one resting only on
    republishers or aggregators is flagged (it shows as weakly sourced)."""
    if any(s.outlet not in outlets for s in statement.sources):
        return  # an unknown outlet: _source_checks names it
    kinds = {outlets[s.outlet].kind for s in statement.sources}
    if kinds == {"state_media_party"}:
        yield at(
            (*loc, "sources"),
            "rests only on state-controlled media of a party to the conflict: add an "
            "independent source (a government's own words, a wire service or an established "
            "outlet), or remove the statement",
        )
    elif kinds and kinds <= {"republisher", "state_media_party"}:
        yield at(
            (*loc, "sources"),
            "rests only on republishers or aggregators, so it shows as weakly sourced: add the "
            "original report or an established outlet's own",
            "warning",
        )


def _source_checks(
    shown: str, loaded: Loaded, node: Any, loc: tuple[str | int, ...], outlets: dict[str, Outlet]
) -> list[Problem]:
    """Every source's outlet (and `via`) is in the register; a republisher names its original."""
    problems = []
    for key, value in _items(node):
        here = (*loc, key)
        if key == "sources" and isinstance(value, list):
            for j, source in enumerate(value):
                if isinstance(source, dict):
                    problems += _one_source(shown, loaded, source, (*here, j), outlets)
        elif isinstance(value, dict | list):
            problems += _source_checks(shown, loaded, value, here, outlets)
    return problems


def _one_source(
    shown: str, loaded: Loaded, source: dict, loc: tuple[str | int, ...], outlets: dict[str, Outlet]
) -> list[Problem]:
    def at(field_name: str, message: str) -> Problem:
        line, col = loaded.mark((*loc, field_name))
        return Problem(shown, message, line, col, _dotted((*loc, field_name)))

    problems = []
    for field_name in ("outlet", "via"):
        name = source.get(field_name)
        if isinstance(name, str) and name not in outlets:
            close = difflib.get_close_matches(name, list(outlets), n=1, cutoff=0.6)
            folded = [o for o in outlets if o.casefold() == name.casefold()]
            hint = (
                f"did you mean {(folded or close)[0]!r}?"
                if folded or close
                else f"add it to {OUTLETS_FILE} with its kind ({', '.join(SOURCE_KINDS)})"
            )
            problems.append(at(field_name, f"{name!r} is not in {OUTLETS_FILE}: {hint}"))
    outlet = outlets.get(source.get("outlet"))  # type: ignore[arg-type]
    if outlet is not None and outlet.kind == "republisher" and not source.get("via"):
        problems.append(
            at(
                "outlet",
                f"{source['outlet']!r} republishes other outlets' reports: add 'via:' naming "
                "the original outlet",
            )
        )
    return problems


EARLIEST = dt.date(1945, 1, 1)  # before any statement this data can hold: a mistyped year

PLACEHOLDER_HINTS = {
    "date": "write the date the position was stated, as YYYY-MM-DD",
    "status": "write the position the source reports: troops, open, support, undecided or declined",
    "summary": "write in your own words what the government said",
    "outlet": "write who published the source, as named in outlets.yaml",
    "checked": "write the date you reviewed this country's news in full, as YYYY-MM-DD",
    "title": "write the source's headline",
    "url": "write the source's web address, starting with https://",
    "published": "write the source's publication date, as YYYY-MM-DD",
}


def _placeholders(
    shown: str, loaded: Loaded, node: Any, loc: tuple[str | int, ...]
) -> Iterable[Problem]:
    """Every value that still holds the template's placeholder, with what belongs there."""
    for key, value in _items(node):
        here = (*loc, key)
        if isinstance(value, str) and PLACEHOLDER in value:
            line, col = loaded.mark(here)
            hint = PLACEHOLDER_HINTS.get(str(key), "replace it with the real text")
            message = f"still holds the placeholder {PLACEHOLDER}: {hint}"
            yield Problem(shown, message, line, col, _dotted(here))
        elif isinstance(value, dict | list):
            yield from _placeholders(shown, loaded, value, here)


def _items(node: Any) -> Iterable[tuple[Any, Any]]:
    if isinstance(node, dict):
        return node.items()
    if isinstance(node, list):
        return enumerate(node)
    return ()


def _value_checks(
    shown: str, loaded: Loaded, node: Any, loc: tuple[str | int, ...], today: dt.date
) -> Iterable[Problem]:
    """Every date in a file lies between 1945 and `today`."""
    for key, value in _items(node):
        here = (*loc, key)
        if isinstance(value, dt.date) and not EARLIEST <= value <= today:
            line, col = loaded.mark(here)
            message = (
                f"{value} is in the future (today is {today}): use the date it was reported"
                if value > today
                else f"{value} is before {EARLIEST.year}: check the year"
            )
            yield Problem(shown, message, line, col, _dotted(here))
        elif isinstance(value, dict | list):
            yield from _value_checks(shown, loaded, value, here, today)


def _dotted(loc: Iterable[str | int]) -> str:
    """'statements.2.troops.max'; a key that is not a plain word is shown quoted and escaped."""
    return ".".join(
        str(part) if isinstance(part, int) or re.fullmatch(r"[\w-]+", part) else repr(part)
        for part in loc
    )


def _from_pydantic(
    shown: str, loaded: Loaded, model: type[BaseModel], exc: ValidationError
) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        line, col = loaded.mark(loc)
        problems.append(Problem(shown, _message(err, model, loc), line, col, _dotted(loc)))
    return problems


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:40] + "..."
        return f"the text {text!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, float):
        return f"the decimal number {value}"
    return repr(value)


def _message(err: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    field_name = str(loc[-1]) if loc else ""
    if kind == "missing" and field_name == "basis":
        return (
            "required field is missing: add 'basis:' with official (said on the record by the "
            "government), reported (by the press, citing unnamed sources) or derived (inferred "
            "from a unit the source names, with 'unit:')"
        )
    if kind == "missing":
        return f"required field is missing: add '{field_name}:'"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(field_name, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
        return f"unknown field {field_name!r}: {hint}"
    if kind == "literal_error":
        return f"{value!r} is not allowed: use one of {ctx.get('expected')}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, got {_describe(value)}"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}, got {value}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le'):,}, got {value:,}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return f"must be a date written YYYY-MM-DD without quotes, got {_describe(value)}"
    if kind == "date_from_datetime_parsing":  # a date as a key, where YAML gives text
        return f"must be a date written YYYY-MM-DD, got {_describe(value)}"
    if kind == "string_type":
        return f"must be text, got {_describe(value)}: put it in quotes if it is meant as text"
    if kind == "bool_type":
        return f"must be true or false, got {_describe(value)}"
    if kind == "list_type":
        return f"must be a list (lines starting with '- '), got {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of fields (key: value lines), got {_describe(value)}"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return (
            "must have at least one entry" if least == 1 else f"must have at least {least} entries"
        )
    if kind == "string_pattern_mismatch" and field_name == "iso3":
        return f"must be three upper-case letters such as FRA, got {_describe(value)}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return err["msg"]


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at `loc`, following the models' annotations."""
    current: Any = model
    for part in loc:
        current = unwrap_annotation(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else current
        elif isinstance(current, type) and issubclass(current, BaseModel):
            current = current.model_fields[part].annotation
    current = unwrap_annotation(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def unwrap_annotation(annotation: Any) -> Any:
    """Strip Optional and Annotated down to the type that holds fields or items."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation
