#!/bin/bash
# laneguard ci fed the platforms' own published payloads (tests/fixtures, sources named in its
# README) on real pull requests: who pushed (GitHub's sender, committers' logins, GitLab's pipeline
# user), merge queues (merge_group), drafts, the wrong file refused with a message naming it, the
# words of each platform (@accounts, "merge request"), and GitLab's Code Quality report.
source "$(dirname "$0")/ci_lib.sh"
FIX="$TESTS_DIR/fixtures"

# gh_event FIXTURE NUMBER AUTHOR SENDER: GitHub's example payload with this pull request's facts.
gh_event() {
  jq --arg head "$HEAD_SHA" --arg base "$BASE" --arg author "$3" --arg sender "$4" --argjson number "$2" '
    .number = $number | .pull_request.number = $number | .pull_request.head.sha = $head
    | .pull_request.base.sha = $base | .pull_request.base.ref = "main" | .pull_request.user.login = $author
    | .pull_request.labels = [] | .sender.login = $sender
    | if has("review") then .review.user.login = $sender | .review.commit_id = $head else . end' \
    "$FIX/github/$1.payload.json" > "$TMP/event.json"
}
run_gh() { write_reviews; run_ci --event "$TMP/event.json" --reviews "$TMP/reviews.json" --format json "$@"; }

# --- Pushers are authors (SPEC section 2). With dismiss_stale off an approval survives a push, so
# the only thing between a reviewer who pushes and their own approval is knowing they pushed.
AGREEMENT_EXTRA=$'[review]\ndismiss_stale = false'
setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
review erin APPROVED
# erin pushes a commit to pat's pull request under pat's name (git lets anyone write any author).
commit_as "$PAT" "Tweak login" src/auth/login.py
push_pr
gh_event pull_request.synchronize 40 pat erin
run_gh
expect 1 "self-approval" "attack: erin pushed to pat's pull request (synchronize sender), then approved: not counted"
json_eval "$OUT" '$j->{areas}[0]{discarded}[0]' | grep -q "^erin " && ok "... erin's approval is listed as an author's" || fail "discarded: $OUT"
gh_event pull_request.synchronize 40 pat pat
run_gh
expect 0 "" "control: the same pull request pushed by pat: erin's approval counts"
for action in opened reopened; do
  gh_event pull_request.$action 40 pat erin
  run_gh
  expect 1 "self-approval" "the sender of $action is a pusher too"
done
gh_event pull_request.labeled 40 pat erin
run_gh
expect 0 "" "a label's sender (erin labelled it) is not a pusher"
gh_event pull_request_review.submitted 40 pat erin
run_gh
expect 0 "" "a pull_request_review's sender is the reviewer, not a pusher"
# On a review event GitHub does not say who pushed; the commits' committers' logins (not
# web-flow) do: erin committed under an address the agreement does not list.
COMMITTER="Erin Laptop <77+erin@users.noreply.github.com>" commit_as "$PAT" "Rework login" src/auth/login.py
push_pr
gh_event pull_request_review.submitted 40 pat erin
cat > "$TMP/commits.json" <<JSON
[{"sha": "$HEAD_SHA", "author": {"login": "pat", "type": "User"}, "committer": {"login": "erin", "type": "User"},
  "commit": {"author": {"name": "Pat", "email": "pat@acme.test"}, "committer": {"name": "Erin Laptop", "email": "77+erin@users.noreply.github.com"}}},
 {"sha": "$BASE", "author": {"login": "pat", "type": "User"}, "committer": {"login": "web-flow", "type": "User"}}]
JSON
run_gh
expect 0 "" "without --commits, erin's laptop address is nobody's"
run_gh --commits "$TMP/commits.json"
expect 1 "self-approval" "attack: erin committed to the pull request (committer login from --commits), then approved"
AGREEMENT_EXTRA=""

# --- Words: fixes name the platform's accounts; drafts are judged and said to be drafts.
setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
gh_event pull_request.converted_to_draft 41 pat pat
REVIEWS=()
run_gh
expect 1 "missing-approval" "a draft pull request is judged"
json_eval "$OUT" '$j->{findings}[0]{fix}' | grep -qx 'Ask @erin or @eli (not @pat) to approve the pull request.' \
  && ok "... its fix names GitHub accounts (@erin, @eli, not @pat)" || fail "fix: $(json_eval "$OUT" '$j->{findings}[0]{fix}')"
run_gh; run_ci --event "$TMP/event.json" --reviews "$TMP/reviews.json" --format markdown
echo "$OUT" | head -1 | grep -qx '## ❌ blocked: laneguard ci: draft pull request \\#41' && ok "... the summary says it is a draft" || fail "draft heading: $(echo "$OUT" | head -1)"

