"""Overview: who is in, who leads, and the stated troops against the target range."""

from __future__ import annotations

import pyarrow
import streamlit as st

from components.context import PageContext
from components.figures import range_chart, status_map
from components.text import md
from components.theme import STATUS_MARKS
from components.widgets import as_of_notice, chart, downloads
from db.contract import STATUS_LABELS, STATUSES
from db.tables import position_rows, statement_rows
from db.totals import Totals, format_troops

TABLE_ROWS = 25  # rows the overview's table shows before it scrolls
WHO_NAMED = 30  # countries named per status beside the map; the table has them all


def range_alt(totals: Totals) -> str:
    text = (
        f"Stated troops {totals.low:,} to {totals.high:,} against a target of "
        f"{totals.target_min:,} to {totals.target_max:,}."
    )
    if totals.unquantified:
        text += f" {len(totals.unquantified)} more countries are willing but give no number."
    return text


def render(ctx: PageContext) -> None:
    coalition = ctx.dataset.coalition
    st.title(md(coalition.name))
    st.caption(md(coalition.description))
    if not as_of_notice(ctx.filters.as_of, ctx.today, ctx.first_date):
        return
    totals = ctx.totals
    if ctx.filters.narrowed:
        st.info("Filtered view: the numbers count only the countries that match the filters.")

    leads = " and ".join(p.name for p in totals.leads) or "no lead nation in this view"
    newest = f"{totals.data_as_of:%d %B %Y}" if totals.data_as_of else "no statements"
    st.markdown(f"**Led by** {md(leads)} · **data as of** {newest} (newest statement)")
    stated, target, willing = st.columns(3)
    stated.metric(
        "Stated troops (low–high)",
        f"{totals.low:,}–{totals.high:,}",
        help="Sum of the lowest and of the highest figure each country has stated. "
        "Countries willing to send troops with no number are not counted.",
    )
    target.metric("Target cited by officials", f"{totals.target_min:,}–{totals.target_max:,}")
    with_number = totals.counts["troops"] - len(totals.unquantified)
    willing.metric(
        "Willing to send troops",
        totals.counts["troops"],
        help=f"{with_number} with a stated number, {len(totals.unquantified)} without.",
    )

    st.subheader("Stated troops against the 10,000–30,000 range")
    chart(
        ctx.figure("range_chart", lambda: range_chart(totals)),
        key="range",
        alt=range_alt(totals),
        filename=f"coalition-range-{ctx.filters.as_of}",
    )

    st.subheader("Who is in")
    left, right = st.columns([3, 2])
    with left:
        scope = st.segmented_control(
            "Map area", ["europe", "world"], default="europe", key="map_scope",
            format_func=str.title, bind="query-params",
        )  # fmt: skip
        scope = scope or "europe"
        event = chart(
            ctx.figure("status_map", lambda: status_map(totals, scope), scope),
            key="map",
            alt="Map of coalition members coloured and marked by status.",
            filename=f"coalition-map-{ctx.filters.as_of}",
            on_select="rerun",
            selection_mode="points",
        )
        _open_selected_country(ctx, [p.get("customdata") for p in event.selection.points])
    with right:
        st.markdown(ctx.memo("who_is_in", lambda: "\n\n".join(who_is_in(totals))))

    st.subheader("Countries")
    rows = ctx.memo("position_rows", lambda: position_rows(totals))
    selected = st.dataframe(
        ctx.memo("position_table", lambda: pyarrow.Table.from_pylist(rows)),
        key="table",
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        height=36 * (min(len(rows), TABLE_ROWS) + 1) + 3,  # longer tables scroll
        column_order=["country", "status_label", "troops", "roles", "since", "source_url"],
        column_config={
            "country": st.column_config.TextColumn("Country"),
            "status_label": st.column_config.TextColumn("Status"),
            "troops": st.column_config.TextColumn("Stated troops"),
            "troops_low": st.column_config.NumberColumn("Low", format="%d"),
            "troops_high": st.column_config.NumberColumn("High", format="%d"),
            "roles": st.column_config.TextColumn("Roles", width="medium"),
            "since": st.column_config.TextColumn("Since"),
            "source_url": st.column_config.LinkColumn(
                "Source", display_text=r"https?://(?:www\.)?([^/]+)"
            ),
        },
    )  # fmt: skip
    st.caption("Select a row to open the country's history. Click a column heading to sort.")
    _open_selected_country(ctx, [rows[i]["iso3"] for i in selected.selection.rows])

    st.subheader("Download")
    downloads(lambda: rows, f"coalition-table-{ctx.filters.as_of}", "This table", key="dl-table")
    dataset = ctx.dataset
    downloads(
        lambda: statement_rows(dataset), "coalition-full-data", "All statements", key="dl-all"
    )


def who_is_in(totals: Totals) -> list[str]:
    """Each status with its countries and figures, readable without the map's colours."""
    lines = []
    for status in STATUSES:
        members = [p for p in totals.positions if p.status == status]
        names = [
            md(p.name) + (f" ({format_troops(p)})" if format_troops(p) else "") for p in members
        ]
        if len(names) > WHO_NAMED:
            names[WHO_NAMED:] = [f"and {len(names) - WHO_NAMED} more in the table below"]
        listed = ", ".join(names) or "none"
        label = f"{STATUS_MARKS[status]} **{STATUS_LABELS[status]}** ({len(members)})"
        lines.append(f"{label}: {listed}")
    return lines


def _open_selected_country(ctx: PageContext, codes: list) -> None:
    codes = [c for c in codes if isinstance(c, str)]
    if codes and "country" in ctx.pages:
        params = {k: st.query_params.get_all(k) for k in st.query_params if k != "map_scope"}
        st.switch_page(ctx.pages["country"], query_params={**params, "country": codes[0]})
