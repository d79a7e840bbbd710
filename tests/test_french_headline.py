"""The headline in French: what the overview, the briefing images and `coalition summary` say,
read on the fixtures as a French reader gets them (country names and the coalition's words
localized). Numbers space thousands with a narrow no-break space, a colon takes a no-break
space, names are joined by "et" and never follow an article."""

from __future__ import annotations

import datetime as dt

import pytest

from db.contract.translate import localized
from db.contract.validate import validate_folder
from db.locale import speaking
from db.numbers.groups import members
from db.numbers.headline import and_list, headline, in_sentence, possessive
from tests.conftest import FIXTURES, JULY, MINI, TODAY

NB, NNB = "\u00a0", "\u202f"  # no-break space (before a colon), narrow one (thousands, semicolon)


def _french(folder, as_of: dt.date, **view):
    dataset = validate_folder(folder, today=TODAY).dataset
    with speaking("fr"):
        data = localized(dataset, "fr")
        if "group" in view:
            view["countries"] = members(data.coalition, view["group"], as_of)
        h = headline(data, as_of, **view)
        # Properties are read inside: a sentence is made in the language in force when read.
        return {
            name: getattr(h, name)
            for name in (
                "takeaway", "gap_sentence", "target_line", "stated_line", "leads_sentence",
                "not_counted_sentence", "stale_sentence", "assumed_sentence", "scenario_mark",
                "status_parts", "key_figures", "map_title", "filter_sentence", "range_alt",
                "summary_lines", "chart_title", "reported_sentence", "joint_sentence",
            )
        }  # fmt: skip


@pytest.fixture(scope="module")
def mini() -> dict:
    """Five made-up countries on 27 November 2026: two figures, one lead, news long stale."""
    return _french(MINI, TODAY, assumed={"POL": 2000})


@pytest.fixture(scope="module")
def july() -> dict:
    return _french(JULY, dt.date(2025, 7, 10))


def test_the_stated_total_its_share_of_the_target_and_the_target_read_as_french(mini) -> None:
    assert mini["takeaway"] == (
        f"Effectifs déclarés officiellement{NB}: 2,5–4,5{NB}% du minimum cité de 10{NNB}000 troupes"
    )
    assert mini["gap_sentence"] == (
        f"Chiffres déclarés{NB}: 250–450, soit 2,5–4,5{NB}% du minimum de 10{NNB}000."
    )
    assert mini["target_line"] == (
        f"Objectif{NB}: 10{NNB}000–30{NNB}000 troupes, cité depuis le 20 mars 2025."
    )
    assert (
        mini["chart_title"]
        == f"Effectifs déclarés face à l’objectif de 10{NNB}000–30{NNB}000 troupes"
    )


def test_counts_agree_with_their_number(mini, july) -> None:
    assert mini["stated_line"] == f"Effectifs déclarés{NB}: 250–450 troupes, par 2 pays"
    assert mini["stale_sentence"] == (
        "Aucune déclaration enregistrée depuis le 30 avril 2025 (576 jours avant le 27 novembre "
        "2026)."
    )
    assert mini["range_alt"].endswith(" 1 autre pays est prêt mais ne donne aucun chiffre.")
    assert july["range_alt"].endswith(" 3 autres pays sont prêts mais ne donnent aucun chiffre.")
    assert mini["status_parts"][1:] == [
        f"Pays prêts à envoyer des troupes{NB}: 3",
        "(dont 1 sans chiffre)",
        f"dernière déclaration{NB}: 30 avril 2025",
    ]


def test_names_follow_a_colon_and_are_joined_by_et(mini, july) -> None:
    """No article before a name ('le Royaume-Uni'): the leads and the countries without a
    number are listed after a colon, singular or plural as the list is."""
    assert mini["leads_sentence"] == f"Pays pilote{NB}: Royaume-Uni"
    assert july["leads_sentence"] == f"Pays pilotes{NB}: France et Royaume-Uni"
    assert mini["not_counted_sentence"] == (
        f"Hors décompte{NB}: Royaume-Uni, pays prêt à envoyer des troupes mais sans chiffre annoncé."
    )
    assert july["not_counted_sentence"] == (
        f"Hors décompte{NB}: France, Lettonie et Royaume-Uni, pays prêts à envoyer des troupes mais "
        "sans chiffre annoncé."
    )


def test_a_scenario_in_french(mini) -> None:
    assert mini["assumed_sentence"] == (
        f"Scénario{NB}: 2{NNB}250–2{NNB}450 troupes, dont 2{NNB}000 par hypothèse pour 1 pays, "
        "en plus des chiffres sourcés (250–450 selon les déclarations officielles)."
    )
    assert mini["scenario_mark"] == (
        f"SCÉNARIO{NB}: inclut 2{NNB}000 troupes par hypothèse pour POL (sans source)"
    )


