#!/usr/bin/env bash
# The image test (scripts/image-test.sh, run by `make test`) builds and runs the container image
# with Debian's podman, runc and mmdebstrap. Installs them when it can (root, or passwordless
# sudo), as ensure-haproxy.sh does for HAProxy.
set -euo pipefail
missing=()
for tool in podman runc mmdebstrap; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
exec bash "$(dirname "$0")/apt-install.sh" \
  "The image test (make test) builds the container image with podman." "${missing[@]}"
