"""The project's own pledges folder, checked by rules that hold for any valid data.

Nothing here pins a count, a figure or a name: `pledges/` changes with every data pull request,
and a contributor's pull request must pass with `tests/` untouched. Exact outputs are tested on
the fixtures (tests/fixtures/). `tests/test_pull_request.py` proves these checks keep passing
when a contributor adds, changes and removes countries.
"""

from __future__ import annotations

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from cli import cli
from db.contract import schema
from db.contract.validate import validate_folder
from tests.conftest import PLEDGES, REPO

PAGES = ["overview", "country", "timeline", "scenario", "export", "method"]


def test_pledges_validate_with_no_errors(runner, monkeypatch) -> None:
    monkeypatch.chdir(PLEDGES.parent)
    result = runner.invoke(cli, ["validate", "--data", "pledges"])
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-1]
    assert re.fullmatch(r"[\d,]+ countr(y|ies), [\d,]+ statements?: no (errors|problems).*", last)


def test_pledges_are_in_canonical_form(runner) -> None:
    result = runner.invoke(cli, ["fmt", "--check", "--data", str(PLEDGES)])
    assert result.exit_code == 0, f"run `coalition fmt`:\n{result.output}"


def test_schema_files_are_current() -> None:
    assert schema.stale(PLEDGES) == [], "run `coalition schema` and commit pledges/*.json"
    # The fixtures' and examples' schemas too: contributors copy them, and tests run on them.
    folders = sorted({p.parent for p in REPO.glob("[te]*/**/schema.json")} - {PLEDGES})
    assert len(folders) >= 5
    stale = [str(path.relative_to(REPO)) for folder in folders for path in schema.stale(folder)]
    assert stale == [], "run `coalition schema --data FOLDER` for each and commit them"


def test_every_pledge_file_names_its_schema() -> None:
    for path in PLEDGES.glob("*.yaml"):
        expected = {
            "coalition.yaml": "coalition.schema.json",
            "outlets.yaml": "outlets.schema.json",
        }
        expected = expected.get(path.name, "schema.json")
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={expected}", path.name


def test_every_statement_and_figure_has_a_dated_source() -> None:
    dataset = validate_folder(PLEDGES).dataset
    assert dataset is not None
    for country in dataset.countries:
        for statement in country.statements:
            assert statement.sources, f"{country.iso3} {statement.date}"
            for source in statement.sources:
                assert source.url.startswith(("https://", "http://")) and source.published
    for target in dataset.coalition.target_history:
        assert target.sources
    for joint in dataset.coalition.joint_figures:
        assert joint.sources


@pytest.fixture(scope="module")
def live_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("live")
    data = shutil.copytree(PLEDGES, tmp / "pledges")
    return {"COALITION_DATA": str(data), "COALITION_DB": str(tmp / "coalition.db")}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_the_live_data(
    live_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    for key, value in live_env.items():
        monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
    if name != "overview":
        at.switch_page(f"components/pages/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title


def test_live_data_builds_and_summarises(live_env: dict[str, str], runner) -> None:
    built = runner.invoke(cli, ["build"], env=live_env)
    assert built.exit_code == 0, built.output
    summary = runner.invoke(cli, ["summary", "--json"], env=live_env)
    assert summary.exit_code == 0, summary.output
    assert '"countries": [' in summary.output