# --- Merge queues: a merge_group event judges the group's head against its base, with the reviews of
# the pull request its queue branch names (which name that pull request's head).
setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
PR_HEAD=$HEAD_SHA
gh_event pull_request.synchronize 104 pat pat
jq '.pull_request' "$TMP/event.json" > "$TMP/pull.json"     # GET /repos/O/R/pulls/104 has the same object
git -C "$WORK" checkout -q main
# The queue's merge commit, written as GitHub writes it (author and committer GitHub).
GIT_AUTHOR_NAME=GitHub GIT_AUTHOR_EMAIL=noreply@github.com GIT_COMMITTER_NAME=GitHub GIT_COMMITTER_EMAIL=noreply@github.com \
  git -C "$WORK" merge -q --no-ff -m "Merge pull request #104 from acme/feature" feature
QUEUE_REF="gh-readonly-queue/main/pr-104-$BASE"
git -C "$WORK" push -q origin "HEAD:refs/heads/$QUEUE_REF"
git -C "$WORK" reset -q --hard "$BASE"
rm -rf "$TMP/ci"; git clone -q "file://$TMP/origin.git" "$TMP/ci"; git -C "$TMP/ci" checkout -q --detach "origin/$QUEUE_REF"
GROUP_HEAD=$(git -C "$TMP/ci" rev-parse HEAD)
jq --arg head "$GROUP_HEAD" --arg base "$BASE" --arg ref "refs/heads/$QUEUE_REF" \
  '.merge_group.head_sha = $head | .merge_group.base_sha = $base | .merge_group.head_ref = $ref' \
  "$FIX/github/merge_group.checks_requested.payload.json" > "$TMP/group.json"
REVIEWS=(); review erin APPROVED "$PR_HEAD"; write_reviews
run_ci --event "$TMP/group.json" --reviews "$TMP/reviews.json" --pull-request "$TMP/pull.json" --format json
expect 0 "" "merge group: erin approved pull request #104's head: the group passes"
json_eval "$OUT" '$j->{stats}{commits}' | grep -qx 2 && ok "... base..head of the group judged (the commit and the queue's merge)" || fail "stats: $OUT"
REVIEWS=(); review pat APPROVED "$PR_HEAD"; write_reviews
run_ci --event "$TMP/group.json" --reviews "$TMP/reviews.json" --pull-request "$TMP/pull.json" --format json
expect 1 "self-approval" "merge group: the author's own approval does not let the group through"
REVIEWS=(); review erin APPROVED "$BASE"; write_reviews
run_ci --event "$TMP/group.json" --reviews "$TMP/reviews.json" --pull-request "$TMP/pull.json" --format json
expect 1 "missing-approval stale-approval" "merge group: an approval of an older head of the pull request is stale"
run_ci --event "$TMP/group.json" --reviews "$TMP/reviews.json" --format json
[ "$RC" = 2 ] && echo "$ERR" | grep -q 'merge_group event names its pull request only by the queue branch: pass that pull request with --pull-request (gh api repos/OWNER/REPO/pulls/104)' \
  && ok "merge group without --pull-request: exit 2, says what to fetch" || fail "no --pull-request: exit $RC: $ERR"
jq '.number = 7' "$TMP/pull.json" > "$TMP/pull7.json"
run_ci --event "$TMP/group.json" --reviews "$TMP/reviews.json" --pull-request "$TMP/pull7.json" --format json
[ "$RC" = 2 ] && echo "$ERR" | grep -q "this is pull request #7, but the merge group's queue branch names pull request #104" \
  && ok "merge group with another pull request: refused" || fail "wrong pull request: exit $RC: $ERR"
run_ci --event "$TMP/group.json" --reviews "$TMP/reviews.json" --pull-request "$TMP/pull.json" --format text
echo "$OUT" | grep -q "in the merge queue as $QUEUE_REF" && ok "... the text report says it is in the merge queue" || fail "queue words: $OUT"

# --- GitLab: the wrong files refused, the pipeline's user, the words, drafts, Code Quality.
gl_mr() {  # gl_mr IID AUTHOR [JQ-EDIT]
  cat > "$TMP/mr.json" <<JSON
{"id": 93, "iid": $1, "project_id": 3, "title": "A change", "state": "opened", "draft": false,
 "work_in_progress": false, "target_branch": "main", "source_branch": "feature",
 "author": {"id": 5, "username": "$2", "name": "$2", "state": "active"}, "labels": [],
 "sha": "$HEAD_SHA", "diff_refs": {"base_sha": "$BASE", "head_sha": "$HEAD_SHA", "start_sha": "$BASE"}}
JSON
  if [ -n "${3:-}" ]; then jq "$3" "$TMP/mr.json" > "$TMP/mr2.json" && mv "$TMP/mr2.json" "$TMP/mr.json"; fi
}
gl_approvals() {  # the documented response with these approvers
  jq --args '.approved_by = [$ARGS.positional[] | {user: {username: ., name: ., id: 1, state: "active"}}]' \
    "$@" < "$FIX/gitlab/approvals.json" > "$TMP/approvals.json"
}
setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
gl_mr 7 pat
cp "$FIX/gitlab/approvals.json" "$TMP/approvals.json"
run_ci --merge-request "$TMP/mr.json" --approvals "$TMP/approvals.json" --format json
expect 1 "missing-approval" "GitLab's documented approvals response is read (root is nobody the agreement knows)"
run_ci --merge-request "$TMP/mr.json" --approvals "$FIX/gitlab/approval_state.json" --format json
[ "$RC" = 2 ] && echo "$ERR" | grep -q "approval_state response" && ok "the approval_state response as --approvals: refused, named" || fail "approval_state: exit $RC: $ERR"
run_ci --merge-request "$TMP/mr.json" --approvals "$TMP/mr.json" --format json
[ "$RC" = 2 ] && echo "$ERR" | grep -q "this is the merge request itself (pass it with --merge-request)" && ok "the merge request as --approvals: refused, named" || fail "mr as approvals: exit $RC: $ERR"
run_ci --merge-request "$FIX/gitlab/merge_request_hook.json" --approvals "$TMP/approvals.json" --format json
[ "$RC" = 2 ] && echo "$ERR" | grep -q "this is a Merge Request Hook webhook payload (object_kind merge_request), not the merge request" \
  && echo "$ERR" | grep -q 'GET $CI_API_V4_URL/projects/$CI_MERGE_REQUEST_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID' \
  && ok "the Merge Request Hook payload as --merge-request: named, and what to pass instead" || fail "hook: exit $RC: $ERR"

