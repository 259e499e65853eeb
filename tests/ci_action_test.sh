#!/bin/bash
# The composite action (action.yml) run the way a runner runs it (tests/action_runner.py: inputs and
# their defaults, ${{ }} expressions, `if`, each `run` step as `bash --noprofile --norc -eo pipefail`,
# $GITHUB_OUTPUT read back as step outputs, later steps skipped after a failure), with a stand-in
# `gh` that answers `gh api` from files and records its calls, on real pull requests: the step's
# exit status, the verdict output on every exit, annotations, the job summary, the SARIF file,
# fail-on, merge queues and the events it refuses.
source "$(dirname "$0")/ci_lib.sh"
ACTION="$LANEGUARD_SOURCE_DIR/action.yml"
if ! python3 -c 'import yaml' 2>/dev/null; then echo "skipped: python3 with PyYAML is needed to read action.yml"; exit 77; fi

# The stand-in gh: `gh api [--paginate] PATH [-f|-F NAME=VALUE]... [--jq EXPR]` prints $GH_FIXTURES/<PATH with / and ? as
# _>, through `jq -r EXPR` when asked (gh prints --jq's strings raw too).
mkdir -p "$TMP/bin" "$TMP/gh"
cat > "$TMP/bin/gh" <<'GH'
#!/bin/bash
echo "gh $*" >> "$GH_FIXTURES/calls.log"
[ "$1" = api ] || { echo "stand-in gh: only 'gh api' is known" >&2; exit 1; }
shift
path="" filter=""
while [ $# -gt 0 ]; do
  case "$1" in
    --paginate) shift ;;
    --jq) filter=$2; shift 2 ;;
    -f|-F) shift 2 ;;   # graphql variables: the answer is the file's
    -*) echo "stand-in gh: unknown option $1" >&2; exit 1 ;;
    *) path=$1; shift ;;
  esac
done
[ -n "${GH_TOKEN:-}" ] || { echo "gh: no GH_TOKEN" >&2; exit 4; }
file="$GH_FIXTURES/$(printf '%s' "$path" | tr '/?' '__')"
[ -f "$file" ] || { echo "gh: HTTP 404: Not Found ($path)" >&2; exit 1; }
if [ -n "$filter" ]; then jq -r "$filter" "$file"; else cat "$file"; fi
GH
chmod +x "$TMP/bin/gh"

# run_action EVENT_NAME [--with NAME=VALUE]...: the action in the CI clone; sets RC, OUT, ERR, VERDICT.
run_action() {
  local event_name=$1
  shift
  rm -f "$TMP/outputs.json" "$TMP/gh/calls.log"
  mkdir -p "$TMP/runner"
  : > "$TMP/summary.md"
  OUT=$(cd "$TMP/ci" && env PATH="$TMP/bin:$PATH" GH_FIXTURES="$TMP/gh" GITHUB_TOKEN=ghs_standin \
        GITHUB_EVENT_NAME="$event_name" GITHUB_EVENT_PATH="$TMP/event.json" GITHUB_REPOSITORY=acme/checkout \
        GITHUB_STEP_SUMMARY="$TMP/summary.md" RUNNER_TEMP="$TMP/runner" \
        python3 "$TESTS_DIR/action_runner.py" "$ACTION" --with laneguard="$LANEGUARD" --outputs "$TMP/outputs.json" "$@" 2>"$TMP/stderr")
  RC=$?
  ERR=$(cat "$TMP/stderr")
  VERDICT=$(jq -r '.verdict' "$TMP/outputs.json" 2>/dev/null)
}
serve() {  # serve API-PATH FILE
  cp "$2" "$TMP/gh/$(printf '%s' "$1" | tr '/?' '__')"
}

setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
github_event 50 pat
review pat APPROVED
write_reviews
serve "repos/acme/checkout/pulls/50/reviews?per_page=100" "$TMP/reviews.json"
echo '[]' > "$TMP/commits.json"
serve "repos/acme/checkout/pulls/50/commits?per_page=100" "$TMP/commits.json"
run_action pull_request --with sarif-file="$TMP/laneguard.sarif"
[ "$RC" = 1 ] && ok "a blocked pull request fails the action" || fail "exit $RC: $ERR"
[ "$VERDICT" = block ] && ok "... verdict output: block" || fail "verdict '$VERDICT'"
echo "$OUT" | grep -q '^::error file=src/auth/login.py,title=laneguard self-approval' && ok "... annotations in the log" || fail "log: $OUT"
grep -q '^## ❌ blocked' "$TMP/summary.md" && grep -q '^| area | requirement | approved by | missing |' "$TMP/summary.md" \
  && ok "... the Markdown table in the job summary" || fail "summary: $(cat "$TMP/summary.md")"
