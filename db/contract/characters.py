"""One rule for characters a reader cannot see, applied to every text field and address.

Pledge files arrive through pull requests. A character that renders as nothing (or turns the
text around) can make a line read differently from what it is, so text fields and URLs refuse
them; and wherever text from the data or a file name reaches a terminal, a log or an annotation,
`printable` writes such characters as visible escapes.
"""

from __future__ import annotations

import unicodedata

# Unicode categories that never belong in plain text: format (zero-width, direction marks, the
# soft hyphen, tag characters), private use, unassigned (non-characters among them), surrogates,
# and the line and paragraph separators.
HIDDEN_CATEGORIES = frozenset({"Cf", "Co", "Cn", "Cs", "Zl", "Zp"})
# Letters and marks that draw nothing, used to fake blank names and spaces.
BLANK_CODE_POINTS = frozenset({0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0})
VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


def is_hidden(char: str) -> bool:
    """An invisible, format, private-use, unassigned or non-character code point."""
    code = ord(char)
    return (
        unicodedata.category(char) in HIDDEN_CATEGORIES
        or code in BLANK_CODE_POINTS
        or any(code in block for block in VARIATION_SELECTORS)
    )


def is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def describe(char: str) -> str:
    """'U+00AD SOFT HYPHEN' (or 'U+E000' where Unicode gives no name)."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def first_hidden(text: str, allow: str = "") -> str | None:
    """The first character `text` may not hold (controls other than `allow` included)."""
    for char in text:
        if char in allow:
            continue
        if is_hidden(char) or is_control(char):
            return char
    return None


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` with control and hidden characters written as escapes (\\x1b, \\u202e, ...).

    Used on everything printed to a terminal or written into a log annotation, so that a file
    name or a value holding an escape sequence cannot recolour, move or hide what is shown.
    """
    if text.isprintable():
        return text
    return "".join(_escape(c) if is_hidden(c) or is_control(c) else c for c in text)


def printable_lines(text: str) -> str:
    """`printable` for each line of a multi-line message, keeping the line breaks."""
    return "\n".join(printable(line) for line in text.split("\n"))
