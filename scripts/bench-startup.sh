#!/usr/bin/env bash
# Start-up benches of the release app in a real window under Xvfb (see bench/README.md):
#   bash scripts/bench-startup.sh          Crisp Desk (Demo) against a bare Tauri window, interleaved, with and
#                                          without WEBKIT_DISABLE_DMABUF_RENDERER=1: time to the final screen, PSS.
#   bash scripts/bench-startup.sh lists    the Demo with 10,000 conversations and 10,000 people: first rows,
#                                          scrolling to the end, a filter change, the longest frame.
# RUNS=N sets the launches per app and environment (default 5); BENCH_SKIP_BUILD=1 reuses the last build;
# CRISP_DESK_BEFORE=<binary>[:<binary>...] adds earlier release builds of Crisp Desk to the same run (each change's
# before/after), labelled by file name.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bench="${1:-startup}"
case "$bench" in
  startup | lists) ;;
  *) echo "usage: bash scripts/bench-startup.sh [startup|lists]" >&2; exit 2 ;;
esac
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$target"
export PATH="$HOME/.cargo/bin:$PATH"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  bash scripts/setup.sh
  # What `tauri build --no-bundle` does (the UI, then cargo with custom-protocol), with both apps in one cargo
  # invocation: they share the workspace's Cargo.lock, target directory and feature set, so Tauri compiles once
  # and a second run rebuilds only what changed.
  npm run --silent build >"$target/bench-build.log" 2>&1 || {
    tail -40 "$target/bench-build.log"; echo "UI build failed" >&2; exit 1; }
  cargo build --release --locked -p crisp-desk -p bare-window \
    --features crisp-desk/custom-protocol,bare-window/custom-protocol >>"$target/bench-build.log" 2>&1 || {
    tail -40 "$target/bench-build.log"; echo "release build failed" >&2; exit 1; }
fi

export BENCH_ROOT
BENCH_ROOT="$(mktemp -d /tmp/crisp-desk-bench.XXXXXX)"
# Private copies: a later build must not replace a binary while it is measured.
cp "$target/release/crisp-desk" "$target/release/bare-window" "$BENCH_ROOT/"
export CRISP_DESK_APP="$BENCH_ROOT/crisp-desk" BARE_WINDOW_APP="$BENCH_ROOT/bare-window"
if [ -n "${CRISP_DESK_BEFORE:-}" ]; then
  copies=()
  IFS=: read -ra befores <<<"$CRISP_DESK_BEFORE"
  for before in "${befores[@]}"; do
    cp "$before" "$BENCH_ROOT/$(basename "$before")"
    copies+=("$BENCH_ROOT/$(basename "$before")")
  done
  CRISP_DESK_BEFORE="$(IFS=:; echo "${copies[*]}")"
  export CRISP_DESK_BEFORE
fi

display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
# Called by the EXIT trap.
# shellcheck disable=SC2317
cleanup() {
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  rm -rf "$BENCH_ROOT"
}
trap cleanup EXIT
# The same environment for both apps; each bench sets WEBKIT_DISABLE_DMABUF_RENDERER per launch itself.
export DISPLAY=":$display" NO_AT_BRIDGE=1
export XDG_DATA_HOME="$BENCH_ROOT/xdg-data" XDG_CONFIG_HOME="$BENCH_ROOT/xdg-config" XDG_CACHE_HOME="$BENCH_ROOT/xdg-cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
case "$bench" in
  startup) dbus-run-session -- node bench/startup.mjs ;;
  lists) dbus-run-session -- node bench/long-lists.mjs ;;
esac
