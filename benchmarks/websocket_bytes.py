"""Bytes on the wire for one session, with Streamlit's WebSocket compression off and on.

    python benchmarks/websocket_bytes.py [--json]

Serves the dashboard on a copy of `pledges/` twice, once with `server.enableWebsocketCompression`
false and once true, and runs one session against each as `benchmarks/load.py` does (the page
request, the overview's run, then the Group filter's run), through a small TCP proxy that counts
the bytes the server sends. A browser offers per-message deflate, and so does the client here;
the server uses it only when the option is on. Prints the bytes per session and per run for
both, and the run times. Not part of the timed test suite (a smoke test runs it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.load import Session, _prepare, first_group, one_session  # noqa: E402
from scripts.launcher import Reservation, Server, streamlit_command  # noqa: E402


class CountingProxy:
    """Forwards 127.0.0.1:port to the server's port and counts what flows back."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.to_client = 0

    async def _pipe(self, reader, writer, count: bool) -> None:
        try:
            while chunk := await reader.read(65536):
                if count:
                    self.to_client += len(chunk)
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _handle(self, client_reader, client_writer) -> None:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target)
        await asyncio.gather(
            self._pipe(client_reader, server_writer, False),
            self._pipe(server_reader, client_writer, True),
        )


async def _measure(port: int, group: str | None) -> tuple[int, float]:
    proxy = CountingProxy(port)
    server = await asyncio.start_server(proxy._handle, "127.0.0.1", 0)
    proxy_port = server.sockets[0].getsockname()[1]
    async with server:
        session = Session(0)
        started = time.perf_counter()
        await one_session(session, proxy_port, group, 120)
        if session.error:
            raise RuntimeError(session.error)
        elapsed = time.perf_counter() - started
        await asyncio.sleep(0.2)  # let the last frames pass the proxy
    return proxy.to_client, elapsed


def measure(compressed: bool, env: dict[str, str], group: str | None) -> dict[str, float]:
    reservation = Reservation()
    port = reservation.ports[0]
    command = streamlit_command(port) + [
        "--server.enableWebsocketCompression", "true" if compressed else "false",
    ]  # fmt: skip
    server = Server(command, port, f"http://127.0.0.1:{port}/_stcore/health", env=env)
    server.start(120, reservation)
    try:
        asyncio.run(_measure(port, group))  # warm: the first session loads the build
        total, seconds = asyncio.run(_measure(port, group))
    finally:
        server.stop()
    return {"session_bytes": total, "per_run_bytes": total // 2, "session_s": round(seconds, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coalition-ws-") as tmp:
        env = _prepare(Path(tmp))
        group = first_group(Path(env["COALITION_DATA"]))
        result = {
            "uncompressed": measure(False, env, group),
            "compressed": measure(True, env, group),
        }
    off, on = result["uncompressed"]["session_bytes"], result["compressed"]["session_bytes"]
    result["ratio"] = round(on / off, 3) if off else None
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"one session (the page, the overview's run, a filter's run): {off:,} bytes "
            f"uncompressed, {on:,} compressed ({result['ratio']}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
