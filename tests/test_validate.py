"""Folder-level validation: names, codes, the coalition file, every problem reported at once."""

from __future__ import annotations

import os
from pathlib import Path

from cli import cli
from db.contract.validate import validate_folder
from tests.conftest import POSIX_ONLY, TODAY


def _validate(runner, folder: Path):
    return runner.invoke(cli, ["validate", "--data", str(folder.name), "--today", "2026-11-27"])


def test_valid_folder(mini_data: Path, in_tmp: Path, runner) -> None:
    result = _validate(runner, mini_data)
    assert result.output == "5 countries, 7 statements: no problems found.\n"
    assert result.exit_code == 0


def test_every_problem_in_every_file_is_reported_at_once(mini_data: Path, in_tmp, runner) -> None:
    est = mini_data / "EST.yaml"
    est.write_text(est.read_text().replace("max: 250", "max: 20"))
    pol = mini_data / "POL.yaml"
    pol.write_text(pol.read_text().replace("status: support", "status: supporting"))
    (mini_data / "fra.yaml").write_text("iso3: FRA\n")
    result = _validate(runner, mini_data)
    assert result.output == (
        "pledges/fra.yaml: is not a pledge file name: country files are named by their "
        "upper-case ISO 3166-1 alpha-3 code, such as FRA.yaml (rename it to FRA.yaml)\n"
        "pledges/EST.yaml:22:7: statements.1.troops.max: must be >= min (50 > 20)\n"
        "pledges/POL.yaml:6:5: statements.0.status: 'supporting' is not allowed: use one of "
        "'troops', 'open', 'support', 'undecided' or 'declined'\n"
        "Found 3 errors in 3 files.\n"
    )
    assert result.exit_code == 1


def test_code_must_be_a_real_country(mini_data: Path, in_tmp, runner) -> None:
    (mini_data / "XXA.yaml").write_text(
        (mini_data / "LTU.yaml").read_text().replace("iso3: LTU", "iso3: XXA")
    )
    result = _validate(runner, mini_data)
    assert result.output == (
        "pledges/XXA.yaml:1:1: iso3: 'XXA' is not an ISO 3166-1 alpha-3 country code: "
        "use one such as FRA\n"
        "Found 1 error in 1 file.\n"
    )


def test_missing_coalition_file(mini_data: Path, in_tmp, runner) -> None:
    (mini_data / "coalition.yaml").unlink()
    result = _validate(runner, mini_data)
    assert result.output == (
        "pledges/coalition.yaml: is missing: every pledges folder needs one\n"
        "Found 1 error in 1 file.\n"
    )
    assert result.exit_code == 1


def test_broken_coalition_file(mini_data: Path, in_tmp, runner) -> None:
    path = mini_data / "coalition.yaml"
    path.write_text(path.read_text().replace("max: 30000", "max: 3000"))
    result = _validate(runner, mini_data)
    assert result.output == (
        "pledges/coalition.yaml:5:3: target.max: must be >= min (10000 > 3000)\n"
        "Found 1 error in 1 file.\n"
    )


@POSIX_ONLY
def test_symbolic_link_in_folder_is_reported_not_followed(mini_data: Path, in_tmp, runner) -> None:
    secret = in_tmp / "secret.yaml"
    secret.write_text("iso3: FRA\nname: TOP SECRET CONTENT\n")
    os.symlink(secret, mini_data / "FRA.yaml")
    result = _validate(runner, mini_data)
    assert result.output == (
        "pledges/FRA.yaml: is a symbolic link: replace it with the file itself\n"
        "Found 1 error in 1 file.\n"
    )
    assert "TOP SECRET" not in result.output


def test_directory_named_like_a_pledge_file(mini_data: Path, in_tmp, runner) -> None:
    (mini_data / "FRA.yaml").mkdir()
    result = _validate(runner, mini_data)
    assert result.output.splitlines()[0] == (
        "pledges/FRA.yaml: is not a regular file: remove it or replace it with a YAML file"
    )


def test_missing_folder_is_a_usage_error_not_a_traceback(in_tmp, runner) -> None:
    result = runner.invoke(cli, ["validate", "--data", "nowhere"])
    assert result.output == "nowhere: is not a folder of pledge files\nFound 1 error in 1 file.\n"
    assert result.exit_code == 1


def test_dataset_keeps_conflicting_reports_side_by_side(mini_data: Path) -> None:
    report = validate_folder(mini_data, today=TODAY)
    assert report.ok
    australia = next(c for c in report.dataset.countries if c.iso3 == "AUS")
    assert [(str(s.date), s.status) for s in australia.statements] == [
        ("2025-03-17", "troops"),
        ("2025-03-20", "open"),
    ]


def test_non_pledge_files_are_left_alone(mini_data: Path) -> None:
    (mini_data / "README.md").write_text("# notes\n")
    (mini_data / ".EST.yaml.swp").write_bytes(b"\x00\x01")
    assert validate_folder(mini_data, today=TODAY).ok


def test_github_annotations_are_exact(mini_data: Path, in_tmp, runner) -> None:
    est = mini_data / "EST.yaml"
    est.write_text(est.read_text().replace("max: 250", "max: 20"))
    ltu = mini_data / "LTU.yaml"
    ltu.write_text(ltu.read_text().replace("    capabilities: [ground]\n", ""))
    result = runner.invoke(
        cli, ["validate", "--data", "pledges", "--today", "2026-11-27", "--format", "github"]
    )
    assert result.output == (
        "pledges/EST.yaml:22:7: statements.1.troops.max: must be >= min (50 > 20)\n"
        "::error file=pledges/EST.yaml,line=22,col=7::statements.1.troops.max: must be >= min "
        "(50 > 20)\n"
        "pledges/LTU.yaml:5:5: statements.0: suggestion: gives a troop figure but no "
        "capabilities: add them (ground, air, ...) if the source says\n"
        "::warning file=pledges/LTU.yaml,line=5,col=5::statements.0: suggestion: gives a troop "
        "figure but no capabilities: add them (ground, air, ...) if the source says\n"
        "Found 1 error in 1 file (1 suggestion).\n"
    )
    assert result.exit_code == 1


