"""The balancer's security headers and rate limits, through the `make serve` topology: HAProxy
from Debian in front of real Streamlit replicas, the real Chromium behind it."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, expect

from scripts.serve import BALANCER_SETTINGS, Topology, content_security_policy
from tests.browser import offline_context, wait_for_app_run
from tests.conftest import JULY, REPO

pytestmark = pytest.mark.browser
PAGES = {
    "": "Coalition of the willing",
    "?group=Nordic-Baltic+Eight&status=troops": "Coalition of the willing",
    "country?country=GBR": "Country histories",
    "timeline": "How the coalition grew",
    "scenario": "Scenario planner",
    "export": "Export for a briefing",
    "method": "Sources and method",
}
INTRANET = "'self' https://intranet.example.gov"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("headers")
    folder = Path(shutil.copytree(JULY, tmp / "pledges"))
    subprocess.run(
        [sys.executable, "-m", "cli", "build", "--data", str(folder), "--db", str(tmp / "c.db")],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    return {"COALITION_DATA": str(folder), "COALITION_DB": str(tmp / "c.db")}


@pytest.fixture(scope="module")
def served(data: dict[str, str]) -> Iterator[Topology]:
    with Topology.on_free_ports(1, env=data) as topology:
        yield topology


def _get(url: str, source: str = "127.0.0.1", headers: dict | None = None):
    """One request from `source` (any 127.x address reaches the balancer on this machine)."""
    parts = urlparse(url)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=30, source_address=(source, 0)
    )
    connection.request("GET", parts.path or "/", headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_every_answer_carries_the_security_headers(served: Topology) -> None:
    for path in ("/", "/_stcore/health", "/no-such-file.js"):
        response = _get(served.url + path)
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
        assert response.getheader("Content-Security-Policy") == (
            f"{content_security_policy()}; frame-ancestors 'self'"
        )
        assert response.getheader("Strict-Transport-Security") is None  # not behind TLS


def test_frame_ancestors_and_hsts_come_from_the_settings(data: dict[str, str]) -> None:
    env = {**data, "COALITION_FRAME_ANCESTORS": INTRANET, "COALITION_HTTPS": "1"}
    with Topology.on_free_ports(1, env=env) as topology:
        response = _get(topology.url + "/")
    assert response.status == 200
    policy = response.getheader("Content-Security-Policy")
    assert policy.endswith(f"; frame-ancestors {INTRANET}")
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000"


def test_every_page_works_under_the_policy(served: Topology, chromium: Browser) -> None:
    """Chromium enforces the policy and reports no violation on any page, the export preview
    and the map included; and a first visit stays far below the per-address request limit."""
    blocked: list[str] = []
    context = offline_context(chromium, blocked, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(
        "window.__violations = []; document.addEventListener('securitypolicyviolation', "
        "e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path, heading in PAGES.items():
        page.goto(f"{served.url}/{path}")
        wait_for_app_run(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        if path == "":
            first_visit = len(requests)
            expect(page.locator("path.choroplethlocation").first).to_be_attached(timeout=20_000)
        if path == "export":
            preview = page.get_by_test_id("stImage").locator("img").first
            expect(preview).to_be_visible(timeout=60_000)
            assert preview.evaluate("img => img.complete && img.naturalWidth > 0")
        assert page.evaluate("window.__violations") == [], path
    context.close()
    assert blocked == []
    # The default limit lets 40 first visits from one address through in 10 seconds.
    assert first_visit * 40 <= int(BALANCER_SETTINGS["COALITION_RATE_REQUESTS"]), first_visit


def _open_websocket(url: str, source: str) -> tuple[socket.socket, str]:
    """A WebSocket upgrade to Streamlit's stream, held open; returns the socket and status line."""
    parts = urlparse(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=30,
                                    source_address=(source, 0))  # fmt: skip
    sock.sendall(
        (
            f"GET /_stcore/stream HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    status = sock.recv(4096).decode("latin-1").split("\r\n", 1)[0]
    return sock, status


def test_a_client_over_the_limits_gets_429_while_others_are_served(data: dict[str, str]) -> None:
    env = {**data, "COALITION_RATE_REQUESTS": "20", "COALITION_RATE_WEBSOCKETS": "2"}
    with Topology.on_free_ports(1, env=env) as topology:
        # The start-up health checks came from 127.0.0.1: a fresh address for the flood.
        statuses = [_get(topology.url + "/", source="127.0.0.3").status for _ in range(25)]
        assert statuses[:15] == [200] * 15
        assert statuses[-1] == 429
        refused = _get(topology.url + "/", source="127.0.0.3")
        assert (refused.status, refused.getheader("Retry-After")) == (429, "10")
        assert refused.getheader("X-Content-Type-Options") == "nosniff"
        assert _get(topology.url + "/", source="127.0.0.4").status == 200  # others are served

        sockets = []
        try:
            for expected in ("101", "101", "429"):
                sock, status = _open_websocket(topology.url, source="127.0.0.5")
                sockets.append(sock)
                assert status.split()[1] == expected, status
            sock, status = _open_websocket(topology.url, source="127.0.0.6")
            sockets.append(sock)
            assert status.split()[1] == "101", status  # another address opens its own
        finally:
            for sock in sockets:
                sock.close()


def test_the_settings_have_defaults_and_the_docs_name_each() -> None:
    deploying = (REPO / "docs" / "deploying.md").read_text()
    compose = (REPO / "compose.yaml").read_text()
    for name, default in BALANCER_SETTINGS.items():
        assert f"`{name}`" in deploying, name
        assert f"${{{name}:-{default}}}" in compose, name
    assert os.environ.get("COALITION_RATE_REQUESTS") is None  # tests set it per topology only
