"""Figures, download rows and the review list in French: the words and the way numbers and
dates are written follow the language; the keys, codes and ISO dates of a download do not."""

from __future__ import annotations

import datetime as dt

import pytest

from db.contract.models import Dataset, Troops
from db.contract.translate import localized
from db.contract.validate import validate_folder
from db.contract.vocabulary import vocabulary
from db.locale import speaking
from db.numbers.review import due_for_review
from db.numbers.rows import (
    cited_sources,
    condition_rows,
    position_rows,
    source_kind_rows,
    to_csv,
    to_json,
)
from db.numbers.totals import compute_totals, figure_with_basis, format_figure, format_troops
from tests.conftest import FIXTURES, MINI

NNBSP, NBSP = "\u202f", "\u00a0"  # French: a narrow no-break space groups thousands, before ;


def _dataset(folder) -> Dataset:
    report = validate_folder(folder, today=dt.date(2026, 12, 2))
    assert report.ok, [str(p) for p in report.problems]
    return report.dataset


@pytest.fixture(scope="module")
def mini() -> Dataset:
    return _dataset(MINI)


@pytest.fixture(scope="module")
def press() -> Dataset:
    return _dataset(FIXTURES / "press")


@pytest.fixture(scope="module")
def graded() -> Dataset:
    return _dataset(FIXTURES / "graded")


def _figure(low: int, high: int, qualifier: str | None = None, basis: str = "official") -> Troops:
    return Troops(min=low, max=high, qualifier=qualifier, basis=basis)


def test_a_qualified_figure_in_french() -> None:
    figures = [
        _figure(7500, 7500, "up_to"),
        _figure(15000, 15000, "about"),
        _figure(100, 100, "at_least"),
        _figure(14750, 14950),
    ]
    with speaking("fr"):
        french = [format_figure(f) for f in figures]
    assert french == [
        f"jusqu’à 7{NNBSP}500",
        f"environ 15{NNBSP}000",
        "au moins 100",
        f"14{NNBSP}750–14{NNBSP}950",
    ]
    assert [format_figure(f) for f in figures] == [
        "up to 7,500", "about 15,000", "at least 100", "14,750–14,950",
    ]  # fmt: skip


def test_a_reported_figure_says_so_in_french() -> None:
    reported = _figure(7500, 7500, "up_to", basis="reported")
    with speaking("fr"):
        alone = figure_with_basis(reported)
        with_noun = figure_with_basis(reported, noun="militaires")
    assert alone == f"jusqu’à 7{NNBSP}500 selon la presse"
    assert with_noun == f"jusqu’à 7{NNBSP}500 militaires, selon la presse"
    assert figure_with_basis(reported, noun="troops") == "up to 7,500 troops, reported"


def test_a_carried_figure_derived_from_a_unit_in_french(graded: Dataset) -> None:
    """Estonia's figure comes from a company, given in an earlier statement than its position;
    the unit's label is the coalition's word, here as a French translation would give it."""
    company = graded.coalition.units["company"].model_copy(update={"label": "une compagnie"})
    with speaking("fr"):
        totals = compute_totals(localized(graded, "fr"), dt.date(2026, 12, 2))
        estonia = next(p for p in totals.positions if p.iso3 == "EST")
        text = format_troops(estonia, {"company": company})
        with_noun = figure_with_basis(estonia.troops, {"company": company}, "militaires")
    assert text == "50–250 estimé d’après une compagnie, chiffre du 30 avr. 2025"
    assert with_noun == "50–250 militaires, chiffre estimé d’après une compagnie"