def test_suggestions_do_not_fail(mini_data: Path, in_tmp, runner) -> None:
    pol = mini_data / "POL.yaml"
    pol.write_text(pol.read_text().replace("published: 2025-03-21", "published: 2023-01-05"))
    result = runner.invoke(
        cli, ["validate", "--data", "pledges", "--today", "2026-11-27", "--format", "github"]
    )
    assert result.output == (
        "pledges/POL.yaml:13:9: statements.0.sources.0.published: suggestion: the source is from "
        "2023-01-05, over a year before the statement (2025-03-21): add a source from the time "
        "of the statement\n"
        "::warning file=pledges/POL.yaml,line=13,col=9::statements.0.sources.0.published: "
        "suggestion: the source is from 2023-01-05, over a year before the statement "
        "(2025-03-21): add a source from the time of the statement\n"
        "5 countries, 7 statements: no errors (1 suggestion).\n"
    )
    assert result.exit_code == 0


def test_annotation_escapes_percent_and_newlines() -> None:
    from db.contract.validate import Problem

    problem = Problem("a,b:c.yaml", "50% done\nnext", 3, 4, "x")
    assert problem.github() == "::error file=a%2Cb%3Ac.yaml,line=3,col=4::x: 50%25 done%0Anext"


def test_template_placeholder_is_an_error(mini_data: Path, in_tmp, runner) -> None:
    pol = mini_data / "POL.yaml"
    pol.write_text(pol.read_text().replace("title: Support, not troops", "title: TODO"))
    result = _validate(runner, mini_data)
    assert result.output == (
        "pledges/POL.yaml:11:9: statements.0.sources.0.title: still holds the placeholder TODO: "
        "write the source's headline\n"
        "Found 1 error in 1 file.\n"
    )


def test_two_files_for_one_country(mini_data: Path, in_tmp, runner) -> None:
    (mini_data / "est.yml").write_text((mini_data / "EST.yaml").read_text())
    result = _validate(runner, mini_data)
    assert result.output == (
        "pledges/est.yml: is a second file for EST: merge its statements into EST.yaml and "
        "remove it\n"
        "Found 1 error in 1 file.\n"
    )


def test_suggestions_only_on_files_the_pull_request_changed(
    mini_data: Path, in_tmp, runner
) -> None:
    """A standing suggestion elsewhere must not be annotated on every pull request."""
    from tests.test_diff import git

    ltu = mini_data / "LTU.yaml"
    ltu.write_text(ltu.read_text().replace("    capabilities: [ground]\n", ""))
    git(in_tmp, "init", "-q", "-b", "main")
    git(in_tmp, "add", ".")
    git(in_tmp, "commit", "-q", "-m", "base")
    est = mini_data / "EST.yaml"
    est.write_text(
        est.read_text().replace("    capabilities: [ground, instructors, staff_officers]\n", "")
    )
    pol = mini_data / "POL.yaml"
    pol.write_text(pol.read_text().replace("status: support", "status: supporting"))
    git(in_tmp, "commit", "-q", "-am", "a pull request")
    (mini_data / "NOR.yaml").write_text(
        (mini_data / "LTU.yaml").read_text().replace("LTU", "NOR").replace("Lithuania", "Norway")
    )
    result = runner.invoke(
        cli,
        ["validate", "--data", "pledges", "--today", "2026-11-27", "--format", "github",
         "--changed-since", "main~1"],
    )  # fmt: skip
    annotations = [line for line in result.output.splitlines() if line.startswith("::")]
    assert [a.split("::")[1] for a in annotations] == [
        "warning file=pledges/EST.yaml,line=18,col=5",
        "warning file=pledges/NOR.yaml,line=5,col=5",
        "error file=pledges/POL.yaml,line=6,col=5",
    ]
    assert result.exit_code == 1
    everything = runner.invoke(
        cli, ["validate", "--data", "pledges", "--today", "2026-11-27", "--all"]
    )
    assert "pledges/LTU.yaml:5:5: statements.0: suggestion" in everything.output
    # Plain `validate` in a repository: suggestions only where this change touches (here, on
    # main, what is not committed yet), the others counted.
    plain = runner.invoke(cli, ["validate", "--data", "pledges", "--today", "2026-11-27"])
    assert [line.split(": ")[0] for line in plain.output.splitlines()] == [
        "pledges/NOR.yaml:5:5",
        "pledges/POL.yaml:6:5",
        "2 suggestions on files this change does not touch not shown (`coalition validate --all` "
        "lists them).",
        "Found 1 error in 1 file (1 suggestion).",
    ]


def test_changed_since_an_unknown_revision(mini_data: Path, in_tmp, runner) -> None:
    from tests.test_diff import git

    git(in_tmp, "init", "-q", "-b", "main")
    result = runner.invoke(cli, ["validate", "--data", "pledges", "--changed-since", "nope"])
    assert result.output == "Error: unknown revision 'nope': give a branch, tag or commit\n"
    assert result.exit_code == 2
