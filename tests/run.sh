#!/usr/bin/env bash
# End-to-end tests of the real app window: builds the debug app (UI embedded) and the CLI (for the sandbox),
# starts Xvfb and a private D-Bus session with an unlocked gnome-keyring, runs the specs with node's test
# runner (each scenario starts its own sandbox and tauri-driver), and leaves no process behind.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
mkdir -p "$target"
export PATH="$HOME/.cargo/bin:$PATH"

# E2E_SKIP_BUILD=1 reuses the binaries already built (for iterating on the specs); E2E_SPECS picks spec files.
if [ -z "${E2E_SKIP_BUILD:-}" ]; then
  npx --no-install tauri build --debug --no-bundle >"$target/e2e-build.log" 2>&1 || {
    tail -40 "$target/e2e-build.log"; echo "app build failed" >&2; exit 1; }
  cargo build -p crispdesk-cli --locked --quiet
fi

export E2E_ROOT
E2E_ROOT="$(mktemp -d /tmp/crisp-desk-e2e.XXXXXX)"
# Private copies: a later plain `cargo build` would replace target/debug/crisp-desk with a dev-server build.
cp "$target/debug/crisp-desk" "$target/debug/crispdesk" "$E2E_ROOT/"
export CRISP_DESK_APP="$E2E_ROOT/crisp-desk"
export CRISPDESK_BIN="$E2E_ROOT/crispdesk"

display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
# Called by the EXIT trap.
# shellcheck disable=SC2317
cleanup() {
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  rm -rf "$E2E_ROOT"
}
trap cleanup EXIT
export DISPLAY=":$display" NO_AT_BRIDGE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1
export XDG_DATA_HOME="$E2E_ROOT/xdg-data" XDG_CONFIG_HOME="$E2E_ROOT/xdg-config"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"

status=0
# The inner script expands its variables in the new session's shell, not here.
# shellcheck disable=SC2016
dbus-run-session -- bash -c '
  set -euo pipefail
  eval "$(printf %s e2e-password | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
  node --test --test-concurrency=1 --test-reporter=tap ${E2E_SPECS:-tests/specs/*.e2e.mjs}
' || status=$?

# Nothing we started may outlive the run (processes still shutting down get 10 s to finish).
left=""
for _ in $(seq 1 20); do
  left=$(pgrep -f "tauri-driver --port|WebKitWebDriver|$E2E_ROOT/" || true)
  [ -z "$left" ] && break
  sleep 0.5
done
if [ -n "$left" ]; then
  ps -o pid,args -p "$(echo "$left" | paste -sd,)" >&2 || true
  echo "processes left behind by the e2e run: $left" >&2
  exit 1
fi
exit $status
