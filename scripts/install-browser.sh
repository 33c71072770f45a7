#!/usr/bin/env bash
# Installs the Chromium and chromedriver that the browser tests drive (src/test/java/io/brushwork/testing/Browser.java
# looks for them at exactly these paths). Both come from Debian's own packages: nothing is fetched from elsewhere.
set -euo pipefail

browser=/usr/bin/chromium
driver=/usr/bin/chromedriver
packages="chromium chromium-driver"

if [[ -x $browser && -x $driver ]]; then
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root() { "$@"; }
elif command -v sudo >/dev/null; then
    as_root() { sudo "$@"; }
else
    echo "install-browser: $browser or $driver is missing: as root, run apt-get install $packages" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null; then
    echo "install-browser: $browser or $driver is missing and there is no apt-get: install Chromium and chromedriver at those paths" >&2
    exit 1
fi

install() {
    # shellcheck disable=SC2086 # the package names are meant to split
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages
}

echo "install-browser: installing $packages from Debian's packages" >&2
# The package lists are refreshed only when the install fails without it: on most machines they are fresh enough.
if ! install; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    install
fi

if [[ ! -x $browser || ! -x $driver ]]; then
    echo "install-browser: $packages installed, yet $browser or $driver is still missing" >&2
    exit 1
fi
