"""The Country, Timeline, Scenario, Export and Sources & method pages in French (`?lang=fr`), on
the five-country test coalition with a note and a source note added: what a reader sees, and the
data's own English words marked `lang="en"` in French and left unmarked in English."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from components.text import marks, recorded, source_link
from components.views import method
from components.views.method import _translated
from db.contract.models import Group, GroupChange, Source, Translation
from db.locale import speaking
from tests.conftest import app_test

NBSP, NNBSP = "\u00a0", "\u202f"
AS_OF = "2025-05-01"
SUMMARY = (
    "Ready to send a company\\-sized unit of 50 to 250, with instructors and staff officers\\."
)
NOTES = "Numbers are from the minister's interview\\."


@pytest.fixture
def data(mini_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test coalition, with notes on Estonia's newest statement and on its source."""
    monkeypatch.delenv("COALITION_LANG", raising=False)  # whatever the shell has set
    est = mini_data / "EST.yaml"
    text = est.read_text(encoding="utf-8")
    text = text.replace(
        "    summary: Ready to send",
        "    notes: Numbers are from the minister's interview.\n    summary: Ready to send",
    )
    text = text.replace(
        "        published: 2025-04-30\n",
        "        published: 2025-04-30\n        note: Broadcast, not transcribed.\n",
    )
    est.write_text(text, encoding="utf-8")
    return mini_data


def _open(data: Path, page: str, lang: str = "fr", **params: str):
    query = {"lang": lang} if lang != "en" else {}
    return app_test(data, data.parent / "db" / "coalition.db", page, **query, **params)


def _markdown(at) -> list[str]:
    return [m.value for m in at.markdown]


def test_the_country_page_in_french(data: Path) -> None:
    at = _open(data, "country", country="EST", as_of=AS_OF)
    assert at.title[0].value == "Historique des pays"
    assert at.header[0].value == "Estonie"
    assert at.selectbox(key="country").label == "Pays"
    assert at.subheader[0].value == "Déclarations, de la plus récente à la plus ancienne"
    text = _markdown(at)
    assert text[0].startswith(f"**Position au 1er mai 2025{NBSP}:** Prêt à envoyer des troupes")
    assert f"#### 30 avril 2025{NBSP}\\: Prêt à envoyer des troupes, 50–250 troupes" in text
    assert f"**Capacités{NBSP}:** Forces terrestres, Instructeurs, Officiers d’état\\-major" in text
    assert f'**Notes{NBSP}:** <span lang="en">{NOTES}</span>' in text
    assert f'**Sources{NBSP}:**\n- <span lang="">[Company\\-sized unit](https://example.org/est-2), ' \
        'Example Broadcaster</span>, 30 avr. 2025' in text  # fmt: skip
    captions = [c.value for c in at.caption]
    assert f'Example Broadcaster{NBSP}: <span lang="en">Broadcast, not transcribed\\.</span>' in (
        captions
    )


def test_a_statement_summary_is_marked_english_only_in_french(data: Path) -> None:
    french = _open(data, "country", country="EST", as_of=AS_OF)
    summary = next(m for m in french.markdown if SUMMARY in m.value)
    assert summary.value == f'<span lang="en">{SUMMARY}</span>'
    assert summary.proto.allow_html
    english = _open(data, "country", lang="en", country="EST", as_of=AS_OF)
    summary = next(m for m in english.markdown if SUMMARY in m.value)
    assert summary.value == SUMMARY
    assert not summary.proto.allow_html
    assert not [m.value for m in english.markdown if "<span" in m.value]
    assert f"**Notes:** {NOTES}" in _markdown(english)
    assert "Example Broadcaster: Broadcast, not transcribed\\." in [
        c.value for c in english.caption
    ]


def test_a_country_without_a_statement_yet(data: Path) -> None:
    at = _open(data, "country", country="EST", as_of="2025-03-01")
    assert at.warning[0].value == (
        f"Estonie{NBSP}: aucune déclaration au 1er mars 2025{NNBSP}; la première date du 21 mars "
        "2025."
    )
    unknown = _open(data, "country", country="XYZ")
    assert unknown.warning[0].value == (
        "Aucun pays XYZ dans les données. Choisissez-en un dans la liste."
    )
    assert unknown.selectbox(key="country").placeholder == "Choisir un pays"


