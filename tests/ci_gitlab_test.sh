#!/bin/bash
# laneguard ci on GitLab merge requests (merge request and approvals JSON in GitLab's shapes, the
# CI_MERGE_REQUEST_* variables) and with the provider-neutral JSON.
source "$(dirname "$0")/ci_lib.sh"

# gitlab_mr IID AUTHOR [LABEL...]: GET /projects/:id/merge_requests/:iid (trimmed).
gitlab_mr() {
  local iid=$1 author=$2 labels="" sep=""
  shift 2
  for label in "$@"; do labels+="$sep\"$label\"" sep=", "; done
  cat > "$TMP/mr.json" <<JSON
{"id": 9$iid, "iid": $iid, "project_id": 3, "title": "A change", "state": "opened",
 "target_branch": "main", "source_branch": "feature",
 "author": {"id": 5, "username": "$author", "name": "$author", "state": "active"},
 "labels": [$labels], "sha": "$HEAD_SHA", "merge_commit_sha": null,
 "diff_refs": {"base_sha": "$(git -C "$TMP/origin.git" merge-base main feature)", "head_sha": "$HEAD_SHA", "start_sha": "$BASE"},
 "web_url": "https://gitlab.example.com/acme/checkout/-/merge_requests/$iid"}
JSON
}
# gitlab_approvals USERNAME...: GET /projects/:id/merge_requests/:iid/approvals.
gitlab_approvals() {
  local by="" sep=""
  for user in "$@"; do by+="$sep{\"user\": {\"id\": $RANDOM, \"username\": \"$user\", \"name\": \"$user\", \"state\": \"active\"}}" sep=", "; done
  cat > "$TMP/approvals.json" <<JSON
{"id": 93, "iid": 7, "project_id": 3, "state": "opened", "approved": $([ -n "$by" ] && echo true || echo false),
 "approvals_required": 1, "approvals_left": 0, "approved_by": [$by]}
JSON
}
run_gitlab() { run_ci --merge-request "$TMP/mr.json" --approvals "$TMP/approvals.json" "$@"; }

setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
gitlab_mr 7 pat
gitlab_approvals erin
run_gitlab --format json
expect 0 "" "GitLab: an engineer's approval passes"
json_eval "$OUT" '$j->{areas}[0]{change}' | grep -qx "merge request !7" && ok "... the change is named merge request !7" || fail "change id: $OUT"
gitlab_approvals pat
run_gitlab --format json
expect 1 "self-approval" "GitLab: the author approving their own merge request"
gitlab_approvals eli-gl
run_gitlab --format json
expect 0 "" "GitLab: usernames map approvals to people (eli-gl is eli)"
gitlab_approvals mallory
run_gitlab --format json
expect 1 "missing-approval" "GitLab: an approval by someone the agreement does not know does not count"

# AI: the merge request's labels declare it.
setup_repo
commit_as "$PAT" "Add OAuth

Co-authored-by: Cursor <cursoragent@cursor.com>" src/auth/oauth.py
push_pr
gitlab_mr 8 pat
gitlab_approvals erin eli
run_gitlab --format json
expect 1 "unlabeled-ai" "GitLab: a Cursor co-author without a label"
gitlab_mr 8 pat ai-generated
run_gitlab --format json
expect 0 "" "GitLab: ... the ai-generated label declares it (two approvals given)"

# The CI_MERGE_REQUEST_* variables fill in what the JSON lacks (labels, shas); GITLAB_CI picks the provider.
echo '{"iid": 8, "author": {"username": "pat"}}' > "$TMP/mr-min.json"
OUT=$(cd "$TMP/ci" && GITLAB_CI=true CI_MERGE_REQUEST_LABELS="backend,ai-assisted" CI_MERGE_REQUEST_DIFF_BASE_SHA="$BASE" \
  CI_COMMIT_SHA="$HEAD_SHA" "$LANEGUARD" ci --merge-request "$TMP/mr-min.json" --approvals "$TMP/approvals.json" --format json 2>"$TMP/stderr")
RC=$? ERR=$(cat "$TMP/stderr")
expect 0 "" "GitLab: base, head and labels from CI_MERGE_REQUEST_* variables"

# The provider-neutral JSON: revisions or shas, reviews with states and commits.
setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
FIRST=$HEAD_SHA
commit_as "$PAT" "Fix login" src/auth/login.py
push_pr
cat > "$TMP/pr.json" <<JSON
{"id": "change #31", "author": "pat", "labels": [], "base": "origin/main", "head": "HEAD", "pushers": ["pat"],
 "reviews": [{"user": "erin", "state": "approved", "commit": "$FIRST"}, {"user": "eli", "state": "approved"}]}
JSON
run_ci --input "$TMP/pr.json" --format json
expect 0 "stale-approval" "neutral: eli's approval (no commit named) counts, erin's on an older commit is stale"
[ "$(json_eval "$OUT" '$j->{areas}[0]{approved_by}[0]')" = eli ] && ok "... and only eli's" || fail "neutral approvals: $OUT"
cat > "$TMP/pr.json" <<JSON
{"number": 31, "author": "pat", "base": "origin/main", "head": "HEAD",
 "reviews": [{"user": "erin", "state": "approved", "commit": "$FIRST"}, {"user": "eli", "state": "changes_requested"}]}
JSON
run_ci --input "$TMP/pr.json" --format json
expect 1 "missing-approval stale-approval" "neutral: a review on an older commit is stale"
json_eval "$OUT" '$j->{findings}[0]{commit}' | grep -qx "pull request #31" && ok "... named pull request #31" || fail "neutral id: $OUT"

finish
