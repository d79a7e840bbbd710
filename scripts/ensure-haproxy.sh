#!/usr/bin/env bash
# Replicas behind a load balancer (`make serve`, its tests and the load test) use Debian's
# HAProxy. Installs it when it can (root, or passwordless sudo), as ensure-chromium.sh does.
set -euo pipefail
if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
  exit 0
fi
exec bash "$(dirname "$0")/apt-install.sh" \
  "HAProxy is needed for replicas behind a load balancer (make serve, its tests)." haproxy
