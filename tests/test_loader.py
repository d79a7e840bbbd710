"""Strict loading: each bad file gives one exact message at its line, and nothing is guessed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cli import cli
from db.contract.loader import MAX_BYTES, LoadError, load_path, load_text
from tests.conftest import BAD, POSIX_ONLY

# Each file in tests/bad/ is copied in as EST.yaml and validated on its own.
EXPECTED = {
    "alias": ["EST.yaml:4:11: anchors (&name) are not allowed: write the value out in full"],
    "bad-status": [
        "EST.yaml:5:5: statements.0.status: 'willing' is not allowed: use one of 'troops', "
        "'open', 'support', 'undecided' or 'declined'"
    ],
    "bool-count": [
        "EST.yaml:7:7: statements.0.troops.min: must be a whole number, got true (a yes/no value)",
        "EST.yaml:8:7: statements.0.troops.max: must be at most 1,000,000, got 5,000,000",
    ],
    "code-mismatch": [
        "EST.yaml:1:1: iso3: the code is FRA but the file is named EST.yaml: "
        "rename the file to FRA.yaml or correct the code"
    ],
    "counts-wrong-type": [
        "EST.yaml:7:7: statements.0.troops.min: must be more than 0, got -5",
        "EST.yaml:8:7: statements.0.troops.max: must be a whole number, got the decimal number 2.5",
        "EST.yaml:9:7: statements.0.troops.approximate: must be true or false, got the text 'maybe'",
    ],
    "duplicate-key": [
        "EST.yaml:6:5: duplicate key 'status' (first at line 5): keep one and delete the other"
    ],
    "empty": ["EST.yaml:1:1: is empty: it must hold the fields of one pledge file"],
    "future-date": [
        "EST.yaml:4:5: statements.0.date: 2027-01-01 is in the future (today is 2026-11-27): "
        "use the date it was reported"
    ],
    "hidden-characters": [
        "EST.yaml:6:5: statements.0.summary: contains an invisible, control or special "
        "character (U+202E RIGHT-TO-LEFT OVERRIDE): retype the text without it"
    ],
    "impossible-date": [
        "EST.yaml:4:11: 2025-02-30 is not a real date: write an existing date as YYYY-MM-DD"
    ],
    "javascript-url": [
        "EST.yaml:10:9: statements.0.sources.0.url: must be a web address starting with "
        "https:// (got 'javascript:alert(1)')"
    ],
    "max-below-min": ["EST.yaml:8:7: statements.0.troops.max: must be >= min (300 > 200)"],
    "merge-key": ["EST.yaml:4:5: anchors (&name) are not allowed: write the value out in full"],
    "missing-summary": [
        "EST.yaml:4:5: statements.0.summary: required field is missing: add 'summary:'"
    ],
    "multi-document": [
        "EST.yaml:12:1: holds more than one YAML document: remove the '---' line and merge them"
    ],
    "no-sources": ["EST.yaml:7:5: statements.0.sources: must have at least one entry"],
    "out-of-order": [
        "EST.yaml:12:5: statements.1.date: 2025-03-21 is earlier than the statement before it "
        "(2025-04-30): statements are kept oldest first, so move it up to just before the "
        "statement dated 2025-04-30 (line 4); a report missed earlier is welcome there, as its "
        "own statement"
    ],
    "python-tag": [
        "EST.yaml:5:13: tags (!, !!) are not allowed: remove the tag and write the plain value "
        "(found !!python/object/apply:os.system)"
    ],
    "quoted-date": [
        "EST.yaml:4:5: statements.0.date: must be a date written YYYY-MM-DD without quotes, "
        "got the text '2025-03-21'"
    ],
    "quoted-number": [
        "EST.yaml:7:7: statements.0.troops.min: must be a whole number, got the text '100'"
    ],
    "tab": ["EST.yaml:5:1: has a tab character: indent with spaces, not tabs"],
    "top-level-list": [
        "EST.yaml:1:1: must be a mapping of fields (name: ..., statements: ...), found a list"
    ],
    "troops-with-open": [
        "EST.yaml:6:5: statements.0.troops: a troop figure is only allowed with status 'troops' "
        "(status is 'open')"
    ],
    "unknown-field": [
        "EST.yaml:4:5: statements.0.summary: required field is missing: add 'summary:'",
        "EST.yaml:6:5: statements.0.sumary: unknown field 'sumary': did you mean 'summary'?",
    ],
}


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(p.stem for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_file_gives_exact_message(case: str, in_tmp: Path, runner) -> None:
    shutil.copy(BAD / f"{case}.yaml", in_tmp / "EST.yaml")
    result = runner.invoke(cli, ["validate", "--today", "2026-11-27", "EST.yaml"])
    lines = EXPECTED[case]
    count = f"Found {len(lines)} error{'s' if len(lines) > 1 else ''} in 1 file."
    assert result.output == "\n".join([*lines, count]) + "\n"
    assert result.exit_code == 1


def test_plain_values_are_read_with_their_positions() -> None:
    loaded = load_text("a: 1\nb:\n  - x: 2025-03-20\n    y: 'text'\n")
    assert loaded.data == {
        "a": 1,
        "b": [{"x": __import__("datetime").date(2025, 3, 20), "y": "text"}],
    }
    assert loaded.marks[("b", 0, "y")] == (4, 5)
    assert loaded.mark(("b", 0, "missing")) == (3, 5)


def test_keys_are_never_turned_into_other_types() -> None:
    assert load_text("null: 1\nyes: 2\n").data == {"null": 1, "yes": 2}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!binary aGVsbG8=\n", "found !!binary"),
        ("a: !custom x\n", "found !custom"),
        ("a: !!str 12\n", "found !!str"),
        ("? [a]\n: 1\n", "keys must be plain words such as 'status'"),
        ("a: {x: 1}\nb:\n  <<: {y: 2}\n", "merge keys (<<) are not allowed"),
        ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than 20 levels deep"),
        ("".join("  " * i + "k:\n" for i in range(500)), "nested more than 20 levels deep"),
        ("a: [1, 2\nb: 3\n", "is not valid YAML: did not find expected ',' or ']'"),
    ],
)
def test_refused_yaml(text: str, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(text)
    assert message in caught.value.message


@POSIX_ONLY
def test_symbolic_link_is_never_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\n")
    link = tmp_path / "EST.yaml"
    link.symlink_to(secret)
    with pytest.raises(LoadError, match="is a symbolic link: replace it with the file itself"):
        load_path(link)


@POSIX_ONLY
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "EST.yaml"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="is not a regular file"):
        load_path(fifo)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "EST.yaml"
    with open(big, "wb") as out:
        out.truncate(50 * 1024 * 1024)
    with pytest.raises(LoadError) as caught:
        load_path(big)
    assert caught.value.message == (
        f"file is over the {MAX_BYTES:,}-byte limit (52,428,800 bytes or more): split or shorten it"
    )


@pytest.mark.parametrize(
    ("raw", "message", "where"),
    [
        (b"a: 1\nb: \x00\n", "contains a NUL byte: the file is not text; save it as UTF-8", (2, 4)),
        (b"a: 1\nb: caf\xe9\n", "is not valid UTF-8 text: save the file as UTF-8", (2, 7)),
        # Line breaks YAML reads but editors do not show would shift every line number after.
        (
            b"a: 1\nb: x\xc2\x85y\n",
            "contains U+0085, a line break YAML reads but editors do not show, so line numbers "
            "would differ: replace it with an ordinary line break",
            (2, 5),
        ),
        (
            "a: 1\r\nb: x\u2028y\r\n".encode(),
            "contains U+2028 LINE SEPARATOR, a line break YAML reads but editors do not show, so "
            "line numbers would differ: replace it with an ordinary line break",
            (2, 5),
        ),
        (
            b"a: 1\rb: 2\n",
            "contains U+000D, a line break YAML reads but editors do not show, so line numbers "
            "would differ: replace it with an ordinary line break",
            (1, 5),
        ),
    ],
)
def test_binary_content_is_refused_at_its_line(tmp_path: Path, raw, message, where) -> None:
    path = tmp_path / "EST.yaml"
    path.write_bytes(raw)
    with pytest.raises(LoadError) as caught:
        load_path(path)
    assert (caught.value.message, caught.value.line, caught.value.col) == (message, *where)
