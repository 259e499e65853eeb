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
# Both readings, in the sample's order: git's for every commit in one run, ours for every file in one.
ids=()
while read -r mark id; do ids[$((${mark#:} - 1))]=$id; done < "$tmp/marks"
git -C "$tmp/repo.git" log --no-walk=unsorted --format='%(trailers:only,unfold)%x00' "${ids[@]}" > "$tmp/git"
LANEGUARD_FUZZ_PRINT=1 "$bin" "${files[@]}" > "$tmp/ours"
mapfile -d '' git_out < "$tmp/git"
mapfile -d '' our_out < "$tmp/ours"
# Each reading ends "\0\n": split at the NULs, a reading is preceded by the previous one's "\n" and
# the last "\n" is a piece of its own.
[ ${#git_out[@]} -eq $((${#files[@]} + 1)) ] && [ ${#our_out[@]} -eq $((${#files[@]} + 1)) ] ||
  { echo "trailers_vs_git.sh: ${#files[@]} messages, git printed ${#git_out[@]} pieces, ours ${#our_out[@]}" >&2; exit 2; }
differ=0 with=0
for i in "${!files[@]}"; do
  [ "${git_out[$i]#$'\n'}" = "" ] || with=$((with + 1))
  if [ "${git_out[$i]}" != "${our_out[$i]}" ]; then
    differ=$((differ + 1))
    if [ $differ -le 10 ]; then
      echo "DIFFERS: ${files[$i]}"
      printf '  git:  %q\n  ours: %q\n' "${git_out[$i]#$'\n'}" "${our_out[$i]#$'\n'}"
    fi
  fi
done
echo "trailers vs git log: ${#files[@]} messages compared ($with with trailers), $differ differ"
[ "$differ" -eq 0 ]
