"""The one process launcher: ports held until bound, health waited for, the dead restarted,
logs closed. On a real HTTP server process (Python's own), so no browser is needed."""

from __future__ import annotations

import socket
import sys
import time

import pytest

from scripts.launcher import Reservation, Server, start_all


def _http_server(port: int, tmp_path) -> Server:
    return Server(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"], port,
        f"http://127.0.0.1:{port}/", log_path=tmp_path / "server.log", name="http.server",
    )  # fmt: skip


def test_a_reserved_port_is_held_until_released() -> None:
    reservation = Reservation(2)
    first, second = reservation.ports
    assert first != second
    with socket.socket() as other, pytest.raises(OSError):
        other.bind(("127.0.0.1", first))  # another program asking for it is refused
    reservation.release()
    with socket.socket() as other:
        other.bind(("127.0.0.1", first))


def test_a_server_binds_its_reserved_port_then_is_restarted_after_a_crash(tmp_path) -> None:
    reservation = Reservation()
    (port,) = reservation.ports
    server = _http_server(port, tmp_path)
    start_all([server], reservation, timeout=30)
    try:
        assert server.healthy() and server.alive()
        with socket.socket() as other, pytest.raises(OSError):
            other.bind(("127.0.0.1", port))  # the server holds it now
        server.kill()
        assert not server.alive() and not server.healthy()
        server.restart(timeout=30)
        assert (server.healthy(), server.restarts, server.port) == (True, 1, port)
    finally:
        server.stop()
    assert server._log is None  # the log is closed
    assert "Serving HTTP" in (tmp_path / "server.log").read_text()


def test_a_server_that_exits_says_so_with_its_output(tmp_path) -> None:
    reservation = Reservation()
    (port,) = reservation.ports
    server = Server(
        [sys.executable, "-c", "print('cannot start'); raise SystemExit(3)"], port,
        f"http://127.0.0.1:{port}/", name="broken",
    )  # fmt: skip
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"broken exited early with code 3:\ncannot start"):
        server.start(timeout=30, reservation=reservation)
    assert time.monotonic() - started < 20  # it did not wait for the timeout
    with socket.socket() as other:
        other.bind(("127.0.0.1", port))  # the reservation was released
