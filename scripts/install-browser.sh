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

echo "install-browser: $browser or $driver is missing" >&2
# shellcheck disable=SC2086 # the package names are meant to split
"$(dirname "$0")/apt-install.sh" install-browser $packages

if [[ ! -x $browser || ! -x $driver ]]; then
    echo "install-browser: $packages installed, yet $browser or $driver is still missing" >&2
    exit 1
fi
