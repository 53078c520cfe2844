#!/usr/bin/env bash
# End-to-end tests: the release build served by the real server with a
# fresh database, driven by Playwright in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# Tests fill forms faster than people and all come from one address: the
# enquiry form's minimum fill time and per-address limit are tested by the
# server's own tests, and are off here.
# Likewise the sign-in limits (every test signs in from 127.0.0.1) and the
# survey's per-address limit (the network's test sends a large college's
# month of responses).
export ENQUIRY_MIN_FILL_SECONDS=0 ENQUIRY_RATE_LIMIT=0 SIGN_IN_LIMIT_PER_ADDRESS=0 SIGN_IN_LIMIT_PER_ACCOUNT=0 \
  RESPONSE_RATE_LIMIT=0
# Lets Playwright's routing reach the service worker's own requests, so a
# test can make the network hang under it (Chromium only; experimental).
export PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS=1
read -r pid port dir < <(scripts/serve-fresh.sh)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
# The first team account, made the way the README says.
echo "e2e team password" | DATABASE_URL="sqlite://$dir/colleges.db" RUST_LOG=error \
  target/server/recovery-colleges-server create-team-account team@example.org "Tess Team" >/dev/null
BASE_URL="http://127.0.0.1:$port" E2E_DB="$dir/colleges.db" npx playwright test "$@"
