#!/usr/bin/env bash
# Screenshot of a running status page with Debian's headless chromium, for benchmarks/results.
#   status-page/scripts/screenshot.sh http://127.0.0.1:8070/ status-page.png [WIDTHxHEIGHT]
# The page draws itself from /status.json; 8 s of virtual time let it load and render.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 URL OUT.png [WIDTHxHEIGHT]" >&2
  exit 2
fi
url=$1
out=$2
size=${3:-1400x1800}
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "$chromium not found: apt-get install chromium (or set CHROMIUM)" >&2
  exit 1
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$profile" --window-size="${size/x/,}" --virtual-time-budget=8000 \
  --screenshot="$(realpath -m "$out")" "$url" 2>/dev/null
test -s "$out"
echo "wrote $out"
