"""Hostile pull requests: every bad input is refused with a line naming the file, exit 1, no
traceback, within 20 seconds and 1.5 GB, and the existing database stays byte for byte the same.

Each case starts from the valid five-country fixture and breaks one thing. The command runs as a
user would run it: `coalition build` in its own process, with the time and memory limits applied.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINI

LIMIT_BYTES = 1536 * 1024 * 1024
LIMIT_SECONDS = 20
COALITION = Path(sys.executable).parent / "coalition"

SOURCE = """    sources:
      - outlet: Example Radio
        title: A company offered
        url: https://example.org/est
        published: 2025-03-21
"""
HEAD = "iso3: EST\nname: Estonia\nchecked: 2025-05-01\nstatements:\n"


def statement(**fields: str) -> str:
    """One statement in block form; fields override the valid defaults, None drops a field."""
    values = {"date": "2025-03-21", "status": "troops", "summary": "Could send a company."}
    values.update(fields)
    body = "".join(f"    {k}: {v}\n" for k, v in values.items() if v is not None)
    return "  - " + body[4:] + SOURCE


def est(text: str) -> Callable[[Path], str]:
    def setup(folder: Path) -> str:
        (folder / "EST.yaml").write_text(text, encoding="utf-8")
        return "EST.yaml"

    return setup


def est_bytes(raw: bytes) -> Callable[[Path], str]:
    def setup(folder: Path) -> str:
        (folder / "EST.yaml").write_bytes(raw)
        return "EST.yaml"

    return setup


def huge_file(folder: Path) -> str:
    with open(folder / "EST.yaml", "wb") as out:
        out.write(HEAD.encode())
        chunk = b"# padding padding padding padding padding padding padding padding\n" * 16_000
        while out.tell() < 50 * 1024 * 1024:
            out.write(chunk)
    return "EST.yaml"


def deep_flow(folder: Path) -> str:
    (folder / "EST.yaml").write_text("iso3: " + "[" * 100_000 + "]" * 100_000 + "\n")
    return "EST.yaml"


def deep_block(folder: Path) -> str:
    # Block sequences nest on one line ("- - - x"), so 100,000 levels stay a small file.
    (folder / "EST.yaml").write_text("statements:\n  " + "- " * 100_000 + "x\n")
    return "EST.yaml"


def alias_bomb(folder: Path) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    (folder / "EST.yaml").write_text("\n".join(lines) + "\n")
    return "EST.yaml"


def symlink_outside(folder: Path) -> str:
    secret = folder.parent / "secret.txt"
    secret.write_text("iso3: FRA\nname: TOP-SECRET-TOKEN\n")
    (folder / "FRA.yaml").symlink_to(secret)
    return "FRA.yaml"


def symlink_to_system_file(folder: Path) -> str:
    (folder / "FRA.yaml").symlink_to("/etc/passwd")
    return "FRA.yaml"


def directory(folder: Path) -> str:
    (folder / "FRA.yaml").mkdir()
    return "FRA.yaml"


def fifo(folder: Path) -> str:
    os.mkfifo(folder / "FRA.yaml")
    return "FRA.yaml"


def renamed(name: str, code: str = "FRA") -> Callable[[Path], str]:
    def setup(folder: Path) -> str:
        text = (folder / "GBR.yaml").read_text().replace("GBR", code)
        (folder / name).write_text(text)
        return name

    return setup


def coalition(text: str | None) -> Callable[[Path], str]:
    def setup(folder: Path) -> str:
        path = folder / "coalition.yaml"
        if text is None:
            path.unlink()
        else:
            path.write_text(text)
        return "coalition.yaml"

    return setup


def two_files_for_one_country(folder: Path) -> str:
    shutil.copy(folder / "EST.yaml", folder / "EST.yml")
    return "EST.yml"


CASES: dict[str, Callable[[Path], str]] = {
    "syntax error": est(HEAD + "  - date: [2025-03-21\n"),
    "tab indentation": est(HEAD + "  - date: 2025-03-21\n\tstatus: troops\n"),
    "anchor and alias": est(HEAD + statement(date="&d 2025-03-21") + statement(date="*d")),
    "merge key": est(HEAD + "  - <<: {status: troops}\n" + statement()[4:]),
    "alias bomb": alias_bomb,
    "python object tag": est(HEAD + statement(status="!!python/object/apply:os.system ['id']")),
    "python name tag": est("iso3: !!python/name:os.system\n"),
    "binary tag": est(HEAD + statement(summary="!!binary aGVsbG8=")),
    "custom tag": est(HEAD + statement(summary="!secret x")),
    "non-utf8 bytes": est_bytes(HEAD.encode() + b"  - summary: caf\xe9\n"),
    "nul byte": est_bytes(HEAD.encode() + b"\x00\n"),
    "binary garbage": est_bytes(bytes(range(256)) * 40),
    "empty file": est(""),
    "only a comment": est("# nothing here\n"),
    "top-level list": est("- iso3: EST\n"),
    "top-level scalar": est("Estonia\n"),
    "multiple documents": est(HEAD + statement() + "---\niso3: EST\n"),
    "50 MB file": huge_file,
    "100,000 levels, flow": deep_flow,
    "100,000 levels, block": deep_block,
    "duplicate top-level key": est("iso3: EST\n" + HEAD + statement()),
    "duplicate statement key": est(
        HEAD + statement().replace("status: troops", "status: troops\n    status: open")
    ),
    "duplicate troops key": est(HEAD + statement(troops="{min: 1, max: 2, min: 3}")),
    "duplicate source key": est(
        HEAD + statement().replace("published:", "url: https://x.org\n        published:")
    ),
    "unknown field": est(HEAD + statement(sumary="typo")),
    "string for a number": est(HEAD + statement(troops="{min: '200', max: 300}")),
    "negative number": est(HEAD + statement(troops="{min: -200, max: 300}")),
    "zero": est(HEAD + statement(troops="{min: 0, max: 0}")),
    "huge number": est(HEAD + statement(troops="{min: 1, max: 99999999999999999999999}")),
    "float count": est(HEAD + statement(troops="{min: 1.5, max: 2}")),
    "boolean count": est(HEAD + statement(troops="{min: true, max: 2}")),
    "boolean text": est(HEAD + statement(summary="yes")),
    "impossible date": est(HEAD + statement(date="2025-02-30")),
    "future date": est(HEAD + statement(date="2031-01-01")),
    "dates in the wrong order": est(HEAD + statement(date="2025-04-30") + statement()),
    "javascript url": est(
        HEAD + statement().replace("https://example.org/est", "javascript:alert(1)")
    ),
    "data url": est(
        HEAD + statement().replace("https://example.org/est", "data:text/html,<b>x</b>")
    ),
    "file url": est(HEAD + statement().replace("https://example.org/est", "file:///etc/passwd")),
    "url without scheme": est(
        HEAD + statement().replace("https://example.org/est", "example.org/est")
    ),
    "file name does not match code": renamed("FRA.yaml", code="GBR"),
    "lower-case file name": renamed("fra.yaml"),
    "code that is not a country": renamed("XXX.yaml", code="XXX"),
    "two files for one country": two_files_for_one_country,
    "symlink to a file outside": symlink_outside,
    "symlink to a system file": symlink_to_system_file,
    "directory named like a pledge file": directory,
    "fifo named like a pledge file": fifo,
    "coalition.yaml missing": coalition(None),
    "coalition.yaml broken": coalition("name: [unclosed\n"),
    "html in a summary": est(HEAD + statement(summary="'<script>alert(1)</script>'")),
    "html entity in a title": est(HEAD + statement().replace("A company offered", "A &amp; B")),
    "markdown link in a summary": est(HEAD + statement(summary="'[click](https://evil.example)'")),
    "image tag in a name": est(
        HEAD.replace("Estonia", "'<img src=x onerror=alert(1)>'") + statement()
    ),
    "bidirectional override": est(HEAD + statement(summary='"Could send \u202ea company."')),
    "zero-width character": est(HEAD + statement(summary='"Could\u200b send a company."')),
}


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("good")
    db = folder / "coalition.db"
    subprocess.run(
        [COALITION, "build", "--data", str(MINI), "--db", str(db)], check=True, capture_output=True
    )
    return db.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_is_refused_cleanly(case: str, tmp_path: Path, good_db: bytes) -> None:
    folder = Path(shutil.copytree(MINI, tmp_path / "pledges"))
    bad_name = CASES[case](folder)
    db = tmp_path / "coalition.db"
    db.write_bytes(good_db)
    result = subprocess.run(
        [COALITION, "build", "--data", "pledges", "--db", "coalition.db", "--today", "2026-11-27"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=LIMIT_SECONDS,
        preexec_fn=_limits,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("The database was not changed (coalition.db).")
    problems = lines[:-1]
    assert problems, result.stderr
    assert any(line.startswith(f"pledges/{bad_name}") for line in problems), result.stderr
    assert all(line.startswith("pledges/") for line in problems), result.stderr
    assert "TOP-SECRET-TOKEN" not in result.stderr and "root:x:0" not in result.stderr
    assert db.read_bytes() == good_db
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "coalition.db",
        "pledges",
        *(["secret.txt"] if case == "symlink to a file outside" else []),
    ]
