"""The container image built from the Dockerfile and run for real: `scripts/image-test.sh`
builds a Debian base with mmdebstrap, builds the Dockerfile unchanged on it with podman, runs it
read-only as its non-root user, then three containers behind HAProxy opened in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_image_builds_runs_read_only_and_serves_behind_haproxy() -> None:
    missing = [tool for tool in ("podman", "runc", "mmdebstrap") if shutil.which(tool) is None]
    assert not missing, (
        f"{', '.join(missing)} missing: run `make podman` "
        f"(or `sudo apt-get install -y {' '.join(missing)}`)"
    )
    result = subprocess.run(
        ["bash", "scripts/image-test.sh"], cwd=REPO, capture_output=True, text=True, timeout=1800
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "image-test: passed" in output
    size = re.search(r"^image size: (\d+) MB$", output, re.M)
    health = re.search(r"^time to health: ([\d.]+) s$", output, re.M)
    assert size and health, output[-2000:]
    assert 200 < int(size.group(1)) < 4000
    assert float(health.group(1)) < 60
