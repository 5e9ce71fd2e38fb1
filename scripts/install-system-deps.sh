#!/usr/bin/env bash
# Installs the Debian packages Crisp Desk needs to build, run and test, only when one is missing.
set -euo pipefail

packages=(
  # Tauri v2 build dependencies
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev
  libayatana-appindicator3-dev build-essential pkg-config libssl-dev libxdo-dev file curl
  # virtual display, screenshots, WebDriver, Secret Service, UI browser
  xvfb xauth imagemagick webkit2gtk-driver gnome-keyring libsecret-tools dbus-x11 x11-utils xdotool
  fonts-dejavu-core chromium
  # lint for the project's shell scripts
  shellcheck
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing system packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