jq -e '.runs[0].results[0].ruleId == "self-approval"' "$TMP/laneguard.sarif" >/dev/null && ok "... and the SARIF file" || fail "sarif"
grep -qx "gh api --paginate repos/acme/checkout/pulls/50/reviews?per_page=100" "$TMP/gh/calls.log" \
  && grep -qx "gh api --paginate repos/acme/checkout/pulls/50/commits?per_page=100" "$TMP/gh/calls.log" \
  && ok "... gh api fetched the reviews and commits (paginated)" || fail "gh calls: $(cat "$TMP/gh/calls.log")"
echo "$ERR" | grep -q "skipped: Cache the laneguard build" && echo "$ERR" | grep -q "skipped: Build laneguard" \
  && ok "... with a prebuilt laneguard the cache and build steps are skipped" || fail "cache step: $ERR"

run_action pull_request --with fail-on=never
[ "$RC" = 0 ] && [ "$VERDICT" = block ] && echo "$OUT" | grep -q "^::warning title=laneguard::blocking findings, but fail-on is 'never'" \
  && ok "fail-on: never: the step passes, the verdict still says block, a warning says why" || fail "fail-on never: exit $RC verdict $VERDICT: $OUT"
run_action pull_request --with fail-on=sometimes
[ "$RC" = 2 ] && [ "$VERDICT" = error ] && ok "fail-on with another value: refused, verdict error" || fail "bad fail-on: exit $RC verdict $VERDICT"

REVIEWS=(); review erin APPROVED; write_reviews
serve "repos/acme/checkout/pulls/50/reviews?per_page=100" "$TMP/reviews.json"
run_action pull_request --with summary=false
[ "$RC" = 0 ] && [ "$VERDICT" = allow ] && ok "an approved pull request passes with verdict allow" || fail "exit $RC verdict $VERDICT: $ERR"
[ ! -s "$TMP/summary.md" ] && ok "... summary: false writes no summary" || fail "summary written"

echo '[{"bad json' > "$TMP/bad.json"
serve "repos/acme/checkout/pulls/50/reviews?per_page=100" "$TMP/bad.json"
run_action pull_request
[ "$RC" = 2 ] && [ "$VERDICT" = error ] && echo "$ERR$OUT" | grep -q "reviews-50.json:1:[0-9]*: malformed JSON" \
  && ok "bad input: the step fails with the error, verdict error" || fail "bad input: exit $RC verdict $VERDICT: $ERR"
rm -f "$TMP/gh/"*reviews*
run_action pull_request
[ "$RC" = 3 ] && [ "$VERDICT" = error ] && echo "$OUT" | grep -q "::error title=laneguard::cannot read the reviews of pull request #50" \
  && ok "gh api failing: exit 3, verdict error" || fail "gh failure: exit $RC verdict $VERDICT: $OUT $ERR"
run_action push
[ "$RC" = 2 ] && [ "$VERDICT" = error ] && echo "$OUT" | grep -q "runs on pull_request, pull_request_target, pull_request_review or merge_group events (this is 'push')" \
  && ok "a push event: refused, verdict error" || fail "push: exit $RC verdict $VERDICT: $OUT"
run_action pull_request --with laneguard="$TMP/no-such-laneguard"
[ "$RC" != 0 ] && [ "$VERDICT" = error ] && echo "$ERR" | grep -q "skipped: Judge the pull request" \
  && ok "an earlier step failing (no such laneguard): the judge step is skipped, verdict error all the same" || fail "earlier failure: exit $RC verdict $VERDICT: $ERR"

# The merge queue: the pull request is fetched by the number its queue branch names.
serve "repos/acme/checkout/pulls/50/reviews?per_page=100" "$TMP/reviews.json"
jq '.pull_request' "$TMP/event.json" > "$TMP/pull.json"
serve "repos/acme/checkout/pulls/50" "$TMP/pull.json"
jq '[.pull_request]' "$TMP/event.json" > "$TMP/pulls-of-head.json"   # GET /repos/O/R/commits/SHA/pulls
serve "repos/acme/checkout/commits/$HEAD_SHA/pulls" "$TMP/pulls-of-head.json"
git -C "$WORK" checkout -q main
GIT_AUTHOR_NAME=GitHub GIT_AUTHOR_EMAIL=noreply@github.com GIT_COMMITTER_NAME=GitHub GIT_COMMITTER_EMAIL=noreply@github.com \
  git -C "$WORK" merge -q --no-ff -m "Merge pull request #50" feature
