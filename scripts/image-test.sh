#!/usr/bin/env bash
# Builds the Dockerfile with podman and runs the image for real, where no container registry can
# be reached (only Debian's and PyPI's package registries): the `FROM python:3.11-slim-bookworm`
# base is replaced (`podman build --from`) by a Debian bookworm made here with mmdebstrap, holding
# python3 (3.11), pip and venv, `python`/`pip` on PATH, this machine's trust store and pip's
# settings. The Dockerfile itself is built unchanged. Then:
#   - one container, read-only with a tmpfs on /tmp, as the image's non-root user: its
#     HEALTHCHECK, the page, a static file, `coalition summary --json`, and `podman diff` empty;
#   - three containers behind the host's HAProxy, configured by scripts/serve.py's
#     haproxy_config(), and the overview opened through it in the real Chromium (Playwright from
#     .venv), with a CSV download from each replica.
# Prints `image size: N MB` and `time to health: N s`; exits 0 only when everything passed,
# otherwise prints one line naming the step that failed (logs are kept and named).
#
# Usage: bash scripts/image-test.sh [--rebuild] [--keep]
#   --rebuild: make the Debian base again; --keep: keep the work folder (logs, the HAProxy
#   configuration, a screenshot of the overview) after a pass too.
# Needs: root (or passwordless sudo) to install podman, runc and mmdebstrap when missing, and
# the project's .venv (`make build` makes it) for HAProxy's configuration and Playwright.
# podman runs with `--runtime runc --cgroup-manager=cgroupfs` (no systemd here) and a
# containers.conf that sets `default_ulimits = []`: without it every container fails to start
# ("error setting rlimit type 7: operation not permitted").
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
PY="$REPO/.venv/bin/python"
CHROMIUM="${COALITION_CHROMIUM:-/usr/bin/chromium}"
IMAGE="localhost/coalition-dashboard:image-test"
BASE_NAME="localhost/coalition-base"
SUITE="bookworm"
BASE_PACKAGES="python3,python3-pip,python3-venv,python-is-python3,ca-certificates"
HEALTH_DEADLINE=${HEALTH_DEADLINE:-240}  # seconds for a container to become healthy
REBUILD=0
KEEP=0
for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=1 ;;
    --keep) KEEP=1 ;;
    -h | --help)
      awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
      exit 0
      ;;
    *) echo "usage: bash scripts/image-test.sh [--rebuild] [--keep]" >&2; exit 2 ;;
  esac
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/coalition-image-test.XXXXXX")"
RUN_ID="coalition-image-test-$$"
CONTAINERS=()
HAPROXY_PID=""
STEP="start"
REASON=""
PASSED=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$HAPROXY_PID" ]; then
    kill "$HAPROXY_PID" 2>/dev/null || true
    wait "$HAPROXY_PID" 2>/dev/null || true
  fi
  for c in "${CONTAINERS[@]}"; do
    pm rm -f -t 2 "$c" >/dev/null 2>&1 || true
  done
  if [ "$PASSED" = 1 ]; then
    if [ "$KEEP" = 1 ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi
  else
    [ "$rc" = 0 ] && rc=1
    echo "image-test: FAILED at step \"$STEP\": ${REASON:-a command failed (exit $rc)}" \
      "(logs in $WORK)" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { STEP="$1"; echo "== $1"; }
fail() { REASON="$*"; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# ---------------------------------------------------------------------------------------------
step "1. tools: podman, runc, mmdebstrap"
missing=()
for tool in podman runc mmdebstrap; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  bash "$REPO/scripts/apt-install.sh" \
    "The image test needs ${missing[*]} (Debian packages)." "${missing[@]}"
fi
[ -x "$PY" ] || fail "no $PY: make the project's virtual environment first (make build)"
[ -x "$CHROMIUM" ] || bash "$REPO/scripts/ensure-chromium.sh"
bash "$REPO/scripts/ensure-haproxy.sh"
HAPROXY="$(command -v haproxy || echo /usr/sbin/haproxy)"

# Every podman command: runc, cgroupfs (no systemd), and no default ulimits (runc may not set
# the open-files limit podman asks for by default here).
export CONTAINERS_CONF="$WORK/containers.conf"
printf '[containers]\ndefault_ulimits = []\n' >"$CONTAINERS_CONF"
pm() { podman --runtime runc --cgroup-manager=cgroupfs "$@"; }

# ---------------------------------------------------------------------------------------------
step "2. Debian $SUITE base (mmdebstrap)"
BASE_FILES="$WORK/base-files"
mkdir -p "$BASE_FILES"
# pip inside the base: the trust store's bundle, and the host's network settings for PyPI (an
# index, a proxy, a timeout) but not its local file:// indexes or find-links, which the build
# cannot see.
"$PY" - "$BASE_FILES/pip.conf" <<'PYCONF'
import configparser, os, sys
from pathlib import Path

keys = ("index-url", "extra-index-url", "trusted-host", "proxy", "timeout", "retries")
found = {}
for path in ("/etc/pip.conf", "/etc/xdg/pip/pip.conf", "~/.config/pip/pip.conf", "~/.pip/pip.conf"):
    parser = configparser.ConfigParser()
    try:
        parser.read(Path(path).expanduser())
    except configparser.Error:
        continue
    for section in ("global", "install"):
        if parser.has_section(section):
            found.update({k: parser.get(section, k) for k in keys if parser.has_option(section, k)})
for key in keys:
    env = os.environ.get("PIP_" + key.upper().replace("-", "_"))
    if env:
        found[key] = env
if os.environ.get("PIP_DEFAULT_TIMEOUT"):
    found["timeout"] = os.environ["PIP_DEFAULT_TIMEOUT"]
for key in ("index-url", "extra-index-url"):
    urls = [u for u in found.get(key, "").split() if not u.startswith("file:")]
    found.pop(key, None)
    if urls:
        found[key] = " ".join(urls)
lines = ["[global]", "cert = /etc/ssl/certs/ca-certificates.crt"]
lines += [f"{k} = {v}" for k, v in sorted(found.items())]
Path(sys.argv[1]).write_text("\n".join(lines) + "\n")
PYCONF
# apt: the host's proxy settings, if it has any (apt.conf and apt.conf.d); the proxy variables
# of the environment (http_proxy, https_proxy, no_proxy) reach mmdebstrap, and podman passes
# them to builds and containers by itself.
APT_PROXY="$BASE_FILES/99proxy"
: >"$APT_PROXY"
grep -h -i -E '^[[:space:]]*Acquire::[a-z]+::Proxy' /etc/apt/apt.conf /etc/apt/apt.conf.d/* \
  2>/dev/null >>"$APT_PROXY" || true
# apt as in Debian's official images (which python:3.11-slim is built on): downloaded packages
# deleted after installing (else the Dockerfile's apt-get leaves ~270 MB in /var/cache), no
# translations, compressed indexes; and no service started by a package's installation.
mkdir -p "$BASE_FILES/apt.conf.d" "$BASE_FILES/sbin"
cat >"$BASE_FILES/apt.conf.d/docker-clean" <<'APTCLEAN'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APTCLEAN
echo 'Acquire::Languages "none";' >"$BASE_FILES/apt.conf.d/docker-no-languages"
echo 'Acquire::GzipIndexes "true";' >"$BASE_FILES/apt.conf.d/docker-gzip-indexes"
echo 'Apt::AutoRemove::SuggestsImportant "false";' \
  >"$BASE_FILES/apt.conf.d/docker-autoremove-suggests"
printf '#!/bin/sh\nexit 101\n' >"$BASE_FILES/sbin/policy-rc.d"
chmod 755 "$BASE_FILES/sbin/policy-rc.d"
mkdir -p "$BASE_FILES/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$BASE_FILES/ca-certificates/" 2>/dev/null || true
# Debian's own mirrors, as the host reaches them (its deb822 URIs when it has them).
MIRROR="$(sed -n 's/^URIs:[[:space:]]*\(http[^ ]*\/debian\)\/\{0,1\}$/\1/p' \
  /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)"
SECURITY="$(sed -n 's/^URIs:[[:space:]]*\(http[^ ]*\/debian-security\)\/\{0,1\}$/\1/p' \
  /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SECURITY="${SECURITY:-http://deb.debian.org/debian-security}"
# The base's tag names what went into it: a new trust store or pip setting makes a new base.
BASE_TAG="$BASE_NAME:$SUITE-$( {
  echo "$SUITE $BASE_PACKAGES $MIRROR $SECURITY recipe-2"  # bump when the recipe below changes
  find "$BASE_FILES" -type f -print0 | LC_ALL=C sort -z | xargs -0 cat
} | sha256sum | cut -c1-12)"
if [ "$REBUILD" = 0 ] && pm image exists "$BASE_TAG"; then
  echo "   cached: $BASE_TAG"
else
  aptopt=()
  [ -s "$APT_PROXY" ] && aptopt=(--aptopt="$APT_PROXY")
  started="$(now)"
  # Like debian:bookworm-slim: no documentation, manual pages or translations (copyrights kept).
  if ! mmdebstrap --variant=minbase --include="$BASE_PACKAGES" "${aptopt[@]}" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook='rm -f "$1"/usr/lib/python3*/EXTERNALLY-MANAGED' \
    --customize-hook="copy-in $BASE_FILES/pip.conf /etc" \
    --customize-hook="copy-in $BASE_FILES/ca-certificates /usr/local/share" \
    --customize-hook="copy-in $BASE_FILES/apt.conf.d /etc/apt" \
    --customize-hook="copy-in $BASE_FILES/sbin/policy-rc.d /usr/sbin" \
    --customize-hook='chroot "$1" update-ca-certificates' \
    --customize-hook='chroot "$1" python --version' \
    --customize-hook='chroot "$1" pip --version' \
    "$SUITE" "$WORK/base.tar" \
    "deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" \
    "deb $SECURITY $SUITE-security main" >"$WORK/mmdebstrap.log" 2>&1; then
    tail -n 20 "$WORK/mmdebstrap.log" >&2
    fail "mmdebstrap failed (log: $WORK/mmdebstrap.log)"
  fi
  echo "   mmdebstrap: $(elapsed "$started") s"
  pm rmi -f "$BASE_TAG" >/dev/null 2>&1 || true
  pm import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["python3"]' \
    "$WORK/base.tar" "$BASE_TAG" >/dev/null
  rm -f "$WORK/base.tar"
  echo "   imported: $BASE_TAG"
fi

# ---------------------------------------------------------------------------------------------
step "3. podman build --from $BASE_TAG (the Dockerfile unchanged)"
started="$(now)"
# --format docker: the OCI format has no HEALTHCHECK, and podman would drop it.
if ! pm build --from "$BASE_TAG" --pull=never --format docker --layers \
  -f "$REPO/Dockerfile" -t "$IMAGE" "$REPO" >"$WORK/build.log" 2>&1; then
  tail -n 30 "$WORK/build.log" >&2
  fail "podman build failed (log: $WORK/build.log)"
fi
echo "   built $IMAGE in $(elapsed "$started") s"
[ "$(pm image inspect --format '{{.Config.User}}' "$IMAGE")" = "coalition" ] \
  || fail "the image's user is not 'coalition'"
# The image's HEALTHCHECK, given back to `podman run` with its timer off: podman schedules it
# with a systemd timer, and there is no systemd here (wait_healthy runs it instead).
HEALTH_ARGS=()
pm image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE" >"$WORK/healthcheck.json"
mapfile -t HEALTH_ARGS < <("$PY" - "$WORK/healthcheck.json" <<'PYHEALTH'
import json, sys
check = json.load(open(sys.argv[1])) or {}
kind, *command = check.get("Test") or ["NONE"]
if kind == "CMD":
    print("--health-cmd=" + json.dumps(command))
elif kind == "CMD-SHELL":
    print("--health-cmd=" + command[0])
else:
    sys.exit(1)
print("--health-interval=disable")
for key, flag in (("Timeout", "timeout"), ("StartPeriod", "start-period")):
    if check.get(key):
        print(f"--health-{flag}={check[key] // 1_000_000_000}s")
if check.get("Retries"):
    print(f"--health-retries={check['Retries']}")
PYHEALTH
)
[ "${#HEALTH_ARGS[@]}" -gt 1 ] \
  || fail "the image has no HEALTHCHECK (built without --format docker?)"

# ---------------------------------------------------------------------------------------------
# Starts a container of the image (read-only, tmpfs /tmp, the image's user, port 8501 on a free
# host port of 127.0.0.1), named $RUN_ID-<suffix>; extra arguments go to `podman run`.
start_container() {
  local name="$RUN_ID-$1"
  shift
  CONTAINERS+=("$name")
  pm run -d --name "$name" --read-only --tmpfs /tmp -p 127.0.0.1::8501 "${HEALTH_ARGS[@]}" \
    "$@" "$IMAGE" >/dev/null
}
host_port() { pm port "$1" 8501/tcp | sed 's/.*://'; }
# Polls the image's own HEALTHCHECK (podman healthcheck run) until it passes, up to a deadline.
wait_healthy() {
  local name="$1" deadline=$((SECONDS + HEALTH_DEADLINE))
  until pm healthcheck run "$name" >/dev/null 2>&1; do
    if [ "$(pm inspect --format '{{.State.Running}}' "$name")" != "true" ]; then
      pm logs "$name" 2>&1 | tail -n 20 >&2
      fail "container $name stopped before it was healthy"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      pm logs "$name" 2>&1 | tail -n 20 >&2
      fail "container $name not healthy after ${HEALTH_DEADLINE}s"
    fi
    sleep 0.5
  done
}

step "4. one read-only container as the image's user"
started="$(now)"
start_container single
ONE="$RUN_ID-single"
wait_healthy "$ONE"
TIME_TO_HEALTH="$(elapsed "$started")"
PORT="$(host_port "$ONE")"
URL="http://127.0.0.1:$PORT"
echo "   healthy on $URL in $TIME_TO_HEALTH s"
[ "$(pm exec "$ONE" id -un)" = "coalition" ] || fail "the container does not run as 'coalition'"
[ "$(pm inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$ONE")" = "true" ] \
  || fail "the container's root file system is not read-only"
[ "$(curl -fsS --max-time 10 "$URL/_stcore/health")" = "ok" ] \
  || fail "$URL/_stcore/health did not answer ok"
curl -fsS --max-time 20 "$URL/" -o "$WORK/page.html" || fail "GET $URL/ failed"
grep -q '<title>Streamlit</title>' "$WORK/page.html" && grep -q 'id="root"' "$WORK/page.html" \
  || fail "GET $URL/ is not Streamlit's page"
# Static serving (.streamlit/config.toml): the map outlines come from the app, not from outside.
curl -fsS --max-time 20 "$URL/app/static/topojson/world_110m.json" | "$PY" -c \
  'import json, sys; assert json.load(sys.stdin)["type"] == "Topology"' \
  || fail "the static map outlines (app/static/topojson/world_110m.json) are not served"
# The app's CSV and JSON downloads are made by a button over the WebSocket (no plain URL): step
# 5 downloads one through HAProxy in Chromium. Here, the data through the CLI in the container.
pm exec "$ONE" coalition summary --json >"$WORK/summary.json" 2>"$WORK/summary.err" \
  || { cat "$WORK/summary.err" >&2; fail "coalition summary --json failed in the container"; }
"$PY" -c '
import json, sys
summary = json.load(open(sys.argv[1]))
countries = summary.get("countries")
assert isinstance(countries, list) and countries, "no countries list"
print(f"   coalition summary --json: {len(countries)} countries")
' "$WORK/summary.json" || fail "coalition summary --json is not JSON with a 'countries' list"
pm exec "$ONE" test -x /usr/bin/chromium || fail "no Chromium in the image for the exports"
pm diff "$ONE" >"$WORK/diff.txt" || fail "podman diff failed"
if grep -v -E '^[ACD] /tmp(/|$)' "$WORK/diff.txt" | grep -q .; then
  cat "$WORK/diff.txt" >&2
  fail "the container wrote to its file system (podman diff above)"
fi
echo "   podman diff: nothing written outside /tmp"

# ---------------------------------------------------------------------------------------------
step "5. three containers behind HAProxy, the overview in Chromium"
SECRET="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"  # one cookie secret: XSRF holds everywhere
for i in 1 2 3; do
  start_container "r$i" -e STREAMLIT_SERVER_COOKIE_SECRET="$SECRET"
done
REPLICA_PORTS=()
for i in 1 2 3; do
  wait_healthy "$RUN_ID-r$i"
  REPLICA_PORTS+=("$(host_port "$RUN_ID-r$i")")
done
LB_PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')"
"$PY" -c '
import sys
sys.path.insert(0, sys.argv[1])
from scripts.serve import haproxy_config
print(haproxy_config(int(sys.argv[2]), [int(p) for p in sys.argv[3:]]), end="")
' "$REPO" "$LB_PORT" "${REPLICA_PORTS[@]}" >"$WORK/haproxy.cfg"
"$HAPROXY" -c -q -f "$WORK/haproxy.cfg" \
  || fail "HAProxy rejects the configuration from scripts/serve.py"
"$HAPROXY" -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
LB="http://127.0.0.1:$LB_PORT"
deadline=$((SECONDS + 30))
until [ "$(curl -fsS --max-time 5 "$LB/_stcore/health" 2>/dev/null)" = "ok" ]; do
  kill -0 "$HAPROXY_PID" 2>/dev/null || { cat "$WORK/haproxy.log" >&2; fail "HAProxy stopped"; }
  [ "$SECONDS" -lt "$deadline" ] || fail "HAProxy on $LB not healthy after 30s"
  sleep 0.2
done
echo "   HAProxy on $LB -> replicas on ${REPLICA_PORTS[*]}"
"$PY" - "$REPO" "$LB" "$CHROMIUM" "$WORK" <<'PYBROWSER' \
  || fail "the overview through HAProxy in Chromium failed (see above)"
import csv, io, sys
from pathlib import Path

repo, url, chromium, work = sys.argv[1:5]
sys.path.insert(0, repo)
from playwright.sync_api import expect, sync_playwright

from tests.browser import CHROMIUM_ARGS, offline_context, wait_for_app_run

TITLE = "Coalition of the willing"
blocked: list[str] = []
seen = set()
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    try:
        for i in range(3):  # three sessions: round robin puts one on each replica
            context = offline_context(
                browser, blocked, viewport={"width": 1280, "height": 900}, accept_downloads=True
            )
            page = context.new_page()
            page.goto(f"{url}/")
            wait_for_app_run(page, timeout=90_000)
            expect(page.get_by_test_id("stException")).to_have_count(0)
            expect(page.get_by_role("heading", name=TITLE, exact=True)).to_be_visible()
            cookies = {c["name"]: c["value"] for c in context.cookies()}
            replica = cookies["coalition_replica"]
            seen.add(replica)
            if i == 0:
                page.screenshot(path=f"{work}/overview.png")
            # Streamlit keeps a download in its process's memory: stickiness must find it.
            with page.expect_download(timeout=60_000) as info:
                page.get_by_role("button", name="This table (CSV)").click()
            rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
            assert rows and {"country", "iso3"} <= set(rows[0]), "the CSV has no country rows"
            print(f"   session {i + 1}: replica {replica}, heading '{TITLE}', "
                  f"no exception, CSV of {len(rows)} rows")
            context.close()
    finally:
        browser.close()
assert seen == {"r1", "r2", "r3"}, f"sessions reached replicas {sorted(seen)}, not all three"
assert not blocked, f"requests beyond this machine: {blocked[:5]}"
PYBROWSER

# ---------------------------------------------------------------------------------------------
step "6. results"
SIZE_BYTES="$(pm image inspect --format '{{.Size}}' "$IMAGE")"
echo "image size: $((SIZE_BYTES / 1000000)) MB"
echo "time to health: $TIME_TO_HEALTH s"
PASSED=1
echo "image-test: passed"
