"""The project's own pledges folder: valid, sourced, with schema headers, schema current."""

from __future__ import annotations

from cli import cli
from db import schema
from db.validate import validate_folder
from tests.conftest import PLEDGES, TODAY


def test_real_pledges_validate(runner, monkeypatch) -> None:
    monkeypatch.chdir(PLEDGES.parent)
    result = runner.invoke(cli, ["validate", "--data", "pledges", "--today", str(TODAY)])
    assert result.output == (
        "pledges/LTU.yaml:5:5: statements.0: suggestion: gives a troop figure but no "
        "capabilities: add them (ground, air, ...) if the source says\n"
        "17 countries, 24 statements: no errors (1 suggestion).\n"
    )
    assert result.exit_code == 0


def test_schema_files_are_current() -> None:
    assert schema.stale(PLEDGES) == [], "run `coalition schema` and commit pledges/*.json"


def test_every_pledge_file_names_its_schema() -> None:
    for path in PLEDGES.glob("*.yaml"):
        expected = "coalition.schema.json" if path.name == "coalition.yaml" else "schema.json"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={expected}", path.name


def test_every_statement_and_figure_has_a_dated_source() -> None:
    dataset = validate_folder(PLEDGES, today=TODAY).dataset
    for country in dataset.countries:
        for statement in country.statements:
            assert statement.sources
            assert all(s.url.startswith("https://") and s.published for s in statement.sources)
    assert dataset.coalition.target.sources
