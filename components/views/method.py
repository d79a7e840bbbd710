"""Sources & method: what each status means, how totals are made, and every source with its date."""

from __future__ import annotations

import pyarrow
import streamlit as st

from components.context import PageContext
from components.text import md, source_link
from db.contract.models import STATUSES, URL_PATTERN, Dataset, Source
from db.numbers.headline import day
from db.numbers.rows import cited_sources, source_kind_rows
from db.numbers.totals import format_range


def render(ctx: PageContext) -> None:
    coalition = ctx.dataset.coalition
    words = ctx.words
    personnel = words.personnel
    st.title("Sources and method")

    st.header("What the statuses mean")
    st.table(
        [
            {
                "Status": words.status_label(s),
                "Code in the data": s,
                "Meaning": words.terms("statuses")[s].definition,
            }
            for s in STATUSES
        ],
        hide_index=True,
    )

    st.header("How the numbers are made")
    st.markdown(
        f"""
- Each country's **position on a date** is its latest statement on or before that date. Of two
  statements on the same day, the one listed later in the country's file counts. Earlier
  statements are kept: a changed position is a new dated statement, never an edit.
- **Stated {md(personnel)}** is a range. *Low* adds up the lowest figure each country willing to
  send {md(personnel)} has given **on the record**; *high* adds up the highest. A figure the source qualifies is written with
  its qualifier in words: "about N" and "up to N" (or "fewer than N") and "at least N" count as N
  at both ends, as the data records them.
- **The basis of a figure** is recorded with every figure; there is no default. *Official*: said
  on the record by the government (a minister, a spokesperson, an official document).
  *Reported*: published by the press, citing unnamed officials or documents, and not confirmed
  by the government. *Derived*: the source names a unit ("a company"), not a number, and the
  figure is the size of that unit (see *Units* below). Only official figures are in the stated
  sum. Reported and derived figures are drawn hatched and labelled with their kind, and a second
  sum, **with press reports**, adds them to it.
- **Accounts not to be added.** When the data records that two press figures come from
  different accounts of one force (`account`, `not_added_with`), the sum with press reports
  counts only one: a figure stated on the record first, else the newer, else the larger. The
  other is still listed, and the note under the chart names both and why.
- **A figure shows its own date.** A later statement that restates an offer without a number
  keeps the earlier figure in force; wherever that figure is shown, its own date is shown beside
  it ("figure of 30 Apr 2025").
- **Detail from unnamed sources.** When a government's position is on the record but the
  capabilities, roles or conditions recorded with it come from the press citing unnamed sources,
  the statement is marked (`detail_basis: reported`) and its notes say which detail; the country
  page says so under the statement.
- **Sources are graded** by the kind of outlet that published them (see *Sources by kind*). A
  position resting only on republishers or aggregators is marked **weakly sourced** on every
  page and image; one resting only on state media of a party to the conflict is refused.
- **When a file was checked.** Each country file records the date someone last reviewed it in
  full against the news (`checked`), whether or not anything was found, so "no statement since
  May" can be told apart from "nobody looked". A file unchecked for
  {coalition.review_after_days} days is due for review (`coalition review`).
- **Figures for several countries together** ("two countries together up to N") are
  recorded once, in `coalition.yaml`, naming the countries they cover. They are shown beside the
  sums and never added to them, since each country's own figure may already be counted.
- **Not counted:** countries willing to send {md(personnel)} that name no number. They are listed
  beside the chart, never counted as zero. Countries that are open, offer support without
  {md(personnel)}, are undecided or declined add nothing to the sums.
- **Conditions belong to the offer.** A statement that names no conditions keeps those in force,
  as a figure is kept; `conditions: []` says explicitly that none apply any more, and a status
  other than willing or open ends them. The overview breaks the willing and the open countries'
  offers down by the conditions in force (see below).
- **The target** is itself a dated, sourced statement: the band in force on the as-of date is the
  latest one cited on or before it (see below).
- **How old the news is:** the overview and every image name the newest statement's date, and say
  so plainly when the as-of date is more than {coalition.stale_after_days} days after it.
- **Scenarios** (the Scenario page) add a planner's assumed figures on top, hatched and labelled;
  assumptions never enter the sourced totals.
"""
    )

    st.header("The target over time")
    st.table(
        [
            {
                "Since": day(t.date),
                f"Target ({personnel})": format_range(t.min, t.max, t.qualifier),
                "Basis": t.basis,
                "What was said": t.summary or "",
                "Sources": _cited(t.sources),
            }
            for t in coalition.target_history
        ],
        hide_index=True,
    )
    if coalition.joint_figures:
        st.header("Figures for several countries together")
        st.table(
            [
                {
                    "Date": day(j.date),
                    "Countries": ", ".join(j.countries),
                    "Figure": format_range(j.troops.min, j.troops.max, j.troops.qualifier),
                    "Basis": j.troops.basis,
                    "What was reported": j.summary,
                    "Sources": _cited(j.sources),
                }
                for j in coalition.joint_figures
            ],
            hide_index=True,
        )

    if words.units:
        st.header("Units")
        st.caption(
            "A derived figure is the size of a unit a source names instead of a number. These "
            "are the sizes used, and where they come from."
        )
        st.table(
            [
                {
                    "Unit": u.label,
                    "Code in the data": w,
                    f"Size used ({personnel})": format_range(u.min, u.max),
                    "Where the size comes from": u.definition,
                    "Sources": _cited(u.sources),
                }
                for w, u in words.units.items()
            ],
            hide_index=True,
        )

    st.header("Sources by kind")
    st.caption(
        "Every outlet a source names is in the outlet register (outlets.yaml) with its kind, "
        "strongest first. Each source is counted once, by its address. A republisher names the "
        "outlet whose report it carries (via)."
    )
    st.table(
        ctx.memo("source_kinds", lambda: source_kind_rows(ctx.dataset, words), per="build"),
        hide_index=True,
    )

    if words.conditions:
        st.header("Conditions")
        st.table(
            [
                {"Condition": t.label, "Code in the data": w, "Meaning": t.definition or ""}
                for w, t in words.conditions.items()
            ],
            hide_index=True,
        )
    st.header("Roles and capabilities")
    st.table(
        [
            {"Kind": kind, "Label": t.label, "Code in the data": w, "Meaning": t.definition or ""}
            for kind in ("roles", "capabilities")
            for w, t in words.terms(kind).items()
        ],
        hide_index=True,
    )
    if coalition.groups:
        st.header("Groups in the filter")
        st.markdown(
            "\n".join(
                f"- **{md(name)}**: {len(g.members)} members"
                + (f", changed on {', '.join(day(c.date) for c in g.changes)}" if g.changes else "")
                + (f". {md(g.note)}" if g.note else ".")
                for name, g in coalition.groups.items()
            )
        )

    if coalition.caveats:
        st.header("Caveats")
        st.markdown("\n".join(f"- {md(c)}" for c in coalition.caveats))

    if coalition.milestones:
        st.header("Milestones")
        for m in coalition.milestones:
            sources = "; ".join(source_link(s) for s in m.sources)
            st.markdown(f"- **{day(m.date)}:** {md(m.summary)} ({sources})")

    st.header("Every source")
    ordered = ctx.memo("sources", lambda: sources_in_use(ctx.dataset), per="build")
    if len(ordered) <= LIST_LIMIT:
        st.caption(f"{len(ordered)} sources, oldest first.")
        st.markdown("\n".join(_source_item(source, uses) for source, uses in ordered))
    else:
        st.caption(
            f"{len(ordered):,} sources, oldest first. Too many to list: search the table with "
            "its magnifier, or sort it by a column."
        )
        st.dataframe(
            ctx.memo("source_table", lambda: source_table(ordered), per="build"),
            hide_index=True,
            width="stretch",
            key="sources",
            column_config={
                "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
                "outlet": st.column_config.TextColumn("Outlet"),
                "title": st.column_config.TextColumn("Title"),
                "url": st.column_config.LinkColumn("Address"),
                "used for": st.column_config.TextColumn("Used for"),
                "note": st.column_config.TextColumn("Note"),
            },
        )


