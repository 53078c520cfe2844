#!/usr/bin/env bash
# The production setup, tested: Debian's nginx with deploy/nginx/
# recovery-colleges.conf (this file itself, with only the machine's names,
# ports and certificate paths put in) and a throwaway certificate, in front
# of the real server configured as docs/deploy.md says (COOKIE_SECURE,
# TRUSTED_PROXIES). Through it: pages and the API over HTTPS, HSTS, the
# __Host- session cookie, sign-in and a staff page, precompressed and
# long-cached files; and that two visitors (connecting from 127.0.0.2 and
# 127.0.0.3) have their own rate-limit budgets, while a client that forges
# X-Forwarded-For straight to the app does not get a new one.
set -euo pipefail
cd "$(dirname "$0")/.."

# What `make release` made, unpacked as docs/deploy.md unpacks it.
ARCHIVE=${ARCHIVE:-target/release-archive/recovery-colleges.tar.gz}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
SITE=recovery-colleges.example.org
work=$(mktemp -d)
server_pid=""
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
fail() {
  echo "deploy test FAILED: $*" >&2
  for log in "$work"/server.log "$work"/nginx-error.log; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -20 "$log" >&2; }
  done
  exit 1
}
[ -f "$ARCHIVE" ] || fail "no $ARCHIVE: run make release first"
mkdir "$work/opt"
tar -xzf "$ARCHIVE" -C "$work/opt"
SERVER_BIN="$work/opt/bin/recovery-colleges-server"
for file in bin/recovery-colleges-server dist/index.html deploy/nginx/recovery-colleges.conf \
  deploy/systemd/recovery-colleges.service deploy/systemd/recovery-colleges-backup.timer \
  deploy/backup.sh docs/deploy.md; do
  [ -e "$work/opt/$file" ] || fail "the release has no $file"
done
app_port=$(free_port)
https_port=$(free_port)
http_port=$(free_port)

# A throwaway certificate for the site's name.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$SITE" \
  -addext "subjectAltName=DNS:$SITE" \
  -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null

# The server, with the settings docs/deploy.md gives it (a small survey
# limit, so budgets run out within the test).
export DATABASE_URL="sqlite://$work/recovery-colleges.db"
# Requests are logged (info), so the log can be checked for addresses.
env PORT="$app_port" DIST_DIR="$work/opt/dist" PUBLIC_URL="https://$SITE:$https_port" \
  COOKIE_SECURE=true TRUSTED_PROXIES=127.0.0.1 RESPONSE_RATE_LIMIT=2 RUST_LOG=info \
  "$SERVER_BIN" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$app_port/api/health/live" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$app_port/api/health" >/dev/null || fail "the server did not start"

# The first team account, as docs/deploy.md creates it.
password="correct horse battery staple 42"
echo "$password" | "$SERVER_BIN" create-team-account team@example.org "Team Member" >/dev/null

# nginx: the site file as shipped, with this machine's ports, certificate
# and upstream put in; a minimal main configuration around it.
sed -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
  -e "s|listen 80;|listen 127.0.0.1:$http_port;|" \
  -e '/listen \[::\]/d' \
  -e "s|/etc/ssl/recovery-colleges/|$work/|" \
  -e "s|127.0.0.1:8080|127.0.0.1:$app_port|" \
  "$work/opt/deploy/nginx/recovery-colleges.conf" >"$work/site.conf"
grep -q "$https_port" "$work/site.conf" && grep -q "$app_port" "$work/site.conf" \
  || fail "deploy/nginx/recovery-colleges.conf no longer has the lines this test fills in"
