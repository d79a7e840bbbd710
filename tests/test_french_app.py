"""The dashboard in French under AppTest: `?lang=fr`, the COALITION_LANG default, an address
naming a language the dashboard does not speak, and what the overview and its sidebar say."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.text import md
from db.contract.models import STATUSES
from db.locale import speaking
from db.numbers.totals import day
from tests.conftest import REPO

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch, july_data: Path, db_path: Path) -> Path:
    monkeypatch.setenv("COALITION_DATA", str(july_data))
    monkeypatch.setenv("COALITION_DB", str(db_path))
    monkeypatch.delenv("COALITION_LANG", raising=False)
    return db_path


def _run(**query: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _plain(text: str) -> str:
    """Markdown as a reader sees it: escapes removed."""
    return re.sub(r"\\(.)", r"\1", text)


def _switch(at: AppTest):
    return next(g for g in at.sidebar.button_group if g.label in ("Language", "Langue"))


def _param(at: AppTest, key: str) -> list[str]:
    """The address's values for `key` after the run."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def _lang(at: AppTest) -> str | None:
    return next(iter(_param(at, "lang")), None)


def test_the_overview_in_french(app_env: Path) -> None:
    at = _run(lang="fr")
    assert at.title[0].value == "Coalition des volontaires"
    assert [s.value for s in at.subheader][1:] == ["Qui participe", "Pays", "Télécharger"]
    assert {m.label: m.value for m in at.metric} == {
        "Effectifs déclarés (troupes)": "250–450",
        "Avec la presse": "aucun chiffre de presse",
        "Objectif cité": "10\u202f000–30\u202f000",
    }
    who = _plain(at.markdown[1].value).split("\n\n")
    assert who[0].startswith(f"● **Prêt à envoyer des troupes** (5){NBSP}: Estonie (50–250), ")
    assert who[-1] == f"✕ **A décliné** (0){NBSP}: néant"
    assert at.caption[-2].value == (
        "Sélectionnez une ligne pour ouvrir l’historique du pays. Cliquez sur un en-tête de "
        f"colonne pour trier. «{NBSP}selon la presse{NBSP}» signale un chiffre rapporté par la "
        f"presse, «{NBSP}estimé{NBSP}» un chiffre déduit d’une unité nommée par une source (une "
        f"compagnie, par exemple){NBSP}: ni l’un ni l’autre n’a été déclaré par le gouvernement."
    )
    assert [b.label for b in at.get("download_button")] == [
        "Ce tableau (CSV)", "Ce tableau (JSON)",
        "Toutes les déclarations (CSV)", "Toutes les déclarations (JSON)",
    ]  # fmt: skip
    # The page says its language to the browser (static/lang.js sets <html lang>).
    assert '<script src="app/static/lang.js" data-lang="fr"></script>' in [
        h.proto.body for h in at.get("html")
    ]


def test_the_sidebar_in_french(app_env: Path) -> None:
    at = _run(lang="fr")
    sidebar = at.sidebar
    assert [h.value for h in sidebar.header] == ["Filtres"]
    box = sidebar.text_input(key="as_of")
    assert box.label == "À la date du"
    assert box.placeholder == f"{dt.date.today().isoformat()} (aujourd’hui)"
    statuses = sidebar.button_group[0]
    assert statuses.label == "Statut"
    assert statuses.options == ["Prêt", "Ouvert", "Soutien seul", "Indécis", "A décliné"]
    assert statuses.help == (
        f"Prêt{NBSP}: prêt à envoyer des troupes{NNBSP}; Ouvert{NBSP}: ouvert à une "
        f"participation{NNBSP}; Soutien seul{NBSP}: soutien, sans troupes au sol{NNBSP}; "
        f"Indécis{NBSP}: aux discussions, sans position{NNBSP}; A décliné{NBSP}: a décliné"
    )
    group = sidebar.selectbox(key="group")
    assert group.label == "Groupe"
    assert group.options == [
        "Tous les pays",
        "UE",
        "OTAN",
        "Nordiques-Baltes (NB8)",
        "Commonwealth",
    ]
    switch = _switch(at)
    assert (switch.label, switch.options, switch.value) == ("Langue", ["English", "Français"], "fr")
    assert sidebar.caption[-1].value == (
        f"Données{NBSP}: 17 pays, 24 déclarations, la plus récente du 10 juil. 2025."
    )
    assert _lang(at) == "fr"


