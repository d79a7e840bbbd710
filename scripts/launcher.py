"""The one process launcher: start a server on a port, wait until it answers its health check,
restart it when it dies, and stop it, closing its log. `serve.py`, the benchmarks and the tests
all start Streamlit and HAProxy through it.

Ports are reserved before a process starts and held until it has bound them: a socket bound with
SO_REUSEADDR (and not listening) keeps the port out of every other process's reach, while the
server, which binds with SO_REUSEADDR too (Tornado and HAProxy both do), can still take it. The
reservation is released once the server answers.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
POLL_SECONDS = 0.1  # polling interval, not a wait for readiness


class Reservation:
    """Ports bound on 127.0.0.1 and held until `release()`."""

    def __init__(self, count: int = 1, ports: Sequence[int] = ()) -> None:
        self._sockets: list[socket.socket] = []
        try:
            for port in [*ports, *([0] * count if not ports else [])]:
                sock = socket.socket()
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind(("127.0.0.1", port))
                self._sockets.append(sock)
        except OSError:
            self.release()
            raise
        self.ports = [s.getsockname()[1] for s in self._sockets]

    def release(self) -> None:
        for sock in self._sockets:
            sock.close()
        self._sockets.clear()


def streamlit_command(port: int, script: Path | None = None, prefix: str = "") -> list[str]:
    """`streamlit run` of `script` (default app.py) on 127.0.0.1:`port`, headless."""
    command = [
        sys.executable, "-m", "streamlit", "run", str(script or REPO / "app.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    if prefix:
        command += ["--server.baseUrlPath", prefix]
    return command


class Server:
    """One process that serves HTTP on `port`, healthy when `health_url` answers 200."""

    def __init__(
        self,
        command: Sequence[str],
        port: int,
        health_url: str,
        env: dict[str, str] | None = None,
        log_path: Path | None = None,
        preexec_fn: Callable[[], None] | None = None,
        name: str = "server",
    ) -> None:
        self.command = list(command)
        self.port = port
        self.health_url = health_url
        self.env = {**os.environ, **(env or {})}
        self.log_path = log_path
        self.preexec_fn = preexec_fn
        self.name = name
        self.process: subprocess.Popen | None = None
        self.restarts = 0
        self._log: IO[bytes] | None = None

    def spawn(self) -> Server:
        """Start the process without waiting for it (see `wait_healthy`)."""
        self._close_log()
        if self.log_path is not None:
            self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        else:
            self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            self.command, cwd=REPO, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            preexec_fn=self.preexec_fn,
        )  # fmt: skip
        return self

    def log_text(self) -> str:
        """What the process printed, for an error message."""
        if self._log is None:
            return ""
        self._log.flush()
        if self.log_path is not None:
            return self.log_path.read_text(errors="replace")
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.health_url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def wait_healthy(self, deadline: float) -> None:
        """Return once the health check answers; raise if the process exits or time runs out."""
        while True:
            if not self.alive():
                code = self.process.returncode if self.process else None
                raise RuntimeError(
                    f"{self.name} exited early with code {code}:\n{self.log_text()[-2000:]}"
                )
            if self.healthy():
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.health_url} did not answer within the time allowed")
            time.sleep(POLL_SECONDS)

    def start(self, timeout: float = 90, reservation: Reservation | None = None) -> Server:
        """Spawn, wait until it answers, and release the port's reservation (made here if none
        is given)."""
        start_all([self], reservation or Reservation(ports=[self.port]), timeout)
        return self

    def restart(self, timeout: float = 90) -> Server:
        """Start a dead process again on the same port and wait until it answers."""
        self.stop()
        self.restarts += 1
        return self.start(timeout)

    def kill(self) -> None:
        """Kill it at once, as a crash would."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


def start_all(servers: Sequence[Server], reservation: Reservation, timeout: float = 90) -> None:
    """Spawn every server, wait until each answers, then release the ports they now hold."""
    deadline = time.monotonic() + timeout
    try:
        for server in servers:
            server.spawn()
        for server in servers:
            server.wait_healthy(deadline)
    except BaseException:
        for server in servers:
            server.stop()
        raise
    finally:
        reservation.release()
