#!/usr/bin/env bash
# Installs the Debian packages seer's tests and benchmarks drive for real, only when missing.
# Without root or apt it says what is missing and returns 0: the tests that need a package skip
# with that reason.
# Usage: tools/system-deps.sh [test|bench]   (bench also needs Chromium, asciinema and the npm
# asciinema-player, which goes to bench/out/npm for the memory bench's terminal recordings)
set -u
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-impress)
[ "${1:-test}" = bench ] && ! command -v chromium >/dev/null 2>&1 && need+=(chromium)
[ "${1:-test}" = bench ] && ! command -v asciinema >/dev/null 2>&1 && need+=(asciinema)
player="$(dirname "$0")/../bench/out/npm"
if [ "${1:-test}" = bench ] && [ ! -f "$player/node_modules/asciinema-player/dist/bundle/asciinema-player.min.js" ]; then
  if command -v npm >/dev/null 2>&1; then
    mkdir -p "$player" && npm install --silent --prefix "$player" asciinema-player@3 >/dev/null \
      || echo "warning: could not install the npm asciinema-player; the memory bench skips its terminal recordings" >&2
  else
    echo "note: npm is missing; the memory bench skips its terminal recordings" >&2
  fi
fi
fc-list 2>/dev/null | grep -qi "DejaVuSans.ttf" || need+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -qi "LiberationSans-Regular" || need+=(fonts-liberation2)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)  # CJK text for the OCR charset test
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || echo "warning: could not install ${need[*]}; tests that need them will be skipped" >&2
else
  echo "note: missing Debian packages (${need[*]}); tests that need them will be skipped" >&2
fi
exit 0
