#!/bin/bash
# AI never approves (issue 16): an approval from an AI tool or bot account never counts, even when the
# agreement lists that identity among the owning lane's members; each run says so in an
# ai-approval-ignored notice. Real commits, `laneguard check` in the clone, `laneguard ci` on a GitHub
# pull request with the review list as GitHub returns it (a bot's review has "type": "Bot").
source "$(dirname "$0")/ci_lib.sh"

# The team that put its AI reviewers into the engineering lane.
AGREEMENT_EXTRA='[people.claude]
emails = ["noreply@anthropic.com"]
usernames = ["claude[bot]", "Claude", "CodeRabbit"]
[people.rabbit]
usernames = ["coderabbitai[bot]"]
[people.copilot]
usernames = ["Copilot"]'
write_lane_agreement() {
  write_agreement "$1.tmp"
  sed 's/^members = \["erin", "eli"\]$/members = ["erin", "eli", "claude", "rabbit", "copilot"]/' "$1.tmp" > "$1"
  rm -f "$1.tmp"
  grep -q '"claude", "rabbit", "copilot"' "$1" || fail "the agreement does not list the AI members: $(cat "$1")"
}

setup_repo
write_lane_agreement "$WORK/.laneguard.toml"
git -C "$WORK" checkout -q main
git -C "$WORK" add -A
commit_as "$ERIN" "Put the AI reviewers into the engineering lane"
git -C "$WORK" push -q origin main
git -C "$WORK" checkout -q -B feature main

# check: pat's change to authentication with Claude's Reviewed-by trailer: still missing-approval.
commit_as "$PAT" "Add login form

Reviewed-by: $CLAUDE" src/auth/login.py
OUT=$(cd "$WORK" && "$LANEGUARD" check --format json HEAD^! 2>"$TMP/stderr"); RC=$?; ERR=$(cat "$TMP/stderr")
expect 1 "missing-approval ai-approval-ignored" "check: an AI Reviewed-by trailer from a lane member does not approve"
[ "$(json_eval "$OUT" 'join ",", map { $_->{severity} . ":" . join("+", @{$_->{people}}) } grep { $_->{rule} eq "ai-approval-ignored" } @{$j->{findings}}')" = "notice:claude" ] \
  && ok "... the notice names claude" || fail "notice: $OUT"
json_eval "$OUT" '$j->{areas}[0]{discarded}[0]' | grep -q "AI never approves" && ok "... the area shows why" \
  || fail "discarded: $OUT"
TEXT=$(cd "$WORK" && "$LANEGUARD" check HEAD^! 2>&1)
echo "$TEXT" | grep -q "ai-approval-ignored" && ok "... the text report shows the notice" || fail "text: $TEXT"

# The attack's control: a person's trailer beside it approves, and the notice stays.
git -C "$WORK" -c user.name=Pat -c user.email=pat@acme.test commit -q --amend -m "Add login form

Reviewed-by: $CLAUDE
Reviewed-by: $ELI"
OUT=$(cd "$WORK" && "$LANEGUARD" check --format json HEAD^! 2>"$TMP/stderr"); RC=$?; ERR=$(cat "$TMP/stderr")
expect 0 "ai-approval-ignored" "check: eli's trailer beside Claude's approves; the notice stays"

# check: Reviewed-by trailers that name the tool, as people write them, with the lane member listed by
# that name too (usernames = ["Claude"] below): never an approval.
for value in "Claude" "Claude:opus-4" "CodeRabbit"; do
  git -C "$WORK" -c user.name=Pat -c user.email=pat@acme.test commit -q --amend -m "Add login form

Reviewed-by: $value"
  OUT=$(cd "$WORK" && "$LANEGUARD" check --format json HEAD^! 2>"$TMP/stderr"); RC=$?; ERR=$(cat "$TMP/stderr")
  expect 1 "missing-approval ai-approval-ignored" "check: Reviewed-by: $value does not approve"
done

# ci: the same change as a pull request, approved only by CodeRabbit (a GitHub App: "type": "Bot").
git -C "$WORK" -c user.name=Pat -c user.email=pat@acme.test commit -q --amend -m "Add login form"
push_pr
github_event 21 pat
bot_review() {
  NEXT_MINUTE=$((NEXT_MINUTE + 1))
  REVIEWS+=("{\"id\": $NEXT_MINUTE, \"node_id\": \"PRR_$NEXT_MINUTE\", \"user\": {\"login\": \"$1\", \"id\": 136622811, \"type\": \"Bot\"}, \"body\": \"LGTM\", \"state\": \"APPROVED\", \"author_association\": \"NONE\", \"submitted_at\": \"2024-05-01T10:$NEXT_MINUTE:00Z\", \"commit_id\": \"$HEAD_SHA\"}")
}
bot_review 'coderabbitai[bot]'
run_github --format json
expect 1 "missing-approval ai-approval-ignored" "ci: coderabbitai[bot]'s approval, a lane member, does not count"
[ "$(json_eval "$OUT" 'join ",", map { $_->{severity} . ":" . join("+", @{$_->{people}}) } grep { $_->{rule} eq "ai-approval-ignored" } @{$j->{findings}}')" = "notice:rabbit" ] \
  && ok "... the notice names it" || fail "notice: $OUT"
json_eval "$OUT" 'join ",", @{$j->{areas}[0]{approved_by}}' | grep -q . && fail "approved_by: $OUT" || ok "... nobody approved"

# Copilot's reviewer, not in the agreement at all: ignored as AI, not as a stranger.
REVIEWS=() ; bot_review 'copilot-pull-request-reviewer[bot]'
run_github --format json
expect 1 "missing-approval ai-approval-ignored" "ci: copilot-pull-request-reviewer[bot]'s approval does not count"

# Copilot's code review as GitHub's REST API lists it: login "Copilot", type "Bot" (no [bot] in the
# login), with the team having put that login among its members.
REVIEWS=() ; bot_review 'Copilot'
run_github --format json
expect 1 "missing-approval ai-approval-ignored" "ci: a review by Copilot (user type Bot) does not count"
# Control: a person's review counts.
REVIEWS=() ; review eli APPROVED
run_github --format json
expect 0 "" "ci: eli's own review approves (control)"

# Control: erin's review beside CodeRabbit's approves.
REVIEWS=() ; bot_review 'coderabbitai[bot]' ; review erin APPROVED
run_github --format json
expect 0 "ai-approval-ignored" "ci: erin's review beside the bot's approves; the notice stays"
finish
