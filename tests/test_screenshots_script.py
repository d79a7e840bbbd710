"""`make screenshots` is run by hand, so a test keeps its README slides working: the slide of a
coalition's data, written in English and in French as `coalition export --lang` makes it."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from scripts.screenshots import _in_french, briefing
from tests.conftest import MINI

pytestmark = pytest.mark.kaleido


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_readme_slide_is_written_in_each_language(tmp_path: Path, lang: str) -> None:
    target = tmp_path / f"slide-{lang}.png"
    briefing(target, lang, data=MINI)
    assert _png_size(target) == (1920, 1080)  # the slide at scale 1, as the README shows it


def test_french_pages_keep_their_own_parameters() -> None:
    assert _in_french("") == "?lang=fr"
    assert _in_french("country?country=GBR") == "country?country=GBR&lang=fr"