def test_the_briefing_figures_and_the_map_title(july) -> None:
    assert july["key_figures"] == [
        ("250–450", "troupes, selon les déclarations officielles", "stated"),
        ("néant", "aucun chiffre rapporté par la presse", "reported"),
        (f"10{NNB}000–30{NNB}000", "objectif cité depuis le 17 mars 2025", "target"),
        ("5", "pays prêts à envoyer des troupes (dont 3 sans chiffre)", "willing"),
    ]
    assert (
        july["map_title"]
        == f"Pays prêts à envoyer des troupes{NB}: 5 sur 17 membres de la coalition"
    )


def test_the_summary_writes_its_dates_for_a_reader(july) -> None:
    """`coalition summary` in French: dates in words, a colon spaced, counts per status."""
    lines = july["summary_lines"]
    assert (
        lines[0]
        == f"Coalition des volontaires au 10 juillet 2025 (dernière déclaration{NB}: 10 juillet 2025)"
    )
    assert f"Pays{NB}: prêt (5), ouvert (5), soutien seul (1), indécis (6)" in lines
    assert f"Pays pilotes{NB}: France et Royaume-Uni." in lines


def test_a_part_of_the_coalition_says_so_and_names_the_leads_it_leaves_out() -> None:
    h = _french(JULY, dt.date(2025, 5, 1), group="Nordic-Baltic Eight")
    assert h["takeaway"] == (
        f"Nordiques-Baltes (NB8){NB}: 250–450 troupes selon les déclarations officielles, soit "
        f"2,5–4,5{NB}% de l’objectif de la coalition (10{NNB}000–30{NNB}000)"
    )
    assert h["leads_sentence"] == (
        f"Pays pilotes de la coalition, hors de cette vue{NB}: France et Royaume-Uni"
    )
    assert h["filter_sentence"] == (
        f"Vue filtrée (Nordiques-Baltes (NB8)){NB}: les chiffres ne comptent que les pays qu’elle "
        "retient."
    )


def test_a_qualified_target_reads_after_the_noun_in_brackets() -> None:
    """'about 15,000' cannot follow 'de' in French ('de environ'): it reads in brackets. The
    first of a month is an ordinal; press figures are listed with their names, joint figures
    apart."""
    h = _french(FIXTURES / "press", dt.date(2026, 2, 1))
    assert h["takeaway"] == (
        f"Effectifs déclarés officiellement{NB}: 0,3–1,7{NB}% de l’objectif (environ 15{NNB}000 "
        "troupes)"
    )
    assert h["target_line"] == (
        f"Objectif{NB}: environ 15{NNB}000 troupes (selon la presse, non déclaré officiellement), "
        "cité depuis le 8 janvier 2026."
    )
    assert h["summary_lines"][0] == (
        f"Press test coalition au 1er février 2026 (dernière déclaration{NB}: 8 janvier 2026)"
    )
    assert h["reported_sentence"] == (
        f"Chiffres rapportés par la presse, non déclarés par les gouvernements{NB}: Royaume-Uni "
        f"environ 7{NNB}500 et France environ 6{NNB}000{NNB}; avec eux, le total atteint "
        f"13{NNB}550–13{NNB}750."
    )
    assert h["joint_sentence"] == (
        f"Chiffres communs à plusieurs pays, jamais ajoutés aux sommes{NB}: Royaume-Uni et "
        f"France, jusqu’à 15{NNB}000 (8 janvier 2026, selon la presse)."
    )


def test_lists_and_names_in_each_language() -> None:
    names = [f"N{i}" for i in range(10)]
    with speaking("fr"):
        assert and_list(["France", "Royaume-Uni", "Pays-Bas"]) == "France, Royaume-Uni et Pays-Bas"
        assert and_list(names, limit=4) == "N0, N1, N2 et 7 autres"
        assert in_sentence("Pays-Bas") == possessive("Pays-Bas") == "Pays-Bas"
    assert and_list(["France", "the Netherlands"]) == "France and the Netherlands"
    assert and_list(names, limit=4) == "N0, N1, N2 and 7 more"
    assert (in_sentence("Netherlands"), possessive("Netherlands")) == (
        "the Netherlands",
        "the Netherlands'",
    )


def test_file_names_name_a_filter_the_same_way_in_every_language() -> None:
    dataset = validate_folder(JULY, today=dt.date(2026, 12, 2)).dataset
    with speaking("fr"):
        h = headline(localized(dataset, "fr"), dt.date(2025, 5, 1), statuses=["troops"],
                     group="Nordic-Baltic Eight")  # fmt: skip
        assert h.scope == "Nordiques-Baltes (NB8), statut prêt uniquement"
        assert h.file_scope == "Nordic-Baltic Eight, willing countries only"
