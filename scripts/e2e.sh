#!/usr/bin/env bash
# End-to-end tests: the release build served by the real server with a
# fresh database, driven by Playwright in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r pid port dir < <(scripts/serve-fresh.sh)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
BASE_URL="http://127.0.0.1:$port" E2E_DB="$dir/colleges.db" npx playwright test "$@"