QUEUE="gh-readonly-queue/main/pr-50-$BASE"
git -C "$WORK" push -q origin "HEAD:refs/heads/$QUEUE"
rm -rf "$TMP/ci"; git clone -q "file://$TMP/origin.git" "$TMP/ci"; git -C "$TMP/ci" checkout -q --detach "origin/$QUEUE"
jq --arg head "$(git -C "$TMP/ci" rev-parse HEAD)" --arg base "$BASE" --arg ref "refs/heads/$QUEUE" \
  '.merge_group.head_sha = $head | .merge_group.base_sha = $base | .merge_group.head_ref = $ref' \
  "$TESTS_DIR/fixtures/github/merge_group.checks_requested.payload.json" > "$TMP/event.json"
run_action merge_group
[ "$RC" = 0 ] && [ "$VERDICT" = allow ] && grep -qx "gh api repos/acme/checkout/pulls/50" "$TMP/gh/calls.log" \
  && ok "merge_group: pull request #50 fetched from its queue branch, judged, allowed" || fail "merge group: exit $RC verdict $VERDICT: $OUT $ERR"

# A merge group of two pull requests: #51 (queued first) and #52, each with its own reviews. The
# action lists #51 from the group's commits (the queue merge's second parent is #51's head).
setup_repo
BASE=$(git -C "$WORK" rev-parse main)
branch pr1 main; commit_as "$PAT" "Add login" src/auth/login.py; PR1=$(push_branch pr1)
branch pr2 main; commit_as "$PAT" "Add session" src/auth/session.py; PR2=$(push_branch pr2)
QUEUE_FIRST=51 queue pr1 pr2
cp "$TMP/group.json" "$TMP/event.json"
for n in 51 52; do
  head=$PR1; [ $n = 52 ] && head=$PR2
  pull_json $n pat "$head"
  serve "repos/acme/checkout/pulls/$n" "$TMP/pull-$n.json"
  jq -s . "$TMP/pull-$n.json" > "$TMP/pulls-$n.json"
  serve "repos/acme/checkout/commits/$head/pulls" "$TMP/pulls-$n.json"
  commits_json $n "$head" pat
  serve "repos/acme/checkout/pulls/$n/commits?per_page=100" "$TMP/commits-$n.json"
done
reviews_json 51
reviews_json 52 "erin:APPROVED:$PR2"
serve "repos/acme/checkout/pulls/51/reviews?per_page=100" "$TMP/reviews-51.json"
serve "repos/acme/checkout/pulls/52/reviews?per_page=100" "$TMP/reviews-52.json"
run_action merge_group
[ "$RC" = 1 ] && [ "$VERDICT" = block ] && ok "attack: a group of #51 (approved by nobody) and #52 (approved by erin) is blocked" \
  || fail "two-pull group: exit $RC verdict $VERDICT: $OUT $ERR"
echo "$OUT" | grep -q "^::error file=src/auth/login.py,title=laneguard missing-approval (authentication)::.*In this merge group pull request #51 (queued ahead of #52) brought commit ${PR1:0:12}" \
  && ok "... the annotation is on #51's change and names its commit" || fail "annotation: $OUT"
grep -qx "gh api repos/acme/checkout/commits/$PR1/pulls --jq .\[\] | select(.head.sha == \"$PR1\" and .base.ref == \"main\") | .number" "$TMP/gh/calls.log" \
  && grep -qx "gh api repos/acme/checkout/pulls/51" "$TMP/gh/calls.log" \
  && grep -qx "gh api --paginate repos/acme/checkout/pulls/51/reviews?per_page=100" "$TMP/gh/calls.log" \
  && grep -qx "gh api --paginate repos/acme/checkout/pulls/52/reviews?per_page=100" "$TMP/gh/calls.log" \
  && ok "... #51 found from the queue merge's second parent, its pull request and reviews fetched" || fail "gh calls: $(cat "$TMP/gh/calls.log")"
grep -qF "laneguard ci: pull requests \\#51 and \\#52 in the merge queue" "$TMP/summary.md" \
  && grep -qF '| authentication<br>`src/auth/login.py`<br>in pull request \#51 | 1 approval from engineering (2 when AI-assisted) | nobody |' "$TMP/summary.md" \
  && ok "... the job summary names both, and whose each area row is" || fail "summary: $(cat "$TMP/summary.md")"
