"""A contributor's data pull request passes the checks with `tests/` untouched.

In a temporary copy of the repository, a contributor follows CONTRIBUTING.md: adds a country with
`coalition new`, appends a statement to another, changes a figure, removes a country and runs
`coalition fmt`. The live-data checks (`tests/test_data.py`, run in the copy by its own pytest)
still pass, and `coalition diff`, run from inside the copy's `pledges/`, reports all four changes.
Nothing here depends on what the live data holds today.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest
from ruamel.yaml import YAML

from cli import cli
from tests.conftest import REPO
from tests.test_diff import git

pytestmark = pytest.mark.slow


def _copy_repository(dest: Path) -> Path:
    """The repository's files as a fresh clone would have them (plus uncommitted work)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file() and not source.is_symlink():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "the repository as it is")
    return dest


def _load(path: Path):
    yaml = YAML()
    return yaml, yaml.load(path.read_text(encoding="utf-8"))


def _save(path: Path, yaml: YAML, document) -> None:
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(document, out)


NEW_STATEMENT = """  - date: {date}
    status: open
    summary: Said it is open to taking part in the force, in a test of the contributor path.
    sources:
      - outlet: Example Wire
        title: A new position
        url: https://example.org/new-position
        published: {date}
"""


@pytest.fixture
def contributed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner) -> dict[str, str]:
    """The four changes a data pull request makes, made as CONTRIBUTING.md says."""
    repo = _copy_repository(tmp_path / "clone")
    pledges = repo / "pledges"
    for name in ("COALITION_DATA", "COALITION_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(repo)
    countries = sorted(p.stem for p in pledges.glob("[A-Z][A-Z][A-Z].yaml"))
    assert len(countries) >= 3, "the test needs three countries to change"
    today = dt.date.today().isoformat()

    # 1. A new country, from the template, every placeholder filled in.
    added = next(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in countries)
    assert runner.invoke(cli, ["new", added]).exit_code == 0
    path = pledges / f"{added}.yaml"
    text = path.read_text(encoding="utf-8")
    for placeholder, value in {
        "checked: TODO": f"checked: {today}",
        "date: TODO": f"date: {today}",
        "status: TODO": "status: open",
        "summary: TODO": "summary: Open to taking part.",
        "outlet: TODO": "outlet: Example Wire",
        "title: TODO": "title: Open to taking part",
        "url: TODO": "url: https://example.org/added",
        "published: TODO": f"published: {today}",
    }.items():
        text = text.replace(placeholder, value)
    path.write_text(text, encoding="utf-8")
    register = pledges / "outlets.yaml"  # a new outlet goes in the register, with its kind
    register.write_text(
        register.read_text(encoding="utf-8") + "  Example Wire:\n    kind: wire\n",
        encoding="utf-8",
    )

    # 2. A new dated statement at the end of an existing country's list.
    appended = countries[0]
    path = pledges / f"{appended}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + NEW_STATEMENT.format(date=today))

    # 3. A changed figure (an edit of an existing statement, which the diff must flag).
    changed = None
    for code in countries[1:-1]:
        path = pledges / f"{code}.yaml"
        yaml, document = _load(path)
        figures = [s for s in document["statements"] if s.get("troops")]
        if figures:
            figures[-1]["troops"]["max"] += 100
            _save(path, yaml, document)
            changed = code
            break
    assert changed, "no statement with a troop figure to change"

    # 4. A country removed.
    removed = countries[-1]
    (pledges / f"{removed}.yaml").unlink()

    assert runner.invoke(cli, ["fmt"]).exit_code == 0
    validated = runner.invoke(cli, ["validate"])
    assert validated.exit_code == 0, validated.output
    return {"repo": str(repo), "added": added, "appended": appended, "changed": changed,
            "removed": removed, "today": today}  # fmt: skip


def test_data_checks_pass_after_a_contributors_changes(contributed: dict[str, str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COALITION_")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_data.py"],
        cwd=contributed["repo"], env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_diff_from_inside_pledges_reports_all_four_changes(
    contributed: dict[str, str], monkeypatch: pytest.MonkeyPatch, runner
) -> None:
    monkeypatch.chdir(Path(contributed["repo"]) / "pledges")
    result = runner.invoke(cli, ["diff"])
    lines = result.output.splitlines()
    code = contributed
    assert any(line.startswith(f"  {code['added']}: added (") for line in lines), result.output
    assert any(line.startswith(f"  {code['removed']}: removed (") for line in lines)
    assert any(
        line.startswith(f"  {code['appended']}: ")
        and line.endswith(f"(new statement {code['today']})")
        for line in lines
    ), result.output
    assert any(
        line.startswith(f"  {code['changed']}: WARNING: edits or removes existing statements")
        for line in lines
    ), result.output
    assert result.exit_code == 0
