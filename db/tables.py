"""Flat rows for tables and downloads (CSV and JSON), built from totals and the dataset."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from db.contract import STATUS_LABELS, URL_PATTERN, Dataset
from db.totals import Totals, format_troops


def position_rows(totals: Totals) -> list[dict[str, Any]]:
    """One row per country in the view: what the overview table shows."""
    rows = []
    for p in totals.positions:
        first = p.statement.sources[0]
        rows.append(
            {
                "iso3": p.iso3,
                "country": p.name,
                "status": p.status,
                "status_label": STATUS_LABELS[p.status],
                "troops": format_troops(p),
                "troops_low": p.troops_low,
                "troops_high": p.troops_high,
                "approximate": bool(p.statement.troops and p.statement.troops.approximate),
                "roles": ", ".join(p.roles),
                "since": p.since.isoformat(),
                "summary": p.statement.summary,
                "source": first.outlet,
                "source_url": first.url if URL_PATTERN.match(first.url) else "",
                "sources": " | ".join(s.url for s in p.statement.sources),
            }
        )
    return rows


def statement_rows(dataset: Dataset) -> list[dict[str, Any]]:
    """Every statement with its sources: the full data, one row per statement and source."""
    rows = []
    for country in dataset.countries:
        for seq, s in enumerate(country.statements):
            for source in s.sources:
                rows.append(
                    {
                        "iso3": country.iso3,
                        "country": country.name,
                        "statement": seq,
                        "date": s.date.isoformat(),
                        "status": s.status,
                        "troops_low": s.troops.min if s.troops else None,
                        "troops_high": s.troops.max if s.troops else None,
                        "approximate": bool(s.troops and s.troops.approximate),
                        "capabilities": ", ".join(s.capabilities),
                        "roles": ", ".join(s.roles),
                        "summary": s.summary,
                        "notes": s.notes or "",
                        "source_outlet": source.outlet,
                        "source_title": source.title,
                        "source_url": source.url,
                        "source_published": source.published.isoformat(),
                    }
                )
    return rows


def to_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    """CSV that spreadsheets open safely: a cell starting with = + - @ is quoted as text."""
    if not rows:
        return b""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def to_json(rows: Sequence[dict[str, Any]]) -> bytes:
    return (json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def dataset_json(dataset: Dataset) -> bytes:
    """The full dataset as validated, in the shape of the YAML files."""
    document = dataset.model_dump(mode="json")
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
