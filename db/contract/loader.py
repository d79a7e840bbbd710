"""Strict, safe YAML loading for files that arrive through pull requests.

Builds plain Python values from the C parser's events, which lets it refuse what PyYAML would
otherwise accept silently (duplicate keys, anchors and aliases, tags, several documents) and record
where every key and list item stands, so later errors can name the line.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from db.contract.characters import describe

MAX_BYTES = 2_000_000
# POSIX flags, absent on Windows (where lstat above already refuses links and special files).
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NO_BLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
MAX_DEPTH = 20

Path_ = tuple[str | int, ...]

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_FORBIDDEN_TAG_HINT = "tags (!, !!) are not allowed: remove the tag and write the plain value"


class LoadError(Exception):
    """A file that cannot be read as one plain YAML mapping; line and col are 1-based."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass
class Loaded:
    data: dict[str, Any]
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def mark(self, path: Path_) -> tuple[int, int]:
        """Where `path` (or its nearest existing parent) stands in the file."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))


def read_regular_file(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a pledge file without following links or blocking on special files."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise LoadError("file not found") from None
    except OSError as exc:
        raise LoadError(f"cannot be read ({exc.strerror})") from None
    if stat.S_ISLNK(info.st_mode):
        raise LoadError("is a symbolic link: replace it with the file itself")
    if not stat.S_ISREG(info.st_mode):
        raise LoadError("is not a regular file: remove it or replace it with a YAML file")
    if info.st_size > max_bytes:
        raise LoadError(_too_big(info.st_size, max_bytes))
    try:
        fd = os.open(path, os.O_RDONLY | _NO_FOLLOW | _NO_BLOCK | _BINARY)
    except OSError as exc:
        raise LoadError(f"cannot be read ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LoadError("is not a regular file: remove it or replace it with a YAML file")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise LoadError(_too_big(size, max_bytes))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"file is over the {max_bytes:,}-byte limit ({size:,} bytes or more): split or shorten it"
    )


def decode(raw: bytes) -> str:
    """UTF-8 only; a NUL byte or an invalid byte is an error at its line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _position(raw, nul)
        raise LoadError("contains a NUL byte: the file is not text; save it as UTF-8", line, col)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        raise LoadError("is not valid UTF-8 text: save the file as UTF-8", line, col) from None
    odd = _ODD_BREAK.search(text)
    if odd:
        line, col = _offset_position(text, odd.start())
        raise LoadError(
            f"contains {describe(odd.group()[0])}, a line break YAML reads but editors do not "
            "show, so line numbers would differ: replace it with an ordinary line break",
            line,
            col,
        )
    return text


# Line breaks YAML knows besides \n and \r\n: each would shift every line number after it.
_ODD_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def load_path(path: Path) -> Loaded:
    return load_text(decode(read_regular_file(path)))


def load_text(text: str) -> Loaded:
    """Parse one YAML document that must be a mapping; raise LoadError otherwise."""
    marks: dict[Path_, tuple[int, int]] = {}
    # Each frame: [container, path, pending key or None, key mark, seen keys]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Parser):
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise LoadError(
                        "holds more than one YAML document: remove the '---' line and merge them",
                        *_at(event),
                    )
                continue
            if kind is yaml.AliasEvent:
                raise LoadError(
                    "aliases (*name) are not allowed: write the value out in full", *_at(event)
                )
            if kind in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                if event.anchor is not None:
                    raise LoadError(
                        "anchors (&name) are not allowed: write the value out in full", *_at(event)
                    )
                if event.tag is not None and event.tag != "!":
                    raise LoadError(
                        f"{_FORBIDDEN_TAG_HINT} (found {_short_tag(event.tag)})", *_at(event)
                    )
                if stack and _takes_key(stack[-1]):
                    _set_key(stack[-1], event, marks)
                    continue
                if kind is yaml.ScalarEvent:
                    value: Any = _scalar(event)
                else:
                    if len(stack) >= MAX_DEPTH:
                        raise LoadError(
                            f"nested more than {MAX_DEPTH} levels deep: flatten the structure",
                            *_at(event),
                        )
                    value = {} if kind is yaml.MappingStartEvent else []
                path = _child_path(stack, event, marks)
                if stack:
                    _attach(stack[-1], value)
                else:
                    root = value
                if kind is not yaml.ScalarEvent:
                    stack.append([value, path, None, None, {}])
                continue
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                stack.pop()
    except yaml.reader.ReaderError as exc:
        line, col = _offset_position(text, exc.position)
        raise LoadError(
            f"contains a control character (#x{exc.character:04x}): remove it", line, col
        ) from None
    except yaml.MarkedYAMLError as exc:
        line, col = _mark_of(exc)
        raise LoadError(_yaml_problem(exc, text, line), line, col) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"is not valid YAML ({' '.join(str(exc).split())})") from None
    except RecursionError:
        raise LoadError(
            f"nested more than {MAX_DEPTH} levels deep: flatten the structure"
        ) from None
    if documents == 0 or root is None:
        raise LoadError("is empty: it must hold the fields of one pledge file", 1, 1)
    if not isinstance(root, dict):
        found = "a list" if isinstance(root, list) else f"the single value {root!r}"
        raise LoadError(
            f"must be a mapping of fields (name: ..., statements: ...), found {found}", 1, 1
        )
    marks[()] = (1, 1)
    return Loaded(root, marks)


