"""A planner's scenario: one syntax and one parser for the CLI, the Export page and links.

The syntax is `ISO3=NUMBER`, several joined by commas: `AAA=2000, BBB=500`. The CLI takes it as
`--assume AAA=2000` (repeatable, or one comma list), the Export page as its text field, and a
link as `?scenario=AAA=2000,BBB=500`. Links made before the syntax was one keep working: the
Export page's `AAA:2000` and the Scenario page's `?assume_AAA=2000`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

SYNTAX = "ISO3=NUMBER"
QUERY_KEY = "scenario"
LEGACY_PREFIX = "assume_"  # ?assume_AAA=2000, the Scenario page's links before one syntax
MAX_ASSUMED = 1_000_000
_ITEM = re.compile(r"^\s*([A-Za-z]{3})\s*[=:]\s*(\d+)\s*$")


@dataclass(frozen=True)
class Parsed:
    figures: dict[str, int] = field(default_factory=dict)
    bad: list[str] = field(default_factory=list)  # parts that are not ISO3=NUMBER for a member


def parse(text: str | Iterable[str], known: Collection[str]) -> Parsed:
    """`AAA=2000, BBB:500` -> figures for countries in `known`; the rest in `bad`.

    A figure of 0 means no assumption and is dropped; a later figure for a country wins.
    """
    texts = [text] if isinstance(text, str) else list(text)
    figures: dict[str, int] = {}
    bad: list[str] = []
    for chunk in texts:
        for part in filter(None, (p.strip() for p in re.split(r"[,;]", chunk))):
            match = _ITEM.match(part)
            code = match.group(1).upper() if match else ""
            if not match or code not in known or int(match.group(2)) > MAX_ASSUMED:
                bad.append(part)
                continue
            number = int(match.group(2))
            if number:
                figures[code] = number
            else:
                figures.pop(code, None)
    return Parsed(figures, bad)


def to_text(figures: Mapping[str, int]) -> str:
    """The one way a scenario is written: `AAA=2000,BBB=500` (sorted, no spaces)."""
    return ",".join(f"{code}={n}" for code, n in sorted(figures.items()) if n > 0)


def from_query(params: Mapping[str, str], known: Collection[str]) -> Parsed:
    """A link's scenario: `?scenario=...`, plus any legacy `?assume_ISO3=NUMBER`."""
    parts = [params[QUERY_KEY]] if params.get(QUERY_KEY) else []
    parts += [
        f"{key[len(LEGACY_PREFIX) :]}={value}"
        for key, value in params.items()
        if key.startswith(LEGACY_PREFIX) and len(key) == len(LEGACY_PREFIX) + 3
    ]
    return parse(parts, known)


def example(codes: Collection[str]) -> str:
    """'KEN=1000': the syntax shown with a code from the data, for help texts and messages."""
    return f"{sorted(codes)[0] if codes else 'ABC'}=1000"
