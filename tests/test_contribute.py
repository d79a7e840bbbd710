"""`coalition new` and `coalition fmt`: the contributor's tools, on real files."""

from __future__ import annotations

from pathlib import Path

from cli import cli

UNFILLED = (
    "pledges/NOR.yaml:6:1: checked: still holds the placeholder TODO: write the date you "
    "reviewed this country's news in full, as YYYY-MM-DD\n"
    "pledges/NOR.yaml:8:5: statements.0.date: still holds the placeholder TODO: write the date "
    "the position was stated, as YYYY-MM-DD\n"
    "pledges/NOR.yaml:9:5: statements.0.status: still holds the placeholder TODO: write the "
    "position the source reports: troops, open, support, undecided or declined\n"
    "pledges/NOR.yaml:10:5: statements.0.summary: still holds the placeholder TODO: write in your "
    "own words what the government said\n"
    "pledges/NOR.yaml:12:9: statements.0.sources.0.outlet: still holds the placeholder TODO: "
    "write who published the source, as named in outlets.yaml\n"
    "pledges/NOR.yaml:13:9: statements.0.sources.0.title: still holds the placeholder TODO: "
    "write the source's headline\n"
    "pledges/NOR.yaml:14:9: statements.0.sources.0.url: still holds the placeholder TODO: write "
    "the source's web address, starting with https://\n"
    "pledges/NOR.yaml:15:9: statements.0.sources.0.published: still holds the placeholder TODO: "
    "write the source's publication date, as YYYY-MM-DD\n"
    "Found 8 errors in 1 file.\n"
)

FILLED = {
    "checked: TODO": "checked: 2025-05-01",
    "date: TODO": "date: 2025-05-01",
    "status: TODO": "status: open",
    "summary: TODO": "summary: Open to taking part.",
    "outlet: TODO": "outlet: Example Wire",
    "title: TODO": "title: Norway open",
    "url: TODO": "url: https://example.org/nor",
    "published: TODO": "published: 2025-05-01",
}


def test_new_writes_a_template_that_decides_nothing(mini_data: Path, in_tmp, runner) -> None:
    """Date, position, summary and source are the contributor's to write: each fails until then."""
    result = runner.invoke(cli, ["new", "nor", "--data", "pledges"])
    assert result.output == (
        "Wrote pledges/NOR.yaml for Norway. Replace every TODO, then run `coalition validate`.\n"
    )
    assert result.exit_code == 0
    path = mini_data / "NOR.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=schema.json\n")
    unfilled = runner.invoke(cli, ["validate", "pledges/NOR.yaml"])
    assert unfilled.output == UNFILLED
    assert unfilled.exit_code == 1
    for placeholder in FILLED:  # leaving out any one field still fails
        partly = text
        for other, other_value in FILLED.items():
            if other != placeholder:
                partly = partly.replace(other, other_value)
        path.write_text(partly)
        assert runner.invoke(cli, ["validate", "pledges/NOR.yaml"]).exit_code == 1, placeholder
    filled = text
    for placeholder, value in FILLED.items():
        filled = filled.replace(placeholder, value)
    path.write_text(filled)
    assert runner.invoke(cli, ["validate", "pledges/NOR.yaml"]).exit_code == 0
    assert runner.invoke(cli, ["validate", "--data", "pledges"]).exit_code == 0
    assert runner.invoke(cli, ["fmt", "--check", "pledges/NOR.yaml"]).exit_code == 0


def test_new_quotes_names_yaml_would_misread(mini_data: Path, in_tmp, runner) -> None:
    assert runner.invoke(cli, ["new", "CIV", "--data", "pledges"]).exit_code == 0
    assert "name: Côte d'Ivoire\n" in (mini_data / "CIV.yaml").read_text()
    assert runner.invoke(cli, ["validate", "pledges/CIV.yaml"]).output.count("TODO") == 8


def test_names_are_quoted_only_when_yaml_would_misread_them() -> None:
    from db.contract.fmt import _reads_back_plain

    assert _reads_back_plain("Côte d'Ivoire")
    assert not _reads_back_plain("yes")
    assert not _reads_back_plain("Korea: South")
    assert not _reads_back_plain("#hash")


def test_new_refuses_unknown_codes_and_existing_files(mini_data: Path, in_tmp, runner) -> None:
    unknown = runner.invoke(cli, ["new", "XYZ", "--data", "pledges"])
    assert unknown.output == (
        "Error: 'XYZ' is not an ISO 3166-1 alpha-3 country code: use one such as NOR\n"
    )
    assert unknown.exit_code == 2
    before = (mini_data / "EST.yaml").read_bytes()
    existing = runner.invoke(cli, ["new", "EST", "--data", "pledges"])
    assert existing.output == (
        "Error: pledges/EST.yaml already exists: add a new dated statement at the end of its list\n"
    )
    assert existing.exit_code == 2
    assert (mini_data / "EST.yaml").read_bytes() == before


MESSY = """name: "Estonia"   # the name
checked: 2025-05-01
iso3: 'EST'
statements:
  # the first report
  - sources:
      - published: 2025-03-21
        url: "https://example.org/x"
        outlet: Example
        title: "A title: with colon"
    summary: 'Could send a company.'
    capabilities:
      - ground
      - staff_officers
    status: troops  # as reported
    troops: {max: 200, basis: official, min: 100}
    date: 2025-03-21
"""

CANONICAL = """# yaml-language-server: $schema=schema.json
iso3: EST
name: Estonia     # the name
checked: 2025-05-01
statements:
  # the first report
  - date: 2025-03-21
    status: troops  # as reported
    troops:
      min: 100
      max: 200
      basis: official
    capabilities: [ground, staff_officers]
    summary: Could send a company.
    sources:
      - outlet: Example
        title: 'A title: with colon'
        url: https://example.org/x
        published: 2025-03-21
"""


def test_fmt_rewrites_in_canonical_form_keeping_comments(tmp_path: Path, runner) -> None:
    path = tmp_path / "EST.yaml"
    path.write_text(MESSY)
    check = runner.invoke(cli, ["fmt", "--check", str(path)])
    assert check.output == f"{path.as_posix()}: not in canonical form: run `coalition fmt`\n"
    assert check.exit_code == 1
    assert path.read_text() == MESSY
    result = runner.invoke(cli, ["fmt", str(path)])
    assert result.output == f"Formatted {path.as_posix()}\n"
    assert path.read_text() == CANONICAL


def test_fmt_is_idempotent(tmp_path: Path, runner) -> None:
    path = tmp_path / "EST.yaml"
    path.write_text(CANONICAL)
    result = runner.invoke(cli, ["fmt", "--check", str(path)])
    assert result.output == "1 file in canonical form.\n"
    assert result.exit_code == 0
    runner.invoke(cli, ["fmt", str(path)])
    assert path.read_text() == CANONICAL


def test_fmt_refuses_a_file_that_does_not_load(tmp_path: Path, runner) -> None:
    path = tmp_path / "EST.yaml"
    path.write_text("iso3: EST\niso3: FRA\n")
    result = runner.invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"{path.as_posix()}:2:1: duplicate key 'iso3' (first at line 1): keep one and delete the other "
        "(fix it before formatting)\n"
    )
    assert path.read_text() == "iso3: EST\niso3: FRA\n"