def _cited(sources: list[Source]) -> str:
    return "; ".join(f"{_outlet(s)}, {day(s.published)}" for s in sources)


def _outlet(source: Source) -> str:
    """'CNA (via Reuters)': the publisher, and the outlet whose report it carries."""
    return f"{source.outlet} (via {source.via})" if source.via else source.outlet


LIST_LIMIT = 200  # sources shown as a readable list; more become a searchable table
MAX_USES = 12  # uses named per source before "and N more"


def sources_in_use(dataset: Dataset) -> list[tuple[Source, list[str]]]:
    """Every source once (by address), oldest first, with what it backs."""
    used: dict[str, tuple[Source, list[str]]] = {}
    for source, use in cited_sources(dataset):
        used.setdefault(source.url, (source, []))[1].append(use)
    return sorted(used.values(), key=lambda e: (e[0].published, e[0].outlet))


def _uses(uses: list[str]) -> str:
    more = len(uses) - MAX_USES
    return "; ".join(uses[:MAX_USES]) + (f"; and {more} more" if more > 0 else "")


def _source_item(source: Source, uses: list[str]) -> str:
    item = f"- {source_link(source)}. Used for: {md(_uses(uses))}."
    return item + (f"  \n  *Note:* {md(source.note)}" if source.note else "")


def source_table(ordered: list[tuple[Source, list[str]]]) -> pyarrow.Table:
    return pyarrow.Table.from_pylist(
        [
            {
                "published": source.published,
                "outlet": source.outlet,
                "title": source.title,
                "url": source.url if URL_PATTERN.match(source.url) else "",
                "used for": _uses(uses),
                "note": source.note or "",
            }
            for source, uses in ordered
        ]
    )
