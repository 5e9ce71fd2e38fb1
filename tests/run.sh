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

# shellcheck source=scripts/lib/window-env.sh
source scripts/lib/window-env.sh
window_env_start "$E2E_ROOT"
export WEBKIT_DISABLE_DMABUF_RENDERER=1

specs=()
if [ -n "${E2E_SPECS:-}" ]; then read -ra specs <<<"$E2E_SPECS"; else specs=(tests/specs/*.e2e.mjs); fi
status=0
with_unlocked_keyring e2e-password node --test --test-concurrency=1 --test-reporter=tap "${specs[@]}" || status=$?

# Nothing we started may outlive the run (processes still shutting down get 10 s to finish). Ours are the ones
# that inherited this run's E2E_ROOT: a bench or another run on the machine has its own drivers.
ours() {
  local pid
  for pid in $(pgrep -f "tauri-driver --port|WebKitWebDriver|$E2E_ROOT/" || true); do
    # (A process may end between pgrep and the read: the redirection's error is silenced too.)
    if tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qxF "E2E_ROOT=$E2E_ROOT"; then echo "$pid"; fi
  done
}
left=""
for _ in $(seq 1 20); do
  left=$(ours)
  [ -z "$left" ] && break
  sleep 0.5
done
if [ -n "$left" ]; then
  ps -o pid,args -p "$(echo "$left" | paste -sd,)" >&2 || true
  echo "processes left behind by the e2e run: $left" >&2
  exit 1
fi
exit $status
