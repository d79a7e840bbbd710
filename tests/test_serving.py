"""Serving a summit morning: replicas behind a real HAProxy, a read-only deployment, a build that
cannot be written, and the protocol-level load test's contract. Real processes throughout."""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from scripts.serve import (
    COOKIE,
    Topology,
    compose_haproxy_config,
    haproxy_config,
    haproxy_path,
)
from tests.browser import offline_context, served_app, wait_for_app_run
from tests.conftest import JULY, MINI, REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGES = {
    "": "Coalition of the willing",
    "country?country=EST": "Country histories",
    "timeline": "How the coalition grew",
    "scenario": "Scenario planner",
    "export": "Export for a briefing",
    "method": "Sources and method",
}


def _build(data: Path, db: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "cli", "build", "--data", str(data), "--db", str(db)],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("deployed")
    data = Path(shutil.copytree(JULY, tmp / "pledges"))
    _build(data, tmp / "coalition.db")
    return {"COALITION_DATA": str(data), "COALITION_DB": str(tmp / "coalition.db")}


@pytest.fixture(scope="module")
def balanced(deployed: dict[str, str]) -> Iterator[Topology]:
    with Topology.on_free_ports(3, env=deployed) as topology:
        yield topology


def _page(chromium: Browser, blocked: list[str]) -> Page:
    context = offline_context(
        chromium, blocked, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    return context.new_page()


def _open(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    wait_for_app_run(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def _replica(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == COOKIE)


def test_the_balancer_configuration(tmp_path: Path) -> None:
    config = haproxy_config(8501, [8502, 8503, 8504])
    for needed in (
        f"cookie {COOKIE} insert indirect nocache httponly",  # stickiness
        "option redispatch",  # a dead replica's sessions go elsewhere
        "timeout tunnel 1h",  # WebSockets stay open
        "compression algo gzip",
        "option httpchk GET /_stcore/health",
        "server r3 127.0.0.1:8504 check cookie r3",
    ):
        assert needed in config
    path = tmp_path / "haproxy.cfg"
    path.write_text(config)
    checked = subprocess.run(
        [haproxy_path(), "-c", "-f", str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_page_renders_through_the_balancer(balanced: Topology, chromium: Browser) -> None:
    blocked: list[str] = []
    seen = set()
    for path, heading in PAGES.items():  # each page in a new session: round robin spreads them
        page = _page(chromium, blocked)
        _open(page, f"{balanced.url}/{path}", heading)
        seen.add(_replica(page))
        page.context.close()
    assert seen == {"r1", "r2", "r3"}
    assert blocked == []


def test_downloads_are_served_by_the_replica_that_made_them(
    balanced: Topology, chromium: Browser
) -> None:
    """Streamlit keeps a download in the memory of one process: stickiness finds it there."""
    blocked: list[str] = []
    seen = set()
    for _ in range(3):
        page = _page(chromium, blocked)
        _open(page, f"{balanced.url}/?as_of=2025-05-01", "Coalition of the willing")
        seen.add(_replica(page))
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="This table (CSV)").click()
        rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text())))
        assert len(rows) == 17
        page.context.close()
    assert len(seen) == 3, seen  # three sessions on three replicas, each download found
    assert blocked == []


def test_a_killed_replica_s_sessions_reconnect_elsewhere(
    deployed: dict[str, str], chromium: Browser
) -> None:
    blocked: list[str] = []
    with Topology.on_free_ports(2, env=deployed) as topology:
        page = _page(chromium, blocked)
        _open(page, f"{topology.url}/timeline", "How the coalition grew")
        before = _replica(page)
        topology.kill(topology.replica_of(before))
        # The client loses its WebSocket, reconnects through HAProxy, which redispatches it to
        # the live replica; the page runs again there.
        app = page.get_by_test_id("stApp")
        expect(app).not_to_have_attribute("data-test-connection-state", "CONNECTED", timeout=30_000)
        wait_for_app_run(page, timeout=60_000)
        expect(page.get_by_role("heading", name="How the coalition grew")).to_be_visible()
        page.get_by_test_id("stSidebarNav").get_by_text("Sources & method").click()
        wait_for_app_run(page, timeout=60_000)
        expect(page.get_by_role("heading", name="Sources and method", exact=True)).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.context.close()
    assert blocked == []


def test_a_dead_replica_is_started_again_on_its_port(deployed: dict[str, str]) -> None:
    """What `make serve` does every half second: a replica that died is restarted."""
    with Topology.on_free_ports(2, env=deployed) as topology:
        port = topology.kill(1)
        assert not topology.servers[1].alive()
        assert topology.revive() == [port]
        assert topology.servers[1].healthy() and topology.servers[1].restarts == 1
        assert topology.revive() == []  # nothing else had died


def test_the_compose_balancer_configuration_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "haproxy.cfg"
    path.write_text(compose_haproxy_config(3))
    for prefix in ("", "/coalition"):
        checked = subprocess.run(
            [haproxy_path(), "-c", "-f", str(path)], capture_output=True, text=True,
            env={**os.environ, "COALITION_COOKIE_KEY": "k", "BASE_URL_PATH": prefix},
        )  # fmt: skip
        assert checked.returncode == 0, checked.stdout + checked.stderr


def _health(port: int, prefix: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port)}
    env["STREAMLIT_SERVER_BASE_URL_PATH"] = prefix
    return subprocess.run(
        [sys.executable, "deploy/healthcheck.py"], cwd=REPO, env=env, capture_output=True,
        text=True, timeout=30,
    )  # fmt: skip


