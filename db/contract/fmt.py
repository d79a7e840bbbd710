"""One canonical form for pledge files (`coalition fmt`), and the template for a new country.

Key order follows the data contract; lists of words are written inline, statements and sources as
blocks; strings are quoted only where YAML needs it; dates are bare YYYY-MM-DD; comments stay.
A file is rewritten only if its meaning is unchanged, checked by loading both versions strictly.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from db.contract.loader import LoadError, load_path, load_text
from db.contract.models import Coalition, Country, Iso3, Word
from db.contract.validate import (
    COALITION_FILE,
    COUNTRY_FILE,
    country_names,
    display_path,
    unwrap_annotation,
)

SCHEMA_HEADER = {
    "country": "# yaml-language-server: $schema=schema.json",
    "coalition": "# yaml-language-server: $schema=coalition.schema.json",
}


class FormatError(Exception):
    """A file that cannot be put in canonical form until it loads cleanly."""


@dataclass(frozen=True)
class Formatted:
    path: Path
    text: str
    changed: bool


def _yaml() -> YAML:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = False
    return yaml


def canonical_text(path: Path) -> Formatted:
    """The canonical text of one pledge file; FormatError if it does not load strictly."""
    model: type[BaseModel] = Coalition if path.name == COALITION_FILE else Country
    try:
        before = load_path(path)
    except LoadError as exc:
        where = f":{exc.line}:{exc.col}" if exc.line else ""
        raise FormatError(
            f"{display_path(path)}{where}: {exc.message} (fix it before formatting)"
        ) from None
    original = path.read_text(encoding="utf-8")
    yaml = _yaml()
    document = yaml.load(original)
    _canonical(document, model)
    out = io.StringIO()
    yaml.dump(document, out)
    text = out.getvalue().rstrip("\n") + "\n"
    header = SCHEMA_HEADER["coalition" if model is Coalition else "country"]
    if not text.startswith(header):
        text = re.sub(r"\A# yaml-language-server:[^\n]*\n", "", text)
        text = f"{header}\n{text}"
    if _modern(load_text(text).data) != _modern(before.data):
        raise FormatError(f"{display_path(path)}: formatting would change its meaning; left as is")
    return Formatted(path, text, text != original)


def _modern(data: Any) -> Any:
    """The data with the older `approximate: true` read as `qualifier: about`, as the contract
    reads it: formatting may rewrite the one into the other without changing the meaning."""
    if isinstance(data, dict):
        data = {k: _modern(v) for k, v in data.items()}
        if "approximate" in data and "qualifier" not in data:
            if data.pop("approximate") is True:
                data["qualifier"] = "about"
        return data
    if isinstance(data, list):
        return [_modern(v) for v in data]
    return data


def _canonical(node: Any, model: Any) -> None:
    model = unwrap_annotation(model)
    if isinstance(node, CommentedMap) and isinstance(model, type) and issubclass(model, BaseModel):
        fields = model.model_fields
        if "qualifier" in fields and "approximate" in node and "qualifier" not in node:
            at = list(node).index("approximate")
            if (
                node.pop("approximate") is True
            ):  # the older flag, rewritten as the contract reads it
                node.insert(at, "qualifier", "about")
        node.fa.set_block_style()
        _reorder(node, list(fields))
        for key, value in node.items():
            if key in fields:
                _canonical(value, fields[key].annotation)
    elif isinstance(node, CommentedMap) and typing.get_origin(model) is dict:
        node.fa.set_block_style()  # a vocabulary or the groups: one entry per block, as written
        value_type = typing.get_args(model)[1]
        for value in node.values():
            _canonical(value, value_type)
    elif isinstance(node, CommentedSeq):
        args = typing.get_args(model)
        item = args[0] if args else None
        if _inline(item) or not node:
            node.fa.set_flow_style()  # words, codes and numbers: capabilities: [ground, air]
        else:
            node.fa.set_block_style()
            for value in node:
                _canonical(value, item)


def _inline(item: Any) -> bool:
    """Lists of vocabulary words, ISO codes and numbers are written on one line."""
    return item in (Word, Iso3) or unwrap_annotation(item) in (int, float)


def _reorder(mapping: CommentedMap, order: list[str]) -> None:
    """Put keys in the contract's order, carrying each key's comments with it."""
    keys = list(mapping.keys())
    wanted = [k for k in order if k in mapping] + [k for k in keys if k not in order]
    if wanted == keys:
        return
    values = {k: mapping[k] for k in keys}
    comments = {k: mapping.ca.items.get(k) for k in keys}
    for key in keys:
        del mapping[key]
    for key in wanted:
        mapping[key] = values[key]
        if comments[key] is not None:
            mapping.ca.items[key] = comments[key]


def pledge_files(data_dir: Path) -> list[Path]:
    return sorted(
        p for p in data_dir.glob("*.yaml") if p.name == COALITION_FILE or COUNTRY_FILE.match(p.name)
    )


def write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def country_name(code: str) -> str | None:
    names = country_names(code)
    return names[0] if names else None


def _reads_back_plain(text: str) -> bool:
    try:
        return load_text(f"value: {text}\n").data == {"value": text}
    except LoadError:
        return False


def new_country_text(code: str) -> str:
    """A country file with one statement to fill in.

    Every field that records a judgement (the date, the position, the summary, the source) holds
    a placeholder, so the file fails validation until the contributor has written each one: the
    template decides nothing for them.
    """
    name = country_name(code) or code
    shown = name if _reads_back_plain(name) else json.dumps(name, ensure_ascii=False)
    return f"""{SCHEMA_HEADER["country"]}
# {name}: dated statements, oldest first. When the position changes, add a new statement at the
# end of the list; never edit an old one. Replace every TODO, then run `coalition validate`.
iso3: {code.upper()}
name: {shown}
checked: TODO  # the date you reviewed this country's news in full, YYYY-MM-DD
statements:
  - date: TODO  # the date the position was stated, YYYY-MM-DD
    status: TODO  # troops, open, support, undecided or declined: what the source says
    summary: TODO  # in your own words, what the government said
    sources:
      - outlet: TODO  # who published it, as named in outlets.yaml (add it there if new)
        title: TODO  # the headline
        url: TODO  # https://...
        published: TODO  # its publication date, YYYY-MM-DD
"""
