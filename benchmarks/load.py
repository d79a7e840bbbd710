"""Load at the protocol level: N sessions as a browser opens them, with no browser.

    python benchmarks/load.py --sessions N [--replicas K] [--kill-one] [--json]

Serves the dashboard on a copy of `pledges/` with K replicas behind HAProxy (scripts/serve.py),
then opens every session at once. A session does what the browser does: it requests the page
over HTTP (keeping HAProxy's stickiness cookie), opens Streamlit's WebSocket, asks for a run of
the overview with the protobuf messages from the `streamlit` package and waits for it to
finish, then changes one filter (the Group select, as a click would) and waits for that run too.
Its time runs from the page request to the end of the second run. With `--kill-one`, one replica
is killed once a third of the sessions have drawn the overview; a session cut off reconnects
through the balancer as the browser's client does (to another replica, where its page runs
again) and counts as completed if it then finishes.

The floor is the overview's own elements drawn with the plainest Streamlit calls and their content
made once (`benchmarks/floor_overview.py`, the same-elements floor of `make bench`), under the same
load and replicas, with the same session minus the filter change. The group chosen is the first
group the data defines (`--filter` names another).

`--json` prints exactly: sessions, completed, errors, p50_s, p95_s, floor_p95_s, p95_ratio,
replicas, killed (sessions cut off by the kill). Every run is bounded: at most 2,000 sessions,
all open at once, each with a deadline (`--timeout`, 600 s), so the run stops by itself; it
talks only to 127.0.0.1. Not part of the timed test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from scripts.serve import COOKIE, Topology  # noqa: E402

FLOOR = REPO / "benchmarks" / "floor_overview.py"
MAX_SESSIONS = 2000
HOST = "127.0.0.1"
FILTER_LABEL = "Group"


@dataclass
class Session:
    index: int
    started: float = 0.0
    first_run: float | None = None  # seconds from the page request to the first run's end
    done: float | None = None  # seconds to the end of the filter change's run
    error: str | None = None
    cut: bool = False  # its replica was killed while it ran
    replica: str = ""
    reconnects: int = 0
    why: str = ""  # what cut it off, if anything


@dataclass
class Run:
    sessions: list[Session] = field(default_factory=list)
    wall: float = 0.0
    rss_before_mb: list[float] = field(default_factory=list)
    rss_after_mb: list[float] = field(default_factory=list)


async def _http_get(port: int, path: str, cookie: str | None) -> tuple[int, dict[str, str]]:
    """A plain HTTP/1.1 GET of the page, as the browser's first request; returns the cookies."""
    reader, writer = await asyncio.open_connection(HOST, port)
    headers = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n"
    headers += "Accept: text/html\r\nAccept-Encoding: gzip\r\n"
    if cookie:
        headers += f"Cookie: {COOKIE}={cookie}\r\n"
    writer.write((headers + "\r\n").encode())
    await writer.drain()
    status_line = await reader.readline()
    cookies: dict[str, str] = {}
    while line := (await reader.readline()).decode("latin-1").strip():
        name, _, value = line.partition(":")
        if name.lower() == "set-cookie":
            key, _, rest = value.strip().partition("=")
            cookies[key] = rest.split(";", 1)[0]
    await reader.read()  # the body, to the end, as a browser reads it
    writer.close()
    return int(status_line.split()[1]), cookies


class Cut(Exception):
    """The WebSocket closed under a session: its replica went away."""


async def _run_script(ws, widgets: list | None = None, query: str = "") -> dict[str, str]:
    """Ask for a run and read until it finishes; returns the select boxes' ids by label."""
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_script_hash = ""
    for widget_id, value in widgets or []:
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.string_value = value
    await ws.send(message.SerializeToString())
    found: dict[str, str] = {}
    while True:
        try:
            raw = await ws.recv()
        except websockets.ConnectionClosed:
            raise Cut() from None
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            if element.WhichOneof("type") == "selectbox":
                found[element.selectbox.label] = element.selectbox.id
            elif element.WhichOneof("type") == "exception":
                raise RuntimeError(f"the page raised: {element.exception.message}")
        elif kind == "script_finished":
            if forward.script_finished != 0:  # FINISHED_SUCCESSFULLY
                raise RuntimeError(f"the run ended with status {forward.script_finished}")
            return found


