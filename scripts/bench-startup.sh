#!/usr/bin/env bash
# Startup and memory benchmark: builds the release app (UI embedded) and measures, under Xvfb, launch → first
# Demo conversations on screen and the app's resident memory after 10 s idle, median of 5 runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$target"
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
npx --no-install tauri build --no-bundle >"$target/bench-build.log" 2>&1 || {
  tail -40 "$target/bench-build.log"; echo "release build failed" >&2; exit 1; }
export E2E_ROOT
E2E_ROOT="$(mktemp -d /tmp/crisp-desk-bench.XXXXXX)"
cp "$target/release/crisp-desk" "$E2E_ROOT/"
export CRISP_DESK_APP="$E2E_ROOT/crisp-desk"
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$E2E_ROOT"' EXIT
export DISPLAY=":$display" NO_AT_BRIDGE=1
dbus-run-session -- node tests/bench/startup.mjs
