"""Escaping untrusted text for Markdown: data from pull requests renders as typed, never as markup."""

from __future__ import annotations

import re
from urllib.parse import quote

from db.contract import URL_PATTERN

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$&:])")


def escape(text: str) -> str:
    """Backslash-escape every character Markdown, HTML or LaTeX could read as markup."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def safe_url(url: str) -> str | None:
    """The address if it is http(s), percent-encoded so it cannot end a Markdown link early."""
    if not URL_PATTERN.match(url):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._").replace("(", "%28").replace(")", "%29")


def link(text: str, url: str) -> str:
    """'[text](url)' with the text escaped; plain escaped text when the address is not http(s)."""
    target = safe_url(url)
    return f"[{escape(text)}]({target})" if target else escape(text)
