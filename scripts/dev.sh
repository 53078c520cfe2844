#!/usr/bin/env bash
# The development loop (`make dev`, which builds the server first): the
# server on 127.0.0.1:8080 with the database in data/ (as `make run`), and
# `trunk serve` on http://127.0.0.1:8081, which rebuilds the public app on
# every change and reloads the page. Trunk.toml proxies the API, the Open
# Referral feed, the survey and the staff side to the server. The survey and
# the staff side are the server's, from dist/ as `make build` last left them.
# When trunk stops (Ctrl-C), the server is stopped too.
set -euo pipefail
cd "$(dirname "$0")/.."

server_bin=target/server/recovery-colleges-server
if curl -fsS -o /dev/null http://127.0.0.1:8080/api/health 2>/dev/null; then
  echo "dev: something already answers on 127.0.0.1:8080 (make run?); stop it first" >&2
  exit 1
fi
if [ ! -f dist/feedback-app/index.html ] || [ ! -f dist/staff-app/index.html ]; then
  echo "dev: no built survey or staff side in dist/: /feedback and /staff answer 404 until 'make build'" >&2
fi

# trunk serve's pages are at 127.0.0.1:8081: the absolute links the server
# writes (canonical, sitemap, survey QR codes) point there too.
HOST=127.0.0.1 PORT=8080 PUBLIC_URL=http://127.0.0.1:8081 DIST_DIR=${DIST_DIR:-dist} \
  "$server_bin" serve &
server=$!
stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap stop_server EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null http://127.0.0.1:8080/api/health 2>/dev/null; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "dev: the server did not start (its messages are above)" >&2
    exit 1
  fi
  sleep 0.1
done

# Its own output folder: trunk empties the one it builds into, and dist/ is
# the release build the server serves.
trunk serve --dist target/dev-dist