def test_the_timeline_page_in_french(data: Path) -> None:
    at = _open(data, "timeline", as_of=AS_OF, since="2025-04-01")
    assert at.title[0].value == "Évolution de la coalition"
    assert [s.value for s in at.subheader] == [
        "Effectifs déclarés au fil du temps \\(troupes\\)",
        "Pays par statut au fil du temps",
        "Ce qui a changé",
    ]
    assert at.toggle(key="zoom").label == "Ajuster l’échelle aux chiffres déclarés"
    since = at.text_input(key="since")
    assert since.label == "Changements depuis"
    assert "elle commence 90 jours avant" in since.help
    text = _markdown(at)
    assert f"**2025\\-04\\-30, Estonie{NBSP}:** Prêt à envoyer des troupes 50–250" in text
    assert f'<span lang="en">{SUMMARY}</span>' in text
    assert f"Avant{NBSP}\\: Prêt à envoyer des troupes 100–200" in [c.value for c in at.caption]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Ces changements (CSV)", "Ces changements (JSON)"]


def test_the_scenario_page_in_french(data: Path) -> None:
    at = _open(data, "scenario", as_of=AS_OF)
    assert at.title[0].value == "Planification de scénarios"
    assert at.subheader[0].value == "Prêts à envoyer des troupes, sans chiffre annoncé"
    others = at.toggle(key="assume_others")
    assert others.label == "Supposer aussi des chiffres pour les autres membres (2)"
    assert others.help == "Pays ouverts, indécis, ou qui offrent un soutien sans troupes."
    assert at.number_input(key="assume_GBR").label == "Royaume\\-Uni"
    at.number_input(key="assume_GBR").set_value(10_000).run()
    links = [link.proto.label for link in at.get("page_link")]
    assert "Exporter ce scénario en image pour un briefing" in links


def test_the_export_page_in_french(data: Path) -> None:
    at = _open(data, "export", as_of=AS_OF, export_preset="a4", scenario="XXX=1")
    assert at.title[0].value == "Export pour un briefing"
    chart = at.selectbox(key="export_chart")
    assert (chart.label, chart.options) == (
        "Graphique",
        ["Briefing (graphique et chiffres clés)", "Graphique des fourchettes", "Carte",
         "Chronologie"],
    )  # fmt: skip
    size = at.selectbox(key="export_preset")
    assert (size.label, size.value) == ("Format", "a4")
    assert size.options == ["Diapositive, 16:9", "Carré", "Page A4", "Page US Letter"]
    chart.set_value("map").run()
    # The address names the choices by their codes, as in English: a link works in both.
    assert at.query_params["export_chart"] in ("map", ["map"])
    assert at.query_params["export_preset"] in ("a4", ["a4"])
    assert at.text_input(key="export_marking").label == "Mention de protection"
    assert at.warning[0].value == (
        f"Non compris, laissé de côté{NBSP}: XXX=1. Écrivez ISO3=NUMBER, par exemple AUS=1000."
    )


@pytest.mark.kaleido
def test_the_export_preview_and_downloads_in_french(data: Path) -> None:
    """A link made in English ('A4 page') opens the same size in French; the preview says its
    sizes with French numbers."""
    at = _open(data, "export", as_of=AS_OF, export_chart="Map", export_preset="A4 page")
    assert at.selectbox(key="export_chart").value == "map"
    assert at.selectbox(key="export_preset").value == "a4"
    image = at.get("image")[0].proto.imgs[0]
    assert image.caption == (
        f"Aperçu. Le PNG téléchargé mesure 2480x3508 pixels{NNBSP}; le PDF, exactement 595,276 x "
        "841,89 points."
    )
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Télécharger en PNG", "Télécharger en SVG", "Télécharger en PDF"]


NOTE = (
    f"Les déclarations sont enregistrées en anglais{NBSP}: leurs résumés et leurs notes sont "
    "affichés tels qu’ils ont été rédigés, sans traduction automatique. Les titres des sources "
    "restent dans leur langue d’origine."
)


