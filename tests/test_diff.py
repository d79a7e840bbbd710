"""`coalition diff` on a real git repository in a temporary folder, with real commits."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cli import cli
from tests.conftest import MINI

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}

NEW_EST_STATEMENT = """  - date: 2025-05-10
    status: troops
    troops:
      min: 100
      max: 300
    capabilities: [ground]
    summary: Raised its offer to between 100 and 300 soldiers.
    sources:
      - outlet: Example Broadcaster
        title: Offer raised
        url: https://example.org/est-3
        published: 2025-05-10
"""

NORWAY = """iso3: NOR
name: Norway
statements:
  - date: 2025-05-01
    status: open
    summary: Open to taking part.
    sources:
      - outlet: Example Wire
        title: Norway open
        url: https://example.org/nor
        published: 2025-05-01
"""


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True,
        env={**os.environ, **GIT_ENV},
    )  # fmt: skip
    return result.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "pledges")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base data")
    monkeypatch.chdir(repo)
    return repo


def _diff(runner, *args: str):
    return runner.invoke(
        cli, ["diff", "--data", "pledges", "--today", "2026-11-27", "--as-of", "2025-06-01", *args]
    )


def test_no_change(repo: Path, runner) -> None:
    result = _diff(runner)
    base = git(repo, "rev-parse", "--short=7", "HEAD")
    assert result.output.splitlines()[:2] == [
        f"Pledge data: {base} -> working tree, positions on 2025-06-01",
        "No change to any country.",
    ]
    assert result.exit_code == 0


def test_a_branch_with_every_kind_of_change(repo: Path, runner) -> None:
    base = git(repo, "rev-parse", "--short=7", "HEAD")
    git(repo, "checkout", "-q", "-b", "update")
    est = repo / "pledges" / "EST.yaml"
    est.write_text(est.read_text() + NEW_EST_STATEMENT)
    (repo / "pledges" / "NOR.yaml").write_text(NORWAY)
    (repo / "pledges" / "POL.yaml").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "update")
    result = _diff(runner)
    assert result.output == (
        f"Pledge data: {base} -> working tree, positions on 2025-06-01\n"
        "Countries:\n"
        "  EST: troops, 50–250 -> troops, 100–300 (new statement 2025-05-10)\n"
        "  NOR: added (Norway, open)\n"
        "  POL: removed (Poland, support)\n"
        "Totals against the 10,000–30,000 target:\n"
        "  Stated troops (low–high): 250–450 -> 300–500  (changed)\n"
        "  Willing to send troops: 3 -> 3\n"
        "  of which no number given: 1 -> 1\n"
        "  Countries: 5 -> 5\n"
        "  Leads: GBR -> GBR\n"
        "Sources added:\n"
        "  Example Broadcaster, 2025-05-10: Offer raised <https://example.org/est-3>\n"
        "  Example Wire, 2025-05-01: Norway open <https://example.org/nor>\n"
    )
    assert result.exit_code == 0


def test_status_change_between_two_revisions(repo: Path, runner) -> None:
    aus = repo / "pledges" / "AUS.yaml"
    aus.write_text(
        aus.read_text()
        + """  - date: 2025-05-20
    status: troops
    troops:
      min: 500
      max: 1000
    capabilities: [ground]
    summary: Ready to send a battlegroup.
    sources:
      - outlet: Example Daily
        title: Battlegroup offered
        url: https://example.org/aus-3
        published: 2025-05-20
"""
    )
    git(repo, "commit", "-q", "-am", "Australia")
    result = _diff(runner, "HEAD~1", "HEAD")
    lines = result.output.splitlines()
    assert lines[0].startswith("Pledge data: HEAD~1 (") and " -> HEAD (" in lines[0]
    assert "  AUS: open -> troops, 500–1,000 (new statement 2025-05-20)" in lines
    assert "  Stated troops (low–high): 250–450 -> 750–1,450  (changed)" in lines
    assert "  Willing to send troops: 3 -> 4  (changed)" in lines


def test_editing_history_is_flagged(repo: Path, runner) -> None:
    ltu = repo / "pledges" / "LTU.yaml"
    ltu.write_text(
        ltu.read_text().replace("min: 200\n      max: 200", "min: 2000\n      max: 2000")
    )
    result = _diff(runner)
    assert "  LTU: troops, ~200 -> troops, ~2,000" in result.output
    assert (
        "  LTU: WARNING: edits or removes existing statements (2025-03-21); a changed position "
        "should be a new dated statement"
    ) in result.output


def test_invalid_data_at_head_is_reported_and_fails(repo: Path, runner) -> None:
    est = repo / "pledges" / "EST.yaml"
    est.write_text(est.read_text().replace("max: 250", "max: 25"))
    result = _diff(runner)
    assert result.exit_code == 1
    assert (
        "After (working tree): 1 error, not compared:\n"
        "  pledges/EST.yaml:20:7: statements.1.troops.max: must be >= min (50 > 25)\n"
    ) in result.output
    assert "  Stated troops (low–high): 250–450 -> invalid\n" in result.output


def test_invalid_data_at_base_is_reported(repo: Path, runner) -> None:
    (repo / "pledges" / "EST.yaml").write_text("iso3: EST\n")
    git(repo, "commit", "-q", "-am", "broken")
    (repo / "pledges" / "EST.yaml").write_text((MINI / "EST.yaml").read_text())
    result = _diff(runner, "HEAD")
    assert result.exit_code == 0
    assert "Before (HEAD (" in result.output
    assert "pledges/EST.yaml:1:1: name: required field is missing: add 'name:'" in result.output


def test_unknown_revision(repo: Path, runner) -> None:
    result = _diff(runner, "no-such-branch")
    assert (
        result.output == "Error: unknown revision 'no-such-branch': give a branch, tag or commit\n"
    )
    assert result.exit_code == 2


def test_not_a_repository(tmp_path: Path, runner, monkeypatch: pytest.MonkeyPatch) -> None:
    data = Path(shutil.copytree(MINI, tmp_path / "plain" / "pledges"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["diff", "--data", str(data)])
    assert result.output == f"Error: {data} is not inside a git repository\n"
    assert result.exit_code == 2


def test_markdown_escapes_data_text(repo: Path, runner) -> None:
    norway = NORWAY.replace("name: Norway", "name: '**Nor|way**'").replace(
        "title: Norway open", "title: 'Norway *open* | `now`'"
    )
    (repo / "pledges" / "NOR.yaml").write_text(norway)
    result = _diff(runner, "--format", "markdown")
    text = result.output
    assert result.exit_code == 0, text
    assert "| NOR \\*\\*Nor\\|way\\*\\* | added: new statement 2025-05-01 | none | open |" in text
    assert (
        "- Example Wire, 2025-05-01: [Norway \\*open\\* \\| \\`now\\`](https://example.org/nor)"
    ) in text
    assert "| Countries | 5 | **6** |" in text
