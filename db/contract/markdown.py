"""Escaping untrusted text for Markdown: data from pull requests renders as typed, never as markup."""

from __future__ import annotations

import re
from urllib.parse import quote

from db.contract.characters import printable
from db.contract.models import URL_PATTERN

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$&:])")
# GitHub turns '@name' into a mention (a notification) after rendering, so a backslash does not
# stop it; a zero-width space after the '@' does, as Dependabot's pull requests do.
_MENTION = "@&#8203;"
# Runs of white space fold into one space; no-break spaces stay (French writes 'Avant : ...' with
# one before the colon, and a break there would leave the colon alone at a line's start).
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def escape(text: str, *, mentions: bool = False) -> str:
    """Escape every character Markdown, HTML or LaTeX could read as markup; with `mentions`,
    also every '@' (for GitHub, where '@name' notifies a user)."""
    folded = _SPACES.sub(" ", text).strip(" \t\n\r\f\v")
    escaped = _SPECIAL.sub(r"\\\1", printable(folded))
    return escaped.replace("@", _MENTION) if mentions else escaped


def safe_url(url: str) -> str | None:
    """The address if it is http(s), percent-encoded so it cannot end a Markdown link early."""
    if not URL_PATTERN.match(url):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._").replace("(", "%28").replace(")", "%29")


def link(text: str, url: str, *, mentions: bool = False) -> str:
    """'[text](url)' with the text escaped; plain escaped text when the address is not http(s)."""
    target = safe_url(url)
    shown = escape(text, mentions=mentions)
    return f"[{shown}]({target})" if target else shown
