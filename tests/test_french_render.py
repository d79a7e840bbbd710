"""The charts and briefing images in French: their words, and every number and date in them
written the French way ('10 000' with a narrow no-break space, '1er mai 2025', 'avr. 2025'),
on the `july-2025` fixture as a French reader sees it (its coalition's French words, French
country names)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from components.render.briefing import export_figure, source_line, willing_table
from components.render.export import BrowserMissing, browser_path, render
from components.render.figures import (
    history_status_chart,
    history_troops_chart,
    range_chart,
    status_map,
    unquantified_note,
)
from db.contract.models import Source
from db.contract.translate import localized
from db.contract.validate import validate_folder
from db.locale import speaking
from db.numbers.headline import headline
from db.numbers.history import history
from tests.conftest import JULY, MINI

AS_OF = dt.date(2025, 5, 1)
NB, NNB = "\u00a0", "\u202f"  # before a colon; in thousands and before a semicolon


@pytest.fixture(scope="module")
def english():
    return validate_folder(JULY, today=dt.date(2026, 12, 2)).dataset


@pytest.fixture
def french(english):
    """The dataset a French reader's surfaces receive, with French in force."""
    with speaking("fr"):
        yield localized(english, "fr")


def test_the_range_chart_speaks_french(french) -> None:
    h = headline(french, AS_OF)
    fig = range_chart(h)
    assert fig.layout.xaxis.title.text == "Troupes, somme des chiffres"
    assert fig.layout.separators == f",{NNB}"  # Plotly's own ticks: '10 000', '2,5'
    texts = [a.text for a in fig.layout.annotations]
    assert f"<b>10{NNB}000</b>" in texts and f"<b>30{NNB}000</b>" in texts
    assert "Chiffres déclarés, vue agrandie" in texts
    stated = [t for t in fig.data if t.name == "chiffre déclaré officiellement"]
    assert stated[0].y == ("Déclarés", "Déclarés")
    assert stated[0].customdata == (["Estonie", "50–250"], ["Lituanie", "environ 200"])
    assert stated[0].hovertemplate == (
        f"%{{customdata[0]}}{NB}: %{{customdata[1]}} troupes (chiffre déclaré officiellement)"
        "<extra></extra>"
    )
    low = next(t for t in fig.data if t.type == "scatter")
    assert low.hovertext == f"somme des chiffres les plus bas{NB}: 250"
    assert unquantified_note(h) == (
        f"+3 pays prêts à envoyer des troupes, sans chiffre (non comptés){NB}: France, Lettonie "
        "et Royaume-Uni"
    )


def test_the_map_and_the_timelines_write_french_dates(french) -> None:
    h = headline(french, AS_OF)
    hover = status_map(h.totals, h.words).data[0].text
    assert hover[0] == (
        "<b>Estonie</b><br>Prêt à envoyer des troupes (50–250)<br>depuis le 30 avril 2025"
    )
    steps = history(french, dt.date(2025, 7, 10))
    status = history_status_chart(steps, h.words)
    # d3 writes English months: the ticks and hovers carry dates written by db/locale.
    assert status.layout.xaxis.ticktext == ("avr. 2025", "mai 2025", "juin 2025", "juil. 2025")
    assert status.layout.xaxis.tickvals[0] == dt.date(2025, 4, 1)
    assert status.layout.yaxis.title.text == "Pays"
    assert status.data[0].hovertemplate == (
        f"Prêt à envoyer des troupes{NB}: %{{y}} au %{{hovertext}}<extra></extra>"
    )
    assert status.data[0].hovertext[:2] == ("17 mars 2025", "20 mars 2025")
    troops = history_troops_chart(steps, h.personnel)
    assert [t.name for t in troops.data] == [
        "Déclarés, fourchette haute", "Déclarés, fourchette basse", "Objectif, fourchette basse",
        "Objectif, fourchette haute",
    ]  # fmt: skip
    assert troops.data[2].hovertemplate == (
        f"Objectif, fourchette basse{NB}: %{{y:,}} au %{{hovertext}}<extra></extra>"
    )
    assert troops.layout.separators == f",{NNB}"


