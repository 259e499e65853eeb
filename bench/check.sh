#!/usr/bin/env bash
# Times `laneguard check` over a whole history against `git log --name-only --format=%H%n%B`
# over the same range (the git walk that reads the same facts: ids, messages, touched paths).
#   bench/check.sh [BUILD_DIR] [DATA_DIR]
# BUILD_DIR: where the laneguard binary is (default $LANEGUARD_BUILD, else build/).
# DATA_DIR: where the generated repository is cached (default $BENCH_DATA, else bench/.data).
# Repository: 10000 commits over a 50000-file tree (BENCH_COMMITS / BENCH_FILES override).
# Each command runs 3 times; the best time counts. Target: ratio <= 1.5. The repository has no
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
git_cpu=$(best_cpu git log --name-only --format=%H%n%B "$range")
lg_cpu=$(best_cpu "$laneguard" check "$range")
lg_json_cpu=$(best_cpu "$laneguard" check --format json "$range")
lg_areas_cpu=$(best_cpu "$laneguard" check --agreement "$areas_only" "$range")

awk -v g="$git_ns" -v gp="$git_p_ns" -v l="$lg_ns" -v j="$lg_json_ns" -v c="$count" -v f="$files" -v a="$lg_areas_ns" \
    -v gc="$git_cpu" -v lc="$lg_cpu" -v jc="$lg_json_cpu" -v ac="$lg_areas_cpu" 'BEGIN {
  printf "repository: %d commits, %d-file tree\n", c, f
  printf "git log --name-only --format=%%H%%n%%B : %7.3f s\n", g / 1e9
  printf "git log -p --format=%%H%%n%%B          : %7.3f s  (reads the content of every change)\n", gp / 1e9
  printf "laneguard check (text)               : %7.3f s  ratio %.2f (target <= 1.5); against git log -p %.2f\n", l / 1e9, l / g, l / gp
  printf "laneguard check --format json        : %7.3f s  ratio %.2f\n", j / 1e9, j / g
  printf "laneguard check, protected areas only : %7.3f s  ratio %.2f (target <= 1.5; the default agreement without tiers and promotion)\n", a / 1e9, a / g
  printf "CPU seconds (user+sys): git %.2f, text %.2f (ratio %.2f), json %.2f (ratio %.2f), areas only %.2f (ratio %.2f)\n", gc, lc, lc / gc, jc, jc / gc, ac, ac / gc
}'
