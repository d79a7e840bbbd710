#!/usr/bin/env bash
# The accessibility tests inject axe-core (npm, pinned in tests/axe/package-lock.json) into the
# real Chromium. Installs it with npm, and Debian's nodejs and npm first when they are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)/tests/axe"
[ -f "$here/node_modules/axe-core/axe.min.js" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
  bash "$(dirname "$0")/apt-install.sh" \
    "The accessibility tests need npm to install axe-core." nodejs npm
fi
echo "Installing axe-core (npm ci in tests/axe) ..."
npm ci --prefix "$here" --no-audit --no-fund --silent
