"""The coalition's own words in French: `translations: fr:` in coalition.yaml, laid over the
English by `in_language` and checked by `coalition validate` (db/contract/translate.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cli import cli
from db.contract.models import Coalition, Dataset
from db.contract.translate import in_language, localized, missing
from db.contract.validate import validate_folder
from tests.conftest import JULY, MINI, REPO

EXAMPLE = REPO / "examples" / "police-mission"
TODAY = dt.date(2026, 11, 27)

# Roles, a group and a milestone to translate, added to a copy of the mini coalition.
ROLES_AND_GROUP = """\
roles:
  lead:
    label: Leads the coalition
    short: lead
  host:
    label: Hosts the headquarters
groups:
  Baltic states:
    members: [EST, LTU, LVA]
    note: The three Baltic states.
milestones:
  - date: 2025-03-02
    summary: The coalition was launched.
    sources:
      - outlet: Example Wire
        title: A coalition is launched
        url: https://example.org/launch
        published: 2025-03-02
"""


def _coalition_file(folder: Path, french: str, extra: str = ROLES_AND_GROUP) -> None:
    """The folder's coalition.yaml, English as written plus `extra`, with `french` as its
    `translations: fr:` block (indented under it)."""
    path = folder / "coalition.yaml"
    english = path.read_text(encoding="utf-8").split("translations:\n")[0]
    block = "".join(f"    {line}\n" for line in french.splitlines())
    path.write_text(f"{english}{extra}translations:\n  fr:\n{block}", encoding="utf-8")


def _coalition(folder: Path) -> Coalition:
    report = validate_folder(folder, today=TODAY)
    assert report.ok, [str(p) for p in report.problems]
    assert report.dataset is not None
    return report.dataset.coalition


def _validate(runner, folder: Path):
    return runner.invoke(cli, ["validate", "--data", folder.name, "--today", "2026-11-27"])


def test_the_french_words_replace_the_english_and_english_stays_where_none_is_given(
    mini_data: Path,
) -> None:
    _coalition_file(
        mini_data,
        "name: Coalition de test\n"
        "roles:\n"
        "  lead: {label: Dirige la coalition}\n"
        "groups:\n"
        "  Baltic states: {label: États baltes}\n",
    )
    coalition = _coalition(mini_data)
    french = in_language(coalition, "fr")
    assert french.name == "Coalition de test"
    assert french.roles["lead"].label == "Dirige la coalition"
    assert french.groups["Baltic states"].label == "États baltes"
    # Not given: shown in English.
    assert french.description == coalition.description
    assert french.roles["lead"].short == "lead"
    assert french.roles["host"].label == "Hosts the headquarters"
    assert french.groups["Baltic states"].note == "The three Baltic states."
    assert french.milestones[0].summary == "The coalition was launched."
    # The group's key stays: addresses and filters use it.
    assert list(french.groups) == ["Baltic states"]
    # English, and a language the file does not give, are the file as written.
    assert in_language(coalition, "en") is coalition
    assert in_language(coalition.model_copy(update={"translations": {}}), "fr").name == (
        "Test coalition"
    )


def test_a_milestone_summary_is_given_by_its_date() -> None:
    """What the overlay does with a milestone's summary (the coalition built in Python, where the
    date is a date)."""
    source = [
        {
            "outlet": "Example Wire",
            "title": "A coalition",
            "url": "https://example.org/a",
            "published": dt.date(2025, 3, 2),
        }
    ]
    data = {
        "name": "Test coalition",
        "description": "A coalition.",
        "target": {"min": 10, "max": 20, "sources": source},
        "milestones": [
            {"date": dt.date(2025, 3, 2), "summary": "Launched.", "sources": source},
            {"date": dt.date(2025, 4, 1), "summary": "Met again.", "sources": source},
        ],
        "translations": {"fr": {"milestones": {dt.date(2025, 3, 2): "Lancement."}}},
    }
    coalition = Coalition.model_validate(data)
    french = in_language(coalition, "fr")
    assert [m.summary for m in french.milestones] == ["Lancement.", "Met again."]
    assert missing(coalition, "fr") == ["name", "description", "milestones.2025-04-01"]


def test_a_milestone_summary_is_read_from_the_file_by_its_date(mini_data: Path) -> None:
    _coalition_file(mini_data, "milestones:\n  2025-03-02: La coalition a été lancée.\n")
    french = in_language(_coalition(mini_data), "fr")
    assert french.milestones[0].summary == "La coalition a été lancée."


def test_country_names_are_the_french_iso_names() -> None:
    report = validate_folder(JULY, today=TODAY)
    assert report.dataset is not None
    dataset: Dataset = report.dataset
    french = localized(dataset, "fr")
    names = {c.iso3: c.name for c in french.countries}
    assert names["GBR"] == "Royaume-Uni"
    assert names["FRA"] == "France"
    assert names["NLD"] == "Pays-Bas"
    assert {c.iso3: c.name for c in dataset.countries}["GBR"] == "United Kingdom"
    assert french.coalition.name == "Coalition des volontaires"
    assert french.coalition.force_name == "Force multinationale Ukraine"
    assert french.coalition.groups["NATO"].label == "OTAN"
    assert localized(dataset, "en") is dataset


def test_a_partial_translation_is_one_suggestion_listing_what_stays_english(
    mini_data: Path, in_tmp, runner
) -> None:
    _coalition_file(
        mini_data,
        "name: Coalition de test\n"
        "roles:\n"
        "  lead: {label: Dirige la coalition}\n"
        "groups:\n"
        "  Baltic states: {label: États baltes}\n",
    )
    result = _validate(runner, mini_data)
    assert result.output == (
        "pledges/coalition.yaml:30:3: translations.fr: suggestion: the 'fr' translation leaves "
        "5 in English (shown so until given): description, roles.lead.short, roles.host.label, "
        "groups.Baltic states.note, milestones.2025-03-02\n"
        "5 countries, 7 statements: no errors (1 suggestion).\n"
    )
    assert result.exit_code == 0


def test_a_translated_role_the_coalition_does_not_have_is_an_error(
    mini_data: Path, in_tmp, runner
) -> None:
    _coalition_file(mini_data, "roles:\n  chief: {label: Chef}\n")
    result = _validate(runner, mini_data)
    assert result.output.splitlines()[1] == (
        "pledges/coalition.yaml:32:7: translations.fr.roles.chief: translates the role 'chief', "
        "which coalition.yaml's roles do not have: remove it, or add the word"
    )
    assert result.output.endswith("Found 1 error in 1 file (1 suggestion).\n")
    assert result.exit_code == 1


def test_a_translated_milestone_date_with_no_milestone_is_an_error(
    mini_data: Path, in_tmp, runner
) -> None:
    _coalition_file(mini_data, "milestones:\n  2025-03-03: Lancement.\n")
    result = _validate(runner, mini_data)
    assert result.output.splitlines()[1] == (
        "pledges/coalition.yaml:32:7: translations.fr.milestones.2025-03-03: 2025-03-03 is the "
        "date of no milestone: use a milestone's date"
    )
    assert result.exit_code == 1


def test_a_date_with_two_milestones_takes_a_list_in_the_file_order(
    mini_data: Path, in_tmp, runner
) -> None:
    again = ROLES_AND_GROUP + (
        "  - date: 2025-03-02\n    summary: Met again the same day.\n    sources:\n"
        "      - outlet: Example Wire\n        title: Again\n"
        "        url: https://example.org/again\n        published: 2025-03-02\n"
    )
    original = (mini_data / "coalition.yaml").read_text(encoding="utf-8")
    _coalition_file(mini_data, "milestones:\n  2025-03-02: Lancement.\n", again)
    result = _validate(runner, mini_data)
    assert result.output.splitlines()[1] == (
        "pledges/coalition.yaml:39:7: translations.fr.milestones.2025-03-02: gives 1 summaries "
        "for the 2 milestones of 2025-03-02: give a list of 2, in the file's order"
    )
    (mini_data / "coalition.yaml").write_text(original, encoding="utf-8")
    _coalition_file(mini_data, "milestones:\n  2025-03-02: [Lancement., Réunion.]\n", again)
    french = in_language(_coalition(mini_data), "fr")
    assert [m.summary for m in french.milestones] == ["Lancement.", "Réunion."]


@pytest.mark.parametrize(
    "folder",
    [
        MINI,
        JULY,
        EXAMPLE,
    ],
    ids=["mini", "july-2025", "police-mission"],
)
def test_the_fixtures_and_the_example_leave_nothing_in_english(folder: Path) -> None:
    coalition = _coalition(folder)
    assert "fr" in coalition.translations
    assert missing(coalition, "fr") == []
    report = validate_folder(folder, today=TODAY)
    assert not [p for p in report.problems if "translation" in p.message]


def test_the_live_data_and_its_translation_validate() -> None:
    """Only what holds for any valid data: the French block names nothing the file lacks."""
    report = validate_folder(REPO / "pledges")
    assert report.ok, [str(p) for p in report.problems if p.severity == "error"]


def test_a_translated_default_role_is_an_error(mini_data: Path, in_tmp, runner) -> None:
    """With no `roles:` the interface's own default roles apply, and it translates them."""
    _coalition_file(mini_data, "roles:\n  lead: {label: Chef}\n", extra="")
    result = _validate(runner, mini_data)
    assert result.output.splitlines()[1].endswith(
        "translations.fr.roles.lead: translates the default roles, which the interface "
        "translates itself: remove it, or list the roles in coalition.yaml"
    )
    assert result.exit_code == 1
