"""A comparison in words: the text for a terminal and the Markdown for a pull request."""

from __future__ import annotations

from db.contract.markdown import escape, link
from db.numbers.headline import Headline
from db.numbers.totals import Position, format_troops
from db.pulls.compare import Comparison


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
