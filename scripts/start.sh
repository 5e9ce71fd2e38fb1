#!/usr/bin/env bash
# Sets up what is missing, builds Crisp Desk and starts it with the Demo connection (a local Crisp sandbox).
# Without a display it starts a virtual one (Xvfb) and writes a screenshot of the window to a file.
# Runs until Ctrl+C, then stops every process it started.
#
#   --smoke   the same set-up and build, then the app in fresh config and data folders under its own virtual
#             display: waits until the window shows the Demo's conversation rows, writes the screenshot, stops
#             every process it started and exits 0 (non-zero, with the reason, when the rows never show).
set -euo pipefail
smoke=""
case "${1:-}" in
  --smoke) smoke=1 ;;
  "") ;;
  *) echo "usage: $0 [--smoke]" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
# A new clone has no target folder yet, and CARGO_TARGET_DIR may name one that does not exist.
mkdir -p "$target"
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
echo "building the app (debug build with the UI embedded)"
npx --no-install tauri build --debug --no-bundle >"$target/start-build.log" 2>&1 || {
  tail -40 "$target/start-build.log"; echo "build failed; full log: $target/start-build.log" >&2; exit 1; }
app="$target/debug/crisp-desk"
shot="$root/artifacts/crisp-desk.png"

pids=()
scratch=""
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "$scratch" ] || rm -rf "$scratch"
}
trap cleanup INT TERM EXIT

start_display() {
  local display=99
  while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
  Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  export DISPLAY=":$display"
  echo "started a virtual display (Xvfb on $DISPLAY)"
}

export NO_AT_BRIDGE=1
mkdir -p "$(dirname "$shot")"

if [ -n "$smoke" ]; then
  start_display
  scratch="$(mktemp -d /tmp/crisp-desk-smoke.XXXXXX)"
  echo "smoke: starting Crisp Desk and waiting for the Demo's conversation rows"
  status=0
  # Under WebDriver, WebKit's DMA-BUF renderer leaves Xvfb's screen blank (as in tests/run.sh).
  E2E_ROOT="$scratch" CRISP_DESK_APP="$app" SMOKE_SHOT="$shot" WEBKIT_DISABLE_DMABUF_RENDERER=1 \
    dbus-run-session -- node tests/support/smoke.mjs || status=$?
  # Nothing the smoke run started may outlive it (a closing app gets 10 s to exit).
  left=""
  for _ in $(seq 1 20); do
    left=$(pgrep -f "tauri-driver --port|WebKitWebDriver|^$app" || true)
    [ -z "$left" ] && break
    sleep 0.5
  done
  if [ -n "$left" ]; then
    ps -o pid,args -p "$(echo "$left" | paste -sd,)" >&2 || true
    echo "smoke: processes left behind: $left" >&2
    exit 1
  fi
  [ "$status" -eq 0 ] && echo "smoke: passed"
  exit "$status"
fi

if [ -z "${DISPLAY:-}" ]; then
  echo "no display found"
  start_display
  (
    for _ in $(seq 1 60); do
      sleep 1
      if xdotool search --name "Crisp Desk" >/dev/null 2>&1; then
        sleep 4
        import -window root "$shot" && echo "screenshot of the app window: $shot"
        exit 0
      fi
    done
    echo "the app window did not appear within 60 s; no screenshot" >&2
  ) &
  pids+=($!)
fi

echo "starting Crisp Desk (Ctrl+C to stop)"
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  "$app" &
else
  # No session bus: give the app its own, so GTK's helper daemons end with it.
  dbus-run-session -- "$app" &
fi
pids+=($!)
wait "${pids[-1]}"
