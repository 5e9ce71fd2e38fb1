#!/usr/bin/env bash
# Live bench in the real window (see bench/README.md): the app on Crisp's real-time socket, then polling, against a
# `crispdesk sandbox` process, under Xvfb with a private D-Bus session and an unlocked keyring (the saved key).
# Prints the time from injection to the row on screen per mode, and the app's /v1 requests while idle.
#   BENCH_BUILD=release (default) or debug; BENCH_SKIP_BUILD=1 reuses the last build of that kind;
#   BENCH_MESSAGES=N (50) injected conversations per mode; BENCH_IDLE_S=N (60) idle seconds counted per mode.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$target"
export PATH="$HOME/.cargo/bin:$PATH"
export BENCH_BUILD="${BENCH_BUILD:-release}"
case "$BENCH_BUILD" in
  release) profile=release; cargo_profile=(--release) ;;
  debug) profile=debug; cargo_profile=() ;;
  *) echo "BENCH_BUILD is release or debug" >&2; exit 2 ;;
esac
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  bash scripts/setup.sh
  # What `tauri build --no-bundle` does: the UI, then cargo with custom-protocol (the UI embedded).
  npm run --silent build >"$target/bench-live-build.log" 2>&1 || {
    tail -40 "$target/bench-live-build.log"; echo "UI build failed" >&2; exit 1; }
  cargo build "${cargo_profile[@]}" --locked -p crisp-desk -p crispdesk-cli \
    --features crisp-desk/custom-protocol >>"$target/bench-live-build.log" 2>&1 || {
    tail -40 "$target/bench-live-build.log"; echo "$profile build failed" >&2; exit 1; }
fi

export E2E_ROOT
E2E_ROOT="$(mktemp -d /tmp/crisp-desk-bench-live.XXXXXX)"
# Private copies: a later build must not replace a binary while it is measured.
cp "$target/$profile/crisp-desk" "$target/$profile/crispdesk" "$E2E_ROOT/"
export CRISP_DESK_APP="$E2E_ROOT/crisp-desk" CRISPDESK_BIN="$E2E_ROOT/crispdesk"

# shellcheck source=scripts/lib/window-env.sh
source scripts/lib/window-env.sh
window_env_start "$E2E_ROOT"
export WEBKIT_DISABLE_DMABUF_RENDERER=1
with_unlocked_keyring bench-password node bench/live.mjs
