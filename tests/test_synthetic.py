"""The benchmark's synthetic coalitions are valid and the same for the same seed."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import write_coalition
from db.contract.validate import validate_folder
from tests.conftest import TODAY


def test_synthetic_coalition_is_valid_and_repeatable(tmp_path: Path) -> None:
    assert write_coalition(tmp_path / "a", 20, 5) == 100
    write_coalition(tmp_path / "b", 20, 5)
    report = validate_folder(tmp_path / "a", today=TODAY)
    assert report.ok, [str(p) for p in report.errors]
    assert len(report.dataset.countries) == 20
    for name in ("coalition.yaml", "ABW.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
