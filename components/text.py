"""Untrusted text (summaries, names, titles) shown as literal text, links only ever http(s)."""

from __future__ import annotations

from db.contract.markdown import escape, link
from db.contract.models import Source
from db.numbers.totals import day


def md(text: str) -> str:
    """Escape text for st.markdown so Markdown, HTML and LaTeX in data render as typed."""
    return escape(text)


def source_link(source: Source) -> str:
    """'[Title](url), Outlet (via Reuters), 20 Mar 2025' as Markdown, every part escaped."""
    outlet = f"{source.outlet} (via {source.via})" if source.via else source.outlet
    return (
        f"{link(source.title, source.url)}, {escape(outlet)}, {day(source.published, short=True)}"
    )
