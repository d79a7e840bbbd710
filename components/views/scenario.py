"""Scenario: a planner's assumed figures for countries with no stated number, kept apart.

The page address keeps the scenario in the one syntax the CLI and the Export page use
(`?scenario=AAA=2000,BBB=500`), so a copied link reproduces it everywhere.
"""

from __future__ import annotations

import streamlit as st

from components.context import PageContext
from components.render.figures import range_chart
from components.text import md
from components.widgets import as_of_notice, chart
from db.locale import _, number
from db.numbers import scenario
from db.numbers.totals import Position

INPUT_PREFIX = "assume_"  # widget keys; the URL holds the whole scenario in `scenario`


def assumption_inputs(
    positions: list[Position], start: dict[str, int] | None = None, key_prefix: str = INPUT_PREFIX
) -> dict[str, int]:
    """One number per country, starting from `start` (a link's scenario)."""
    start = start or {}
    values = {}
    columns = st.columns(3)
    for i, p in enumerate(positions):
        key = f"{key_prefix}{p.iso3}"
        if key not in st.session_state:
            st.session_state[key] = start.get(p.iso3, 0)
        values[p.iso3] = int(
            columns[i % 3].number_input(
                md(p.name), min_value=0, max_value=scenario.MAX_ASSUMED, step=500, key=key
            )
        )
    return {k: v for k, v in values.items() if v > 0}


def render(ctx: PageContext) -> None:
    st.title(_("Scenario planner"))
    h = ctx.headline
    st.write(
        _(
            "Enter assumed figures for countries that have not stated one. The chart "
            "stacks them after the sourced figures, hatched and labelled *assumed*; the sourced "
            "totals stay as they are. The page address keeps your numbers: copy it to share the "
            "scenario."
        )
    )
    if not as_of_notice(ctx.filters.as_of, ctx.today, ctx.first_date):
        return
    totals = h.totals
    known = {p.iso3 for p in totals.positions}
    linked = scenario.from_query({k: st.query_params[k] for k in st.query_params}, known)
    willing = list(totals.unquantified)
    others = [p for p in totals.positions if p.status in ("open", "undecided", "support")]
    st.subheader(
        md(_("Willing to send {personnel}, no number stated").format(personnel=h.personnel))
    )
    if willing:
        assumed = assumption_inputs(willing, linked.figures)
    else:
        st.caption(_("No country in this view is willing without a stated number."))
        assumed = {}
    # A switch, not an expander: an expander would still make one input per member on every
    # run (0.4 ms each), however many there are. A shared link with their figures opens it.
    if st.toggle(
        _("Also assume figures for other members ({count})").format(count=number(len(others))),
        value=any(p.iso3 in linked.figures for p in others),
        key="assume_others",
        help=_("Countries that are open, undecided, or offer support without {personnel}.").format(
            personnel=h.personnel
        ),
    ):
        assumed |= assumption_inputs(others, linked.figures)
    _keep_in_url(assumed)

    hs = ctx.scenario(assumed)
    if hs.assumed_total:
        st.markdown(f"**{md(hs.assumed_sentence)}**")
    else:
        st.markdown(md(hs.no_assumption_sentence))
    if hs.assumed_total and "export" in ctx.pages:
        st.page_link(
            ctx.pages["export"],
            label=_("Export this scenario as a briefing image"),
            query_params={scenario.QUERY_KEY: scenario.to_text(assumed)},
        )
    chart(
        ctx.figure("scenario_range", lambda: range_chart(hs), tuple(sorted(assumed.items()))),
        key="scenario-range",
        alt=hs.range_alt,
        filename="coalition-scenario",
    )
    if hs.not_counted_sentence:  # what the scenario still leaves out, counting what it assumed
        st.caption(md(hs.not_counted_sentence))


def _keep_in_url(assumed: dict[str, int]) -> None:
    """The URL holds the scenario in the one syntax; legacy `assume_` keys are dropped."""
    for key in [k for k in st.query_params if k.startswith(scenario.LEGACY_PREFIX)]:
        del st.query_params[key]
    text = scenario.to_text(assumed)
    if text:
        if st.query_params.get(scenario.QUERY_KEY) != text:
            st.query_params[scenario.QUERY_KEY] = text
    elif scenario.QUERY_KEY in st.query_params:
        del st.query_params[scenario.QUERY_KEY]
