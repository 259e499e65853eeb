#!/usr/bin/env bash
# tests/fuzz/trailers_vs_git.sh FUZZ_TRAILERS [-n N] DIR...: the differential half of the trailer fuzz
# target. A sample of N messages (default 300; fixed seed) from the corpus directories becomes real
# commits (git fast-import stores them byte for byte), and for each one what laneguard's parser reads
# (fuzz_trailers with LANEGUARD_FUZZ_PRINT) must be exactly what `git log --format=%(trailers:only,
# unfold)` prints. Exit 1 with the differing messages when any differs.
set -euo pipefail
bin=${1:?usage: trailers_vs_git.sh FUZZ_TRAILERS [-n N] DIR...}
shift
n=300
if [ "${1:-}" = -n ]; then n=$2; shift 2; fi
[ $# -gt 0 ] || { echo "trailers_vs_git.sh: no corpus directory" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
# The sample: a fixed pseudo-random choice, so a failure reproduces.
find "$@" -maxdepth 1 -type f -size -64k | sort |
  shuf -n "$n" --random-source=<(yes laneguard) > "$tmp/sample"
mapfile -t files < "$tmp/sample"
[ ${#files[@]} -gt 0 ] || { echo "trailers_vs_git.sh: empty corpus" >&2; exit 2; }
git init -q --bare "$tmp/repo.git"
{
  for i in "${!files[@]}"; do
    printf 'commit refs/heads/main\nmark :%d\ncommitter Tester <tester@example.test> 1700000000 +0000\ndata %d\n' \
      $((i + 1)) "$(wc -c < "${files[$i]}")"
    cat "${files[$i]}"
    printf '\n'
  done
} > "$tmp/stream"
git -C "$tmp/repo.git" fast-import --quiet --export-marks="$tmp/marks" < "$tmp/stream"
compared=0 differ=0 with=0
while read -r mark id; do
  f=${files[$((${mark#:} - 1))]}
  git -C "$tmp/repo.git" log -1 --format='%(trailers:only,unfold)%x00' "$id" > "$tmp/git"
  LANEGUARD_FUZZ_PRINT=1 "$bin" "$f" > "$tmp/ours" 2>/dev/null
  compared=$((compared + 1))
  [ "$(head -c 1 "$tmp/git" | od -An -tx1 | tr -d ' ')" = 00 ] || with=$((with + 1))
  if ! cmp -s "$tmp/git" "$tmp/ours"; then
    differ=$((differ + 1))
    if [ $differ -le 10 ]; then
      echo "DIFFERS: $f"
      echo "  git:  $(od -c "$tmp/git" | head -5)"
      echo "  ours: $(od -c "$tmp/ours" | head -5)"
    fi
  fi
done < "$tmp/marks"
echo "trailers vs git log: $compared messages compared ($with with trailers), $differ differ"
[ "$differ" -eq 0 ]
