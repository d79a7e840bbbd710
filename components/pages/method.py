"""Sources & method: what each status means, how totals are made, and every source with its date."""

from __future__ import annotations

import streamlit as st

from components.context import PageContext, current
from components.text import md, source_link
from db.contract import STATUS_DEFINITIONS, STATUS_LABELS, STATUSES, Source


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
    used: dict[str, tuple[Source, list[str]]] = {}
    for s in target.sources:
        used.setdefault(s.url, (s, []))[1].append("target range")
    for m in coalition.milestones:
        for s in m.sources:
            used.setdefault(s.url, (s, []))[1].append(f"milestone {m.date:%d %b %Y}")
    for country in ctx.dataset.countries:
        for statement in country.statements:
            for s in statement.sources:
                entry = used.setdefault(s.url, (s, []))
                entry[1].append(f"{country.name} {statement.date:%d %b %Y}")
    ordered = sorted(used.values(), key=lambda e: (e[0].published, e[0].outlet))
    st.caption(f"{len(ordered)} sources, oldest first.")
    for source, uses in ordered:
        st.markdown(f"- {source_link(source)}. Used for: {md('; '.join(uses))}.")
        if source.note:
            st.caption(md(source.note))


if __name__ == "__main__":  # run by st.navigation as a page script
    render(current())
