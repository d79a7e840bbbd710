"""Property tests: whatever a pull request contains, validation answers with problems, never a crash."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.contract.validate import validate_files
from tests.conftest import JULY

TODAY = dt.date(2026, 11, 27)
REAL_FILES = sorted(JULY.glob("*.yaml"))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(raw: bytes, name: str = "EST.yaml") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(raw)
        report = validate_files([path], TODAY)
    lines = raw.count(b"\n") + 1
    for problem in report.problems:
        text = str(problem)
        assert "\n" not in text and "\r" not in text, text
        assert text.startswith(str(path))
        if problem.line is not None:
            assert 1 <= problem.line <= lines + 1, (problem, lines)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
)
keys = st.one_of(
    st.sampled_from(
        [
            "iso3",
            "name",
            "statements",
            "date",
            "status",
            "troops",
            "min",
            "max",
            "summary",
            "sources",
            "url",
            "outlet",
            "title",
            "published",
            "capabilities",
            "roles",
            "notes",
        ]
    ),  # fmt: skip
    st.text(max_size=10),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


@SETTINGS
@given(documents)
def test_any_yaml_document_gives_problems_not_a_crash(document) -> None:
    _check(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_give_problems_not_a_crash(raw: bytes) -> None:
    _check(raw)


@SETTINGS
@given(st.text(max_size=2000))
def test_any_text_gives_problems_not_a_crash(text: str) -> None:
    _check(text.encode("utf-8", errors="surrogatepass"))


@st.composite
def mutated_real_file(draw) -> tuple[str, bytes]:
    path = draw(st.sampled_from(REAL_FILES))
    raw = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(["delete", "insert", "replace", "duplicate-line", "swap"]))
        at = draw(st.integers(min_value=0, max_value=max(0, len(raw) - 1)))
        if kind == "delete":
            del raw[at : at + draw(st.integers(min_value=1, max_value=40))]
        elif kind == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=12))
        elif kind == "replace":
            raw[at : at + 1] = draw(st.sampled_from([b":", b"-", b" ", b"\t", b"&a", b"*a", b"!", b"'", b'"', b"{", b"[", b"#", b"\n", b"0"]))  # fmt: skip
        else:
            lines = raw.split(b"\n")
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            if kind == "duplicate-line":
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            raw = bytearray(b"\n".join(lines))
    return path.name, bytes(raw)


@SETTINGS
@given(mutated_real_file())
def test_mutations_of_the_real_files_give_problems_not_a_crash(case) -> None:
    name, raw = case
    _check(raw, name)
