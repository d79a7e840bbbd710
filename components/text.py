"""Untrusted text (summaries, names, titles) shown as literal text, links only ever http(s).

Data's own words (statement summaries, notes) are recorded in English and never translated: in
another language's interface they are marked `lang="en"` (`recorded`), so a screen reader reads
them with an English voice and a browser's translator knows what they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from db.contract.markdown import escape, link
from db.contract.models import Source
from db.locale import DEFAULT, _, language
from db.numbers.totals import day


def md(text: str) -> str:
    """Escape text for st.markdown so Markdown, HTML and LaTeX in data render as typed."""
    return escape(text)


def recorded(text: str, english: bool = True) -> str:
    """Data text as `md` escapes it; in an interface not in English, English text (`english`)
    is wrapped in `<span lang="en">…</span>`. The Markdown call that shows it passes
    `unsafe_allow_html=marks()`: the text inside is escaped first, so it still renders as typed."""
    escaped = md(text)
    if not english or language() == DEFAULT:
        return escaped
    return f'<span lang="en">{escaped}</span>'


def marks() -> bool:
    """Whether Markdown holding `recorded` text carries a language mark (HTML) in this language."""
    return language() != DEFAULT


def semicolons(items: Iterable[str]) -> str:
    """Items joined by semicolons: 'a; b' in English, 'a ; b' (a narrow no-break space) in French."""
    return _("; ").join(items)


def outlet_name(source: Source) -> str:
    """'CNA (via Reuters)': the publisher, and the outlet whose report it carries (not escaped)."""
    if not source.via:
        return source.outlet
    return _("{outlet} (via {via})").format(outlet=source.outlet, via=source.via)


def source_link(source: Source) -> str:
    """'[Title](url), Outlet (via Reuters), 20 Mar 2025' as Markdown, every part escaped.

    A title keeps its article's language (German, French, Greek...), which the data does not
    record, so in an interface not in English the title and outlet are marked `lang=""` (language
    unknown, as HTML has it) rather than given the page's language; the date is the reader's."""
    cited = f"{link(source.title, source.url)}, {escape(outlet_name(source))}"
    if marks():
        cited = f'<span lang="">{cited}</span>'
    return f"{cited}, {day(source.published, short=True)}"