def test_the_method_page_in_french_says_statements_are_in_english(data: Path) -> None:
    at = _open(data, "method", as_of=AS_OF)
    assert at.title[0].value == "Sources et méthode"
    assert [i.value for i in at.info] == [NOTE]
    headers = [h.value for h in at.header]
    assert headers[:3] == [
        "Signification des statuts", "Comment les chiffres sont établis",
        "L’objectif au fil du temps",
    ]  # fmt: skip
    assert "Toutes les sources" in headers
    assert list(at.table[0].value.columns) == ["Statut", "Code dans les données", "Signification"]
    assert list(at.table[1].value.columns) == [
        "Depuis", "Objectif (troupes)", "Fondement", "Propos tenus", "Sources",
    ]  # fmt: skip
    assert "8 sources, de la plus ancienne à la plus récente." in [c.value for c in at.caption]
    sources = next(m for m in at.markdown if "example.org/est-2" in m.value).value
    assert (
        '- <span lang="">[Company\\-sized unit](https://example.org/est-2), Example Broadcaster'
        "</span>, 30 avr. 2025. "
        f"Utilisée pour{NBSP}: Estonie 30 avr\\. 2025.  \n  *Note{NBSP}:* "
        '<span lang="en">Broadcast, not transcribed\\.</span>'
    ) in sources
    how = next(m for m in at.markdown if "position d’un pays à une date" in m.value).value
    assert "- **Les effectifs déclarés (troupes)** forment une fourchette." in how
    english = _open(data, "method", lang="en", as_of=AS_OF)
    assert english.title[0].value == "Sources and method"
    assert not english.info
    assert "8 sources, oldest first." in [c.value for c in english.caption]


def test_method_lines_in_french() -> None:
    """A group's line (a plural, a date, a note kept in English) and a long list of uses."""
    group = Group(
        members=["EST", "LVA"],
        changes=[GroupChange(date=dt.date(2025, 5, 1), joined=["LVA"])],
        note="Founded in 1992.",
    )
    solo = Group(members=["EST"])
    given = Translation(groups={})
    with speaking("fr"):
        assert method._group_item("Baltic", group, given) == (
            f"- **Baltic**{NBSP}: 2 membres, composition modifiée{NBSP}: 1er mai 2025. "
            '<span lang="en">Founded in 1992\\.</span>'
        )
        assert method._group_item("Solo", solo, None) == f"- **Solo**{NBSP}: 1 membre."
        uses = method._uses([f"Pays {i}" for i in range(14)])
    assert uses.endswith(f"Pays 11{NNBSP}; et 2 autres")
    assert method._group_item("Solo", solo, None) == "- **Solo**: 1 member."


def test_data_text_stays_escaped_inside_its_language_mark() -> None:
    source = Source(
        outlet="Example Wire", via="Reuters", title="A *title*",
        url="https://example.org/a", published=dt.date(2025, 5, 1),
    )  # fmt: skip
    with speaking("fr"):
        assert recorded("<b>bold</b> & [link](javascript:x)") == (
            '<span lang="en">\\<b\\>bold\\</b\\> \\& \\[link\\]\\(javascript\\:x\\)</span>'
        )
        assert recorded("Traduit.", english=False) == "Traduit\\."
        assert marks()
        assert source_link(source) == (
            '<span lang="">[A \\*title\\*](https://example.org/a), Example Wire \\(via Reuters\\)'
            "</span>, 1er mai 2025"
        )
    assert recorded("<b>bold</b>") == "\\<b\\>bold\\</b\\>"
    assert not marks()
    assert not re.search("span", source_link(source))


def test_the_coalitions_own_words_are_marked_only_where_not_translated(
    july_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The July coalition translates its caveats, group notes and milestones: what is shown in
    French is not marked; what is still shown in English is."""
    monkeypatch.delenv("COALITION_LANG", raising=False)
    at = app_test(july_data, july_data.parent / "db" / "c.db", "method", lang="fr")
    text = [m.value for m in at.markdown]
    groups = next(t for t in text if f"composition modifiée{NBSP}: 4 avril 2023, 7 mars 2024" in t)
    assert "La Finlande a adhéré le 4 avril 2023" in groups
    caveats = next(t for t in text if t.startswith("- La dépêche d’AP citée en source"))
    assert "<span" not in groups + caveats
    milestone = next(t for t in text if t.startswith(f"- **2 mars 2025{NBSP}:** "))
    in_english = "After a summit in London" in milestone
    assert ('<span lang="en">' in milestone) == in_english


def test_a_milestone_translated_in_a_list_is_not_marked_english() -> None:
    """A date with several milestones gives their French as a list: each is the coalition's
    own French, shown without the English mark."""
    given = Translation.model_validate(
        {"milestones": {"2026-01-06": ["Première.", "Deuxième."], "2025-03-02": "Lancement."}}
    )
    assert _translated("Deuxième.", given, "milestones")
    assert _translated("Lancement.", given, "milestones")
    assert not _translated("Met again.", given, "milestones")
