"""The message catalogues: every English sentence the code marks with `_()` has its French,
with the same {fields}; no French entry is left over from a sentence the code no longer has;
and a French sentence reads as French, numbers and dates included."""

from __future__ import annotations

import datetime as dt
import re
import string

from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from db.contract.validate import validate_folder
from db.locale import LANGUAGES, catalogue, catalogue_files, speaking
from db.numbers.headline import headline, period_sentences
from tests.conftest import JULY, REPO

SOURCES = ("db", "components")


KEYWORDS = {"_": None, "_n": (1, 2)}


def _messages() -> set[str | tuple[str, str]]:
    """Every sentence marked in the code: a string, or a (singular, plural) pair."""
    found: set[str | tuple[str, str]] = set()
    for folder in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            REPO / folder, keywords=KEYWORDS
        ):
            found.add(tuple(message) if isinstance(message, tuple | list) else message)
    for name in ("cli.py", "app.py"):
        for _line, message, _comments, _context in extract_from_file(
            "python", REPO / name, keywords=KEYWORDS
        ):
            found.add(tuple(message) if isinstance(message, tuple | list) else message)
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
        missing = sorted(messages - set(translated), key=str)
        assert missing == [], f"{lang}: no translation for {missing}"
        stale = sorted(set(translated) - messages, key=str)
        assert stale == [], f"{lang}: translations of sentences the code no longer has: {stale}"
        for message, translation in translated.items():
            english = message if isinstance(message, tuple) else (message,)
            forms = translation if isinstance(translation, tuple) else (translation,)
            for text in forms:
                assert _fields(english[-1]) == _fields(text), (lang, message)


def test_no_sentence_is_translated_twice_differently() -> None:
    """The catalogue is split by part of the code; a sentence in two parts reads the same."""
    for lang in LANGUAGES:
        seen: dict[object, tuple[str, object]] = {}
        for path in catalogue_files(lang):
            with path.open("rb") as file:
                for m in read_po(file, locale=lang):
                    if not m.id:
                        continue
                    key = tuple(m.id) if isinstance(m.id, tuple | list) else m.id
                    string = tuple(m.string) if isinstance(m.string, tuple | list) else m.string
                    if key in seen:
                        assert seen[key][1] == string, (
                            f"{path.name} and {seen[key][0]} translate {key!r} differently"
                        )
                    seen[key] = (path.name, string)


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
        r"Effectifs déclarés \(\S+\)\u00a0: .+ au 31 mars 2025, 250–450 au 1er mai 2025\.", lines[1]
    )
    assert empty == [
        "Aucune déclaration enregistrée entre le 1er mai 2025 et le 2 mai 2025\u202f; la plus "
        "récente date du 30 avril 2025."
    ]
