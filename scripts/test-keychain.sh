#!/usr/bin/env bash
# Runs the app's real Secret Service test: a private D-Bus session with an unlocked gnome-keyring, a throw-away
# XDG data folder (so the test keyring never touches $HOME), and the ignored `keychain` tests of crisp-desk.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing: run scripts/install-system-deps.sh" >&2; exit 1; }
done

xdg="$(mktemp -d /tmp/crisp-desk-keychain.XXXXXX)"
trap 'rm -rf "$xdg"' EXIT
export XDG_DATA_HOME="$xdg/data" XDG_CONFIG_HOME="$xdg/config" XDG_CACHE_HOME="$xdg/cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"

# The keyring daemon is started by the session and ends with it.
# The inner script expands its variables in the new session's shell, not here.
# shellcheck disable=SC2016
dbus-run-session -- bash -c '
  set -euo pipefail
  eval "$(printf %s ci-password | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
  cargo test -p crisp-desk --locked --test it -- --ignored keychain
'