def test_a_french_csv_row_has_french_labels_and_the_same_codes(mini: Dataset) -> None:
    as_of = dt.date(2025, 5, 1)
    english = to_csv(position_rows(compute_totals(mini, as_of), vocabulary(mini.coalition)))
    with speaking("fr"):
        data = localized(mini, "fr")
        rows = position_rows(compute_totals(data, as_of), vocabulary(data.coalition))
    lines = to_csv(rows).decode().splitlines()
    assert lines[0] == english.decode().splitlines()[0]  # the same columns, named the same
    assert lines[2] == (
        "LTU,Lituanie,troops,Prêt à envoyer des troupes,Prêt,environ 200,environ 200,200,200,True,"
        "about,2025-03-21,,official,,,True,,,,,,,2025-03-21,2025-03-21,public_broadcaster,"
        "Audiovisuel public,média public,False,,Could contribute around 200 soldiers once there is "
        "a ceasefire.,Example Radio,https://example.org/ltu,"
        "https://example.org/ltu#source=Example Radio,https://example.org/ltu,"
        '"Example Radio, 21 mars 2025",https://example.org/ltu'
    )
    by_code = {r["iso3"]: r for r in rows}
    assert (by_code["GBR"]["country"], by_code["GBR"]["troops"]) == ("Royaume-Uni", "non chiffré")
    assert (by_code["GBR"]["status"], by_code["GBR"]["roles"]) == ("troops", "lead")
    assert '"troops": "environ 200"' in to_json([by_code["LTU"]]).decode()


def test_press_figures_and_conditions_in_french(press: Dataset) -> None:
    with speaking("fr"):
        data = localized(press, "fr")
        totals = compute_totals(data, dt.date(2026, 3, 1))
        words = vocabulary(data.coalition)
        rows = {r["iso3"]: r for r in position_rows(totals, words)}
        shares = condition_rows(totals, words)
    france = rows["FRA"]
    assert (france["troops"], france["basis"], france["qualifier"]) == (
        f"environ 6{NNBSP}000 selon la presse", "reported", "about",
    )  # fmt: skip
    assert france["conditions"] == "ceasefire, us_backstop"
    assert france["conditions_label"] == f"A ceasefire{NNBSP}; A US backstop"
    # The page orders and pins these columns by key: the keys stay, the values are French.
    assert [(r["Condition"], r["Countries"], r["Stated"]) for r in shares] == [
        ("A ceasefire", 3, "50–250"),
        ("A US backstop", 2, "néant"),
    ]


def test_what_each_source_backs_in_french(mini: Dataset) -> None:
    with speaking("fr"):
        data = localized(mini, "fr")
        uses = [use for _, use in cited_sources(data)]
        kinds = source_kind_rows(data, vocabulary(data.coalition))
    assert uses[:2] == ["objectif du 20 mars 2025", "Australie 17 mars 2025"]
    assert kinds[2] == {
        "Type": "Agence de presse", "Code dans les données": "wire", "Sources": 3, "Médias": 1,
    }  # fmt: skip


def test_the_review_list_in_french(graded: Dataset) -> None:
    today = dt.date(2026, 12, 2)
    with speaking("fr"):
        data = localized(graded, "fr")
        table = due_for_review(data, today).table()
        markdown = due_for_review(data, today, 200).markdown()
        none_due = due_for_review(data, today, 400).headline
    assert table[:5] == [
        f"4 fichiers pays sur 5 sont à réviser{NBSP}: non vérifiés au regard de l’actualité au "
        "cours des 90 jours précédant le 2026-12-02, classés par date de dernière vérification, "
        "la plus ancienne en tête.",
        "",
        "Pays                 Vérifié le  Jours  Dernière déclaration",
        "-" * 60,
        "Lituanie             2026-02-01    304  2025-08-20",
    ]
    assert markdown.splitlines()[:3] == [
        "### Fichiers pays à réviser",
        "",
        f"2 fichiers pays sur 5 sont à réviser{NBSP}: non vérifiés au regard de l’actualité au "
        "cours des 200 jours précédant le 2026-12-02, classés par date de dernière vérification, "
        "la plus ancienne en tête.",
    ]
    assert "| Pays | Vérifié le | Jours écoulés | Dernière déclaration |" in markdown
    assert none_due == (
        f"Aucun fichier pays n’est à réviser{NBSP}: tous ont été vérifiés au regard de "
        "l’actualité au cours des 400 jours précédant le 2026-12-02."
    )
