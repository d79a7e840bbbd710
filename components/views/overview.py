"""Overview: how old the news is, who leads, the figures against the target, and who is in."""

from __future__ import annotations

import pyarrow
import streamlit as st

from components.context import PageContext
from components.filters import from_address, to_address
from components.render.figures import map_views, range_chart, status_map
from components.render.theme import STATUS_MARKS
from components.text import marks, md, recorded
from components.widgets import as_of_notice, chart, downloads, fit
from db.contract.models import STATUSES
from db.contract.vocabulary import Vocabulary
from db.locale import DEFAULT, _, _n, number, speaking
from db.numbers.headline import Headline, map_alt
from db.numbers.rows import SOURCE_MARK, condition_rows, position_rows, statement_rows

TABLE_ROWS = 25  # rows the overview's table shows before it scrolls
WHO_NAMED = 30  # countries named per status beside the map; the table has them all
MAP_VIEW_KEY = "map_view"  # the map control's key and the address's parameter


def map_view_label(view: str) -> str:
    """The map control's words for a view (the address keeps the view's key)."""
    labels = {"area": _("Area"), "members": _("Members"), "world": _("World")}
    return labels.get(view, view)


def _map_view_in_address(view: str) -> str:
    """How the address names a map view: its English label ('Members'), in every language."""
    with speaking(DEFAULT):
        return map_view_label(view)


def _in_english(ctx: PageContext, field: str) -> bool:
    """Whether the coalition's `field` is still its English words in the reader's language:
    `coalition.yaml` gives no translation of it."""
    given = ctx.dataset.coalition.translations.get(ctx.lang)
    return given is None or not getattr(given, field)


def render(ctx: PageContext) -> None:
    coalition = ctx.dataset.coalition
    st.title(md(coalition.name))
    st.caption(
        recorded(coalition.description, english=_in_english(ctx, "description")),
        unsafe_allow_html=marks(),
    )
    h = ctx.headline
    if h.stale_sentence:
        st.warning(
            _("**{stale}** Positions may have changed since.").format(stale=md(h.stale_sentence))
        )
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
        _("Stated {personnel}").format(personnel=h.personnel),
        h.stated.text if h.counted else _("none"),
        help=_(
            "Sum of the lowest and of the highest figure each government has given on the "
            "record. Countries willing with no number, and figures only the press reported, are "
            "not in it."
        ),
    )
    reported.metric(
        _("With press reports"),
        h.with_reported.text if h.press else _("no reports"),
        help=_(
            "The stated sum plus figures the press reported from unnamed officials (basis: "
            "reported) and figures inferred from a unit a source names, such as a company "
            "(basis: derived). Two figures the data marks as different accounts, not to be "
            "added together, are never both in it."
        ),
    )
    target.metric(_("Target cited"), h.band_text, help=h.target_line)
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
        st.subheader(_("What the offers depend on"))
        st.caption(md(h.conditions_caption))
        st.dataframe(
            ctx.memo("condition_table", lambda: pyarrow.Table.from_pylist(shares)),
            hide_index=True,
            width="stretch",
            key="conditions",
            # The rows' keys name the columns; each heading is in the reader's language. On a
            # phone the row's label stays in view while the figures scroll beside it.
            column_config={
                "Condition": st.column_config.TextColumn(_("Condition"), pinned=True),
                "Status": st.column_config.Column(_("Status")),
                "Countries": st.column_config.Column(_("Countries")),
                "Stated": st.column_config.Column(_("Stated")),
                "With press reports": st.column_config.Column(_("With press reports")),
                "Which": st.column_config.Column(_("Which")),
            },
            column_order=["Condition", "Status", "Countries", "Stated", "With press reports",
                          "Which"],
        )  # fmt: skip

    st.subheader(_("Who is in"))
    left, right = st.columns([3, 2])
    with left:
        views = map_views(coalition.map)
        from_address(MAP_VIEW_KEY, views, views[0], _map_view_in_address)
        labels = {v: map_view_label(v) for v in views}  # made now, in the reader's language
        view = st.segmented_control(
            _("Map"), views, key=MAP_VIEW_KEY, format_func=labels.__getitem__
        ) or views[0]  # fmt: skip
        to_address(MAP_VIEW_KEY, view, views[0], _map_view_in_address)
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

    st.subheader(_("Countries"))
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
        column_config=_position_columns(rows, h, ctx.words),
    )  # fmt: skip
    st.caption(
        _(
            "Select a row to open the country's history. Click a column heading to sort. "
            "\u201creported\u201d marks a figure the press reported, \u201cderived\u201d one "
            "inferred from a unit a source names (such as a company): neither was stated by the "
            "government."
        )
    )
    _open_selected_country(ctx, [rows[i]["iso3"] for i in selected.selection.rows])

    st.subheader(_("Download"))
    plain = [{k: v for k, v in row.items() if k != "source_link"} for row in rows]
    downloads(
        lambda: plain, f"coalition-table-{ctx.filters.as_of}", _("This table"), key="dl-table"
    )
    dataset, words, lang = ctx.dataset, ctx.words, ctx.lang

    def every_statement() -> list[dict]:
        with speaking(lang):  # made when the button is clicked, outside this run
            return statement_rows(dataset, words)

    downloads(every_statement, "coalition-full-data", _("All statements"), key="dl-all")


