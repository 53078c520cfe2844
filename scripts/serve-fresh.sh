#!/usr/bin/env bash
# Starts the built server on a free loopback port with a fresh database in a
# temporary folder, waits until it answers, and prints "PID PORT DIR".
# Usage: scripts/serve-fresh.sh [synthetic-colleges]
set -euo pipefail
cd "$(dirname "$0")/.."
synthetic=${1:-0}
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$dir/colleges.db" PORT="$port" DIST_DIR=${DIST_DIR:-dist} RUST_LOG=${RUST_LOG:-warn}
if [ "$synthetic" -gt 0 ]; then
  target/server/recovery-colleges-server seed-synthetic "$synthetic" >&2
fi
target/server/recovery-colleges-server >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; then
    echo "$pid $port $dir"
    exit 0
  fi
  sleep 0.1
done
echo "the server did not start; its log:" >&2
cat "$dir/server.log" >&2
kill "$pid" 2>/dev/null || true
exit 1
