"""`make serve REPLICAS=3`: several dashboard processes behind HAProxy, on this machine.

The same topology as `compose.yaml`, without containers: K Streamlit processes on 127.0.0.1
(ports PORT+1 .. PORT+K) and Debian's HAProxy in front on PORT, with

- **cookie stickiness**: a session's page, its WebSocket and its downloads (which Streamlit keeps
  in the memory of the process that made them) reach the same replica;
- **WebSockets**: HAProxy passes the upgrade through and keeps the tunnel open;
- **redispatch**: when a replica dies, health checks take it out within seconds and its sessions'
  next connection goes to another replica, where the page runs again;
- **compression** of HTML, JavaScript, CSS, JSON and SVG (a first visit's JavaScript is megabytes).

Tests and `benchmarks/load.py` start the same `Topology`. Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as `python scripts/serve.py`

from scripts.launcher import Reservation, Server, start_all, streamlit_command  # noqa: E402

COOKIE = "coalition_replica"
COMPRESSED_TYPES = (
    "text/html text/css text/plain text/javascript application/javascript "
    "application/json image/svg+xml"
)
HAPROXY_FIX = "install it with `apt-get install -y haproxy` (or run `make haproxy`)"


# What the balancer adds to every answer, and its limits per client address. Each value can be
# changed where HAProxy starts, through the environment (docs/deploying.md gives the reasons).
# The Content-Security-Policy is the one the app works under (tests/test_headers.py checks that
# Chromium reports no violation on any page): Streamlit's styles are inline, Plotly draws
# images from data: and blob: addresses, and nothing is fetched from another origin.
def inline_script_hashes() -> list[str]:
    """'sha256-…' for each inline script of Streamlit's page (one line setting
    `window.prerenderReady`): allowed by its hash, so no other inline script runs."""
    import streamlit

    page = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.S)
    return [
        "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts
    ]


def content_security_policy() -> str:
    """Scripts only from this origin and Streamlit's one inline line (by hash); WebAssembly
    compiled (its protobuf decoder), never `eval`."""
    scripts = " ".join(
        ["'self'", "'wasm-unsafe-eval'", *(f"'{h}'" for h in inline_script_hashes())]
    )
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "worker-src 'self' blob:; frame-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'"
    )


BALANCER_SETTINGS = {
    # Who may show the dashboard in a frame: 'self', or a ministry intranet's origin too.
    "COALITION_FRAME_ANCESTORS": "'self'",
    # 1 behind TLS: browsers then keep to HTTPS for a year (Strict-Transport-Security).
    "COALITION_HTTPS": "0",
    # New HTTP requests per client address in 10 seconds. A first visit makes about 130 (the
    # page, its scripts, styles, fonts and map outlines); after that a session talks over its
    # WebSocket. 6,000 lets some 45 readers behind one address open the page in the same 10
    # seconds, and cuts off one client flooding the balancer.
    "COALITION_RATE_REQUESTS": "6000",
    # WebSockets open at once per client address: one per open tab.
    "COALITION_RATE_WEBSOCKETS": "1000",
}


def haproxy_config(
    port: int,
    replicas: list[int] | None = None,
    address: str = "127.0.0.1",
    template: tuple[str, int, int] | None = None,
    health: str = "/_stcore/health",
) -> str:
    """HAProxy's configuration for replicas behind `port`: on this machine (`replicas`, their
    ports on `address`), or in compose.yaml (`template`: a service name, its port and how many
    replicas, found through Docker's DNS). `health` is the path checked, under any prefix."""
    if template is None:
        servers = "\n".join(
            f"    server r{i} {address}:{p} check cookie r{i}"
            for i, p in enumerate(replicas or [], 1)
        )
        resolvers = ""
    else:
        service, service_port, count = template
        servers = (
            f"    server-template r {count} {service}:{service_port} check resolvers docker "
            "init-addr none"
        )
        resolvers = "\nresolvers docker\n    nameserver dns 127.0.0.11:53\n    hold valid 5s\n"
    # Templated servers get no cookie values of their own: HAProxy derives one per address
    # from a key ("dynamic"), read from the environment the container is given.
    sticky = f"cookie {COOKIE} insert indirect nocache httponly"
    if template is not None:
        sticky += ' dynamic\n    dynamic-cookie-key "${COALITION_COOKIE_KEY}"'

    return f"""# Written by scripts/serve.py: Streamlit replicas behind one port.
global
    maxconn 4000
{resolvers}
defaults
    mode http
    option http-keep-alive
    option redispatch
    retries 3
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
    timeout http-request 30s

frontend dashboard
    bind {address}:{port}
    compression algo gzip
    compression type {COMPRESSED_TYPES}
    # Security headers on every answer, errors and refusals included.
    http-after-response set-header Content-Security-Policy "{content_security_policy()}; frame-ancestors {_setting("COALITION_FRAME_ANCESTORS")}"
    http-after-response set-header X-Content-Type-Options nosniff
    http-after-response set-header Referrer-Policy strict-origin-when-cross-origin
    http-after-response set-header Strict-Transport-Security "max-age=31536000" if {{ env(COALITION_HTTPS) -m str 1 }}
    http-after-response set-header Retry-After 10 if {{ status 429 }}
    # Limits per client address: new requests in 10 seconds, and WebSockets open at once. The
    # health check is not counted: monitors poll it, and its answer costs nothing.
    stick-table type ip size 200k expire 2m store http_req_rate(10s)
    http-request track-sc0 src unless {{ path_end /_stcore/health }}
    http-request track-sc1 src table websockets if {{ req.hdr(upgrade) -i websocket }}
    http-request deny deny_status 429 if {{ sc_http_req_rate(0) gt "{_setting("COALITION_RATE_REQUESTS")}" }}
    http-request deny deny_status 429 if {{ sc_conn_cur(1) gt "{_setting("COALITION_RATE_WEBSOCKETS")}" }}
    default_backend replicas

backend websockets
    stick-table type ip size 200k expire 2h store conn_cur

backend replicas
    balance roundrobin
    {sticky}
    # A busy replica answers its health check slowly, not never: a generous check timeout
    # keeps it in; a dead one refuses connections at once, and `redispatch` sends its
    # sessions' reconnections to another replica whatever the checks have noticed.
    option httpchk GET {health}
    http-check expect status 200
    timeout check 15s
    default-server inter 2s fastinter 1s fall 3 rise 2
{servers}
"""


def _setting(name: str) -> str:
    """A balancer setting as HAProxy reads it where it starts: the environment, else the default."""
    return f"${{{name}-{BALANCER_SETTINGS[name]}}}"


def haproxy_path() -> str:
    """Debian's HAProxy, also where /usr/sbin is not on a user's PATH; RuntimeError if none."""
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        raise RuntimeError(f"HAProxy is needed for replicas: {HAPROXY_FIX}")
    return haproxy


def compose_haproxy_config(replicas: int) -> str:
    """deploy/haproxy.cfg: compose.yaml's `replicas` of the `dashboard` service; the cookie key
    and the path prefix come from the balancer's environment when HAProxy starts."""
    return haproxy_config(
        8501, address="0.0.0.0", template=("dashboard", 8501, replicas),
        health='"${BASE_URL_PATH}/_stcore/health"',
    )  # fmt: skip


def compose_replicas() -> int:
    import yaml

    compose = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))
    return int(compose["services"]["dashboard"]["deploy"]["replicas"])