def _position_columns(rows: list[dict], h: Headline, words: Vocabulary) -> dict:
    """The table's headings and their help, in the reader's language.

    Short labels, each column as wide as its longest value or heading: no value is cut off.
    Where the table is wider than the page (a phone) the country stays pinned while the rest
    scrolls. Roles are in the line under the title and on each country's page; the downloads
    and the country page carry the full labels."""
    country, status, figure_from = _("Country"), _("Status"), _("Figure from")
    conditions, since, best, source = _("Conditions"), _("Since"), _("Best source"), _("Source")
    return {
        "country": st.column_config.TextColumn(
            country, width=fit(rows, "country", country), pinned=True
        ),
        "status_short": st.column_config.TextColumn(
            status, width=fit(rows, "status_short", status), help=" · ".join(
                _("{status}: {meaning}").format(
                    status=words.status_short(s), meaning=words.status_label(s)
                )
                for s in STATUSES
            ),
        ),
        "figure": st.column_config.TextColumn(
            h.personnel.capitalize(), width=fit(rows, "figure", h.personnel)
        ),
        "figure_from": st.column_config.TextColumn(
            figure_from, width=fit(rows, "figure_from", figure_from),
            help=_(
                "The date of the figure when it comes from an earlier statement than the "
                "position (a later statement restated the offer without a number)."
            ),
        ),
        "conditions_short": st.column_config.TextColumn(
            conditions, width=fit(rows, "conditions_short", conditions)
        ),
        "since": st.column_config.TextColumn(since, width=fit(rows, "since", since)),
        "source_grade": st.column_config.TextColumn(
            best, width=fit(rows, "source_grade", best),
            help=_(
                "The strongest kind of outlet behind the position. Weakly sourced: it rests "
                "only on republishers or aggregators."
            ),
        ),
        "source_link": st.column_config.LinkColumn(
            source, display_text=SOURCE_MARK + "(.+)$", width=fit(rows, "source", source),
        ),
    }  # fmt: skip


def who_is_in(h: Headline, words: Vocabulary) -> list[str]:
    """Each status with its countries and figures, readable without the map's colours."""
    lines = []
    for status in STATUSES:
        members = [p for p in h.totals.positions if p.status == status]
        names = [md(p.name) + (f" ({md(h.figure(p))})" if h.figure(p) else "") for p in members]
        if len(names) > WHO_NAMED:
            more = len(names) - WHO_NAMED
            names[WHO_NAMED:] = [
                _n(
                    "and {count} more in the table below",
                    "and {count} more in the table below",
                    more,
                ).format(count=number(more))
            ]
        line = _("{status} ({count}): {countries}").format(
            status=f"**{md(words.status_label(status))}**",
            count=number(len(members)),
            countries=", ".join(names) or _("none"),
        )
        lines.append(f"{STATUS_MARKS[status]} {line}")
    return lines


def _open_selected_country(ctx: PageContext, codes: list) -> None:
    codes = [c for c in codes if isinstance(c, str)]
    if codes and "country" in ctx.pages:
        params = {k: st.query_params.get_all(k) for k in st.query_params if k != MAP_VIEW_KEY}
        st.switch_page(ctx.pages["country"], query_params={**params, "country": codes[0]})
