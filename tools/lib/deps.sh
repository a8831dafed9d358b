# shellcheck shell=bash
# tools/lib/deps.sh — the one list of Debian 12 packages Stillwater needs to
# build, run and test, and a helper that installs whichever are missing.
#
# Sourced by tools/run and tools/test (and so by .ci/run):
#
#   . "$repo/tools/lib/deps.sh"
#   sw_ensure_deps
#
# Fast path: when every package is already installed nothing else happens
# (no apt-get update). As root the missing packages are installed with apt-get;
# otherwise the exact sudo command is printed and the caller exits 1.
#
# Copyright 2026 The Stillwater developers
# SPDX-License-Identifier: GPL-3.0-or-later

SW_DEPS=(
  # toolchain (gcc pulls libasan8/libubsan1 for the sanitizer build)
  meson ninja-build pkg-config gcc git ca-certificates
  # libraries
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsqlite3-dev libxml2-dev libgdk-pixbuf-2.0-dev
  libsecret-1-dev libcrypt-dev libsodium-dev nettle-dev
  # the HTTP core's TLS (--tls-cert/--tls-key); GIO's TLS backend, for the test clients
  libgnutls28-dev glib-networking
  # data files: translations, .desktop and metainfo validation, settings schemas
  gettext desktop-file-utils appstream gsettings-desktop-schemas
  # what a GTK window needs to draw on a bare machine: fonts, SVG icons
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme librsvg2-common
  # test session: display, session bus, accessibility bus, secret service
  xvfb xauth dbus dbus-x11 at-spi2-core gnome-keyring libsecret-tools
  # tools the tests and people use: HTTP checks, screenshots
  curl imagemagick
)

# Prints the packages of SW_DEPS that are not installed, one per line.
sw_missing_deps ()
{
  local pkg status
  for pkg in "${SW_DEPS[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    # A multiarch package prints one status per installed architecture.
    if [[ "$status" != *"ok installed"* ]]; then
      printf '%s\n' "$pkg"
    fi
  done
}

# Installs the missing packages (root) or tells how to (anyone else).
# Returns 0 when everything is installed afterwards; exits 1 otherwise.
sw_ensure_deps ()
{
  local -a missing
  mapfile -t missing < <(sw_missing_deps)
  if (( ${#missing[@]} == 0 )); then
    return 0
  fi

  if (( EUID != 0 )); then
    echo "Stillwater needs these Debian packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi

  echo "==> Installing ${#missing[@]} missing package(s): ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get update -o DPkg::Lock::Timeout=300 </dev/null; then
    echo "apt-get update failed" >&2
    exit 1
  fi
  if ! apt-get install -y --no-install-recommends \
         -o DPkg::Lock::Timeout=300 "${missing[@]}" </dev/null; then
    echo "apt-get install failed for: ${missing[*]}" >&2
    exit 1
  fi

  mapfile -t missing < <(sw_missing_deps)
  if (( ${#missing[@]} != 0 )); then
    echo "Still missing after apt-get install: ${missing[*]}" >&2
    exit 1
  fi
}
