"""Untrusted text (summaries, names, titles) shown as literal text, links only ever http(s)."""

from __future__ import annotations

import re
from urllib.parse import quote

from db.contract import URL_PATTERN, Source

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$&:])")


def md(text: str) -> str:
    """Escape text for st.markdown so Markdown, HTML and LaTeX in data render as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def safe_url(url: str) -> str | None:
    """The address if it is http(s), with characters that could end a Markdown link escaped."""
    if not URL_PATTERN.match(url):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def source_link(source: Source) -> str:
    """'[Title](url), Outlet, 20 Mar 2025' as Markdown, every part escaped."""
    url = safe_url(source.url)
    title = md(source.title)
    link = f"[{title}]({url.replace('(', '%28').replace(')', '%29')})" if url else title
    return f"{link}, {md(source.outlet)}, {source.published:%d %b %Y}"