async def one_session(
    session: Session, port: int, filter_value: str | None, timeout: float
) -> None:
    session.started = time.perf_counter()
    cookie = None
    try:
        async with asyncio.timeout(timeout):
            status, cookies = await _http_get(port, "/", None)
            if status != 200:
                raise RuntimeError(f"the page answered {status}")
            cookie = cookies.get(COOKIE)
            session.replica = cookie or ""
            finished_first = False
            while True:  # the browser's client reconnects when its connection drops
                headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
                try:
                    async with websockets.connect(
                        f"ws://{HOST}:{port}/_stcore/stream", subprotocols=["streamlit"],
                        additional_headers=headers, max_size=None, open_timeout=timeout,
                        ping_interval=None,  # a browser sends no pings of its own
                    ) as ws:  # fmt: skip
                        widgets = await _run_script(ws)
                        if not finished_first:
                            session.first_run = time.perf_counter() - session.started
                            finished_first = True
                        if filter_value is not None:
                            target = widgets.get(FILTER_LABEL)
                            if target is None:
                                raise RuntimeError("no Group select on the page")
                            await _run_script(ws, [(target, filter_value)])
                        session.done = time.perf_counter() - session.started
                        return
                except (Cut, OSError, websockets.InvalidStatus) as exc:
                    session.cut = True
                    session.why = f"{type(exc).__name__}: {exc}"
                    session.reconnects += 1
                    if session.reconnects > 5:
                        raise RuntimeError("could not reconnect") from None
                    await asyncio.sleep(0.5 + random.random())  # the client's backoff
                    _, cookies = await _http_get(port, "/", cookie)
                    cookie = cookies.get(COOKIE, cookie)
    except TimeoutError:
        session.error = f"no answer within {timeout:.0f} s"
    except Exception as exc:  # noqa: BLE001 - a load test counts failures and goes on
        session.error = f"{type(exc).__name__}: {exc}"


def _rss_mb(pids: list[int]) -> list[float]:
    out = []
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            out.append(0.0)
            continue
        kb = next(
            (int(line.split()[1]) for line in text.splitlines() if line.startswith("VmRSS")), 0
        )
        out.append(kb / 1024)
    return out


