# shellcheck shell=bash
# A private X display, XDG folders and D-Bus session for the real app window: sourced by tests/run.sh and the
# real-window benches (scripts/bench-*.sh), never run on its own.

# Starts Xvfb on the first free display and exports DISPLAY, NO_AT_BRIDGE and XDG_{DATA,CONFIG,CACHE}_HOME
# under the scratch folder $1; on exit, Xvfb stops and $1 is removed.
window_env_start() {
  window_env_root="$1"
  local display=99
  while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
  Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  window_env_xvfb=$!
  trap window_env_stop EXIT
  export DISPLAY=":$display" NO_AT_BRIDGE=1
  export XDG_DATA_HOME="$window_env_root/xdg-data" XDG_CONFIG_HOME="$window_env_root/xdg-config"
  export XDG_CACHE_HOME="$window_env_root/xdg-cache"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
}

# The EXIT trap of window_env_start.
# shellcheck disable=SC2317
window_env_stop() {
  kill "$window_env_xvfb" 2>/dev/null || true
  wait "$window_env_xvfb" 2>/dev/null || true
  rm -rf "$window_env_root"
}

# Runs "$2" and the arguments after it in a private D-Bus session whose gnome-keyring is unlocked with password $1.
with_unlocked_keyring() {
  local password="$1"
  shift
  # The inner script expands its variables in the new session's shell, not here.
  # shellcheck disable=SC2016
  dbus-run-session -- bash -c '
    set -euo pipefail
    eval "$(printf %s "$0" | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
    exec "$@"
  ' "$password" "$@"
}
