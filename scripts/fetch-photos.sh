#!/usr/bin/env bash
# Puts the benchmark photos in target/photos: scikit-image's sample photos (public domain / CC0), taken from
# Debian's python3-skimage package, so every machine benchmarks the same pixels.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="target/photos"
if [ -f "$dest/astronaut.png" ]; then
  echo "$dest already has the photos"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download python3-skimage >/dev/null && dpkg -x python3-skimage_*.deb root)
data="$(find "$work/root" -type d -path '*skimage/data' | head -n 1)"
mkdir -p "$dest"
for f in astronaut.png chelsea.png coffee.png rocket.jpg brick.png grass.png gravel.png; do
  cp "$data/$f" "$dest/"
done
echo "photos in $dest: $(ls "$dest" | tr '\n' ' ')"