cat >"$work/nginx.conf" <<EOF
user root;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  include $work/site.conf;
}
EOF
"$NGINX" -t -q -c "$work/nginx.conf" -e "$work/nginx-error.log" || fail "nginx -t"
"$NGINX" -c "$work/nginx.conf" -e "$work/nginx-error.log" -g 'daemon off;' &
nginx_pid=$!
base="https://$SITE:$https_port"
curl_site() {
  curl -sS --resolve "$SITE:$https_port:127.0.0.1" --resolve "$SITE:$http_port:127.0.0.1" \
    --cacert "$work/fullchain.pem" "$@"
}
for _ in $(seq 1 50); do
  curl_site -o /dev/null "$base/api/health/live" 2>/dev/null && break
  sleep 0.1
done

checks=0
expect() { # description, command...
  local what=$1
  shift
  if ! "$@"; then fail "$what"; fi
  checks=$((checks + 1))
}

# Pages and the API over HTTPS, with HSTS.
headers=$(curl_site -D - -o "$work/home.html" "$base/")
expect "the home page over HTTPS" grep -q "^HTTP/[0-9.]* 200" <<<"$headers"
expect "HSTS on the home page" grep -qi "^strict-transport-security: max-age=" <<<"$headers"
expect "the home page's first HTML" grep -q '<main id="main"' "$work/home.html"
health=$(curl_site "$base/api/health")
expect "the API over HTTPS" grep -q '"status":"ok"' <<<"$health"
# Absolute links are the public address.
feed=$(curl_site "$base/openreferral/v3/")
expect "absolute links with https" grep -q "\"openapi_url\":\"https://$SITE:$https_port/" <<<"$feed"
# Plain HTTP is sent to HTTPS.
redirect=$(curl_site -o /dev/null -w '%{http_code} %{redirect_url}' "http://$SITE:$http_port/colleges")
expect "HTTP redirected to HTTPS" grep -q "^301 https://$SITE/colleges" <<<"$redirect"
# Hashed files: precompressed by the app, cached for a year.
wasm=$(grep -o '/recovery-colleges-[0-9a-f]*_bg\.wasm' "$work/home.html" | head -1)
[ -n "$wasm" ] || wasm=$(cd "$work/opt/dist" && ls recovery-colleges-*_bg.wasm | head -1 | sed 's|^|/|')
asset=$(curl_site -D - -o /dev/null -H 'Accept-Encoding: br' "$base$wasm")
expect "the wasm passed through brotli as the app stored it" grep -qi "^content-encoding: br" <<<"$asset"
expect "the wasm cached for a year" grep -qi "^cache-control: public, max-age=31536000, immutable" <<<"$asset"
# /metrics is never public through the proxy.
expect "/metrics closed at the proxy" test "$(curl_site -o /dev/null -w '%{http_code}' "$base/metrics")" = 404

# Sign-in: the __Host- cookie, Secure, and a staff page with it.
signin=$(curl_site -D - -o /dev/null -H "Origin: $base" -H 'Content-Type: application/json' \
  --data "{\"email\":\"team@example.org\",\"password\":\"$password\"}" "$base/api/session")
