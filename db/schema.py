"""JSON Schemas for editors, generated from the contract so they cannot drift from it."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from db.contract import Coalition, Country

SCHEMAS: dict[str, type[BaseModel]] = {"schema.json": Country, "coalition.schema.json": Coalition}


def render(model: type[BaseModel]) -> str:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale(data_dir: Path) -> list[Path]:
    """Schema files that are missing or differ from what the contract generates."""
    out = []
    for name, model in SCHEMAS.items():
        path = data_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(model):
            out.append(path)
    return out


def write(data_dir: Path) -> list[Path]:
    written = stale(data_dir)
    for path in written:
        path.write_text(render(SCHEMAS[path.name]), encoding="utf-8")
    return written
