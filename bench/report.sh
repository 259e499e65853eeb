#!/usr/bin/env bash
# `laneguard report` against `laneguard check` over the same history (issue 17: within twice
# check's time, in bounded memory):
#   bench/report.sh [BUILD_DIR] [DATA_DIR]
# Histories (built once and cached): bench/make-repo.sh's linear history of BENCH_SIZES commits
# (default "10000 50000") over a BENCH_FILES-file tree (default 50000), and bench/make-merge-repo.sh's
# merge-heavy one (BENCH_MERGE_ROUNDS rounds, default 5000; 0 to skip). Each command runs BENCH_RUNS
# times (default 3): the best wall time and the best CPU time (user+sys, children included) count,
# and the largest peak resident set (/usr/bin/time). Prints the ratio of report (html and json) to
# check (text); exit status 1 when a ratio of CPU times passes 2.0 or report's peak memory passes
# 1.10x check's on the same history (check's memory is bounded: bench/check-memory.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-${LANEGUARD_BUILD:-$root/build}}" && pwd)
data=${2:-${BENCH_DATA:-$here/.data}}
sizes=${BENCH_SIZES:-10000 50000}
files=${BENCH_FILES:-50000}
merge_rounds=${BENCH_MERGE_ROUNDS:-5000}
runs=${BENCH_RUNS:-3}

laneguard=$build/laneguard
[[ -x $laneguard ]] || { echo "no laneguard binary at $laneguard (build first, or pass BUILD_DIR)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
mkdir -p "$data"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# measure REPO COMMAND...: runs it $runs times in REPO; prints "BEST_WALL_S BEST_CPU_S PEAK_KIB".
measure() {
  local repo=$1 wall= cpu= peak=0 status line
  shift
  for ((i = 0; i < runs; i++)); do
    set +e
    (cd "$repo" && /usr/bin/time -f "%e %U %S %M" -o "$data/time.txt" "$@" >/dev/null 2>"$data/stderr.txt")
    status=$?
    set -e
    # check exits 1 when a finding blocks: a verdict, not a failure.
    if ((status > 1)); then
      echo "command failed ($status): $*" >&2
      cat "$data/stderr.txt" >&2
      exit 3
    fi
    line=$(tail -1 "$data/time.txt")
    read -r w u s kib <<<"$line"
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    if [[ -z $wall ]] || awk -v x="$w" -v y="$wall" 'BEGIN { exit !(x < y) }'; then wall=$w; fi
    if [[ -z $cpu ]] || awk -v x="$c" -v y="$cpu" 'BEGIN { exit !(x < y) }'; then cpu=$c; fi
    if ((kib > peak)); then peak=$kib; fi
  done
  echo "$wall $cpu $peak"
}

results=$data/report-bench.txt
: > "$results"
run_on() {  # run_on NAME REPO
  local name=$1 repo=$2 count
  count=$(git -C "$repo" rev-list --count main)
  for cmd in "check" "report --format html" "report --format json"; do
    # shellcheck disable=SC2086
    read -r wall cpu kib < <(measure "$repo" "$laneguard" $cmd main)
    echo "$name $count ${cmd// /_} $wall $cpu $kib" >> "$results"
  done
}
for n in $sizes; do
  run_on linear "$("$here/make-repo.sh" "$data/repo-$n-$files" "$n" "$files")"
done
if ((merge_rounds > 0)); then
  run_on merges "$("$here/make-merge-repo.sh" "$data/merges-$merge_rounds-20000" "$merge_rounds" 20000)"
fi

awk '
  { key = $1 " " $2; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    wall[key, $3] = $4; cpu[key, $3] = $5; mem[key, $3] = $6 }
  END {
    printf "%-8s %8s %-22s %8s %8s %9s %11s\n", "history", "commits", "command", "wall s", "CPU s", "peak MiB", "CPU ratio"
    miss = 0
    for (i = 1; i <= n; i++) {
      k = order[i]
      split("check report_--format_html report_--format_json", cs, " ")
      for (j = 1; j <= 3; j++) {
        c = cs[j]; split(k, kk, " ")
        r = cpu[k, c] / (cpu[k, "check"] > 0 ? cpu[k, "check"] : 1)
        name = c; gsub("_", " ", name)
        printf "%-8s %8d %-22s %8.2f %8.2f %9.1f %11.2f\n", kk[1], kk[2], name, wall[k, c], cpu[k, c], mem[k, c] / 1024, r
        if (j > 1 && r > 2.0) { miss = 1; print "  MISSED: more than twice check'"'"'s CPU time" }
      }
      for (j = 2; j <= 3; j++)
        if (mem[k, cs[j]] > 1.10 * mem[k, "check"]) {
          miss = 1; printf "  MISSED: %s peaks above 1.10x check'"'"'s memory\n", cs[j]
        }
    }
    exit miss
  }' "$results"
