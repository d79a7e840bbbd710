"""Scenario: a planner's assumed figures for countries with no stated number, kept apart."""

from __future__ import annotations

import streamlit as st

from components.context import PageContext
from components.figures import range_chart
from components.text import md
from components.widgets import as_of_notice, chart
from db.totals import Position

MAX_ASSUMED = 200_000


def assumption_inputs(positions: list[Position], key_prefix: str = "assume_") -> dict[str, int]:
    """One number per country, each bound to the URL (`?assume_GBR=10000`) so links share it."""
    values = {}
    columns = st.columns(3)
    for i, p in enumerate(positions):
        values[p.iso3] = int(
            columns[i % 3].number_input(
                md(p.name),
                min_value=0,
                max_value=MAX_ASSUMED,
                value=0,
                step=500,
                key=f"{key_prefix}{p.iso3}",
                bind="query-params",
            )
        )
    return {k: v for k, v in values.items() if v > 0}


def render(ctx: PageContext) -> None:
    st.title("Scenario planner")
    st.write(
        "Enter assumed troop numbers for countries that have not stated one. The chart stacks "
        "them after the sourced figures, hatched and labelled *assumed*; the sourced totals stay "
        "as they are. The page address keeps your numbers: copy it to share the scenario."
    )
    if not as_of_notice(ctx.filters.as_of, ctx.today, ctx.first_date):
        return
    totals = ctx.totals
    willing = list(totals.unquantified)
    others = [p for p in totals.positions if p.status in ("open", "undecided", "support")]
    st.subheader("Willing to send troops, no number stated")
    if willing:
        assumed = assumption_inputs(willing)
    else:
        st.caption("No country in this view is willing without a stated number.")
        assumed = {}
    # A switch, not an expander: an expander would still make one input per member on every
    # run (0.4 ms each), however many there are. A shared link with their figures opens it.
    if st.toggle(
        f"Also assume figures for other members ({len(others)})",
        value=any(f"assume_{p.iso3}" in st.query_params for p in others),
        key="assume_others",
        help="Countries that are open, undecided, or offer support without troops.",
    ):
        assumed |= assumption_inputs(others)

    extra = sum(assumed.values())
    sourced = f"{totals.low:,}–{totals.high:,}"
    if extra:
        st.markdown(
            f"**Scenario:** {totals.low + extra:,}–{totals.high + extra:,} troops, of which "
            f"{extra:,} assumed for {len(assumed)} "
            f"{'country' if len(assumed) == 1 else 'countries'}. Sourced figures alone: {sourced}."
        )
    else:
        st.markdown(f"**No assumptions yet.** Sourced figures: {md(sourced)}.")
    if extra and "export" in ctx.pages:
        st.page_link(
            ctx.pages["export"],
            label="Export this scenario as a briefing image",
            query_params={"scenario": ", ".join(f"{k}:{v}" for k, v in assumed.items())},
        )
    chart(
        ctx.figure(
            "scenario_range",
            lambda: range_chart(totals, assumed=assumed),
            tuple(sorted(assumed.items())),
        ),
        key="scenario-range",
        alt=f"Stated troops {sourced} plus {extra:,} assumed, against the target band.",
        filename="coalition-scenario",
    )
