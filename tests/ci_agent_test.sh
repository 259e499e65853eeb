#!/bin/bash
# Agents' pull requests in CI (issue 16): the human behind the agent is an author. Commits made the way
# Copilot's coding agent makes them (author Copilot <198982749+Copilot@users.noreply.github.com>,
# committer GitHub <noreply@github.com>, the assigner as co-author by a noreply email the agreement
# does not list), the pull request as GitHub's webhook sends it (tests/fixtures: the published
# `pull_request` opened payload, with the opener set to the `Copilot` user of type "Bot" and the
# person who assigned the agent its work among the assignees).
source "$(dirname "$0")/ci_lib.sh"
source "$(dirname "$0")/ai_notes_lib.sh"

COPILOT="Copilot <198982749+Copilot@users.noreply.github.com>"
GITHUB="GitHub <noreply@github.com>"

# agent_event NUMBER ASSIGNEE [HEAD-REF] [BODY]: GitHub's opened payload for the agent's pull request.
agent_event() {
  jq --argjson number "$1" --arg assignee "$2" --arg ref "${3:-copilot/fix-login-throttling}" \
     --arg body "${4:-Adds throttling to the login form.}" --arg head "$HEAD_SHA" --arg base "$BASE" '
    .number = $number | .sender = {login: "Copilot", id: 198982749, type: "Bot"}
    | .pull_request.number = $number
    | .pull_request.url = "https://api.github.com/repos/acme/checkout/pulls/\($number)"
    | .pull_request.user = {login: "Copilot", id: 198982749, type: "Bot"}
    | .pull_request.assignees = [{login: $assignee, id: 4242, type: "User"}, {login: "Copilot", id: 198982749, type: "Bot"}]
    | .pull_request.labels = [{id: 1, name: "ai-generated"}]
    | .pull_request.head.ref = $ref | .pull_request.head.sha = $head
    | .pull_request.base.ref = "main" | .pull_request.base.sha = $base | .pull_request.body = $body
    | .pull_request.draft = false' \
    "$TESTS_DIR/fixtures/github/pull_request.opened.payload.json" > "$TMP/event.json"
}

setup_repo
COMMITTER=$GITHUB commit_as "$COPILOT" "Add login throttling

Co-authored-by: eli <4242+eli@users.noreply.github.com>" src/auth/login.py
push_pr

# eli assigned the issue to Copilot; eli and erin approve (ai_approvals = 2 for the AI change).
agent_event 31 eli
review eli APPROVED ; review erin APPROVED
run_github --format json
expect 1 "self-approval" "ci: the agent's pull request approved by the human who assigned it is blocked"
json_eval "$OUT" 'join ",", @{$j->{findings}[0]{people}}' | grep -qw eli && ok "... eli is named among its authors" \
  || fail "people: $OUT"
json_eval "$OUT" 'join ",", @{$j->{areas}[0]{discarded}}' | grep -q "eli (an author of the change)" \
  && ok "... eli's approval is discarded as an author's" || fail "discarded: $OUT"

# Control: pat assigned it; eli and erin approve: passes.
agent_event 31 pat
run_github --format json
expect 0 "" "ci: the same pull request assigned to pat, approved by eli and erin, passes (control)"

# The assigner's approval does not count even when a human opened the agent's pull request for it:
# the opener is an author anyway, and the assignee too when the commits are the agent's.
github_event 32 pat ai-generated
jq '.pull_request.assignees = [{login: "eli", type: "User"}]' "$TMP/event.json" > "$TMP/e.json" && mv "$TMP/e.json" "$TMP/event.json"
run_github --format json
expect 1 "self-approval" "ci: pat opened the agent's pull request, eli assigned: eli's approval does not count"

# Control: a person's own pull request with an assignee: assignees are no authors of human work.
setup_repo
commit_as "$PAT" "Add login throttling" src/auth/login.py
push_pr
github_event 33 pat
jq '.pull_request.assignees = [{login: "eli", type: "User"}]' "$TMP/event.json" > "$TMP/e.json" && mv "$TMP/e.json" "$TMP/event.json"
REVIEWS=() ; review eli APPROVED
run_github --format json
expect 0 "" "ci: a person's pull request assigned to eli, approved by eli, passes (control)"
# --- A pull request's own AI evidence (item 2): the person's commits carry no marker, but the pull
# request does: an agent's head branch, a tool's footer in its description.
setup_repo
commit_as "$PAT" "Add login retry" src/auth/login.py
push_pr
REVIEWS=() ; review eli APPROVED ; review erin APPROVED
for ref in codex/add-login-retry claude/issue-12-20250601 cursor/login-retry; do
  github_event 41 pat
  jq --arg ref "$ref" '.pull_request.head.ref = $ref' "$TMP/event.json" > "$TMP/e.json" && mv "$TMP/e.json" "$TMP/event.json"
  run_github --format json
  expect 1 "unlabeled-ai" "ci: head branch $ref is an agent's: unlabeled-ai"
  json_eval "$OUT" '$j->{findings}[0]{message}' | grep -qF "head branch \"$ref\"" && ok "... the evidence is named" \
    || fail "message: $OUT"
done
github_event 42 pat
jq '.pull_request.body = "Adds a retry to the login form.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)"' \
  "$TMP/event.json" > "$TMP/e.json" && mv "$TMP/e.json" "$TMP/event.json"
run_github --format json
expect 1 "unlabeled-ai" "ci: Claude Code's footer in the description: unlabeled-ai"
# Labelled with the pull request label: the AI change needs its two approvals and has them.
github_event 42 pat ai-generated
jq '.pull_request.body = "Adds a retry.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)"' \
  "$TMP/event.json" > "$TMP/e.json" && mv "$TMP/e.json" "$TMP/event.json"
run_github --format json
expect 0 "" "ci: the same pull request labelled ai-generated, approved by eli and erin, passes"
# Control: a person's branch and a description without a footer.
github_event 43 pat
jq '.pull_request.body = "I tried Claude Code on this and wrote it by hand." | .pull_request.head.ref = "feature/copilot-docs"' \
  "$TMP/event.json" > "$TMP/e.json" && mv "$TMP/e.json" "$TMP/event.json"
REVIEWS=() ; review eli APPROVED
run_github --format json
expect 0 "" "ci: a person's branch and prose mentioning a tool are no evidence (control)"
# --- git-ai's notes in CI (item 1): the checkout fetches refs/notes/ai with the commits.
setup_repo
commit_as "$PAT" "Add login retry" src/auth/login.py
git_ai_note "$WORK" "$(git -C "$WORK" rev-parse HEAD)" src/auth/login.py 1 codex gpt-5-codex
git -C "$WORK" push -q origin refs/notes/ai
push_pr
github_event 51 pat
REVIEWS=() ; review eli APPROVED
run_github --format json
expect 0 "" "ci: without the notes fetched, nothing says AI wrote it (the checkout must fetch them)"
git -C "$TMP/ci" fetch -q origin refs/notes/ai:refs/notes/ai
run_github --format json
expect 1 "unlabeled-ai missing-approval" "ci: with refs/notes/ai fetched, git-ai's lines are AI involvement"
json_eval "$OUT" 'join ",", map { $_->{verdict} . ":" . $_->{commit} } @{$j->{ai}}' | grep -q "unlabelled:pull request #51" \
  && ok "... the pull request's verdict is unlabelled" || fail "ai: $OUT"
json_eval "$OUT" '$j->{findings}[0]{fix}' | grep -qF '"Assisted-by: Codex:gpt-5-codex"' && ok "... the fix's label names Codex and its model" \
  || fail "fix: $OUT"
finish
