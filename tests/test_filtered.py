"""A filtered view says so, everywhere: the takeaway, the leads, the key figures, the file name,
the overview and the PDF's own title. On the `july-2025` fixture: the Nordic-Baltic Eight hold
Estonia's and Lithuania's figures and none of the coalition's leads."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from cli import cli
from components.render.briefing import export_figure, file_name
from db.contract.validate import validate_folder
from db.numbers.groups import members
from db.numbers.headline import headline
from tests.conftest import JULY, app_test

AS_OF = dt.date(2025, 5, 1)
GROUP = "Nordic-Baltic Eight"


@pytest.fixture(scope="module")
def dataset():
    return validate_folder(JULY, today=dt.date(2026, 11, 27)).dataset


@pytest.fixture(scope="module")
def h(dataset):
    countries = members(dataset.coalition, GROUP, AS_OF)
    return headline(dataset, AS_OF, countries, group=GROUP)


def test_the_takeaway_leads_and_key_figures_name_the_group(h) -> None:
    assert h.scope == GROUP
    assert h.takeaway == (
        "Nordic-Baltic Eight: 250–450 troops stated on the record, 2.5–4.5% of the coalition's "
        "10,000–30,000 target"
    )
    assert h.leads_sentence == (
        "The coalition's leads, France and the United Kingdom, are not in this view"
    )
    assert h.key_figures[1][:2] == ("none", "no figure reported by the press in this view")
    assert h.subtitle("troops offered to {force}, by country", "the force").startswith(
        "Coalition of the willing (Nordic-Baltic Eight): troops offered to the force, by country"
    )
    assert h.filter_sentence == (
        "Filtered view (Nordic-Baltic Eight): the numbers count only the countries in it."
    )


def test_a_status_filter_is_named_too(dataset) -> None:
    narrowed = headline(dataset, AS_OF, None, ("troops", "open"))
    assert narrowed.scope == "willing and open countries only"
    assert headline(dataset, AS_OF, None, None).scope == ""  # the whole coalition


def test_the_file_name_carries_the_filter(h) -> None:
    assert file_name("briefing", AS_OF, "a4", "pdf", h.scope) == (
        "coalition-briefing-2025-05-01-a4-nordic-baltic-eight.pdf"
    )
    assert file_name("briefing", AS_OF, "a4", "pdf") == "coalition-briefing-2025-05-01-a4.pdf"


def test_the_overview_names_the_filter(july_data: Path, db_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COALITION_DATA", str(july_data))
    monkeypatch.setenv("COALITION_DB", str(db_path))
    at = app_test(july_data, db_path, as_of=AS_OF.isoformat(), group=GROUP)
    assert ("Filtered view (Nordic-Baltic Eight): the numbers count only the countries in it.") in [
        i.value.replace("\\", "") for i in at.info
    ]


@pytest.mark.kaleido
def test_the_export_command_filters_names_and_titles_the_pdf(
    july_data: Path, tmp_path: Path, runner
) -> None:
    from pypdf import PdfReader

    result = runner.invoke(
        cli,
        ["export", "--data", str(july_data), "--db", str(tmp_path / "c.db"), "--as-of",
         AS_OF.isoformat(), "--group", GROUP, "--preset", "a4", "--format", "pdf", "--out",
         str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "coalition-briefing-2025-05-01-a4-nordic-baltic-eight.pdf"
    info = PdfReader(io.BytesIO(pdf.read_bytes())).metadata
    assert info.title == (
        "Nordic-Baltic Eight: 250–450 troops stated on the record, 2.5–4.5% of the coalition's "
        "10,000–30,000 target"
    )
    assert info.subject.startswith("Coalition of the willing (Nordic-Baltic Eight): ")
    assert info.author == "Coalition of the willing: Coalition pledge dashboard"
    assert info["/CreationDate"].startswith("D:20")
    refused = runner.invoke(
        cli, ["export", "--data", str(july_data), "--group", "Nowhere", "--out", str(tmp_path)]
    )
    assert refused.exit_code == 2
    assert "'Nowhere' is not a group coalition.yaml defines: use one of 'EU'" in refused.output


def test_an_export_figure_carries_its_document_title(dataset, h) -> None:
    figure = export_figure("briefing", dataset, h, "slide")
    assert figure.layout.meta["title"] == h.takeaway
