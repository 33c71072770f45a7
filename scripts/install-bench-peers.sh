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

echo "install-bench-peers: gmic or Python OpenCV with xphoto is missing" >&2
# shellcheck disable=SC2086 # the package names are meant to split
"$(dirname "$0")/apt-install.sh" install-bench-peers $packages

if ! have_peers; then
    echo "install-bench-peers: $packages installed, yet gmic or cv2.xphoto is still missing" >&2
    exit 1
fi