def _at(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _takes_key(frame: list[Any]) -> bool:
    return isinstance(frame[0], dict) and frame[2] is None


def _set_key(frame: list[Any], event: Any, marks: dict[Path_, tuple[int, int]]) -> None:
    if type(event) is not yaml.ScalarEvent:
        raise LoadError("keys must be plain words such as 'status'", *_at(event))
    key = event.value
    seen = frame[4]
    if key in seen:
        first = seen[key][0]
        raise LoadError(
            f"duplicate key {key!r} (first at line {first}): keep one and delete the other",
            *_at(event),
        )
    if key == "<<" and event.implicit[0]:
        raise LoadError(
            "merge keys (<<) are not allowed: write the fields out in full", *_at(event)
        )
    seen[key] = _at(event)
    frame[2] = key
    frame[3] = _at(event)
    marks[(*frame[1], key)] = _at(event)


def _child_path(stack: list[list[Any]], event: Any, marks: dict[Path_, tuple[int, int]]) -> Path_:
    if not stack:
        return ()
    frame = stack[-1]
    if isinstance(frame[0], dict):
        return (*frame[1], frame[2])
    path = (*frame[1], len(frame[0]))
    marks[path] = _at(event)
    return path


def _attach(frame: list[Any], value: Any) -> None:
    container = frame[0]
    if isinstance(container, dict):
        container[frame[2]] = value
        frame[2] = None
    else:
        container.append(value)


def _scalar(event: Any) -> Any:
    if not event.implicit[0]:
        return event.value  # quoted or block text: always a string
    tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
    if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:value":
        return event.value
    if tag == "tag:yaml.org,2002:merge":
        raise LoadError(
            "merge keys (<<) are not allowed: write the fields out in full", *_at(event)
        )
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    try:
        return _CONSTRUCTOR.construct_object(node)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError):
        if tag == "tag:yaml.org,2002:timestamp":
            raise LoadError(
                f"{event.value} is not a real date: write an existing date as YYYY-MM-DD",
                *_at(event),
            ) from None
        raise LoadError(f"cannot read the value {event.value!r}", *_at(event)) from None


def _mark_of(exc: yaml.MarkedYAMLError) -> tuple[int | None, int | None]:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _short_tag(tag: str) -> str:
    tag = tag.replace("tag:yaml.org,2002:", "!!")
    return tag if len(tag) <= 40 else tag[:40] + "..."


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str, line: int | None) -> str:
    problem = (exc.problem or "").strip()
    lines = text.splitlines()
    if line is not None and 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return "has a tab character: indent with spaces, not tabs"
    if "nesting depth" in problem:
        return f"nested more than {MAX_DEPTH} levels deep: flatten the structure"
    context = f" {exc.context.strip()}" if exc.context else ""
    return f"is not valid YAML: {problem}{context}: check the indentation and quoting on this line"