def test_a_deployment_under_a_path_prefix(deployed: dict[str, str], chromium: Browser) -> None:
    """Behind /coalition: the replicas serve under it, HAProxy checks their health under it
    (the topology starts only once the balancer answers there) and so does the image's check."""
    blocked: list[str] = []
    with Topology.on_free_ports(2, env=deployed, prefix="coalition/") as topology:
        assert topology.url.endswith("/coalition")
        page = _page(chromium, blocked)
        _open(page, f"{topology.url}/timeline", "How the coalition grew")
        page.context.close()
        port = topology.replica_ports[0]
        assert _health(port, "/coalition").returncode == 0
        wrong = _health(port, "")
        assert wrong.returncode == 1
        assert wrong.stderr.startswith(f"unhealthy: http://127.0.0.1:{port}/_stcore/health: ")
    assert blocked == []


def test_the_load_test_keeps_its_contract() -> None:
    """`benchmarks/load.py --json` prints exactly its keys; a killed replica's sessions finish."""
    result = subprocess.run(
        [sys.executable, "benchmarks/load.py", "--sessions", "12", "--replicas", "2",
         "--kill-one", "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert list(document) == [
        "sessions", "completed", "errors", "p50_s", "p95_s", "floor_p95_s", "p95_ratio",
        "replicas", "killed",
    ]  # fmt: skip
    assert (document["sessions"], document["completed"], document["errors"]) == (12, 12, 0)
    assert document["replicas"] == 2 and document["killed"] >= 1
    assert 0 < document["p50_s"] <= document["p95_s"]


# The last good build always serves ---------------------------------------------------------


def _can_mount() -> str | None:
    if sys.platform != "linux":
        return "bind mounts are Linux's"
    if os.geteuid() == 0:
        return None
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"]).returncode == 0:
        return None
    return "a read-only bind mount needs root (or passwordless sudo)"


def _run(*command: str) -> None:
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    subprocess.run([*prefix, *command], check=True, capture_output=True)


@contextmanager
def _image(tmp_path: Path, edit: Callable[[Path], None]) -> Iterator[Path]:
    """An image's layout: pledges/ and a database built from it, then `edit` on the pledge
    folder, then the whole folder mounted read-only (skipped, with the reason, without root)."""
    reason = _can_mount()
    if reason:
        pytest.skip(reason)
    root = tmp_path / "image"
    data = Path(shutil.copytree(MINI, root / "pledges"))
    _build(data, root / "coalition.db")
    edit(data)
    _run("mount", "--bind", str(root), str(root))
    try:
        _run("mount", "-o", "remount,ro,bind", str(root))
        yield root
    finally:
        _run("umount", str(root))


def _touch(data: Path) -> None:
    for path in data.iterdir():
        os.utime(path)  # newer than the database, the content the same: as a COPY leaves them


def _edit_ltu(data: Path) -> None:
    ltu = data / "LTU.yaml"
    ltu.write_text(ltu.read_text().replace("max: 200", "max: 300"))  # not rebuilt


@pytest.fixture
def read_only_deployment(tmp_path: Path) -> Iterator[Path]:
    with _image(tmp_path, _touch) as root:
        yield root


def test_a_read_only_deployment_serves_its_database(
    read_only_deployment: Path, chromium: Browser
) -> None:
    root = read_only_deployment
    with pytest.raises(OSError):
        (root / "probe").write_text("x")  # really read-only
    env = {"COALITION_DATA": str(root / "pledges"), "COALITION_DB": str(root / "coalition.db")}
    with served_app(env) as url:
        blocked: list[str] = []
        page = _page(chromium, blocked)
        _open(page, f"{url}/?as_of=2025-05-01", "Test coalition")
        expect(page.get_by_text("Cannot build the database")).to_have_count(0)
        expect(page.get_by_test_id("stAlertContainer")).to_have_count(1)  # the as-of notice
        page.context.close()
    summary = subprocess.run(
        [sys.executable, "-m", "cli", "summary", "--as-of", "2025-05-01", "--json"],
        cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True,
    )  # fmt: skip
    assert summary.returncode == 0, summary.stderr
    assert summary.stderr == ""  # nothing to rebuild: the digest matches
    assert json.loads(summary.stdout)["troops"] == {"low": 250, "high": 450}


def test_a_read_only_deployment_with_changed_files_says_why(
    tmp_path: Path, chromium: Browser
) -> None:
    with _image(tmp_path, _edit_ltu) as root:
        files = sorted(p.name for p in root.iterdir())
        env = {"COALITION_DATA": str(root / "pledges"), "COALITION_DB": str(root / "coalition.db")}
        with served_app(env) as url:
            blocked: list[str] = []
            page = _page(chromium, blocked)
            _open(page, f"{url}/?as_of=2025-05-01", "Test coalition")
            expect(
                page.get_by_text("This deployment is read-only: it shows the database as built on")
            ).to_be_visible()
            expect(page.get_by_test_id("stMetricValue").first).to_have_text("250–450")
            page.context.close()
        assert sorted(p.name for p in root.iterdir()) == files  # nothing written


def _tiny_disk() -> None:
    """A file-size limit on the server: every write past 16 kB fails, as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))


def test_a_build_that_cannot_be_written_keeps_the_last_good_one(
    tmp_path: Path, chromium: Browser
) -> None:
    data = Path(shutil.copytree(MINI, tmp_path / "pledges"))
    db = tmp_path / "coalition.db"
    _build(data, db)
    before = db.read_bytes()
    ltu = data / "LTU.yaml"
    ltu.write_text(ltu.read_text().replace("max: 200", "max: 300"))
    env = {"COALITION_DATA": str(data), "COALITION_DB": str(db)}
    with served_app(env, preexec_fn=_tiny_disk) as url:
        blocked: list[str] = []
        page = _page(chromium, blocked)
        _open(page, f"{url}/?as_of=2025-05-01", "Test coalition")
        # SQLite meets the limit as a failed write: its "disk I/O error" is the reason given.
        warning = page.get_by_text(
            "The pledge files have changed, but the new build could not be written (disk I/O "
            "error), so the dashboard shows the last good build.",
            exact=True,
        )
        expect(warning).to_be_visible()
        expect(page.get_by_test_id("stMetricValue").first).to_have_text("250–450")
        page.context.close()
    assert db.read_bytes() == before
    assert list(tmp_path.glob("*.tmp")) == []
