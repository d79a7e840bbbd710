"""One rule for characters a reader cannot see, in every text field and every address; what
reaches a terminal, a log annotation or a pull-request comment is inert."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cli import cli
from db.contract.characters import printable
from db.contract.markdown import escape

SOURCE = """    sources:
      - outlet: {outlet}
        title: A company offered
        url: {url}
        published: 2025-03-21
"""


def _estonia(summary: str = "Could send a company.", url: str = "https://example.org/est",
             outlet: str = "Example Radio", date: str = "2025-03-21", name: str = "Estonia") -> str:  # fmt: skip
    return (
        f"iso3: EST\nname: {name}\nstatements:\n  - date: {date}\n    status: troops\n"
        f"    summary: {summary}\n"
        + SOURCE.format(url=url, outlet=outlet)
        + "checked: 2025-05-01\n"
    )


def _validate(runner, folder: Path, *args: str):
    return runner.invoke(cli, ["validate", "--data", "pledges", "--today", "2026-11-27", *args])


HIDDEN = {
    "\u00ad": "U+00AD SOFT HYPHEN",
    "\U000e0041": "U+E0041 TAG LATIN CAPITAL LETTER A",
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE",
    "\u061c": "U+061C ARABIC LETTER MARK",
    "\ue000": "U+E000",
    "\U000f0000": "U+F0000",
    "\ufdd0": "U+FDD0",
    "\uffff": "U+FFFF",
    "\u0378": "U+0378",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u3164": "U+3164 HANGUL FILLER",
    "\ufe0f": "U+FE0F VARIATION SELECTOR-16",
    "\x7f": "U+007F",
    "\x85": "U+0085",
}


@pytest.mark.parametrize("char", sorted(HIDDEN))
def test_every_hidden_code_point_is_refused_in_text(
    char: str, mini_data: Path, in_tmp: Path, runner
) -> None:
    escaped = char.encode("unicode_escape").decode()
    (mini_data / "EST.yaml").write_text(_estonia(summary=f'"Could send a{escaped} company."'))
    result = _validate(runner, mini_data)
    assert result.output == (
        "pledges/EST.yaml:6:5: statements.0.summary: contains an invisible, control or special "
        f"character ({HIDDEN[char]}): retype the text without it\n"
        "Found 1 error in 1 file.\n"
    )
    assert result.exit_code == 1


@pytest.mark.parametrize("char", ["\u00ad", "\u202e", "\U000e0041", "\ue000", "\x1b"])
def test_the_same_rule_applies_to_addresses(char: str, mini_data: Path, in_tmp, runner) -> None:
    escaped = char.encode("unicode_escape").decode()
    url = f'"https://example.org/e{escaped}st"'
    (mini_data / "EST.yaml").write_text(_estonia(url=url))
    result = _validate(runner, mini_data)
    first = result.output.splitlines()[0]
    assert first.startswith(
        "pledges/EST.yaml:10:9: statements.0.sources.0.url: contains an invisible, control or "
        "special character (U+"
    )
    assert first.endswith("copy the address again from the browser's address bar")
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://trusted.example@other.example/",
            "holds user information before an '@' (https://name@host/), which can make one "
            "site's address point to another: give the page's own address",
        ),
        (
            "https://user:pass@example.org/a",
            "holds user information before an '@' (https://name@host/), which can make one "
            "site's address point to another: give the page's own address",
        ),
        (
            "https://trusted.example\\\\@other.example/",
            "must be a web address starting with https:// (got 'https://trusted.example\\\\@other.example/')",
        ),
        ("https://example.org:99999/", "is not a well-formed web address (got 'https://example.org:99999/')"),
        ("https://exa_mple..org/", "has no valid host name (got 'https://exa_mple..org/')"),
    ],
)  # fmt: skip
def test_addresses_with_user_information_are_refused(
    url: str, message: str, mini_data: Path, in_tmp, runner
) -> None:
    (mini_data / "EST.yaml").write_text(_estonia(url=f'"{url}"'))
    result = _validate(runner, mini_data)
    assert result.output == (
        f"pledges/EST.yaml:10:9: statements.0.sources.0.url: {message}\nFound 1 error in 1 file.\n"
    )


def test_ordinary_addresses_still_pass(mini_data: Path, in_tmp, runner) -> None:
    for url in (
        "https://news.err.ee/1609680293/estonia-prepared?x=1&y=2#part",
        "http://www.spacewar.com/afp/260106194505.rmwu5vaq.html",
        "https://example.org/path@with-at",
        "https://www.zeit.de/politik/ausland/2025-03/ukraine-friedenstruppe-öffentlich",
        "https://example.org:8443/a",
    ):
        (mini_data / "EST.yaml").write_text(_estonia(url=url))
        assert _validate(runner, mini_data).exit_code == 0, url


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("0001-01-01", "0001-01-01 is before 1945: check the year"),
        ("1944-12-31", "1944-12-31 is before 1945: check the year"),
        ("2026-11-28", "2026-11-28 is in the future (today is 2026-11-27): use the date it was reported"),
    ],
)  # fmt: skip
def test_dates_before_1945_or_after_today_are_refused(
    date: str, message: str, mini_data: Path, in_tmp, runner
) -> None:
    (mini_data / "EST.yaml").write_text(_estonia(date=date))
    result = _validate(runner, mini_data)
    assert result.output.splitlines()[0] == f"pledges/EST.yaml:4:5: statements.0.date: {message}"
    assert result.exit_code == 1


def test_a_name_that_does_not_match_its_code_is_a_suggestion(mini_data, in_tmp, runner) -> None:
    (mini_data / "EST.yaml").write_text(_estonia(name="Latvia"))
    result = _validate(runner, mini_data)
    assert result.output == (
        "pledges/EST.yaml:2:1: name: suggestion: 'Latvia' is not a name of EST: write "
        "'Estonia', or check the code\n"
        "5 countries, 6 statements: no errors (1 suggestion).\n"
    )
    assert result.exit_code == 0
    for name in ("Estonia", "Republic of Estonia", "ESTONIA"):
        (mini_data / "EST.yaml").write_text(_estonia(name=name))
        assert "suggestion" not in _validate(runner, mini_data).output, name


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names cannot hold ESC")
def test_file_names_with_escape_sequences_are_printed_inert(mini_data, in_tmp, runner) -> None:
    (mini_data / "\x1b[31mEST\x1b[0m.yaml").write_text("iso3: EST\n")
    result = _validate(runner, mini_data, "--format", "github")
    assert "\x1b" not in result.output
    assert result.output.splitlines()[:2] == [
        "pledges/\\x1b[31mEST\\x1b[0m.yaml: is not a pledge file name: country files are named "
        "by their upper-case ISO 3166-1 alpha-3 code, such as FRA.yaml",
        "::error file=pledges/\\x1b[31mEST\\x1b[0m.yaml::is not a pledge file name: country "
        "files are named by their upper-case ISO 3166-1 alpha-3 code, such as FRA.yaml",
    ]


def test_printable_escapes_only_what_cannot_be_seen() -> None:
    assert printable("Côte d'Ivoire – 200 €") == "Côte d'Ivoire – 200 €"
    assert printable("a\x1b[2Jb\u202ec\u00add\n") == "a\\x1b[2Jb\\u202ec\\xadd\\x0a"
    assert printable("tag\U000e0041") == "tag\\U000e0041"


def test_markdown_for_github_escapes_mentions() -> None:
    assert escape("@octocat said", mentions=True) == "@&#8203;octocat said"
    assert escape("@octocat said") == "@octocat said"  # the dashboard has no mentions
    assert escape("a\x1b[31mb", mentions=True) == "a\\\\x1b\\[31mb"


def test_no_terminal_escape_reaches_the_output_of_any_command(mini_data, in_tmp, runner) -> None:
    bad = "\x1b]0;pwned\x07"
    if os.name != "nt":
        (mini_data / f"{bad}.yaml").write_text("x: 1\n")
    for command in (["validate"], ["fmt", "--check"], ["build"], ["diff"]):
        result = runner.invoke(cli, [*command, "--data", "pledges"])
        assert "\x1b" not in result.output and "\x07" not in result.output, command
