"""Flat rows for tables and downloads (CSV and JSON), built from totals and the dataset.

Every row carries codes for machines (`status`, `basis`, `conditions`) beside labels for people
(`status_label`, `conditions_label`): a download is read by both. The labels, figures and dates
for people are in the language in force; the keys, codes and ISO dates are the same in every
language, so a script reading a download works on either. A table only shown on a page
(`source_kind_rows`) has headings for keys, and they follow the language too.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from db.contract.models import URL_PATTERN, Dataset, Source
from db.contract.vocabulary import Vocabulary
from db.locale import _
from db.numbers.totals import (
    Position,
    Totals,
    by_condition,
    cited,
    day,
    format_range,
    format_troops,
)


def position_rows(totals: Totals, words: Vocabulary) -> list[dict[str, Any]]:
    """One row per country in the view: what the overview table shows."""
    rows = []
    for p in totals.positions:
        first = p.shown_source  # beside a figure, the figure's own source
        figure_source = p.figure_source
        rows.append(
            {
                "iso3": p.iso3,
                "country": p.name,
                "status": p.status,
                "status_label": words.status_label(p.status),
                "status_short": words.status_short(p.status),
                "troops": format_troops(p, words.units),
                "figure": format_troops(p, dated=False),
                "troops_low": p.troops_low,
                "troops_high": p.troops_high,
                "approximate": bool(p.troops and p.troops.qualifier),
                "qualifier": (p.troops.qualifier or "") if p.troops else "",
                "figure_since": p.figure_since.isoformat() if p.figure_since else "",
                "figure_from": p.figure_since.isoformat() if p.carried and p.figure_since else "",
                "basis": p.basis or "",
                "unit": (p.troops.unit or "") if p.troops else "",
                "figure_account": (p.troops.account or "") if p.troops else "",
                "in_press_sum": p.status == "troops"
                and p.troops is not None
                and p.iso3 not in totals.left_out,
                "conditions": ", ".join(p.conditions),
                "conditions_label": listed(words.labels("conditions", p.conditions)),
                "conditions_short": listed(words.short("conditions", c) for c in p.conditions),
                "roles": ", ".join(p.roles),
                "roles_label": listed(words.labels("roles", p.roles)),
                "roles_short": ", ".join(words.short("roles", r) for r in p.roles),
                "since": p.since.isoformat(),
                "checked": p.checked.isoformat() if p.checked else "",
                "source_kind": p.source_kind or "",
                "source_kind_label": words.label("source_kinds", p.source_kind)
                if p.source_kind
                else "",
                "source_grade": source_grade(p, words),
                "weakly_sourced": p.weakly_sourced,
                "detail_basis": p.statement.detail_basis or "",
                "summary": p.statement.summary,
                "source": first.outlet,
                "source_url": first.url if URL_PATTERN.match(first.url) else "",
                "source_link": source_link(first.url, first.outlet),
                "sources": " | ".join(s.url for s in p.statement.sources),
                "figure_source": cited(figure_source) if figure_source else "",
                "figure_source_url": figure_source.url if figure_source else "",
            }
        )
    return rows


def source_grade(position: Position, words: Vocabulary) -> str:
    """'wire service', or 'weakly sourced' for a position resting only on republishers,
    aggregators or state media: the strongest kind of source behind a position, in short."""
    if position.source_kind is None:
        return ""
    if position.weakly_sourced:
        return _("weakly sourced")
    return words.short("source_kinds", position.source_kind)


def listed(labels: Iterable[str]) -> str:
    """Labels in one cell, 'A; B' ('A ; B' in French, a narrow no-break space before the
    semicolon): labels may hold commas, so a semicolon parts them."""
    text = ""
    for label in labels:
        text = _("{list}; {item}").format(list=text, item=label) if text else label
    return text


SOURCE_MARK = "#source="


def source_link(url: str, outlet: str) -> str:
    """The address with the outlet's name in a fragment, for a table link that names the outlet:
    the fragment never reaches the site, and the table shows the name (see SOURCE_MARK)."""
    if not URL_PATTERN.match(url):
        return ""
    return f"{url.split('#', 1)[0]}{SOURCE_MARK}{outlet}"


def condition_rows(totals: Totals, words: Vocabulary) -> list[dict[str, Any]]:
    """How much of the offers (willing, then open) depends on each condition. The keys name
    the columns the page orders and pins, so they stay as they are; the page gives each its
    heading in the language in force."""
    shares = by_condition(totals, list(words.conditions))
    if not any(share.condition for share in shares):
        return []  # no offer states a condition: nothing to break down
    rows = []
    for share in shares:
        rows.append(
            {
                "Status": words.status_short(share.status),
                "Condition": (
                    words.label("conditions", share.condition)
                    if share.condition
                    else _("No condition stated")
                ),
                "Countries": len(share.positions),
                "Stated": format_range(share.low, share.high) if share.high else _("none"),
                "With press reports": (
                    format_range(share.reported_low, share.reported_high)
                    if share.reported_high
                    else _("none")
                ),
                "Which": ", ".join(p.name for p in share.positions),
            }
        )
    return rows


def statement_rows(dataset: Dataset, words: Vocabulary) -> list[dict[str, Any]]:
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
                        "status_label": words.status_label(s.status),
                        "troops_low": s.troops.min if s.troops else None,
                        "troops_high": s.troops.max if s.troops else None,
                        "approximate": bool(s.troops and s.troops.qualifier),
                        "qualifier": (s.troops.qualifier or "") if s.troops else "",
                        "basis": s.troops.basis if s.troops else "",
                        "unit": (s.troops.unit or "") if s.troops else "",
                        "detail_basis": s.detail_basis or "",
                        "conditions": ", ".join(s.conditions or []),
                        "capabilities": ", ".join(s.capabilities),
                        "roles": ", ".join(s.roles),
                        "summary": s.summary,
                        "notes": s.notes or "",
                        "source_outlet": source.outlet,
                        "source_via": source.via or "",
                        "source_kind": dataset.kind_of(source) or "",
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


def source_kind_rows(dataset: Dataset, words: Vocabulary) -> list[dict[str, Any]]:
    """How many sources (each address once) and outlets the data cites, by kind of outlet,
    strongest kind first; a kind with none is still listed, so a reader sees it is absent."""
    sources: dict[str, str | None] = {}
    for source, _use in cited_sources(dataset):
        sources.setdefault(source.url, dataset.kind_of(source))
    rows = []
    for kind, term in words.source_kinds.items():
        outlets = [name for name, outlet in dataset.outlets.items() if outlet.kind == kind]
        rows.append(
            {
                _("Kind"): term.label,
                _("Code in the data"): kind,
                _("Sources"): sum(1 for k in sources.values() if k == kind),
                _("Outlets"): len(outlets),
            }
        )
    return rows


def cited_sources(dataset: Dataset) -> Iterator[tuple[Source, str]]:
    """Every source the data cites, with what it backs ('target 17 Mar 2025', 'Estonia 30 Apr
    2025'): the one walk over the coalition's and the countries' sources."""
    coalition = dataset.coalition
    for template, items in (
        (_("target {date}"), coalition.target_history),
        (_("joint figure {date}"), coalition.joint_figures),
        (_("milestone {date}"), coalition.milestones),
    ):
        for item in items:
            for source in item.sources:
                yield source, template.format(date=day(item.date, short=True))
    for scenario in coalition.scenarios:
        for source in scenario.sources:
            yield source, _("scenario {label}").format(label=scenario.label)
    for word, unit in (coalition.units or {}).items():
        for source in unit.sources:
            yield source, _("unit: {word}").format(word=word)
    for country in dataset.countries:
        for statement in country.statements:
            for source in statement.sources:
                yield source, f"{country.name} {day(statement.date, short=True)}"