gl_approvals erin
run_gl() { OUT=$(cd "$TMP/ci" && env "$@" "$LANEGUARD" ci --merge-request "$TMP/mr.json" --approvals "$TMP/approvals.json" --format json 2>"$TMP/stderr"); RC=$?; ERR=$(cat "$TMP/stderr"); }
run_gl CI_PIPELINE_SOURCE=merge_request_event GITLAB_USER_LOGIN=pat
expect 0 "" "GitLab: pat's push started the pipeline, erin approved: passes"
run_gl CI_PIPELINE_SOURCE=merge_request_event GITLAB_USER_LOGIN=erin
expect 1 "self-approval" "attack: erin's push started the merge request pipeline (GITLAB_USER_LOGIN), erin approved: not counted"
run_gl CI_PIPELINE_SOURCE=web GITLAB_USER_LOGIN=erin
expect 0 "" "a pipeline erin started by hand (source web) does not make her a pusher"

gl_approvals
gl_mr 7 pat '.draft = true | .labels = ["ai-generated"]'
commit_as "$PAT" "Add session

Co-authored-by: $CLAUDE" src/auth/session.py
push_pr
gl_mr 7 pat '.draft = true'
run_gl CI_PIPELINE_SOURCE=merge_request_event GITLAB_USER_LOGIN=eli-gl
expect 1 "unlabeled-ai missing-approval" "GitLab: a draft merge request is judged"
json_eval "$OUT" '$j->{findings}[1]{fix}' | grep -qx 'Ask @erin (not @pat or @eli-gl) to approve the merge request.' \
  && ok "... fixes name GitLab accounts (eli as eli-gl, the account that pushed) and say merge request" || fail "gitlab fix: $(json_eval "$OUT" '$j->{findings}[1]{fix}')"
OUT=$(cd "$TMP/ci" && "$LANEGUARD" ci --merge-request "$TMP/mr.json" --approvals "$TMP/approvals.json" --format text 2>&1)
if echo "$OUT" | grep -qi "pull request"; then fail "GitLab words: 'pull request' in: $(echo "$OUT" | grep -i 'pull request')"; else ok "GitLab: no 'pull request' anywhere in the report"; fi
echo "$OUT" | grep -q "laneguard ci: draft merge request !7" && ok "... the summary says it is a draft merge request" || fail "gitlab draft: $OUT"
echo "$OUT" | grep -q "add the merge request label \`ai-generated\`" && ok "... the AI fix speaks of the merge request label" || fail "label words: $OUT"

OUT=$(cd "$TMP/ci" && "$LANEGUARD" ci --merge-request "$TMP/mr.json" --approvals "$TMP/approvals.json" --format codequality 2>"$TMP/stderr"); RC=$?
echo "$OUT" > "$TMP/gl-code-quality-report.json"
[ "$RC" = 1 ] && jq -e 'type == "array" and length >= 2 and all(.[]; (.description | length) > 0 and (.check_name | startswith("laneguard/"))
    and (.fingerprint | length) > 0 and (.severity | IN("info", "minor", "major", "critical", "blocker"))
    and (.location.path | length) > 0 and .location.lines.begin == 1)' "$TMP/gl-code-quality-report.json" >/dev/null \
  && ok "codequality: GitLab's Code Quality fields on every issue" || fail "codequality: exit $RC: $OUT"
[ "$(jq -r '[.[].fingerprint] | length == (unique | length)' "$TMP/gl-code-quality-report.json")" = true ] && ok "... fingerprints unique" || fail "fingerprints: $OUT"
jq -e '[.[] | select(.check_name == "laneguard/unlabeled-ai")][0] | .severity == "blocker" and .location.path == "src/auth/session.py"' \
  "$TMP/gl-code-quality-report.json" >/dev/null && ok "... a blocking finding is a blocker on its path" || fail "codequality severity: $OUT"

finish
