#!/usr/bin/env bash
# Installs what building the app needs, skipping whatever is already present,
# so a second run costs seconds. Versions: ../shared/docs/toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# rust-toolchain.toml pins the compiler. Where the machine's one toolchain
# is that version under another name (rustup's "stable"), it is given the
# pinned name too, rather than rustup downloading a copy of what is here
# (rustup's own `toolchain link` refuses official names, hence ln).
want=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
rustup_home=${RUSTUP_HOME:-$HOME/.rustup}
host=$(RUSTUP_TOOLCHAIN=stable rustc -vV 2>/dev/null | sed -n 's/^host: //p' || true)
link="$rustup_home/toolchains/$want-$host"
if [ -n "$host" ] && ! [ -e "$link" ]; then
  have=$(RUSTUP_TOOLCHAIN=stable rustc --version 2>/dev/null | cut -d' ' -f2 || true)
  if [ "$have" = "$want" ]; then
    echo "==> naming the installed Rust $have toolchain $want (rust-toolchain.toml)"
    # A link left dangling by a removed toolchain is replaced.
    ln -sfn "$rustup_home/toolchains/stable-$host" "$link"
  fi
fi
# Whatever the name points at, it must be the pinned compiler (a link to
# "stable" that rustup has since updated is not).
if ! rustc --version 2>/dev/null | grep -q "^rustc $want "; then
  echo "rust-toolchain.toml asks for Rust $want, but this folder's rustc is: $(rustc --version 2>&1)" >&2
  echo "Install it with: rustup toolchain install $want" >&2
  exit 1
fi

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "==> adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  echo "==> installing trunk $TRUNK_VERSION (about 11 minutes on 2 cores, once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  echo "==> installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes, once)"
  # Not --locked: the locked build asks for a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# binaryen (wasm-opt), Leaflet and the test tools come from npm, pinned in
# package-lock.json. Playwright must never download its own browser.
if [ ! -f node_modules/.install-stamp ] || [ package-lock.json -nt node_modules/.install-stamp ]; then
  echo "==> installing npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  touch node_modules/.install-stamp
fi
