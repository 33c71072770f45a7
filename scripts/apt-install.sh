#!/usr/bin/env bash
# Installs Debian packages as root or through sudo, refreshing the package lists only when the install fails without
# it (on most machines they are fresh enough). Where it cannot, it says so in one line and exits 1.
# Usage: scripts/apt-install.sh WHO PACKAGE...   (WHO, the calling script, starts every line it prints)
set -euo pipefail
who=$1
shift

if [[ $(id -u) -eq 0 ]]; then
    as_root() { "$@"; }
elif command -v sudo >/dev/null; then
    as_root() { sudo "$@"; }
else
    echo "$who: as root, run apt-get install $*" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null; then
    echo "$who: there is no apt-get: install the equivalent of Debian's $*" >&2
    exit 1
fi

install() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

echo "$who: installing $* from Debian's packages" >&2
if ! install "$@"; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    install "$@"
fi
