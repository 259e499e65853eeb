#!/usr/bin/env bash
# Times `laneguard check` over a whole history against `git log --name-only --format=%H%n%B`
# over the same range (the git walk that reads the same facts: ids, messages, touched paths).
#   bench/check.sh [BUILD_DIR] [DATA_DIR]
# BUILD_DIR: where the laneguard binary is (default $LANEGUARD_BUILD, else build/).
# DATA_DIR: where the generated repository is cached (default $BENCH_DATA, else bench/.data).
# Repository: 10000 commits over a 50000-file tree (BENCH_COMMITS / BENCH_FILES override).
# Each command runs 3 times and the best time counts; then laneguard and git alternate, 7 pairs
# (BENCH_PAIRS), and the median of the ratios within the pairs is the figure held to the target
# (ratio <= 1.5): this machine's speed drifts, and a pair's two runs see the same machine. The repository has no
# .laneguard.toml, so check judges by the embedded default agreement; it is also timed with that
# agreement's protected areas only, which shows what its tiers and prototype-promotion rule cost.
# The protected areas read what `git log --name-only` reads (ids, messages, touched paths); the
# prototype-promotion rule also reads the content of every changed production file, so the whole
# default agreement is also set against `git log -p`, which reads the contents it compares.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-${LANEGUARD_BUILD:-$root/build}}" && pwd)
data=${2:-${BENCH_DATA:-$here/.data}}
commits=${BENCH_COMMITS:-10000}
files=${BENCH_FILES:-50000}
runs=${BENCH_RUNS:-3}

laneguard=$build/laneguard
[[ -x $laneguard ]] || { echo "no laneguard binary at $laneguard (build first, or pass BUILD_DIR)" >&2; exit 2; }

mkdir -p "$data"
repo=$("$here/make-repo.sh" "$data/repo-$commits-$files" "$commits" "$files")
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
range=main

count=$(git -C "$repo" rev-list --count "$range")
git_ns=$(best_of git log --name-only --format=%H%n%B "$range")
git_p_ns=$(best_of git log -p --format=%H%n%B "$range")
lg_ns=$(best_of "$laneguard" check "$range")
lg_json_ns=$(best_of "$laneguard" check --format json "$range")
# The cost of the default agreement's tiers and prototype-promotion rule: the same agreement with
# its protected areas only (every [[tier]] table dropped, [promotion] turned off).
areas_only=$data/areas-only.toml
awk '/^\[\[tier/ { skip = 1 } /^\[promotion\]/ { skip = 0; print; print "enabled = false"; next }
     /^\[/ && !/^\[\[?tier/ && !/^\[promotion\]/ { skip = 0 } !skip' "$root/policies/default.toml" > "$areas_only"
"$laneguard" lint "$areas_only" >/dev/null
lg_areas_ns=$(best_of "$laneguard" check --agreement "$areas_only" "$range")
# CPU seconds (user+sys, the rev-list child included), best of $runs: steadier than the wall clock
# on a loaded machine.
best_cpu() {
  local b= t i
  for ((i = 0; i < runs; i++)); do
    t=$(cpu "$@" | awk '{print $1 + $2}')
    if [[ -z $b ]] || awk -v x="$t" -v y="$b" 'BEGIN { exit !(x < y) }'; then b=$t; fi
  done
  echo "$b"
}
# Alternating pairs (bench/lib.sh: paired): the ratio within each pair, its median the headline.
pairs=${BENCH_PAIRS:-7}
git_cmd=(git log --name-only --format=%H%n%B "$range")
lg_cmd=("$laneguard" check "$range")
lg_json_cmd=("$laneguard" check --format json "$range")
read -r _ _ pair_text pair_text_lo pair_text_hi <<<"$(paired "$pairs" git_cmd lg_cmd)"
read -r _ _ pair_json pair_json_lo pair_json_hi <<<"$(paired "$pairs" git_cmd lg_json_cmd)"
git_cpu=$(best_cpu git log --name-only --format=%H%n%B "$range")
lg_cpu=$(best_cpu "$laneguard" check "$range")
lg_json_cpu=$(best_cpu "$laneguard" check --format json "$range")
lg_areas_cpu=$(best_cpu "$laneguard" check --agreement "$areas_only" "$range")

awk -v g="$git_ns" -v gp="$git_p_ns" -v l="$lg_ns" -v j="$lg_json_ns" -v c="$count" -v f="$files" -v a="$lg_areas_ns" \
    -v gc="$git_cpu" -v lc="$lg_cpu" -v jc="$lg_json_cpu" -v ac="$lg_areas_cpu" -v n="$pairs" \
    -v pt="$pair_text" -v ptl="$pair_text_lo" -v pth="$pair_text_hi" -v pj="$pair_json" -v pjl="$pair_json_lo" -v pjh="$pair_json_hi" 'BEGIN {
  printf "repository: %d commits, %d-file tree\n", c, f
  printf "git log --name-only --format=%%H%%n%%B : %7.3f s\n", g / 1e9
  printf "git log -p --format=%%H%%n%%B          : %7.3f s  (reads the content of every change)\n", gp / 1e9
  printf "laneguard check (text)               : %7.3f s  ratio %.2f (best of each); against git log -p %.2f\n", l / 1e9, l / g, l / gp
  printf "laneguard check --format json        : %7.3f s  ratio %.2f (best of each)\n", j / 1e9, j / g
  printf "alternating with git log, %d pairs    : text ratio %.2f (target <= 1.5; pairs %.2f-%.2f), json %.2f (%.2f-%.2f)\n", n, pt, ptl, pth, pj, pjl, pjh
  printf "laneguard check, protected areas only : %7.3f s  ratio %.2f (target <= 1.5; the default agreement without tiers and promotion)\n", a / 1e9, a / g
  printf "CPU seconds (user+sys): git %.2f, text %.2f (ratio %.2f), json %.2f (ratio %.2f), areas only %.2f (ratio %.2f)\n", gc, lc, lc / gc, jc, jc / gc, ac, ac / gc
}'
