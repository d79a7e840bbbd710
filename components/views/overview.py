"""Overview: how old the news is, who leads, the figures against the target, and who is in."""

from __future__ import annotations

import pyarrow
import streamlit as st

from components.context import PageContext
from components.render.figures import map_views, range_chart, status_map
from components.render.theme import STATUS_MARKS
from components.text import md
from components.widgets import as_of_notice, chart, downloads, fit
from db.contract.models import STATUSES
from db.contract.vocabulary import Vocabulary
from db.numbers.headline import Headline, map_alt
from db.numbers.rows import SOURCE_MARK, condition_rows, position_rows, statement_rows

TABLE_ROWS = 25  # rows the overview's table shows before it scrolls
WHO_NAMED = 30  # countries named per status beside the map; the table has them all
MAP_VIEW_LABELS = {"area": "Area", "members": "Members", "world": "World"}


def render(ctx: PageContext) -> None:
    coalition = ctx.dataset.coalition
    st.title(md(coalition.name))
    st.caption(md(coalition.description))
    h = ctx.headline
    if h.stale_sentence:
        st.warning(f"**{md(h.stale_sentence)}** Positions may have changed since.")
    if not as_of_notice(ctx.filters.as_of, ctx.today, ctx.first_date):
        return
    if h.filter_sentence:
        st.info(md(h.filter_sentence))

    leads, willing, without, newest = (md(part) for part in h.status_parts)
    st.markdown(f"**{leads}** · **{willing}** {without} · **{newest}**")
    if h.checked_sentence:
        st.caption(md(h.checked_sentence))
    stated, reported, target = st.columns(3)
    stated.metric(
        f"Stated {h.personnel}",
        h.stated.text if h.counted else "none",
        help="Sum of the lowest and of the highest figure each government has given on the "
        "record. Countries willing with no number, and figures only the press reported, are "
        "not in it.",
    )
    reported.metric(
        "With press reports",
        h.with_reported.text if h.press else "no reports",
        help="The stated sum plus figures the press reported from unnamed officials (basis: "
        "reported) and figures inferred from a unit a source names, such as a company (basis: "
        "derived). Two figures the data marks as different accounts, not to be added together, "
        "are never both in it.",
    )
    target.metric("Target cited", h.band_text, help=h.target_line)
    if h.gap_sentence:
        st.caption(md(h.gap_sentence))

    st.subheader(md(h.chart_title))
    chart(
        ctx.figure("range_chart", lambda: range_chart(h)),
        key="range",
        alt=h.range_alt,
        filename=f"coalition-range-{ctx.filters.as_of}",
    )
    for sentence in (
        h.not_counted_sentence,
        h.reported_sentence,
        h.joint_sentence,
        h.weak_sentence,
    ):
        if sentence:
            st.caption(md(sentence))

    shares = ctx.memo("condition_rows", lambda: condition_rows(h.totals, ctx.words))
    if shares:
        st.subheader("What the offers depend on")
        st.caption(md(h.conditions_caption))
        st.dataframe(
            ctx.memo("condition_table", lambda: pyarrow.Table.from_pylist(shares)),
            hide_index=True,
            width="stretch",
            key="conditions",
            # On a phone the row's label stays in view while the figures scroll beside it.
            column_config={"Condition": st.column_config.TextColumn("Condition", pinned=True)},
            column_order=["Condition", "Status", "Countries", "Stated", "With press reports",
                          "Which"],
        )  # fmt: skip

    st.subheader("Who is in")
    left, right = st.columns([3, 2])
    with left:
        views = map_views(coalition.map)
        view = st.segmented_control(
            "Map", views, default=views[0], key="map_view",
            format_func=MAP_VIEW_LABELS.get, bind="query-params",
        ) or views[0]  # fmt: skip
        event = chart(
            ctx.figure(
                "status_map", lambda: status_map(h.totals, ctx.words, coalition.map, view), view
            ),
            key="map",
            alt=map_alt(h.totals, ctx.words),
            filename=f"coalition-map-{ctx.filters.as_of}",
            on_select="rerun",
            selection_mode="points",
        )
        _open_selected_country(ctx, [p.get("customdata") for p in event.selection.points])
    with right:
        st.markdown(ctx.memo("who_is_in", lambda: "\n\n".join(who_is_in(h, ctx.words))))

    st.subheader("Countries")
    rows = ctx.memo("position_rows", lambda: position_rows(h.totals, ctx.words))
    selected = st.dataframe(
        ctx.memo("position_table", lambda: pyarrow.Table.from_pylist(rows)),
        key="table",
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        height=36 * (min(len(rows), TABLE_ROWS) + 1) + 3,  # longer tables scroll
        column_order=[
            "country", "status_short", "figure", "figure_from", "conditions_short", "since",
            "source_grade", "source_link",
        ],
        # Short labels, each column as wide as its longest value: no value is cut off. Where
        # the table is wider than the page (a phone) the country stays pinned while the rest
        # scrolls. Roles are in the line under the title and on each country's page; the
        # downloads and the country page carry the full labels.
        column_config={
            "country": st.column_config.TextColumn(
                "Country", width=fit(rows, "country", "Country"), pinned=True
            ),
            "status_short": st.column_config.TextColumn(
                "Status", width=fit(rows, "status_short", "Status"), help=" · ".join(
                    f"{ctx.words.status_short(s)}: {ctx.words.status_label(s)}" for s in STATUSES
                ),
            ),
            "figure": st.column_config.TextColumn(
                h.personnel.capitalize(), width=fit(rows, "figure", h.personnel)
            ),
            "figure_from": st.column_config.TextColumn(
                "Figure from", width=fit(rows, "figure_from", "Figure from"),
                help="The date of the figure when it comes from an earlier statement than the "
                "position (a later statement restated the offer without a number).",
            ),
            "conditions_short": st.column_config.TextColumn(
                "Conditions", width=fit(rows, "conditions_short", "Conditions")
            ),
            "since": st.column_config.TextColumn("Since", width=fit(rows, "since", "Since")),
            "source_grade": st.column_config.TextColumn(
                "Best source", width=fit(rows, "source_grade", "Best source"),
                help="The strongest kind of outlet behind the position. Weakly sourced: it "
                "rests only on republishers or aggregators.",
            ),
            "source_link": st.column_config.LinkColumn(
                "Source", display_text=SOURCE_MARK + "(.+)$",
                width=fit(rows, "source", "Source"),
            ),
        },
    )  # fmt: skip
    st.caption(
        "Select a row to open the country's history. Click a column heading to sort. "
        "\u201creported\u201d marks a figure the press reported, \u201cderived\u201d one inferred "
        "from a unit a source names (such as a company): neither was stated by the government."
    )
    _open_selected_country(ctx, [rows[i]["iso3"] for i in selected.selection.rows])

    st.subheader("Download")
    plain = [{k: v for k, v in row.items() if k != "source_link"} for row in rows]
    downloads(lambda: plain, f"coalition-table-{ctx.filters.as_of}", "This table", key="dl-table")
    dataset, words = ctx.dataset, ctx.words
    downloads(
        lambda: statement_rows(dataset, words), "coalition-full-data", "All statements",
        key="dl-all",
    )  # fmt: skip


def who_is_in(h: Headline, words: Vocabulary) -> list[str]:
    """Each status with its countries and figures, readable without the map's colours."""
    lines = []
    for status in STATUSES:
        members = [p for p in h.totals.positions if p.status == status]
        names = [md(p.name) + (f" ({md(h.figure(p))})" if h.figure(p) else "") for p in members]
        if len(names) > WHO_NAMED:
            names[WHO_NAMED:] = [f"and {len(names) - WHO_NAMED} more in the table below"]
        listed = ", ".join(names) or "none"
        label = f"{STATUS_MARKS[status]} **{md(words.status_label(status))}** ({len(members)})"
        lines.append(f"{label}: {listed}")
    return lines


def _open_selected_country(ctx: PageContext, codes: list) -> None:
    codes = [c for c in codes if isinstance(c, str)]
    if codes and "country" in ctx.pages:
        params = {k: st.query_params.get_all(k) for k in st.query_params if k != "map_view"}
        st.switch_page(ctx.pages["country"], query_params={**params, "country": codes[0]})
