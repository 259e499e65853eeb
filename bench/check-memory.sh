#!/usr/bin/env bash
# Peak memory and time of `laneguard check` over long histories, in each streaming format:
#   bench/check-memory.sh [BUILD_DIR] [DATA_DIR]
# Builds (once, with bench/make-repo.sh) a 10,000- and a 50,000-commit history over a 50,000-file
# tree (BENCH_SIZES, BENCH_FILES override), runs `check --format text|json|jsonl main` on each
# under /usr/bin/time, and prints the peak resident memory (the largest of laneguard and the git
# rev-list it starts) and the time against `git log --name-only --format=%H%n%B main` in the same
# repository. Each command runs BENCH_RUNS times (default 3), the four taking turns: the best time
# counts, and the largest peak. Targets (issue 12): at 50,000 commits every format peaks under 150 MiB; from 10,000 to
# 50,000 commits the peak stays flat (at most 1.25x); text within 1.51x of git log, and json no
# slower than text (within 5%). Exit status 1 when a target is missed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-${LANEGUARD_BUILD:-$root/build}}" && pwd)
data=${2:-${BENCH_DATA:-$here/.data}}
sizes=${BENCH_SIZES:-10000 50000}
files=${BENCH_FILES:-50000}
runs=${BENCH_RUNS:-3}
formats="text json jsonl"

laneguard=$build/laneguard
[[ -x $laneguard ]] || { echo "no laneguard binary at $laneguard (build first, or pass BUILD_DIR)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
mkdir -p "$data"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# once REPO COMMAND...: "NS KIB" of one run of COMMAND in REPO (bench/lib.sh's time_once, under
# /usr/bin/time for the peak).
once() {
  local repo=$1 ns
  shift
  ns=$(time_once /usr/bin/time -f "%M" -o "$data/time.txt" "$@")
  echo "$ns $(tail -1 "$data/time.txt")"
}

results=$data/check-memory.txt
: > "$results"
for n in $sizes; do
  repo=$("$here/make-repo.sh" "$data/repo-$n-$files" "$n" "$files")
  count=$(git -C "$repo" rev-list --count main)
  # The runs go round the four commands (git, then each format; each round starting one further
  # on), so that every command sees the same moments of a machine whose speed drifts: the best
  # time of each, the largest peak.
  names=(git text json jsonl)
  declare -A best=() peak=()
  for ((i = 0; i < runs; i++)); do
    for ((k = 0; k < ${#names[@]}; k++)); do
      name=${names[(i + k) % ${#names[@]}]}
      if [[ $name == git ]]; then
        read -r ns kib < <(once "$repo" git log --name-only --format=%H%n%B main)
      else
        read -r ns kib < <(once "$repo" "$laneguard" check --format "$name" main)
      fi
      if [[ -z ${best[$name]:-} ]] || ((ns < best[$name])); then best[$name]=$ns; fi
      if [[ -z ${peak[$name]:-} ]] || ((kib > peak[$name])); then peak[$name]=$kib; fi
    done
  done
  echo "$count git - ${best[git]} ${peak[git]}" >> "$results"
  for f in $formats; do echo "$count laneguard $f ${best[$f]} ${peak[$f]}" >> "$results"; done
  unset best peak
done

awk -v files="$files" '
  $2 == "git" { git[$1] = $4; gitmem[$1] = $5; order[++n] = $1; next }
  { t[$1, $3] = $4; m[$1, $3] = $5 }
  END {
    printf "check over %d-file trees, best of the runs; peak = largest resident set (/usr/bin/time -v)\n", files
    printf "%-8s %-28s %9s %10s %8s\n", "commits", "command", "time s", "peak MiB", "ratio"
    miss = 0
    for (i = 1; i <= n; i++) {
      c = order[i]
      printf "%-8d %-28s %9.3f %10.1f %8s\n", c, "git log --name-only", git[c] / 1e9, gitmem[c] / 1024, "1.00"
      split("text json jsonl", fs, " ")
      for (j = 1; j <= 3; j++) {
        f = fs[j]
        printf "%-8d %-28s %9.3f %10.1f %7.2fx\n", c, "laneguard check --format " f, t[c, f] / 1e9, m[c, f] / 1024, t[c, f] / git[c]
      }
    }
    first = order[1]; last = order[n]
    printf "\ntargets:\n"
    for (j = 1; j <= 3; j++) {
      f = fs[j]
      ok = m[last, f] / 1024 < 150
      printf "  %-5s peak at %d commits %.1f MiB < 150 MiB: %s\n", f, last, m[last, f] / 1024, ok ? "met" : "MISSED"; miss += !ok
      if (n > 1) {
        r = m[last, f] / m[first, f]
        ok = r <= 1.25
        printf "  %-5s peak %d -> %d commits: %.2fx (flat: <= 1.25x): %s\n", f, first, last, r, ok ? "met" : "MISSED"; miss += !ok
      }
    }
    for (i = 1; i <= n; i++) {
      c = order[i]
      ok = t[c, "text"] / git[c] <= 1.51
      printf "  text  time at %d commits: %.2fx git log (<= 1.51x): %s\n", c, t[c, "text"] / git[c], ok ? "met" : "MISSED"; miss += !ok
      ok = t[c, "json"] <= t[c, "text"] * 1.05
      printf "  json  time at %d commits: %.2fx git log, %.2fx text (<= 1.05x text): %s\n", c, t[c, "json"] / git[c], t[c, "json"] / t[c, "text"], ok ? "met" : "MISSED"; miss += !ok
    }
    exit miss ? 1 : 0
  }' "$results"