def base_path(value: str) -> str:
    """A path prefix as Streamlit's server.baseUrlPath takes it, written '/coalition' ('' for none)."""
    value = value.strip().strip("/")
    return f"/{value}" if value else ""


@dataclass
class Topology:
    """K replicas of a Streamlit script behind HAProxy; a context manager that cleans up."""

    replicas: int = 3
    port: int = 8501
    script: Path = REPO / "app.py"
    env: dict[str, str] = field(default_factory=dict)
    log_dir: Path | None = None
    ports: list[int] | None = None  # the replicas' ports; default PORT+1 .. PORT+K
    prefix: str = ""  # server.baseUrlPath, e.g. "/coalition": served and checked under it
    servers: list[Server] = field(default_factory=list)  # the replicas
    proxy: Server | None = None
    reservation: Reservation | None = None  # ports held for it until its processes bind them

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{base_path(self.prefix)}"

    @property
    def replica_ports(self) -> list[int]:
        return self.ports or [self.port + i for i in range(1, self.replicas + 1)]

    @property
    def processes(self) -> list:
        return [server.process for server in self.servers]

    @classmethod
    def on_free_ports(cls, replicas: int, **options: object) -> Topology:
        """A topology on ports nothing else holds (for tests and the load test)."""
        reservation = Reservation(replicas + 1)
        ports = reservation.ports
        return cls(
            replicas=replicas, port=ports[0], ports=ports[1:], reservation=reservation, **options
        )

    def start(self, timeout: float = 90) -> Topology:
        haproxy = haproxy_path()
        self.log_dir = Path(self.log_dir or tempfile.mkdtemp(prefix="coalition-serve-"))
        secret = secrets.token_hex(16)  # one cookie secret for all: XSRF tokens hold everywhere
        env = {"STREAMLIT_SERVER_COOKIE_SECRET": secret, **self.env}
        prefix = base_path(self.prefix)
        self.servers = [
            Server(
                streamlit_command(port, self.script, prefix), port,
                f"http://127.0.0.1:{port}{prefix}/_stcore/health", env=env,
                log_path=self.log_dir / f"replica-{port}.log", name=f"replica on port {port}",
            )
            for port in self.replica_ports
        ]  # fmt: skip
        config = self.log_dir / "haproxy.cfg"
        config.write_text(
            haproxy_config(self.port, self.replica_ports, health=f"{prefix}/_stcore/health")
        )
        self.proxy = Server(
            [haproxy, "-db", "-f", str(config)], self.port, f"{self.url}/_stcore/health",
            env={k: v for k, v in self.env.items() if k in BALANCER_SETTINGS},
            log_path=self.log_dir / "haproxy.log", name="HAProxy",
        )  # fmt: skip
        reservation = self.reservation or Reservation(ports=[self.port, *self.replica_ports])
        try:
            start_all([*self.servers, self.proxy], reservation, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def kill(self, index: int) -> int:
        """Kill replica `index` (0-based) at once, as a crash would; returns its port."""
        self.servers[index].kill()
        return self.replica_ports[index]

    def revive(self, timeout: float = 90) -> list[int]:
        """Restart every replica that has died; returns their ports."""
        dead = [server for server in self.servers if not server.alive()]
        for server in dead:
            server.restart(timeout)
        return [server.port for server in dead]

    def replica_of(self, cookie_value: str) -> int:
        """The 0-based replica a stickiness cookie ('r2') points at."""
        return int(cookie_value.lstrip("r")) - 1

    def stop(self) -> None:
        for server in [*self.servers, *([self.proxy] if self.proxy else [])]:
            server.stop()
        if self.reservation is not None:
            self.reservation.release()

    def __enter__(self) -> Topology:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("REPLICAS", 3)))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8501)))
    parser.add_argument(
        "--base-url-path", default=os.environ.get("BASE_URL_PATH", ""),
        help="serve under a path prefix, e.g. /coalition (Streamlit's server.baseUrlPath)",
    )  # fmt: skip
    parser.add_argument(
        "--write-compose-config", action="store_true",
        help="write deploy/haproxy.cfg for compose.yaml's replicas, then stop",
    )  # fmt: skip
    args = parser.parse_args()
    if args.write_compose_config:
        target = REPO / "deploy" / "haproxy.cfg"
        target.write_text(compose_haproxy_config(compose_replicas()), encoding="utf-8")
        print(f"wrote {target.relative_to(REPO).as_posix()}")
        return 0
    if args.replicas < 1:
        print("error: --replicas must be at least 1", file=sys.stderr)
        return 2
    topology = Topology(replicas=args.replicas, port=args.port, prefix=args.base_url_path)
    try:
        topology.start()
    except (RuntimeError, TimeoutError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"Serving {topology.url} with {args.replicas} replica(s) on ports "
        f"{', '.join(map(str, topology.replica_ports))} behind HAProxy "
        f"(logs in {topology.log_dir}). Ctrl-C stops them all."
    )
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    try:
        while not stop["now"]:
            if not topology.proxy.alive():
                print("error: HAProxy stopped", file=sys.stderr)
                return 1
            for port in topology.revive():  # a dead replica is started again on its port
                print(f"replica on port {port} had stopped: restarted", file=sys.stderr)
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        topology.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
