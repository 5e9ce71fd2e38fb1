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

# shellcheck source=scripts/lib/window-env.sh
source scripts/lib/window-env.sh
window_env_start "$BENCH_ROOT"
# The same environment for both apps; each bench sets WEBKIT_DISABLE_DMABUF_RENDERER per launch itself.
case "$bench" in
  startup) dbus-run-session -- node bench/startup.mjs ;;
  lists) dbus-run-session -- node bench/long-lists.mjs ;;
esac
