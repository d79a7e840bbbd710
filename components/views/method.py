"""Sources & method: what each status means, how totals are made, and every source with its date."""

from __future__ import annotations

import pyarrow
import streamlit as st

from components.context import PageContext
from components.text import marks, md, outlet_name, recorded, semicolons, source_link
from db.contract.models import STATUSES, URL_PATTERN, Dataset, Group, Source, Translation
from db.locale import DEFAULT, _, _n, language, number
from db.numbers.headline import day
from db.numbers.rows import cited_sources, source_kind_rows
from db.numbers.totals import basis_word, format_range


def render(ctx: PageContext) -> None:
    coalition = ctx.dataset.coalition
    words = ctx.words
    personnel = words.personnel
    st.title(_("Sources and method"))
    if language() != DEFAULT:
        st.info(
            _(
                "Statements are recorded in English: their summaries and notes are shown as "
                "written, not machine-translated. Source titles keep the language of the original."
            )
        )

    st.header(_("What the statuses mean"))
    st.table(
        [
            {
                _("Status"): words.status_label(s),
                _("Code in the data"): s,
                _("Meaning"): words.terms("statuses")[s].definition,
            }
            for s in STATUSES
        ],
        hide_index=True,
    )

    st.header(_("How the numbers are made"))
    st.markdown("\n" + "\n".join(_how_numbers_are_made(ctx)) + "\n")

    st.header(_("The target over time"))
    st.table(
        [
            {
                _("Since"): day(t.date),
                _("Target ({personnel})").format(personnel=personnel): format_range(
                    t.min, t.max, t.qualifier
                ),
                _("Basis"): _basis(t.basis),
                _("What was said"): t.summary or "",
                _("Sources"): _cited(t.sources),
            }
            for t in coalition.target_history
        ],
        hide_index=True,
    )
    if coalition.joint_figures:
        st.header(_("Figures for several countries together"))
        st.table(
            [
                {
                    _("Date"): day(j.date),
                    _("Countries"): ", ".join(j.countries),
                    _("Figure"): format_range(j.troops.min, j.troops.max, j.troops.qualifier),
                    _("Basis"): _basis(j.troops.basis),
                    _("What was reported"): j.summary,
                    _("Sources"): _cited(j.sources),
                }
                for j in coalition.joint_figures
            ],
            hide_index=True,
        )

    if words.units:
        st.header(_("Units"))
        st.caption(
            _(
                "A derived figure is the size of a unit a source names instead of a number. These "
                "are the sizes used, and where they come from."
            )
        )
        st.table(
            [
                {
                    _("Unit"): u.label,
                    _("Code in the data"): w,
                    _("Size used ({personnel})").format(personnel=personnel): format_range(
                        u.min, u.max
                    ),
                    _("Where the size comes from"): u.definition,
                    _("Sources"): _cited(u.sources),
                }
                for w, u in words.units.items()
            ],
            hide_index=True,
        )

    st.header(_("Sources by kind"))
    st.caption(
        _(
            "Every outlet a source names is in the outlet register (outlets.yaml) with its kind, "
            "strongest first. Each source is counted once, by its address. A republisher names the "
            "outlet whose report it carries (via)."
        )
    )
    st.table(
        ctx.memo("source_kinds", lambda: source_kind_rows(ctx.dataset, words), per="build"),
        hide_index=True,
    )

    if words.conditions:
        st.header(_("Conditions"))
        st.table(
            [
                {
                    _("Condition"): t.label,
                    _("Code in the data"): w,
                    _("Meaning"): t.definition or "",
                }
                for w, t in words.conditions.items()
            ],
            hide_index=True,
        )
    st.header(_("Roles and capabilities"))
    st.table(
        [
            {
                _("Kind"): _kind(kind),
                _("Label"): t.label,
                _("Code in the data"): w,
                _("Meaning"): t.definition or "",
            }
            for kind in ("roles", "capabilities")
            for w, t in words.terms(kind).items()
        ],
        hide_index=True,
    )
    given = coalition.translations.get(language())  # the coalition's words in this language
    if coalition.groups:
        st.header(_("Groups in the filter"))
        st.markdown(
            "\n".join(_group_item(key, g, given) for key, g in coalition.groups.items()),
            unsafe_allow_html=marks(),
        )

    if coalition.caveats:
        st.header(_("Caveats"))
        caveats = [recorded(c, not _translated(c, given, "caveats")) for c in coalition.caveats]
        st.markdown("\n".join(f"- {c}" for c in caveats), unsafe_allow_html=marks())

    if coalition.milestones:
        st.header(_("Milestones"))
        for m in coalition.milestones:
            english = not _translated(m.summary, given, "milestones")
            st.markdown(
                _("- **{date}:** {summary} ({sources})").format(
                    date=day(m.date),
                    summary=recorded(m.summary, english),
                    sources=semicolons(source_link(s) for s in m.sources),
                ),
                unsafe_allow_html=marks(),
            )

    st.header(_("Every source"))
    ordered = ctx.memo("sources", lambda: sources_in_use(ctx.dataset), per="build")
    count = number(len(ordered))
    if len(ordered) <= LIST_LIMIT:
        st.caption(
            _n(
                "{count} source, oldest first.", "{count} sources, oldest first.", len(ordered)
            ).format(count=count)
        )
        st.markdown(
            "\n".join(_source_item(source, uses) for source, uses in ordered),
            unsafe_allow_html=marks(),
        )
    else:
        st.caption(
            _(
                "{count} sources, oldest first. Too many to list: search the table with its "
                "magnifier, or sort it by a column."
            ).format(count=count)
        )
        st.dataframe(  # a canvas: its cells cannot carry a language mark
            ctx.memo("source_table", lambda: source_table(ordered), per="build"),
            hide_index=True,
            width="stretch",
            key="sources",
            column_config={
                "published": st.column_config.DateColumn(_("Published"), format="YYYY-MM-DD"),
                "outlet": st.column_config.TextColumn(_("Outlet")),
                "title": st.column_config.TextColumn(_("Title")),
                "url": st.column_config.LinkColumn(_("Address")),
                "used for": st.column_config.TextColumn(_("Used for")),
                "note": st.column_config.TextColumn(_("Note")),
            },
        )


