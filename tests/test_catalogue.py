"""The message catalogues: every English sentence the code marks with `_()` has its French,
with the same {fields}; no French entry is left over from a sentence the code no longer has;
and a French sentence reads as French, numbers and dates included."""

from __future__ import annotations

import datetime as dt
import re
import string

from babel.messages.extract import extract_from_dir, extract_from_file

from db.contract.validate import validate_folder
from db.numbers.headline import headline, period_sentences
from db.numbers.locale import LANGUAGES, catalogue, speaking
from tests.conftest import JULY, REPO

SOURCES = ("db", "components")


def _messages() -> set[str]:
    found = set()
    for folder in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            REPO / folder, keywords={"_": None}
        ):
            found.add(message)
    for name in ("cli.py", "app.py"):
        for _line, message, _comments, _context in extract_from_file(
            "python", REPO / name, keywords={"_": None}
        ):
            found.add(message)
    return found


def _fields(text: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)


def test_every_marked_sentence_is_translated_with_its_fields() -> None:
    messages = _messages()
    assert len(messages) >= 7
    for lang in LANGUAGES:
        if lang == "en":
            continue
        translated = catalogue(lang)
        missing = sorted(messages - set(translated))
        assert missing == [], f"{lang}: no translation for {missing}"
        stale = sorted(set(translated) - messages)
        assert stale == [], f"{lang}: translations of sentences the code no longer has: {stale}"
        for message, translation in translated.items():
            assert _fields(message) == _fields(translation), (lang, message)


def test_a_french_period_reads_as_french() -> None:
    dataset = validate_folder(JULY, today=dt.date(2026, 12, 2)).dataset
    with speaking("fr"):
        before = headline(dataset, dt.date(2025, 3, 31))
        after = headline(dataset, dt.date(2025, 5, 1))
        lines = period_sentences(before, after, 3)
        empty = period_sentences(after, headline(dataset, dt.date(2025, 5, 2)), 0)
    assert lines[0] == (
        "3 déclarations après le 31 mars 2025 et jusqu’au 1er mai 2025 inclus, les plus récentes "
        "en premier."
    )
    assert re.fullmatch(
        r"\S+ déclarés\u00a0: .+ au 31 mars 2025, 250–450 au 1er mai 2025\.", lines[1]
    )
    assert empty == [
        "Aucune déclaration enregistrée entre le 1er mai 2025 et le 2 mai 2025\u202f; la plus "
        "récente date du 30 avril 2025."
    ]
