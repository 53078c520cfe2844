#!/usr/bin/env bash
# The network's figures at scale (issue 31), part of `make bench`: 200
# sharing colleges (the 121 real ones and 79 made up, all set public) and
# 1,000,000 made-up responses over the last 12 months, all on loopback.
# Budgets: the network view's API at most 100 ms at p99; the public figures
# add at most 5 ms to a public college's page.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/need-wrk.sh
responses=${NETWORK_RESPONSES:-1000000}
bin=target/server/recovery-colleges-server
dir=$(mktemp -d)
trap 'kill ${pid:-} 2>/dev/null || true; rm -rf "$dir"' EXIT
export DATABASE_URL="sqlite://$dir/colleges.db" RUST_LOG=warn DIST_DIR=${DIST_DIR:-dist}
"$bin" seed-synthetic 79 >&2
started=$(date +%s.%N)
"$bin" seed-synthetic-responses "$responses" >&2
seeded=$(date +%s.%N)
# Every college shares with the public, but one with the network only: its
# page is drawn without figures, to compare with a public college's.
# A month counts in the network if its college shared it when it ended:
# these chose to share over a year ago (their history says so).
python3 - "$dir/colleges.db" <<'EOF'
import json, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
db.execute("update colleges set sharing = 'public' where published = 1")
db.execute("update colleges set sharing = 'network' where slug = 'nottingham-recovery-college'")
since = int(time.time()) - 400 * 86400
for slug, sharing in db.execute("select slug, sharing from colleges where published = 1").fetchall():
    db.execute("insert into college_changes (slug, changed_at, fields, after) values (?, ?, 'sharing', ?)",
               (slug, since, json.dumps({"college": {"sharing": sharing}})))
db.commit()
EOF
echo "bench team password" | "$bin" create-team-account team@example.org "Bench Team" >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PORT=$port RUST_LOG=warn,server::surveys::evidence=info "$bin" >"$dir/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
  curl -fsS "$base/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done
cookie=$(curl -fsS -D - -o /dev/null -H "Origin: $base" -H 'Content-Type: application/json' \
  -d '{"email":"team@example.org","password":"bench team password"}' "$base/api/session" |
  grep -i '^set-cookie:' | head -1 | sed -E 's/^[^:]+: *([^;]+).*/\1/')
colleges=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from colleges where sharing != 'private'\").fetchone()[0])" "$dir/colleges.db")
db_mb=$(( $(stat -c %s "$dir/colleges.db") / 1000000 ))
printf '  %s responses seeded in %.1f s (one transaction, totals kept with them); %s sharing colleges; database %s MB\n' \
  "$responses" "$(awk "BEGIN { print $seeded - $started }")" "$colleges" "$db_mb"
wrk_line() {
  wrk -t2 -c8 -d10s --latency -H "Cookie: $cookie" "$base$1" | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx'
}
# At start the server works out each sharing college's ended months from
# the totals, in the background, and keeps them (they never change); reads
# then only check the cells' sizes.
for _ in $(seq 1 300); do
  grep -q "worked out the network's months" "$dir/server.log" && break
  sleep 0.1
done
warm=$(sed 's/\x1b\[[0-9;]*m//g' "$dir/server.log" | grep "worked out the network" | grep -o 'ms=[0-9]*' | head -1 | cut -d= -f2)
printf '  working out every college'"'"'s months at start (in the background): %s ms\n' "${warm:-?}"
first=$(curl -fsS -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base/api/staff/network")
printf '  first read of the whole network after that: %.0f ms\n' "$(awk "BEGIN { print $first * 1000 }")"
echo "  GET /api/staff/network (the team: the network alone, 200 colleges; budget p99 <= 100 ms)"
wrk_line /api/staff/network
echo "  GET /api/staff/network?college=recovery-college-bern (a college beside the network; budget p99 <= 100 ms)"
wrk_line "/api/staff/network?college=recovery-college-bern"
echo "  GET /api/colleges/recovery-college-bern/evidence (a public college's figures: the work its page adds)"
wrk_line /api/colleges/recovery-college-bern/evidence
echo "  GET /colleges/recovery-college-bern (a public college's page, with its figures)"
wrk_line /colleges/recovery-college-bern
echo "  GET /colleges/nottingham-recovery-college (a college's page without public figures; budget: the public page adds <= 5 ms)"
wrk_line /colleges/nottingham-recovery-college
echo "  GET / (the home page, with the figures across 199 public colleges)"
wrk_line /
