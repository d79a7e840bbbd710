"""`coalition summary` and `coalition export` in French: --lang, COALITION_LANG, and what a
reader sees (the July 2025 coalition on 15 July 2025)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from cli import cli
from components.render import export as render_module
from db.contract.translate import localized
from db.contract.validate import validate_folder
from db.locale import speaking
from db.numbers.headline import headline
from tests.conftest import JULY, TODAY

AS_OF = "2025-07-15"
NO_LANG = {"COALITION_LANG": None}  # whatever the shell running the tests has set
HEADER = (
    "Pays             Statut                      Troupes  Chiffre du   Depuis      Vérifié le  "
    "Meilleure source    Rôles"
)


@pytest.fixture
def built(july_data: Path, db_path: Path, runner) -> Path:
    result = runner.invoke(cli, ["build", "--data", str(july_data), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


def _summary(runner, db: Path, *words: str, env: dict | None = None):
    return runner.invoke(
        cli, ["summary", "--db", str(db), "--as-of", AS_OF, *words], env=env or NO_LANG
    )


def test_french_summary_table(built: Path, runner) -> None:
    result = _summary(runner, built, "--lang", "fr")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    table = lines.index(HEADER)
    assert lines[table + 1] == "-" * len(HEADER)
    rows = lines[table + 2 :]
    assert rows[0] == (
        "Estonie          Prêt                         50–250               2025-04-30  2025-04-30  "
        "média public"
    )
    uk = next(row for row in rows if row.startswith("Royaume-Uni"))
    assert uk.startswith("Royaume-Uni      Prêt ")
    assert uk.endswith(
        "2025-07-10  2025-07-10  presse              direction, cellule de coordination"
    )
    assert [row[:16].rstrip() for row in rows[-6:]] == [
        "Allemagne", "Belgique", "Irlande", "Luxembourg", "Pays-Bas", "Suède",
    ]  # fmt: skip


def test_a_long_french_figure_widens_its_column(mini_data: Path, tmp_path: Path, runner) -> None:
    """'jusqu’à 5 000 selon la presse' is longer than the English column: the column grows, and
    every row's dates stay under their headings."""
    path = mini_data / "EST.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      min: 50\n      max: 250\n      basis: official"
    new = "      min: 250\n      max: 250\n      qualifier: up_to\n      basis: reported"
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = runner.invoke(
        cli, ["summary", "--lang", "fr", "--as-of", "2025-05-01", "--data", str(mini_data),
               "--db", str(tmp_path / "c.db")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if line.startswith("Pays ") and "Statut" in line)
    rows = [line for line in lines[lines.index(header) + 2 :] if line.strip()]
    assert any("jusqu’à 250 selon la presse" in row for row in rows), rows
    since = header.index("Depuis")
    assert all(re.match(r"\d{4}-\d{2}-\d{2}", row[since:]) for row in rows), rows


def test_french_summary_sentences_are_the_headlines(built: Path, runner) -> None:
    """Above the table, the CLI shows the headline's French sentences as they are made."""
    result = _summary(runner, built, "--lang", "fr")
    dataset = validate_folder(JULY, today=TODAY).dataset
    with speaking("fr"):
        expected = headline(localized(dataset, "fr"), dt.date.fromisoformat(AS_OF)).summary_lines
    lines = result.output.splitlines()
    assert lines[: lines.index(HEADER) - 1] == expected
    target = next(line for line in expected if "17 mars 2025" in line)
    assert "10\u202f000–30\u202f000" in target


def test_coalition_lang_is_the_default(built: Path, runner) -> None:
    french = _summary(runner, built, env={"COALITION_LANG": "fr"})
    assert french.output == _summary(runner, built, "--lang", "fr").output
    english = _summary(runner, built, "--lang", "en", env={"COALITION_LANG": "fr"})
    assert english.output == _summary(runner, built).output
    assert english.output.splitlines()[1] == (
        "Target: 10,000–30,000 troops, cited since 17 March 2025."
    )
    assert _summary(runner, built, env={"COALITION_LANG": ""}).output == english.output


def test_an_unknown_coalition_lang_is_one_line(built: Path, runner) -> None:
    result = _summary(runner, built, env={"COALITION_LANG": "de"})
    assert result.output == "Error: COALITION_LANG is 'de': set it to one of en, fr, or unset it\n"
    assert result.exit_code == 2
    assert _summary(runner, built, "--lang", "fr", env={"COALITION_LANG": "de"}).exit_code == 0


def test_an_unknown_lang_option_is_a_usage_error(built: Path, runner) -> None:
    result = _summary(runner, built, "--lang", "de")
    assert result.exit_code == 2
    assert "Invalid value for '--lang': 'de' is not one of 'en', 'fr'." in result.output


def test_json_is_the_same_in_every_language(built: Path, runner) -> None:
    english = json.loads(_summary(runner, built, "--json").output)
    french = json.loads(_summary(runner, built, "--json", "--lang", "fr").output)
    assert french.keys() == english.keys()
    assert [c.keys() for c in french["countries"]] == [c.keys() for c in english["countries"]]
    assert french == english
    assert french["coalition"] == "Coalition of the willing"
    assert _summary(runner, built, "--json", env={"COALITION_LANG": "fr"}).output == (
        _summary(runner, built, "--json").output
    )


def test_help_documents_the_language(runner) -> None:
    for name in ("summary", "export"):
        text = " ".join(runner.invoke(cli, [name, "--help"]).output.split())
        assert "--lang [en|fr]" in text
        assert "$COALITION_LANG" in text
    summary_help = " ".join(runner.invoke(cli, ["summary", "--help"]).output.split())
    assert "the JSON is for programs and stays as it is in English" in summary_help


def _stub_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's words without Kaleido: every image is a few bytes."""
    monkeypatch.setattr(render_module, "render", lambda *_args, **_kwargs: b"image")


def test_french_export_messages_and_english_file_names(
    built: Path, tmp_path: Path, runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stub_render(monkeypatch)
    out = tmp_path / "images"
    out.mkdir()
    words = ["export", "--db", str(built), "--as-of", AS_OF, "--lang", "fr", "--status", "troops"]
    result = runner.invoke(cli, [*words, "--out", str(out)], env=NO_LANG)
    assert result.exit_code == 0, result.output
    name = "coalition-briefing-2025-07-15-slide-willing-countries-only.png"
    assert result.output == (
        f"Fichier écrit\u00a0: {out / name} (briefing, slide, 3840x2160 px, situation au "
        f"{AS_OF}).\n"
    )
    result = runner.invoke(cli, [*words, "--all", "--out", str(out / "pack")], env=NO_LANG)
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-1]
    assert last.startswith(f"12 fichiers écrits dans {out / 'pack'} en ")
    assert last.endswith("\u00a0s.") and "," in last.rsplit(" en ", 1)[1]
    assert sorted(p.name for p in (out / "pack").iterdir())[0] == (
        "coalition-briefing-2025-07-15-slide-willing-countries-only.pdf"
    )


@pytest.mark.kaleido
def test_french_png_export(built: Path, tmp_path: Path, runner) -> None:
    from PIL import Image

    out = tmp_path / "briefing.png"
    result = runner.invoke(
        cli,
        ["export", "--db", str(built), "--as-of", AS_OF, "--out", str(out)],
        env={"COALITION_LANG": "fr"},
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Fichier écrit\u00a0: {out} (briefing, slide, 3840x2160 px, situation au {AS_OF}).\n"
    )
    assert Image.open(out).size == (3840, 2160)
