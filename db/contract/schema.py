"""JSON Schemas for editors, generated from the contract so they cannot drift from it.

The country schema lists the words the folder's own `coalition.yaml` defines (roles,
capabilities, conditions), so an editor offers exactly what validation accepts.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError

from db.contract.loader import LoadError, load_path
from db.contract.models import Coalition, Country, OutletRegister
from db.contract.vocabulary import KINDS, Vocabulary, vocabulary

SCHEMAS: dict[str, type[BaseModel]] = {
    "schema.json": Country,
    "coalition.schema.json": Coalition,
    "outlets.schema.json": OutletRegister,
}


def render(model: type[BaseModel], words: Vocabulary | None = None) -> str:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(),
    }
    if model is Country:
        fields = schema["$defs"]["Statement"]["properties"]
        for kind in KINDS:
            terms = (words or vocabulary(None)).terms(kind)
            field = fields[kind]
            array = next((a for a in field.get("anyOf", []) if a.get("type") == "array"), field)
            array["items"]["enum"] = list(terms)
            field["description"] = (
                "; ".join(f"{word}: {term.label}" for word, term in terms.items())
                or "None are defined in coalition.yaml."
            )
        units = (words or vocabulary(None)).units
        unit = schema["$defs"]["CountryTroops"]["properties"]["unit"]
        unit["anyOf"][0]["enum"] = list(units)
        unit["description"] += " " + (
            "; ".join(f"{word}: {u.label}, {u.min:,}–{u.max:,}" for word, u in units.items())
            or "None are defined in coalition.yaml."
        )
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _words(data_dir: Path) -> Vocabulary:
    try:
        coalition = Coalition.model_validate(load_path(data_dir / "coalition.yaml").data)
    except (LoadError, ValidationError):
        return vocabulary(None)
    return vocabulary(coalition)


def stale(data_dir: Path) -> list[Path]:
    """Schema files that are missing or differ from what the contract generates."""
    words = _words(data_dir)
    out = []
    for name, model in SCHEMAS.items():
        path = data_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(model, words):
            out.append(path)
    return out


def write(data_dir: Path) -> list[Path]:
    words = _words(data_dir)
    written = stale(data_dir)
    for path in written:
        path.write_text(render(SCHEMAS[path.name], words), encoding="utf-8")
    return written
