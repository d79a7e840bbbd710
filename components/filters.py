"""The sidebar filters shared by every page; each is kept in the URL so a link reproduces a view.

The language comes first: the sidebar's control, kept in `?lang=`, with the deployment's default
(`COALITION_LANG`) when the address names none or one the dashboard does not speak.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.text import semicolons
from components.widgets import date_field
from db.contract.models import STATUSES, Dataset
from db.contract.vocabulary import Vocabulary, vocabulary
from db.locale import DEFAULT, LANGUAGE_NAMES, LANGUAGES, _, _n, number, speaking
from db.numbers.groups import members
from db.numbers.totals import day

ALL_GROUPS = "All countries"  # the group filter's first option: a key, shown in the language
LANGUAGE_VARIABLE = "COALITION_LANG"
LANGUAGE_KEY = "lang"  # the control's key and the address's parameter
GROUP_KEY = "group"
STATUS_KEY = "status"
NO_STATUS = "none"  # the address's word for a status filter with every status taken out


@dataclass(frozen=True)
class Filters:
    as_of: dt.date
    statuses: tuple[str, ...]
    group: str | None
    countries: frozenset[str] | None = None  # the group's members on the as-of date


def default_language() -> str:
    """$COALITION_LANG when it names a language the dashboard speaks, else English."""
    chosen = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    return chosen if chosen in LANGUAGES else DEFAULT


def from_address(
    param: str,
    options: Sequence[str],
    default: str,
    written: Callable[[str], str] = str,
    labels: Callable[[], Mapping[str, str]] | None = None,
) -> None:
    """On a session's first run, start the control keyed `param` from the address's `param`:
    an option's key, the word `to_address` writes for it (`written`), or, for links made before
    the address held codes, its label in any language (`labels`); the default when it names none."""
    if param not in st.session_state:
        names = {**in_every_language(labels), **{written(o): o for o in options}}
        names.update({o: o for o in options})
        st.session_state[param] = names.get(st.query_params.get(param, ""), default)


def in_every_language(labels: Callable[[], Mapping[str, str]] | None) -> dict[str, str]:
    """label -> option for the labels `labels()` makes (option -> label), in every language."""
    found: dict[str, str] = {}
    for lang in LANGUAGES if labels else ():
        with speaking(lang):
            found.update({label: option for option, label in labels().items()})
    return found


def to_address(param: str, value: str, default: str, written: Callable[[str], str] = str) -> None:
    """Keep the control's value in the address in words that read the same in every language:
    its key, or `written` (Streamlit's own binding writes an option as the reader's language
    shows it, so a link would lose it in the other language). The default is left out."""
    if value == default:
        st.query_params.pop(param, None)
    elif st.query_params.get(param) != written(value):
        st.query_params[param] = written(value)


def _statuses_from_address(words: Vocabulary) -> None:
    """On a session's first run, start the status filter from the address's `status`: codes
    (`status=troops&status=open` or `troops,open`, the same in every language), or the pills'
    words in any language, as older links wrote them ('Willing', 'Prêt'). An address naming
    none of them selects every status."""
    if STATUS_KEY in st.session_state:
        return
    known = in_every_language(lambda: {s: vocabulary(None).status_short(s) for s in STATUSES})
    known.update({words.status_short(s): s for s in STATUSES})
    known.update({s: s for s in STATUSES})
    given = [v for item in st.query_params.get_all(STATUS_KEY) for v in item.split(",") if v]
    chosen = {known[v] for v in given if v in known}
    if given == [NO_STATUS]:
        st.session_state[STATUS_KEY] = []
    else:
        st.session_state[STATUS_KEY] = [s for s in STATUSES if s in chosen] or list(STATUSES)


def _statuses_to_address(chosen: Sequence[str]) -> None:
    """The chosen statuses in the address as codes (`status=troops&status=open`); all of them
    (the default) as nothing."""
    if set(chosen) == set(STATUSES):
        st.query_params.pop(STATUS_KEY, None)
        return
    written = [s for s in STATUSES if s in chosen] or [NO_STATUS]
    if st.query_params.get_all(STATUS_KEY) != written:
        st.query_params[STATUS_KEY] = written


def language_switch(default: str) -> str:
    """The reader's language, chosen in the sidebar and kept in the address (`?lang=fr`), so a
    copied link opens in the same language on every page. An address naming a language the
    dashboard does not speak is ignored (and the parameter dropped): the default applies."""
    from_address(LANGUAGE_KEY, LANGUAGES, default)
    with speaking(st.session_state[LANGUAGE_KEY]), st.sidebar:
        chosen = st.segmented_control(
            _("Language"),
            LANGUAGES,
            required=True,
            format_func=LANGUAGE_NAMES.get,
            key=LANGUAGE_KEY,
        )
    chosen = chosen if chosen in LANGUAGES else default
    to_address(LANGUAGE_KEY, chosen, default)
    return chosen


def sidebar_filters(
    today: dt.date, dataset: Dataset, words: Vocabulary, box: DeltaGenerator | None = None
) -> Filters:
    """As-of date, statuses and group, in the sidebar (or `box` in it), kept in the URL's query
    parameters."""
    groups = dataset.coalition.groups
    with box or st.sidebar:
        st.header(_("Filters"))
        as_of = date_field(
            _("As of"),
            key="as_of",
            default=today,
            default_words=_("today"),
            latest=today,
            help=_(
                "See the coalition as it stood on this date: each country's latest statement "
                "on or before it. Type YYYY-MM-DD and press Enter; leave empty for today."
            ),
        )
        # Kept in the address as codes (`status=troops&status=open`), not bound by Streamlit, which
        # would write each status as the pills show it ('Willing', 'Prêt'): a link copied in
        # one language would lose the filter in the other.
        _statuses_from_address(words)
        shorts = {s: words.status_short(s) for s in STATUSES}
        statuses = st.pills(
            _("Status"),
            STATUSES,
            selection_mode="multi",
            format_func=shorts.__getitem__,
            key=STATUS_KEY,
            help=semicolons(
                _("{status}: {meaning}").format(
                    status=words.status_short(s), meaning=words.status_label(s).lower()
                )
                for s in STATUSES
            ),
        )
        statuses = [s for s in STATUSES if s in (statuses or [])]
        _statuses_to_address(statuses)
        group = None
        if groups:
            # The options are the groups' keys, and so is the address's `group`; each is shown
            # by its name in the reader's language, made now (Streamlit may call format_func
            # outside this run's language).
            from_address(GROUP_KEY, list(groups), ALL_GROUPS)
            names = {ALL_GROUPS: _("All countries")}
            names.update({key: group.label or key for key, group in groups.items()})
            group = st.selectbox(
                _("Group"),
                list(names),
                format_func=names.__getitem__,
                key=GROUP_KEY,
                help=_("Members on the as-of date, as coalition.yaml defines each group."),
            )
            to_address(GROUP_KEY, group or ALL_GROUPS, ALL_GROUPS)
    group = None if group in (None, ALL_GROUPS) else group
    return Filters(
        as_of=as_of,
        statuses=tuple(statuses),
        group=group,
        countries=members(dataset.coalition, group, as_of),
    )


def data_line(dataset: Dataset) -> str:
    """Which data the page shows: counts and the newest statement, under the filters."""
    statements = [s for c in dataset.countries for s in c.statements]
    newest = max((s.date for s in statements), default=None)
    countries = _n("{count} country", "{count} countries", len(dataset.countries)).format(
        count=number(len(dataset.countries))
    )
    said = _n("{count} statement", "{count} statements", len(statements)).format(
        count=number(len(statements))
    )
    if newest is None:
        return _("Data: {countries}, {statements}, no statements.").format(
            countries=countries, statements=said
        )
    return _("Data: {countries}, {statements}, newest statement {date}.").format(
        countries=countries, statements=said, date=day(newest, short=True)
    )