def test_a_french_briefing_says_it_all_in_french(french) -> None:
    figure = export_figure("briefing", french, headline(french, AS_OF), "slide", "OFFICIEL")
    meta = figure.layout.meta
    assert meta["subject"] == (
        f"Coalition des volontaires{NB}: offres de troupes par pays (Force multinationale "
        f"Ukraine), au 1er mai 2025{NNB}; dernière déclaration{NB}: 30 avril 2025. Pays "
        f"pilotes{NB}: France et Royaume-Uni."
    )
    assert meta["author"] == (
        f"Coalition des volontaires{NB}: Tableau de bord des engagements de la coalition"
    )
    # The text alternative states the key figures, numbers and dates in French.
    assert (
        f"Chiffres clés{NB}: 250–450 troupes, selon les déclarations officielles{NNB}; "
    ) in meta["alt"]
    assert (
        f"{NNB}; 10{NNB}000–30{NNB}000 objectif cité depuis le 17 mars 2025{NNB}; " in (meta["alt"])
    )
    texts = [a.text for a in figure.layout.annotations]
    foot = next(t for t in texts if f"Sources{NB}: " in t)
    assert re.sub("<br>", " ", foot).endswith(
        f"Sources{NB}: AP, 20 mars 2025{NNB}; London Herald (citing the Financial Times), 17 "
        f"mars 2025{NNB}; ERR (Estonian public broadcaster), 30 avr. 2025{NNB}; Polish Radio "
        f"(citing Reuters), 21 mars 2025{NNB}; Meduza (citing AFP), 11 avr. 2025{NNB}; MENAFN "
        f"(citing AFP), 11 avr. 2025{NNB}; Meduza (citing RBC-Ukraine), 11 avr. 2025. Tableau "
        "de bord des engagements de la coalition."
    )
    assert f"Chiffres déclarés, vue agrandie (2,5–4,5{NB}% du minimum de 10{NNB}000)" in texts
    # French runs longer: a key figure's label wraps within its column rather than run into
    # the next one.
    assert "pays prêts à envoyer des troupes (dont 3 sans<br>chiffre)" in texts


def test_a_force_without_a_name_reads_as_french() -> None:
    """French needs an article before 'force' when the coalition names none (the mini one)."""
    data = validate_folder(MINI, today=dt.date(2026, 12, 2)).dataset
    with speaking("fr"):
        data = localized(data, "fr")
        figure = export_figure("map", data, headline(data, AS_OF), "square")
    assert figure.layout.meta["subject"] == (
        f"Coalition de test{NB}: membres de la force par position déclarée, au 1er mai "
        f"2025{NNB}; dernière déclaration{NB}: 30 avril 2025."
    )


def test_a_french_page_lists_the_willing_in_french(french) -> None:
    table, rows = willing_table(headline(french, AS_OF), 15)
    assert table["header"]["values"] == [
        "<b>Pays prêt</b>", "<b>Troupes</b>", "<b>Source du chiffre</b>",
        "<b>Conditions</b>", "<b>Depuis</b>",
    ]  # fmt: skip
    names, figures, sources, conditions, since = table["cells"]["values"]
    assert names[:2] == ["Estonie", "Lituanie"] and names[-1] == "Autres membres"
    assert figures[:2] == ["50–250", "environ 200"]
    assert sources[0] == "ERR (Estonian public broadcaster), 30 avr. 2025"
    assert conditions[0] == "aucune indiquée"
    assert since[0] == "30 avril 2025"
    assert re.fullmatch(rf"ouvert{NB}: 5, .+, indécis{NB}: 6", sources[-1])


def test_a_long_french_source_line_says_how_many_more(french) -> None:
    sources = [
        Source(outlet=f"Outlet {i}", title="A report", url=f"https://example.org/{i}",
               published=dt.date(2025, 5, i + 1))
        for i in range(15)
    ]  # fmt: skip
    line = source_line(sources)
    assert line.startswith(f"Sources{NB}: Outlet 0, 1er mai 2025{NNB}; Outlet 1, 2 mai 2025")
    assert line.endswith(
        f"{NNB}; et 4 autres (toutes les sources{NB}: page «{NB}Sources et méthode{NB}» du "
        "tableau de bord)."
    )


def test_a_missing_browser_is_explained_in_french(monkeypatch) -> None:
    monkeypatch.setenv("COALITION_CHROMIUM", "/nowhere/chromium")
    with speaking("fr"), pytest.raises(BrowserMissing) as caught:
        browser_path()
    assert str(caught.value).startswith(
        f"aucun navigateur à COALITION_CHROMIUM=/nowhere/chromium{NB}: installez Chromium avec "
    )


@pytest.mark.kaleido
def test_a_french_timeline_image_shows_french_words_and_months(french) -> None:
    import html

    figure = export_figure("timeline", french, headline(french, dt.date(2025, 7, 10)), "slide")
    svg = render(figure, "svg", 1920, 1080).decode("utf-8")
    text = re.sub(r"[ \n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", svg)))  # keeps U+00A0
    assert f"Évolution de la coalition{NB}: pays par position au fil du temps" in text
    assert "avr. 2025" in text and "juil. 2025" in text and "Apr" not in text
    assert (
        "Chaque jour retient la dernière déclaration de chaque pays à cette date ou avant."
    ) in text
