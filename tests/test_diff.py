"""`coalition diff` on a real git repository in a temporary folder, with real commits."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cli import cli
from tests.conftest import MINI, POSIX_ONLY

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
      basis: official
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
checked: 2025-05-01
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
        "  Stated troops: 250–450 -> 300–500  (changed)\n"
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
      basis: official
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
    assert "  Stated troops: 250–450 -> 750–1,450  (changed)" in lines
    assert "  Willing to send troops: 3 -> 4  (changed)" in lines


def test_editing_history_is_flagged(repo: Path, runner) -> None:
    ltu = repo / "pledges" / "LTU.yaml"
    ltu.write_text(
        ltu.read_text().replace("min: 200\n      max: 200", "min: 2000\n      max: 2000")
    )
    result = _diff(runner)
    assert "  LTU: troops, about 200 -> troops, about 2,000" in result.output
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
        "  pledges/EST.yaml:22:7: statements.1.troops.max: must be >= min (50 > 25)\n"
    ) in result.output
    assert "  Stated troops: 250–450 -> invalid\n" in result.output


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
    assert result.output == "Error: plain/pledges is not inside a git repository\n"
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


def test_markdown_never_mentions_anyone(repo: Path, runner) -> None:
    norway = NORWAY.replace("outlet: Example Wire", "outlet: '@octocat and @github/security'")
    (repo / "pledges" / "NOR.yaml").write_text(norway)
    register = repo / "pledges" / "outlets.yaml"
    register.write_text(
        register.read_text() + "  '@octocat and @github/security':\n    kind: press\n"
    )
    text = _diff(runner, "--format", "markdown").output
    assert "@octocat" not in text and "@github" not in text
    assert "- @&#8203;octocat and @&#8203;github/security, 2025-05-01:" in text


def test_a_missed_earlier_report_is_a_new_statement_not_an_edit(repo: Path, runner) -> None:
    est = repo / "pledges" / "EST.yaml"
    earlier = NEW_EST_STATEMENT.replace("2025-05-10", "2025-03-01")
    est.write_text(est.read_text().replace("statements:\n", "statements:\n" + earlier, 1))
    result = _diff(runner)
    assert "  EST: troops, 50–250 -> troops, 50–250 (new statement 2025-03-01)" in result.output
    assert (
        "  EST: note: adds statements dated before existing ones (2025-03-01): check they were "
        "missed, not changed"
    ) in result.output
    assert "WARNING" not in result.output


# Hostile pull requests: what a revision holds is judged from `git ls-tree` before it is read.


@POSIX_ONLY
def test_pledges_replaced_by_a_link_is_refused_in_the_working_tree(
    repo: Path, tmp_path: Path, runner
) -> None:
    other = Path(shutil.copytree(MINI, tmp_path / "other"))
    (other / "LTU.yaml").unlink()
    shutil.rmtree(repo / "pledges")
    os.symlink(other, repo / "pledges")
    for command in (["validate"], ["build", "--db", str(tmp_path / "x.db")]):
        result = runner.invoke(cli, [*command, "--data", "pledges"])
        assert result.output.splitlines()[0] == (
            "pledges: is a symbolic link: the pledges folder must be a real folder, not a link "
            "to one"
        ), command
        assert result.exit_code == 1
    assert not (tmp_path / "x.db").exists()
    result = _diff(runner)
    assert "After (working tree): 1 error, not compared:" in result.output
    assert result.exit_code == 1


@POSIX_ONLY
def test_pledges_as_a_link_in_a_revision_is_refused(repo: Path, tmp_path: Path, runner) -> None:
    git(repo, "checkout", "-q", "-b", "hostile")
    shutil.copytree(repo / "pledges", repo / "elsewhere")
    shutil.rmtree(repo / "pledges")
    os.symlink("elsewhere", repo / "pledges")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pledges is now a link")
    git(repo, "checkout", "-q", "main")
    result = _diff(runner, "main", "hostile")
    assert "After (hostile (" in result.output
    assert (
        "  pledges: is a symbolic link: the pledges folder must be a real folder" in result.output
    )
    assert "No change to any country" not in result.output
    assert result.exit_code == 1


@POSIX_ONLY
def test_a_file_linking_outside_the_repository_is_refused(repo: Path, runner) -> None:
    git(repo, "checkout", "-q", "-b", "hostile")
    (repo / "pledges" / "EST.yaml").unlink()
    os.symlink("/etc/passwd", repo / "pledges" / "EST.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a link")
    git(repo, "checkout", "-q", "main")
    result = _diff(runner, "main", "hostile")
    assert (
        "After (hostile (" in result.output
        and "  pledges/EST.yaml: is a symbolic link: replace it with the file itself\n"
        in result.output
    )
    assert "root:" not in result.output and "unexpected failure" not in result.output
    assert result.exit_code == 1


def test_an_oversized_file_in_a_revision_is_never_unpacked(
    repo: Path, runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db.pulls import git as diff_module

    git(repo, "checkout", "-q", "-b", "hostile")
    with open(repo / "pledges" / "EST.yaml", "ab") as out:
        out.write(b"# padding\n" * 300_000)  # 3 MB, over the 2 MB limit
    size = (repo / "pledges" / "EST.yaml").stat().st_size
    git(repo, "commit", "-q", "-am", "a huge file")
    git(repo, "checkout", "-q", "main")
    unpacked: list[list[str]] = []  # per side: the base, then the hostile head
    real = diff_module._write_blobs

    def spy(root, wanted):
        unpacked.append([path.name for _, path in wanted])
        return real(root, wanted)

    monkeypatch.setattr(diff_module, "_write_blobs", spy)
    result = _diff(runner, "main", "hostile")
    assert (
        f"  pledges/EST.yaml: file is over the 2,000,000-byte limit ({size:,} bytes): split or "
        "shorten it\n"
    ) in result.output
    assert "EST.yaml" in unpacked[0]
    assert "EST.yaml" not in unpacked[1] and "LTU.yaml" in unpacked[1]
    assert result.exit_code == 1
