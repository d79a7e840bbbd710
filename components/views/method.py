"""Sources & method: what each status means, how totals are made, and every source with its date."""

from __future__ import annotations

import pyarrow
import streamlit as st

from components.context import PageContext
from components.text import md, source_link
from db.contract import STATUS_DEFINITIONS, STATUS_LABELS, STATUSES, URL_PATTERN, Dataset, Source


def render(ctx: PageContext) -> None:
    coalition = ctx.dataset.coalition
    st.title("Sources and method")

    st.header("What the statuses mean")
    st.table(
        [
            {"Status": STATUS_LABELS[s], "Code in the data": s, "Meaning": STATUS_DEFINITIONS[s]}
            for s in STATUSES
        ],
        hide_index=True,
    )

    st.header("How the numbers are made")
    target = coalition.target
    st.markdown(
        f"""
- Each country's **position on a date** is its latest statement on or before that date. Of two
  statements on the same day, the one listed later in the country's file counts. Earlier
  statements are kept: a changed position is a new dated statement, never an edit.
- **Stated troops** is a range. *Low* adds up the lowest figure each country willing to send
  troops has stated; *high* adds up the highest. "Around 200" counts as 200 at both ends.
- **Not counted:** countries willing to send troops that name no number. They are listed beside
  the chart ("+N countries willing, no number given"), never counted as zero. Countries that are
  open, offer support without troops, are undecided or declined add nothing to the sums.
- **The target** of {target.min:,} to {target.max:,} troops is the range officials have cited.
- **Scenarios** (the Scenario page) add a planner's assumed figures on top, hatched and labelled;
  assumptions never enter the sourced totals.
- **Groups** (EU, NATO, Nordic-Baltic Eight, Commonwealth) use memberships as of 2025.
"""
    )

    if coalition.caveats:
        st.header("Caveats")
        st.markdown("\n".join(f"- {md(c)}" for c in coalition.caveats))

    if coalition.milestones:
        st.header("Milestones")
        for m in coalition.milestones:
            sources = "; ".join(source_link(s) for s in m.sources)
            st.markdown(f"- **{m.date:%d %B %Y}:** {md(m.summary)} ({sources})")

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


LIST_LIMIT = 200  # sources shown as a readable list; more become a searchable table
MAX_USES = 12  # uses named per source before "and N more"


def sources_in_use(dataset: Dataset) -> list[tuple[Source, list[str]]]:
    """Every source once (by address), oldest first, with what it backs."""
    coalition = dataset.coalition
    used: dict[str, tuple[Source, list[str]]] = {}
    for s in coalition.target.sources:
        used.setdefault(s.url, (s, []))[1].append("target range")
    for m in coalition.milestones:
        for s in m.sources:
            used.setdefault(s.url, (s, []))[1].append(f"milestone {m.date:%d %b %Y}")
    for country in dataset.countries:
        for statement in country.statements:
            for s in statement.sources:
                entry = used.setdefault(s.url, (s, []))
                entry[1].append(f"{country.name} {statement.date:%d %b %Y}")
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