def _how_numbers_are_made(ctx: PageContext) -> list[str]:
    """The method, one Markdown item per rule."""
    coalition = ctx.dataset.coalition
    personnel = md(ctx.words.personnel)
    review = coalition.review_after_days
    stale = coalition.stale_after_days
    return [
        _(
            "- Each country's **position on a date** is its latest statement on or before that "
            "date. Of two\n  statements on the same day, the one listed later in the country's "
            "file counts. Earlier\n  statements are kept: a changed position is a new dated "
            "statement, never an edit."
        ),
        _(
            "- **Stated {personnel}** is a range. *Low* adds up the lowest figure each country "
            "willing to\n  send {personnel} has given **on the record**; *high* adds up the "
            "highest. A figure the source qualifies is written with\n  its qualifier in words: "
            '"about N" and "up to N" (or "fewer than N") and "at least N" count as N\n  at both '
            "ends, as the data records them."
        ).format(personnel=personnel),
        _(
            "- **The basis of a figure** is recorded with every figure; there is no default. "
            "*Official*: said\n  on the record by the government (a minister, a spokesperson, an "
            "official document).\n  *Reported*: published by the press, citing unnamed officials "
            "or documents, and not confirmed\n  by the government. *Derived*: the source names a "
            'unit ("a company"), not a number, and the\n  figure is the size of that unit (see '
            "*Units* below). Only official figures are in the stated\n  sum. Reported and derived "
            "figures are drawn hatched and labelled with their kind, and a second\n  sum, **with "
            "press reports**, adds them to it."
        ),
        _(
            "- **Accounts not to be added.** When the data records that two press figures come "
            "from\n  different accounts of one force (`account`, `not_added_with`), the sum with "
            "press reports\n  counts only one: a figure stated on the record first, else the "
            "newer, else the larger. The\n  other is still listed, and the note under the chart "
            "names both and why."
        ),
        _(
            "- **A figure shows its own date.** A later statement that restates an offer without a "
            "number\n  keeps the earlier figure in force; wherever that figure is shown, its own "
            'date is shown beside\n  it ("figure of 30 Apr 2025").'
        ),
        _(
            "- **Detail from unnamed sources.** When a government's position is on the record but "
            "the\n  capabilities, roles or conditions recorded with it come from the press citing "
            "unnamed sources,\n  the statement is marked (`detail_basis: reported`) and its notes "
            "say which detail; the country\n  page says so under the statement."
        ),
        _(
            "- **Sources are graded** by the kind of outlet that published them (see *Sources by "
            "kind*). A\n  position resting only on republishers or aggregators is marked **weakly "
            "sourced** on every\n  page and image; one resting only on state media of a party to "
            "the conflict is refused."
        ),
        _n(
            "- **When a file was checked.** Each country file records the date someone last "
            "reviewed it in\n  full against the news (`checked`), whether or not anything was "
            'found, so "no statement since\n  May" can be told apart from "nobody looked". A file '
            "unchecked for\n  {count} day is due for review (`coalition review`).",
            "- **When a file was checked.** Each country file records the date someone last "
            "reviewed it in\n  full against the news (`checked`), whether or not anything was "
            'found, so "no statement since\n  May" can be told apart from "nobody looked". A file '
            "unchecked for\n  {count} days is due for review (`coalition review`).",
            review,
        ).format(count=number(review)),
        _(
            '- **Figures for several countries together** ("two countries together up to N") '
            "are\n  recorded once, in `coalition.yaml`, naming the countries they cover. They are "
            "shown beside the\n  sums and never added to them, since each country's own figure "
            "may already be counted."
        ),
        _(
            "- **Not counted:** countries willing to send {personnel} that name no number. They "
            "are listed\n  beside the chart, never counted as zero. Countries that are open, offer "
            "support without\n  {personnel}, are undecided or declined add nothing to the sums."
        ).format(personnel=personnel),
        _(
            "- **Conditions belong to the offer.** A statement that names no conditions keeps "
            "those in force,\n  as a figure is kept; `conditions: []` says explicitly that none "
            "apply any more, and a status\n  other than willing or open ends them. The overview "
            "breaks the willing and the open countries'\n  offers down by the conditions in force "
            "(see below)."
        ),
        _(
            "- **The target** is itself a dated, sourced statement: the band in force on the as-of "
            "date is the\n  latest one cited on or before it (see below)."
        ),
        _n(
            "- **How old the news is:** the overview and every image name the newest statement's "
            "date, and say\n  so plainly when the as-of date is more than {count} day after it.",
            "- **How old the news is:** the overview and every image name the newest statement's "
            "date, and say\n  so plainly when the as-of date is more than {count} days after it.",
            stale,
        ).format(count=number(stale)),
        _(
            "- **Scenarios** (the Scenario page) add a planner's assumed figures on top, hatched "
            "and labelled;\n  assumptions never enter the sourced totals."
        ),
    ]