reviews_json 51 "eli:APPROVED:$PR1"
serve "repos/acme/checkout/pulls/51/reviews?per_page=100" "$TMP/reviews-51.json"
run_action merge_group
[ "$RC" = 0 ] && [ "$VERDICT" = allow ] && ok "control: #51 approved by eli as well: the group passes" || fail "approved group: exit $RC verdict $VERDICT: $OUT $ERR"
rm "$TMP/gh/repos_acme_checkout_commits_${PR1}_pulls"
run_action merge_group
[ "$RC" = 3 ] && [ "$VERDICT" = error ] && echo "$OUT" | grep -q "::error title=laneguard::cannot list the pull requests of commit $PR1" \
  && ok "listing a commit's pull requests failing: exit 3, verdict error" || fail "list failure: exit $RC verdict $VERDICT: $OUT"

# A queue that squashes: GitHub associates its new commits with no pull request; the merge queue's
# GraphQL entries name #51 ahead of #52.
setup_repo
BASE=$(git -C "$WORK" rev-parse main)
branch pr1 main; commit_as "$PAT" "Add login" src/auth/login.py; PR1=$(push_branch pr1)
branch pr2 main; commit_as "$PAT" "Add session" src/auth/session.py; PR2=$(push_branch pr2)
QUEUE_FIRST=51 QUEUE_METHOD=squash queue pr1 pr2
cp "$TMP/group.json" "$TMP/event.json"
rm -f "$TMP/gh/"*
for n in 51 52; do
  head=$PR1; [ $n = 52 ] && head=$PR2
  pull_json $n pat "$head"
  serve "repos/acme/checkout/pulls/$n" "$TMP/pull-$n.json"
  commits_json $n "$head" pat
  serve "repos/acme/checkout/pulls/$n/commits?per_page=100" "$TMP/commits-$n.json"
done
echo '[]' > "$TMP/none.json"
# A branch someone pushed holding the queue's first commit is associated with it; it is not in the queue.
jq --arg s "$(git -C "$TMP/ci" rev-list --reverse "$BASE..$GROUP_HEAD" | head -1)" '[.pull_request | .number = 66 | .head.sha = $s]' \
  "$TESTS_DIR/fixtures/github/pull_request.synchronize.payload.json" > "$TMP/pulls-66.json"
for sha in $(git -C "$TMP/ci" rev-list "$BASE..$GROUP_HEAD"); do serve "repos/acme/checkout/commits/$sha/pulls" "$TMP/pulls-66.json"; done
reviews_json 51
reviews_json 52 "erin:APPROVED:$PR2"
serve "repos/acme/checkout/pulls/51/reviews?per_page=100" "$TMP/reviews-51.json"
serve "repos/acme/checkout/pulls/52/reviews?per_page=100" "$TMP/reviews-52.json"
echo '{"data": {"repository": {"mergeQueue": {"entries": {"nodes": [
  {"position": 2, "pullRequest": {"number": 52}}, {"position": 1, "pullRequest": {"number": 51}},
  {"position": 3, "pullRequest": {"number": 53}}]}}}}}' > "$TMP/queue.json"
serve graphql "$TMP/queue.json"
run_action merge_group
[ "$RC" = 1 ] && [ "$VERDICT" = block ] && echo "$OUT" | grep -q "::error file=src/auth/login.py,title=laneguard missing-approval (authentication)::.*In this merge group pull request #51 (queued ahead of #52) brought commit" \
  && ok "squash queue: #51 (approved by nobody) found from the merge queue's entries, its squash commit blocked as its own" \
  || fail "squash group: exit $RC verdict $VERDICT: $OUT $ERR"
grep -q "^gh api graphql -f query=.* -F owner=acme -F repo=checkout -F branch=main --jq" "$TMP/gh/calls.log" \
  && ! grep -q "pulls/53" "$TMP/gh/calls.log" && ! grep -q "pulls/66\|commits/.*/pulls" "$TMP/gh/calls.log" \
  && ok "... the queue read for main; #53, queued behind #52, not fetched; the rewritten commits' associated #66 never asked" \
  || fail "graphql: $(cat "$TMP/gh/calls.log")"
reviews_json 51 "eli:APPROVED:$PR1"
serve "repos/acme/checkout/pulls/51/reviews?per_page=100" "$TMP/reviews-51.json"
run_action merge_group
[ "$RC" = 0 ] && [ "$VERDICT" = allow ] && ok "squash queue: both approved: passes" || fail "squash approved: exit $RC verdict $VERDICT: $OUT $ERR"
rm "$TMP/gh/graphql"
run_action merge_group
[ "$RC" = 1 ] && [ "$VERDICT" = block ] && echo "$OUT" | grep -q "::warning title=laneguard::cannot read the merge queue of main" \
  && echo "$OUT" | grep -q "belongs to none of the pull requests laneguard was given (#52)" \
  && ok "squash queue, the queue unreadable: a warning, and #51's squash commit fails closed" || fail "no graphql: exit $RC verdict $VERDICT: $OUT $ERR"

finish
