# Shared by the bench scripts (source it): clocks, best-of timing, CPU seconds, and the stamp that
# lets bench/make-repo.sh and bench/make-merge-repo.sh reuse a repository they built before.
# Not a benchmark itself.

now() { date +%s.%N; }       # seconds, for elapsed
now_ns() { date +%s%N; }     # nanoseconds, for best_of
# elapsed START END: seconds between two `now` readings, three decimals.
elapsed() { perl -e 'printf "%.3f", $ARGV[1] - $ARGV[0]' "$1" "$2"; }
# best < "t1 t2 ...": the smallest of the numbers.
best() { tr ' ' '\n' | sort -n | head -1; }

# best_of COMMAND...: runs COMMAND $runs times in $repo (stdout discarded, stderr kept in
# $data/stderr.txt) and prints the best wall time in nanoseconds. Exit status 1 is a verdict
# (laneguard check blocks), not a failure; anything higher stops the benchmark (exit 3).
best_of() {
  local best= t i
  for ((i = 0; i < runs; i++)); do
    t=$(time_once "$@")
    if [[ -z $best ]] || ((t < best)); then best=$t; fi
  done
  echo "$best"
}

# time_once COMMAND...: one run of COMMAND in $repo, as best_of runs it; prints nanoseconds.
time_once() {
  local start end status
  start=$(now_ns)
  set +e
  (cd "$repo" && "$@" >/dev/null 2>"$data/stderr.txt")
  status=$?
  set -e
  end=$(now_ns)
  if ((status > 1)); then
    echo "command failed ($status): $*" >&2
    cat "$data/stderr.txt" >&2
    exit 3
  fi
  echo $((end - start))
}

# median N...: the median of the numbers.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# paired PAIRS BASE_ARRAY CMD_ARRAY: runs the two commands (names of bash arrays) alternately in
# $repo, PAIRS times each (base then command, then command then base, ...), and prints
# "MEDIAN_BASE_NS MEDIAN_CMD_NS MEDIAN_RATIO LOWEST_RATIO HIGHEST_RATIO", the ratios being the
# command's time over the base's within each pair. This machine's speed drifts (a shared VM: 2x
# within minutes); the two runs of a pair see the same machine, which separate best-of series do
# not (the base's best run may fall in a quick moment the command never saw).
paired() {
  local pairs=$1 i a b
  local -n base_cmd=$2 other_cmd=$3
  local -a as=() bs=() rs=()
  for ((i = 0; i < pairs; i++)); do
    if ((i % 2 == 0)); then
      a=$(time_once "${base_cmd[@]}")
      b=$(time_once "${other_cmd[@]}")
    else
      b=$(time_once "${other_cmd[@]}")
      a=$(time_once "${base_cmd[@]}")
    fi
    as+=("$a") bs+=("$b") rs+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", b / a }')")
  done
  echo "$(median "${as[@]}") $(median "${bs[@]}") $(median "${rs[@]}") $(printf '%s\n' "${rs[@]}" | sort -g | head -1) $(printf '%s\n' "${rs[@]}" | sort -g | tail -1)"
}

# cpu COMMAND...: "USER SYS MAXRSS_KB" of one run of COMMAND in $repo (CPU seconds: on a loaded
# machine steadier than the wall clock; child processes included).
cpu() {
  (cd "$repo" && /usr/bin/time -f "%U %S %M" "$@" >/dev/null 2>"$data/time.txt") || true
  tail -n1 "$data/time.txt"
}

# bench_cached DIR STAMP: prints DIR and succeeds when DIR holds a repository built with STAMP.
bench_cached() {
  [[ -f "$1/.git/bench-stamp" && "$(cat "$1/.git/bench-stamp")" == "$2" ]] && echo "$1"
}
# bench_new_repo DIR: an empty repository at DIR (branch main), git configuration isolated.
bench_new_repo() {
  rm -rf "$1"
  mkdir -p "$1"
  export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
  git init -q -b main "$1"
}
# bench_stamp DIR STAMP: records that DIR is complete (written last, after the import).
bench_stamp() { printf '%s\n' "$2" > "$1/.git/bench-stamp"; }