expect "sign-in through the proxy" grep -q "^HTTP/[0-9.]* 200" <<<"$signin"
cookie_line=$(grep -i "^set-cookie: __Host-rc_session=" <<<"$signin" || true)
expect "a __Host- session cookie" test -n "$cookie_line"
expect "the cookie is Secure" grep -qi "; *Secure" <<<"$cookie_line"
cookie=$(sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/' <<<"$cookie_line" | tr -d '\r')
me=$(curl_site -H "Cookie: $cookie" "$base/api/session")
expect "signed in as the team account" grep -q "team@example.org" <<<"$me"
staff=$(curl_site -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/staff")
expect "a staff page" test "$staff" = 200
# A change from another site is still refused through the proxy.
evil=$(curl_site -o /dev/null -w '%{http_code}' -H "Origin: https://evil.example" -H "Cookie: $cookie" \
  -H 'Content-Type: application/json' -X DELETE "$base/api/session")
expect "another site's Origin refused" test "$evil" = 403

# Rate limits per visitor: 127.0.0.2 and 127.0.0.3 through the proxy.
response() { # n
  printf '{"id":"00000000-0000-4000-8000-%012x","survey":"course-feedback","version":1,"college":"recovery-college-bern","course":"Deploy test","date":"2026-11-26","language":"en","answers":{"fft":"good"}}' "$1"
}
post_response() { # n, then curl options
  local n=$1
  shift
  curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data "$(response "$n")" "$@"
}
via_proxy() { # from, n
  post_response "$2" --interface "$1" --resolve "$SITE:$https_port:127.0.0.1" \
    --cacert "$work/fullchain.pem" "$base/api/responses"
}
expect "127.0.0.2's first" test "$(via_proxy 127.0.0.2 1)" = 201
expect "127.0.0.2's second" test "$(via_proxy 127.0.0.2 2)" = 201
expect "127.0.0.2 over its budget" test "$(via_proxy 127.0.0.2 3)" = 429
expect "127.0.0.3 has a budget of its own" test "$(via_proxy 127.0.0.3 4)" = 201
# A forged X-Forwarded-For through the proxy is not a new budget either.
forged=$(post_response 5 --interface 127.0.0.2 --resolve "$SITE:$https_port:127.0.0.1" \
  --cacert "$work/fullchain.pem" -H 'X-Forwarded-For: 198.51.100.9' "$base/api/responses")
expect "a forged X-Forwarded-For through the proxy" test "$forged" = 429
# Nor is a Forwarded header of the visitor's own: nginx clears it, and the
# app reads only X-Forwarded-For.
forged=$(post_response 9 --interface 127.0.0.2 --resolve "$SITE:$https_port:127.0.0.1" \
  --cacert "$work/fullchain.pem" -H 'Forwarded: for=198.51.100.10' "$base/api/responses")
expect "a forged Forwarded through the proxy" test "$forged" = 429
# Straight to the app from an address that is not a trusted proxy.
direct() { # n, forwarded
  post_response "$1" --interface 127.0.0.4 -H "X-Forwarded-For: $2" "http://127.0.0.1:$app_port/api/responses"
}
expect "direct, first" test "$(direct 6 198.51.100.1)" = 201
expect "direct, second" test "$(direct 7 198.51.100.2)" = 201
expect "direct with a forged X-Forwarded-For, over budget" test "$(direct 8 198.51.100.3)" = 429

# The daily backup, as the timer runs it (deploy/backup.sh), kept and dated.
BACKUP_DIR="$work/backups" SERVER_BIN="$SERVER_BIN" "$work/opt/deploy/backup.sh" >/dev/null
expect "a dated backup" bash -c "ls '$work'/backups/recovery-colleges-*.db >/dev/null"

# The systemd units, as docs/deploy.md installs them, pass systemd's own
# check (in a root of their own: this machine's systemd is not running).
if command -v systemd-analyze >/dev/null 2>&1; then
  root="$work/root"
  mkdir -p "$root/etc/systemd/system" "$root/usr/lib/systemd" "$root/opt"
  cp -R /lib/systemd/system "$root/usr/lib/systemd/"
  cp -R "$work/opt" "$root/opt/recovery-colleges"
  cp "$work"/opt/deploy/systemd/* "$root/etc/systemd/system/"
  units=$(ls "$root"/etc/systemd/system/recovery-colleges*)
  # shellcheck disable=SC2086
  expect "systemd-analyze verify of the units" systemd-analyze verify --root="$root" $units
else
  echo "deploy test: systemd-analyze not installed, the units not verified" >&2
fi

# Nothing in the server's log names a visitor (it does log requests).
expect "requests in the log" grep -q "/api/responses" "$work/server.log"
expect "no visitor's address in the log" bash -c "! grep -E '127\.0\.0\.[234]|198\.51\.100' '$work/server.log'"

echo "deploy test: $checks checks passed through nginx $("$NGINX" -v 2>&1 | sed 's|.*/||')"
