#!/usr/bin/env bash
# Installs the free classical fills that `./brushwork bench fill` compares against, from Debian's own packages:
# G'MIC (gmic, its patch-based inpainting) and OpenCV for the system Python (python3-opencv, which carries the
# contrib xphoto module and its ShiftMap inpainting). The benchmark skips, with one printed line, any that is missing.
set -euo pipefail

packages="gmic python3-opencv"

have_peers() {
    command -v gmic >/dev/null && /usr/bin/python3 -c 'import cv2; cv2.xphoto.INPAINT_SHIFTMAP' 2>/dev/null
}

if have_peers; then
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root() { "$@"; }
elif command -v sudo >/dev/null; then
    as_root() { sudo "$@"; }
else
    echo "install-bench-peers: G'MIC or Python OpenCV is missing: as root, run apt-get install $packages" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null; then
    echo "install-bench-peers: G'MIC or Python OpenCV is missing and there is no apt-get: install $packages" >&2
    exit 1
fi

install() {
    # shellcheck disable=SC2086 # the package names are meant to split
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages
}

echo "install-bench-peers: installing $packages from Debian's packages" >&2
# The package lists are refreshed only when the install fails without it: on most machines they are fresh enough.
if ! install; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    install
fi

if ! have_peers; then
    echo "install-bench-peers: $packages installed, yet gmic or cv2.xphoto is still missing" >&2
    exit 1
fi
