#!/usr/bin/env bash
# Times `laneguard check` on a merge-heavy history (bench/make-merge-repo.sh: about a third of the
# commits merges, files changed on both sides, merged cleanly or resolved by hand) against
# `git log --diff-merges=first-parent --name-only --format=%H%n%B` over the same range, and counts
# how the merges' paths were classified (laneguard's JSON) against `git show --remerge-diff` on a
# sample. Each command runs 3 times and the best time counts; then laneguard and git alternate, 7
# pairs, and the median of the ratios within the pairs is the figure held to the target (ratio
# <= 1.5): this machine's speed drifts, and a pair's two runs see the same machine.
#   bench/check-merges.sh [BUILD_DIR] [DATA_DIR]  (BENCH_ROUNDS, BENCH_FILES, BENCH_RUNS, BENCH_PAIRS override)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-${LANEGUARD_BUILD:-$root/build}}" && pwd)
data=${2:-${BENCH_DATA:-$here/.data}}
rounds=${BENCH_ROUNDS:-5000}
files=${BENCH_FILES:-20000}
runs=${BENCH_RUNS:-3}
laneguard=$build/laneguard
[[ -x $laneguard ]] || { echo "no laneguard binary at $laneguard (build first, or pass BUILD_DIR)" >&2; exit 2; }

mkdir -p "$data"
repo=$("$here/make-merge-repo.sh" "$data/merges-$rounds-$files" "$rounds" "$files")
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

count=$(git -C "$repo" rev-list --count main)
merges=$(git -C "$repo" rev-list --count --merges main)
own=0 sample=0
for m in $(git -C "$repo" rev-list --merges main | head -200); do
  sample=$((sample + 1))
  [[ -n $(git -C "$repo" show --remerge-diff --format= --name-only "$m") ]] && own=$((own + 1))
done
git_ns=$(best_of git log --diff-merges=first-parent --name-only --format=%H%n%B main)
git_p_ns=$(best_of git log -p --diff-merges=first-parent --format=%H%n%B main)
lg_ns=$(best_of "$laneguard" check main)
# The default agreement's protected areas only (no tiers, promotion off), as bench/check.sh does:
# what reads the same facts as git's name-only walk.
areas_only=$data/areas-only.toml
awk '/^\[\[tier/ { skip = 1 } /^\[promotion\]/ { skip = 0; print; print "enabled = false"; next }
     /^\[/ && !/^\[\[?tier/ && !/^\[promotion\]/ { skip = 0 } !skip' "$root/policies/default.toml" > "$areas_only"
"$laneguard" lint "$areas_only" >/dev/null
lg_areas_ns=$(best_of "$laneguard" check --agreement "$areas_only" main)
# Alternating pairs (bench/lib.sh: paired): the ratio within each pair, its median the headline.
pairs=${BENCH_PAIRS:-7}
git_cmd=(git log --diff-merges=first-parent --name-only --format=%H%n%B main)
lg_cmd=("$laneguard" check main)
read -r _ _ pair pair_lo pair_hi <<<"$(paired "$pairs" git_cmd lg_cmd)"
read -r gu gs _ <<<"$(cpu git log --diff-merges=first-parent --name-only --format=%H%n%B main)"
read -r lu ls peak <<<"$(cpu "$laneguard" check main)"
awk -v g="$git_ns" -v gp="$git_p_ns" -v ar="$lg_areas_ns" -v l="$lg_ns" -v c="$count" -v m="$merges" -v o="$own" -v s="$sample" -v p="$peak" \
    -v gc="$gu $gs" -v lc="$lu $ls" -v n="$pairs" -v pr="$pair" -v prl="$pair_lo" -v prh="$pair_hi" 'BEGIN {
  split(gc, a, " "); split(lc, b, " "); gcpu = a[1] + a[2]; lcpu = b[1] + b[2]
  printf "repository: %d commits, %d merges (%.0f%%); of the last %d merges %d have a change of their own (git show --remerge-diff)\n", c, m, 100 * m / c, s, o
  printf "git log --diff-merges=first-parent --name-only : %7.3f s\n", g / 1e9
  printf "git log -p --diff-merges=first-parent           : %7.3f s  (reads the content of every change)\n", gp / 1e9
  printf "laneguard check                                 : %7.3f s  ratio %.2f (best of each); against git log -p %.2f\n", l / 1e9, l / g, l / gp
  printf "alternating with git log, %d pairs               : ratio %.2f (target <= 1.5; pairs %.2f-%.2f)\n", n, pr, prl, prh
  printf "laneguard check, protected areas only           : %7.3f s  ratio %.2f (target <= 1.5; no tiers, no promotion)\n", ar / 1e9, ar / g
  printf "CPU seconds (user+sys): git %.2f, laneguard %.2f, ratio %.2f\n", gcpu, lcpu, lcpu / gcpu
  if (p != "") printf "laneguard check peak memory                     : %7.1f MiB\n", p / 1024
}'