def _translated(text: str, given: Translation | None, part: str) -> bool:
    """Whether `text` is one of the coalition's own translations (of its caveats, milestones or
    group notes): shown in the reader's language, so not marked English."""
    if given is None:
        return False
    if part == "caveats":
        return text in given.caveats
    if part == "milestones":  # one summary, or a list for a date with several milestones
        given_texts = given.milestones.values()
        return any(text == t or (isinstance(t, list) and text in t) for t in given_texts)
    return text in {g.note for g in given.groups.values() if g.note}


def _basis(basis: str) -> str:
    """'official', 'reported' or 'derived': how a figure is known, in the reader's words."""
    return _("official") if basis == "official" else basis_word(basis)


def _kind(kind: str) -> str:
    """'roles' or 'capabilities', in the reader's words."""
    return _("roles") if kind == "roles" else _("capabilities")


def _group_item(key: str, group: Group, given: Translation | None) -> str:
    """'- **Nordic-Baltic Eight**: 8 members, changed on 1 May 2025. Note.' The note is marked
    English unless the coalition's translation gives it."""
    n = len(group.members)
    detail = _n("{count} member", "{count} members", n).format(count=number(n))
    if group.changes:
        detail = _("{members}, changed on {dates}").format(
            members=detail, dates=", ".join(day(c.date) for c in group.changes)
        )
    name = md(group.label or key)
    if not group.note:
        return _("- **{group}**: {detail}.").format(group=name, detail=detail)
    english = not _translated(group.note, given, "groups")
    return _("- **{group}**: {detail}. {note}").format(
        group=name, detail=detail, note=recorded(group.note, english)
    )


def _cited(sources: list[Source]) -> str:
    return semicolons(f"{outlet_name(s)}, {day(s.published)}" for s in sources)


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
    named = semicolons(uses[:MAX_USES])
    if more <= 0:
        return named
    return _n("{uses}; and {count} more", "{uses}; and {count} more", more).format(
        uses=named, count=number(more)
    )


def _source_item(source: Source, uses: list[str]) -> str:
    item = _("- {source}. Used for: {uses}.").format(
        source=source_link(source), uses=md(_uses(uses))
    )
    if not source.note:
        return item
    return item + "  \n  " + _("*Note:* {note}").format(note=recorded(source.note))


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
