#!/usr/bin/env bash
# `laneguard lint` on an agreement with N patterns: 40% in each of two lanes, 20% in an area (one
# directory each, plus "**" and an at-any-depth pattern), as short as the 1 MiB limit needs. Near-linear
# means: doubling N roughly doubles the time. (Before the pattern index, 100,000 patterns did not
# finish in 5 minutes: every pair of lane patterns was compared.)
#
#   bench/lint.sh [LANEGUARD] [N...]        (default N: 25000 50000 100000)
set -euo pipefail
LANEGUARD=${1:-$(dirname "$0")/../build/laneguard}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25000 50000 100000)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for n in "${sizes[@]}"; do
  python3 - "$n" > "$TMP/a.toml" <<'PY'
import sys
n = int(sys.argv[1])
lane = n * 2 // 5  # per lane; the areas get the rest
print('version = 1\n[people.pat]\nemails = ["pat@acme.test"]\n[people.erin]\nemails = ["erin@acme.test"]')
print('[lanes.pm]\nmembers = ["pat"]\nowns = [' + ",".join('"%x/*"' % k for k in range(lane)) + ',"**/*.ipynb"]')
print('[lanes.engineering]\nmembers = ["erin"]\nowns = ["**",' + ",".join('"%x/*"' % (k + lane) for k in range(lane)) + ']')
print('[[protected]]\nname = "auth"\nowners = ["engineering"]\npaths = [' + ",".join('"%x/a*"' % k for k in range(n - 2 * lane)) + ']')
PY
  s=$(date +%s.%N)
  "$LANEGUARD" lint "$TMP/a.toml" > "$TMP/out" 2>&1 || { grep -q "note:" "$TMP/out" || { cat "$TMP/out" >&2; exit 1; }; }
  e=$(date +%s.%N)
  printf 'lint, %6d patterns (%d KB agreement): %6.2f s\n' "$n" "$(($(wc -c < "$TMP/a.toml") / 1024))" "$(perl -e "print $e - $s")"
done
