#!/usr/bin/env bash
# Fuzzes the real server through its OpenAPI document with schemathesis:
# positive and negative data, the stateful phase on, a fixed number of
# examples per operation (bounded, about a minute a run) and a fixed seed,
# once with no session and once as a Recovery College team member, on a
# throwaway database with the rate limits off. Fails on any 5xx, any
# response that does not match the document, and any undocumented status.
# Then the Open Referral feed against the specifications' own documents
# (HSDS 3.0 and Open Referral UK 3.0, not ours; scripts/openreferral-spec.py
# readies them offline): no 5xx and no response that breaks their schemas.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SERVER_BIN:-target/server/recovery-colleges-server}
examples=${FUZZ_EXAMPLES:-15}
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$dir/fuzz.db" PORT=$port DIST_DIR=/nonexistent RUST_LOG=error \
  RESPONSE_RATE_LIMIT=0 ENQUIRY_RATE_LIMIT=0 ENQUIRY_MIN_FILL_SECONDS=0 \
  SIGN_IN_LIMIT_PER_ADDRESS=0 SIGN_IN_LIMIT_PER_ACCOUNT=0
"$bin" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fsS "$base/api/health" >/dev/null 2>&1 && break; sleep 0.2; done

password='fuzzing team passphrase for ci'
printf '%s\n' "$password" | "$bin" create-team-account fuzz@example.org "Fuzz Team" >/dev/null
cookie=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -H "Origin: $base" \
  -d "{\"email\":\"fuzz@example.org\",\"password\":\"$password\"}" "$base/api/session" \
  | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')

checks=not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance
run() {
  schemathesis run "$base/api/openapi.json" --checks "$checks" \
    --phases examples,coverage,fuzzing,stateful --max-examples "$examples" \
    --seed 20261129 --no-color "$@"
}
echo "==> schemathesis, no session"
run
echo "==> schemathesis, as a team member (signing out is left out: it would end the run's session)"
run -H "Cookie: $cookie" -H "Origin: $base" --exclude-path /api/session

# The specifications' documents list parameters the feed refuses with a 400
# that names them (ages, days, postcodes): their documents have no 400, so
# the status and content-type checks are ours alone; what they do define,
# every 200, must match their schemas.
for profile in hsds-3.0 uk-3.0; do
  echo "==> schemathesis, the Open Referral feed against the published $profile document"
  python3 scripts/openreferral-spec.py "$profile" "$base/openreferral/v3" "$dir/$profile.json"
  schemathesis run "$dir/$profile.json" --url "$base/openreferral/v3" \
    --checks not_a_server_error,response_schema_conformance \
    --phases examples,coverage,fuzzing --max-examples "$examples" \
    --seed 20261204 --no-color
done

# The feed's own document says what it takes and what it answers (400 with
# the parameters named, 404 for an unknown id): held to all of it.
echo "==> schemathesis, the Open Referral feed against its own document"
curl -fsS "$base/openreferral/v3/openapi.json" -o "$dir/feed-served.json"
python3 scripts/openreferral-spec.py hsds-3.0 "$base/openreferral/v3" "$dir/feed.json" "$dir/feed-served.json"
schemathesis run "$dir/feed.json" --url "$base/openreferral/v3" --checks "$checks" \
  --phases examples,coverage,fuzzing --max-examples "$examples" \
  --seed 20261204 --no-color