def test_a_date_in_french(app_env: Path) -> None:
    at = _run(lang="fr", as_of="2025-03-18")
    assert at.info[0].value == "Situation de la coalition au **18 mars 2025**."
    wrong = _run(lang="fr", as_of="2025-02-30")
    with speaking("fr"):
        today = day(dt.date.today())
    assert [e.value for e in wrong.sidebar.error] == [
        f"À la date du{NBSP}: «{NBSP}{md('2025-02-30')}{NBSP}» n’est pas une date. Écrivez-la au "
        f"format AAAA-MM-JJ{NNBSP}; situation affichée au {today}."
    ]
    early = _run(lang="fr", as_of="2025-01-01")
    assert early.warning[-1].value == (
        f"Aucune déclaration au 1er janvier 2025 ou avant{NBSP}: la première des données date du "
        "17 mars 2025. Choisissez une date plus tardive dans *À la date du*."
    )


def test_switching_the_language_changes_the_page_and_the_address(app_env: Path) -> None:
    at = _run()
    assert at.title[0].value == "Coalition of the willing"
    assert _lang(at) is None
    _switch(at).set_value("fr").run()
    assert at.title[0].value == "Coalition des volontaires"
    assert _switch(at).label == "Langue"
    assert _lang(at) == "fr"
    _switch(at).set_value("en").run()
    assert at.title[0].value == "Coalition of the willing"
    assert _lang(at) is None  # the default is left out of the address


def test_coalition_lang_sets_the_default(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COALITION_LANG", "fr")
    at = _run()
    assert at.title[0].value == "Coalition des volontaires"
    assert _lang(at) is None
    english = _run(lang="en")
    assert english.title[0].value == "Coalition of the willing"
    assert _lang(english) == "en"  # not the default here: kept, so a copied link stays English


@pytest.mark.parametrize("setting", [None, "de", ""])
def test_a_language_the_dashboard_does_not_speak_falls_back(
    app_env: Path, monkeypatch: pytest.MonkeyPatch, setting: str | None
) -> None:
    if setting is not None:
        monkeypatch.setenv("COALITION_LANG", setting)
    at = _run(lang="xx")
    assert at.title[0].value == "Coalition of the willing"
    assert _switch(at).value == "en"
    assert _lang(at) is None  # the unknown value is dropped from the address
    assert (
        at.sidebar.caption[-1].value
        == "Data: 17 countries, 24 statements, newest statement 10 Jul 2025."
    )


def test_the_group_and_map_stay_in_the_address_as_in_english(app_env: Path) -> None:
    """The group is kept in the address by its key, the map's view by its English word,
    whatever the reader's language: a link made in French opens the same view in English."""
    at = _run(lang="fr", group="Nordic-Baltic Eight", map_view="World")
    group = at.sidebar.selectbox(key="group")
    assert (group.value, group.format_func(group.value)) == (
        "Nordic-Baltic Eight", "Nordiques-Baltes (NB8)"
    )  # fmt: skip
    assert at.button_group(key="map_view").value == "world"
    assert (_param(at, "group"), _param(at, "map_view")) == (["Nordic-Baltic Eight"], ["World"])
    group.set_value("NATO").run()
    assert (_param(at, "group"), _param(at, "map_view")) == (["NATO"], ["World"])
    _switch(at).set_value("en").run()
    assert at.sidebar.selectbox(key="group").value == "NATO"
    assert at.button_group(key="map_view").value == "world"
    assert (_param(at, "group"), _param(at, "map_view")) == (["NATO"], ["World"])
    at.button_group(key="map_view").set_value("members").run()  # the default: left out
    assert (_param(at, "group"), _param(at, "map_view")) == (["NATO"], [])


def test_each_language_keeps_its_own_memoised_view(app_env: Path) -> None:
    """Pages memoise per build and filters; the language is part of the key, so readers of
    the two languages never get each other's sentences from the same process."""
    english, french, again = _run(), _run(lang="fr"), _run()
    assert english.sidebar.caption[-1].value.startswith("Data: 17 countries")
    assert french.sidebar.caption[-1].value.startswith(f"Données{NBSP}: 17 pays")
    assert again.sidebar.caption[-1].value == english.sidebar.caption[-1].value
    assert [m.label for m in again.metric] == [m.label for m in english.metric]


def test_the_status_filter_is_kept_in_the_address_as_codes(app_env: Path) -> None:
    """`status=troops` reads the same in every language; a link written with the pills' words
    of either language ('Prêt', 'Willing') still gives its filter, rewritten as codes."""
    at = _run(lang="fr", status="Willing")
    pills = at.sidebar.button_group(key="status")
    assert pills.value == ["troops"]
    assert _param(at, "status") == ["troops"]
    pills.set_value(["troops", "open"]).run()
    assert _param(at, "status") == ["troops", "open"]
    _switch(at).set_value("en").run()
    assert at.sidebar.button_group(key="status").value == ["troops", "open"]
    assert _param(at, "status") == ["troops", "open"]
    assert _run(status="Prêt").sidebar.button_group(key="status").value == ["troops"]
    everything = _run(status="nonsense")
    assert everything.sidebar.button_group(key="status").value == list(STATUSES)
    assert _param(everything, "status") == []