async def load(
    topology: Topology, sessions: int, filter_value: str | None, kill: bool, timeout: float
) -> Run:
    run = Run(rss_before_mb=_rss_mb([p.pid for p in topology.processes]))
    all_sessions = [Session(i) for i in range(sessions)]
    tasks = [
        asyncio.create_task(one_session(s, topology.port, filter_value, timeout))
        for s in all_sessions
    ]
    started = time.perf_counter()
    if kill and topology.replicas > 1:
        while sum(s.first_run is not None for s in all_sessions) < max(1, sessions // 3):
            if all(t.done() for t in tasks):
                break
            await asyncio.sleep(0.05)
        topology.kill(_busiest(topology, all_sessions))
    await asyncio.gather(*tasks)
    run.wall = time.perf_counter() - started
    run.rss_after_mb = _rss_mb([p.pid for p in topology.processes])
    run.sessions = all_sessions
    return run


def _busiest(topology: Topology, sessions: list[Session]) -> int:
    """The replica with the most sessions still running: killing it cuts some off."""
    running = [0] * topology.replicas
    for session in sessions:
        if session.done is None and session.replica:
            running[topology.replica_of(session.replica)] += 1
    return max(range(topology.replicas), key=running.__getitem__)


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _prepare(tmp: Path) -> dict[str, str]:
    data = shutil.copytree(REPO / "pledges", tmp / "pledges")
    db = tmp / "coalition.db"
    subprocess.run(
        [sys.executable, "-m", "cli", "build", "--data", str(data), "--db", str(db)],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    return {"COALITION_DATA": str(data), "COALITION_DB": str(db)}


def first_group(data: Path) -> str | None:
    """The first group `coalition.yaml` defines (None when it defines none)."""
    from db.contract.loader import load_path

    groups = load_path(data / "coalition.yaml").data.get("groups") or {}
    return next(iter(groups), None)


async def _warm(port: int, replicas: int, filter_value: str | None) -> None:
    """A session on every replica first, as a server's first visitors would have done."""
    for _ in range(replicas):  # round robin: one new session per replica
        session = Session(-1)
        await one_session(session, port, filter_value, 120)
        if session.error:
            raise RuntimeError(f"a warm-up session failed: {session.error}")


def measure(
    script: Path, sessions: int, replicas: int, kill: bool, filter_value: str | None,
    env: dict[str, str], timeout: float,
) -> Run:  # fmt: skip
    with Topology.on_free_ports(replicas, script=script, env=env) as topology:
        port = topology.port
        asyncio.run(_warm(port, replicas, filter_value))
        return asyncio.run(load(topology, sessions, filter_value, kill, timeout))


def summary(run: Run, floor: Run, replicas: int) -> dict:
    times = [s.done for s in run.sessions if s.done is not None and not s.error]
    floor_times = [s.done for s in floor.sessions if s.done is not None and not s.error]
    p95 = _percentile(times, 95)
    floor_p95 = _percentile(floor_times, 95)
    return {
        "sessions": len(run.sessions),
        "completed": len(times),
        "errors": sum(1 for s in run.sessions if s.error),
        "p50_s": round(_percentile(times, 50), 3) if times else None,
        "p95_s": round(p95, 3) if p95 is not None else None,
        "floor_p95_s": round(floor_p95, 3) if floor_p95 is not None else None,
        "p95_ratio": round(p95 / floor_p95, 2) if p95 and floor_p95 else None,
        "replicas": replicas,
        "killed": sum(1 for s in run.sessions if s.cut),
    }


def report(result: dict, run: Run, floor: Run) -> str:
    first = [s.first_run for s in run.sessions if s.first_run is not None]
    errors = sorted({s.error for s in run.sessions if s.error})
    grown = [a - b for a, b in zip(run.rss_after_mb, run.rss_before_mb, strict=False) if a]
    per_session = sum(grown) / max(1, result["completed"]) if grown else None
    lines = [
        f"sessions {result['sessions']}, replicas {result['replicas']}: "
        f"{result['completed']} completed, {result['errors']} errors, {result['killed']} cut off "
        "by the kill",
        f"overview and a filter change: p50 {result['p50_s']} s, p95 {result['p95_s']} s; "
        f"first run alone: p50 {_fmt(_percentile(first, 50))} s, p95 {_fmt(_percentile(first, 95))} s",
        f"floor (the same elements): p95 {result['floor_p95_s']} s; ratio {result['p95_ratio']}",
        f"all sessions done in {run.wall:.1f} s (floor {floor.wall:.1f} s)",
        f"replica memory: {', '.join(f'{m:.0f}' for m in run.rss_before_mb)} MB before, "
        f"{', '.join(f'{m:.0f}' for m in run.rss_after_mb)} MB after"
        + (f"; about {per_session:.2f} MB per session" if per_session is not None else ""),
    ]
    lines += [f"error: {e}" for e in errors[:5]]
    cuts = sorted({s.why for s in run.sessions if s.why})
    lines += [f"cut off by: {c}" for c in cuts[:5]]
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--kill-one", action="store_true", help="kill a replica mid-run")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a session may take")
    parser.add_argument(
        "--filter", default=None,
        help="the Group to choose in each session (default: the first the data defines)",
    )  # fmt: skip
    args = parser.parse_args()
    if not 1 <= args.sessions <= MAX_SESSIONS:
        print(f"error: --sessions must be 1 to {MAX_SESSIONS}", file=sys.stderr)
        return 2
    if args.kill_one and args.replicas < 2:
        print("error: --kill-one needs --replicas 2 or more", file=sys.stderr)
        return 2
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    with tempfile.TemporaryDirectory(prefix="coalition-load-") as tmp:
        env = _prepare(Path(tmp))
        group = args.filter or first_group(Path(env["COALITION_DATA"]))
        run = measure(REPO / "app.py", args.sessions, args.replicas, args.kill_one, group,
                      env, args.timeout)  # fmt: skip
        floor = measure(FLOOR, args.sessions, args.replicas, False, None, env, args.timeout)
    result = summary(run, floor, args.replicas)
    if args.json:
        print(json.dumps(result))
    else:
        print(report(result, run, floor))
        print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
