"""Country: one country's dated history, every statement with its summary and sources."""

from __future__ import annotations

import streamlit as st

from components.context import PageContext
from components.render.figures import country_timeline
from components.text import marks, md, recorded, semicolons, source_link
from components.widgets import chart, page
from db.contract.models import Country, Statement
from db.contract.vocabulary import Vocabulary
from db.locale import _
from db.numbers.headline import (
    changes_sentence,
    country_alt,
    day,
    detail_sentence,
    figure_sentence,
    position_sentence,
    review_sentence,
    sourcing_sentence,
)
from db.numbers.history import country_steps
from db.numbers.totals import figure_with_basis, name_key, position_on, statement_on

PAGE_SIZE = 20  # statements drawn at once; a long history is paged


def country_selector(countries: dict[str, Country], key: str = "country") -> str | None:
    """A country picker kept in step with `?country=ISO3`, so a link opens the same country."""
    requested = st.query_params.get(key)
    if st.session_state.get(f"_{key}_url") != requested or key not in st.session_state:
        st.session_state[f"_{key}_url"] = requested
        st.session_state[key] = requested if requested in countries else None
    if requested and requested not in countries:
        st.warning(
            _("There is no country {code} in the data. Choose one from the list.").format(
                code=md(requested)
            )
        )

    def to_url() -> None:
        chosen = st.session_state[key]
        if chosen:
            st.query_params[key] = chosen
        else:
            st.query_params.pop(key, None)
        st.session_state[f"_{key}_url"] = chosen

    return st.selectbox(
        _("Country"),
        sorted(countries, key=lambda c: name_key(countries[c].name)),
        format_func=lambda c: f"{countries[c].name} ({c})",
        placeholder=_("Choose a country"),
        key=key,
        on_change=to_url,
    )


def position_text(statement: Statement, words: Vocabulary) -> str:
    """'Willing to send troops, 7,500 troops (reported)': a statement's status and figure."""
    text = words.status_label(statement.status)
    figure = figure_with_basis(statement.troops, words.units, words.personnel)
    return f"{text}, {figure}" if figure else text


def render(ctx: PageContext) -> None:
    st.title(_("Country histories"))
    countries = {c.iso3: c for c in ctx.dataset.countries}
    code = country_selector(countries)
    if code is None:
        st.write(_("Or pick one here, or select one in the overview's table or map:"))
        links = st.columns(4)
        for i, c in enumerate(sorted(countries.values(), key=lambda c: name_key(c.name))):
            links[i % 4].page_link(
                ctx.pages["country"], label=md(c.name), query_params={"country": c.iso3}
            )
        return
    country = countries[code]
    st.header(md(country.name), divider="gray")
    current = statement_on(country, ctx.filters.as_of)
    position = position_on(country, ctx.filters.as_of, ctx.dataset.outlets)
    if current is None or position is None:
        st.warning(
            _("{name} had made no statement by {as_of}; its first is from {first}.").format(
                name=md(country.name),
                as_of=day(ctx.filters.as_of),
                first=day(country.statements[0].date),
            )
        )
    else:
        on = _("Position on {date}:").format(date=day(ctx.filters.as_of))
        st.markdown(f"**{on}** {md(position_sentence(position, ctx.words))}")
        sourcing = sourcing_sentence(position, ctx.words)
        if position.weakly_sourced:
            st.warning(md(sourcing))
        elif sourcing:
            st.caption(md(sourcing))
    st.caption(md(review_sentence(country)))
    words = ctx.words
    steps = ctx.memo("country_steps", lambda: country_steps(country), code, per="build")
    chart(
        ctx.figure("country_timeline", lambda: country_timeline(steps, words), code, per="build"),
        key="country-timeline",
        alt=country_alt(country.name, steps, words),
        filename=f"coalition-{code}-history",
    )
    if changed := changes_sentence(steps, words):
        st.caption(md(changed))
    st.subheader(_("Statements, newest first"))
    newest_first = country.statements[::-1]
    for statement in newest_first[
        page(len(newest_first), key=f"page-{code}", label=_("Show statements"))
    ]:
        future = statement.date > ctx.filters.as_of
        with st.container(border=True):
            heading = _("{date}: {position}").format(
                date=day(statement.date), position=position_text(statement, words)
            )
            st.markdown(f"#### {md(heading)}")
            if future:
                st.caption(_("After the as-of date: not counted in the current view."))
            st.markdown(recorded(statement.summary), unsafe_allow_html=marks())
            for line in (figure_sentence(statement.troops, words), detail_sentence(statement)):
                if line:
                    st.caption(md(line))
            if statement.conditions:
                conditions = semicolons(words.labels("conditions", statement.conditions))
                _labelled(_("Conditions:"), md(conditions))
            if statement.capabilities:
                capabilities = ", ".join(words.labels("capabilities", statement.capabilities))
                _labelled(_("Capabilities:"), md(capabilities))
            if statement.roles:
                _labelled(_("Roles:"), md(semicolons(words.labels("roles", statement.roles))))
            if statement.notes:
                _labelled(_("Notes:"), recorded(statement.notes))
            sources = "\n".join(f"- {source_link(s)}" for s in statement.sources)
            _labelled(_("Sources:"), sources, between="\n")
            for source in statement.sources:
                if source.note:
                    st.caption(
                        _("{outlet}: {note}").format(
                            outlet=md(source.outlet), note=recorded(source.note)
                        ),
                        unsafe_allow_html=marks(),
                    )


def _labelled(label: str, text: str, between: str = " ") -> None:
    """'**Notes:** text': a label in bold, then Markdown already escaped (`recorded` or `md`)."""
    st.markdown(f"**{label}**{between}{text}", unsafe_allow_html=marks())
