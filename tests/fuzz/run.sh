#!/usr/bin/env bash
# tests/fuzz/run.sh [-b BUILD_DIR] [--keep-going] SECONDS [TARGET...]: fuzzes each target (default:
# all of them) for SECONDS, one after the other, starting from its seed corpus (corpus/<target>/).
# New inputs go to BUILD_DIR/fuzz-corpus/<target>/ (kept between runs, never into the repository); a
# crash, leak, timeout or out-of-memory leaves its input in BUILD_DIR/fuzz-artifacts/ and fails the
# run (exit 1). --keep-going (libFuzzer's fork mode) records each finding and fuzzes on for the whole
# time: for long runs on code with known defects. Prints executions and coverage per target.
# BUILD_DIR (default build-fuzz) was configured with -DLANEGUARD_FUZZ=ON.
# Replay a finding: BUILD_DIR/tests/fuzz/fuzz_<target> ARTIFACT.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$here/../../build-fuzz
keep_going=()
while [ $# -gt 0 ]; do
  case "$1" in
    -b) build=$2; shift 2 ;;
    --keep-going) keep_going=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1); shift ;;
    *) break ;;
  esac
done
seconds=${1:?usage: run.sh [-b BUILD_DIR] SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(agreement pattern trailers ai_markers ref_updates ci_json index pack)
build=$(cd "$build" && pwd) || exit 2
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$build/fuzz-artifacts"
failed=()
printf '%-12s %8s %12s %8s %8s %8s  %s\n' target seconds executions cov features corpus result
for t in "${targets[@]}"; do
  bin=$build/tests/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "run.sh: no $bin (configure with -DLANEGUARD_FUZZ=ON and build)" >&2; exit 2; }
  corpus=$build/fuzz-corpus/$t
  mkdir -p "$corpus"
  log=$build/fuzz-artifacts/$t.log
  touch "$log.start"
  # -timeout: one input taking 10 s is a finding (the quadratic cases of issue 10 took 13 s and more).
  "$bin" ${keep_going[@]+"${keep_going[@]}"} -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-artifacts/$t-" "$corpus" "$here/corpus/$t" > "$log" 2>&1
  rc=$?
  # The last status line: "#N DONE cov: ..." (or "#N: cov: ..." in fork mode, N the executions).
  done_line=$(grep -E '^#[0-9]+(:|[[:space:]]+(DONE|INITED|NEW|REDUCE|pulse))' "$log" | tail -1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$done_line")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$done_line")
  result=ok
  findings=$(find "$build/fuzz-artifacts" -name "$t-*" -newer "$log.start" 2>/dev/null | wc -l)
  if [ "$rc" -eq 0 ] && [ "$findings" -gt 0 ]; then
    result="FAILED: $findings finding(s): $(find "$build/fuzz-artifacts" -name "$t-*" -newer "$log.start" | sed 's|.*/||' | head -5 | tr '\n' ' ')"
    failed+=("$t")
  elif [ "$rc" -ne 0 ]; then
    result="FAILED (exit $rc): $(grep -m1 -E '^==[0-9]+==ERROR|SUMMARY|^ALARM|invariant broken|deadly signal|out-of-memory' "$log" | cut -c1-100)"
    failed+=("$t")
  fi
  printf '%-12s %8s %12s %8s %8s %8s  %s\n' "$t" "$seconds" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing failed: ${failed[*]}; inputs and logs in $build/fuzz-artifacts/" >&2
  for t in "${failed[@]}"; do ls "$build/fuzz-artifacts/$t-"* 2>/dev/null | sed 's/^/  /' >&2; done
  exit 1
fi
