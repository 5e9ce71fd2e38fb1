#!/usr/bin/env bash
# Sets up what is missing, builds Crisp Desk and starts it with the Demo connection (a local Crisp sandbox).
# Without a display it starts a virtual one (Xvfb) and writes a screenshot of the window to a file.
# Runs until Ctrl+C, then stops every process it started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"

bash scripts/setup.sh
echo "building the app (debug build with the UI embedded)"
npx --no-install tauri build --debug --no-bundle >"$target/start-build.log" 2>&1 || {
  tail -40 "$target/start-build.log"; echo "build failed; full log: $target/start-build.log" >&2; exit 1; }
app="$target/debug/crisp-desk"

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

export NO_AT_BRIDGE=1
if [ -z "${DISPLAY:-}" ]; then
  display=99
  while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
  Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  export DISPLAY=":$display"
  echo "no display found: started a virtual one (Xvfb on $DISPLAY)"
  shot="$root/artifacts/crisp-desk.png"
  mkdir -p "$(dirname "$shot")"
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
