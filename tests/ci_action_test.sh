#!/bin/bash
# The composite action's judging step (action.yml), run as GitHub runs it (bash -eo pipefail) on a
# real pull request: annotations on stdout, the Markdown summary, the SARIF file, the verdict output
# and the exit status. (The gh api step needs GitHub; its files are written here in the same shapes.)
source "$(dirname "$0")/ci_lib.sh"
ACTION="$LANEGUARD_SOURCE_DIR/action.yml"

# The `run: |` block of the step with `id: judge`, de-indented.
awk '/^      id: judge$/ {found=1} found && /^      run: \|$/ {inrun=1; next}
     inrun { if ($0 ~ /^        / || $0 == "") { sub(/^        /, ""); print } else exit }' "$ACTION" > "$TMP/judge.sh"
grep -q 'laneguard\|LANEGUARD' "$TMP/judge.sh" && ok "the judge step's script is extracted" || fail "no judge step in $ACTION"

run_step() {  # run_step FORMAT SUMMARY SARIF_FILE
  export RUNNER_TEMP="$TMP/runner" GITHUB_EVENT_PATH="$TMP/event.json" GITHUB_OUTPUT="$TMP/output" \
    GITHUB_STEP_SUMMARY="$TMP/summary.md" FORMAT=$1 SUMMARY=$2 SARIF_FILE=$3 AGREEMENT=""
  mkdir -p "$RUNNER_TEMP"
  cp "$TMP/reviews.json" "$RUNNER_TEMP/laneguard-reviews.json"
  cp "$TMP/commits.json" "$RUNNER_TEMP/laneguard-commits.json"
  : > "$GITHUB_OUTPUT"; : > "$GITHUB_STEP_SUMMARY"
  OUT=$(cd "$TMP/ci" && LANEGUARD="$LANEGUARD" bash --noprofile --norc -eo pipefail "$TMP/judge.sh" 2>"$TMP/stderr")
  RC=$?
  ERR=$(cat "$TMP/stderr")
}

setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
github_event 50 pat
review pat APPROVED
write_reviews
echo '[]' > "$TMP/commits.json"
run_step github true "$TMP/laneguard.sarif"
[ "$RC" = 1 ] && ok "a blocked pull request fails the step" || fail "exit $RC: $ERR"
grep -qx "verdict=block" "$TMP/output" && ok "... verdict=block in \$GITHUB_OUTPUT" || fail "output: $(cat "$TMP/output")"
echo "$OUT" | grep -q '^::error file=src/auth/login.py,title=laneguard self-approval' && ok "... annotations in the log" || fail "log: $OUT"
grep -q '^## ❌ blocked' "$TMP/summary.md" && grep -q '^| area | requirement | approved by | missing |' "$TMP/summary.md" \
  && ok "... the Markdown table in the job summary" || fail "summary: $(cat "$TMP/summary.md")"
json_eval "$(cat "$TMP/laneguard.sarif")" '$j->{runs}[0]{results}[0]{ruleId}' | grep -qx self-approval \
  && ok "... and the SARIF file" || fail "sarif: $(head -c 300 "$TMP/laneguard.sarif")"

REVIEWS=(); review erin APPROVED; write_reviews
run_step github false ""
[ "$RC" = 0 ] && grep -qx "verdict=allow" "$TMP/output" && ok "an approved pull request passes with verdict=allow" || fail "exit $RC: $ERR"
[ ! -s "$TMP/summary.md" ] && ok "... summary: false writes no summary" || fail "summary written"

echo '[{"bad json' > "$TMP/reviews.json"
run_step github true ""
[ "$RC" = 2 ] && echo "$ERR" | grep -q "laneguard-reviews.json:1:[0-9]*: malformed JSON" && [ ! -s "$TMP/output" ] \
  && ok "bad input fails the step with the error and no verdict" || fail "bad input: exit $RC: $ERR"

finish
