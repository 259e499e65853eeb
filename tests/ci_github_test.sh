#!/bin/bash
# laneguard ci on GitHub pull requests: real commits pushed to a real origin, a full CI clone, the
# event payload and list-reviews/list-commits responses in GitHub's shapes.
source "$(dirname "$0")/ci_lib.sh"

# A PM's change to a protected area, approved by an engineer on the head commit: passes.
setup_repo
commit_as "$PAT" "Add login form" src/auth/login.py prototypes/p.py
push_pr
github_event 12 pat
review erin APPROVED
run_github --format json
expect 0 "" "an engineer's approval on the head satisfies the area"
[ "$(json_eval "$OUT" '$j->{areas}[0]{area} . "|" . join(",", @{$j->{areas}[0]{approved_by}}) . "|" . ($j->{areas}[0]{satisfied} ? 1 : 0)')" = "authentication|erin|1" ] \
  && ok "... the area shows who approved" || fail "area status: $OUT"
[ "$(json_eval "$OUT" '$j->{stats}{commits}')" = 1 ] && ok "... one commit judged" || fail "stats: $OUT"

# The PR author approving their own PR (pat opened it, pat approves): self-approval.
review pat APPROVED
REVIEWS=("${REVIEWS[@]:1}")   # only pat's approval
run_github --format json
expect 1 "self-approval" "the PR author approving their own pull request"
json_eval "$OUT" '$j->{areas}[0]{discarded}[0]' | grep -q "^pat " && ok "... pat's approval shown as not counted" \
  || fail "discarded: $OUT"

# The PR author is not the commit author: eli opened a PR with erin's commit as co-author; erin's approval
# does not count (a co-author), eli's does not (the PR author).
setup_repo
git -C "$WORK" config user.name Pat
commit_as "$PAT" "Rework session handling

Co-authored-by: Erin <erin@acme.test>" src/auth/session.py
push_pr
github_event 13 eli
review erin APPROVED
review eli APPROVED
run_github --format json
expect 1 "self-approval" "a co-author and the PR author approving"
REVIEWS=() ; review erin APPROVED ; review pat APPROVED
run_github --format json
expect 1 "self-approval" "the commit author approving (pat wrote it, eli opened the PR)"

# A committer is an author too: erin committed (applied) pat's patch, then approved.
setup_repo
COMMITTER="$ERIN" commit_as "$PAT" "Apply pat's login patch" src/auth/login.py
push_pr
github_event 14 pat
review erin APPROVED
run_github --format json
expect 1 "self-approval" "the committer of a commit in the PR approving"
review eli APPROVED
run_github --format json
expect 0 "" "... an engineer who did not touch it approves: passes"

# A commit authored under an address the agreement does not list, pushed by erin's GitHub account:
# --commits maps it to the login erin, so erin's approval is an author's.
setup_repo
commit_as "Erin Laptop <1234+erin@users.noreply.github.com>" "Tweak login" src/auth/login.py
push_pr
github_event 15 pat
review erin APPROVED
run_github --format json
expect 0 "" "without --commits, an unknown address is not erin (the approval counts)"
cat > "$TMP/commits.json" <<JSON
[{"sha": "$HEAD_SHA", "commit": {"author": {"name": "Erin Laptop", "email": "1234+erin@users.noreply.github.com"},
  "committer": {"name": "GitHub", "email": "noreply@github.com"}, "message": "Tweak login"},
  "author": {"login": "erin", "type": "User"}, "committer": {"login": "web-flow", "type": "User"},
  "parents": [{"sha": "$BASE"}]}]
JSON
run_github --format json --commits "$TMP/commits.json"
expect 1 "self-approval" "with --commits, the commit's GitHub login makes erin an author"

# Stale approvals: erin approved the first push; pat pushed again.
setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
FIRST=$HEAD_SHA
commit_as "$PAT" "Fix login" src/auth/login.py
push_pr
github_event 16 pat
review erin APPROVED "$FIRST"
run_github --format json
expect 1 "missing-approval stale-approval" "an approval before the latest push does not count"
json_eval "$OUT" '$j->{findings}[1]{message}' | grep -q "erin (on ${FIRST:0:7}) approved before the latest push" \
  && ok "... and the notice names who and which commit" || fail "stale notice: $OUT"
json_eval "$OUT" 'join "|", @{$j->{areas}[0]{discarded}}' | grep -q "erin (approved ${FIRST:0:7}, before the latest push: stale)" \
  && ok "... and the area lists it as not counted" || fail "stale discarded: $OUT"
review erin APPROVED
run_github --format json
expect 0 "" "... approving the head again counts"
review erin CHANGES_REQUESTED
run_github --format json
expect 1 "missing-approval" "a later CHANGES_REQUESTED replaces the approval"
review erin COMMENTED
run_github --format json
expect 1 "missing-approval" "... and a later comment does not bring it back"
REVIEWS=() ; review erin APPROVED "$FIRST" ; review erin COMMENTED
git -C "$WORK" checkout -q main
AGREEMENT_EXTRA=$'[review]\ndismiss_stale = false' write_agreement "$WORK/.laneguard.toml"
git -C "$WORK" add .laneguard.toml
commit_as "$ERIN" "Keep approvals across pushes"
git -C "$WORK" push -q origin main
git -C "$WORK" checkout -q feature
push_pr
github_event 16 pat
run_github --format json
expect 0 "" "dismiss_stale = false in the base's agreement: the earlier approval counts"

# AI markers: a Claude co-author without a label blocks; a PR label or a label trailer declares it.
setup_repo
commit_as "$PAT" "Add OAuth callback

Co-Authored-By: Claude <noreply@anthropic.com>" src/auth/oauth.py
push_pr
github_event 17 pat
review erin APPROVED
run_github --format json
expect 1 "unlabeled-ai missing-approval" "AI co-author, no label trailer, no PR label (and AI-marked: 2 approvals)"
github_event 17 pat ai-assisted
run_github --format json
expect 1 "missing-approval" "... with the PR label ai-assisted: declared, but AI changes need 2 approvals"
json_eval "$OUT" '$j->{areas}[0]{requirement}' | grep -q "2" && ok "... the requirement says 2" || fail "requirement: $OUT"
review eli APPROVED
run_github --format json
expect 0 "" "... and two engineers approving pass it"
github_event 17 pat some-other-label
run_github --format json
expect 1 "unlabeled-ai" "... a label that is not one of the agreement's pr_labels does not declare it"
setup_repo
commit_as "$PAT" "Add OAuth callback

Assisted-by: Claude:opus-4
Co-Authored-By: Claude <noreply@anthropic.com>" src/auth/oauth.py
commit_as "$PAT" "Human follow-up" prototypes/notes.md
push_pr
github_event 18 pat
review erin APPROVED
review eli APPROVED
run_github --format json
expect 0 "" "a label trailer on the AI commit declares it (2 approvals given)"

# The agreement loosened inside the PR: the base's agreement still judges.
setup_repo
cat > "$WORK/.laneguard.toml" <<'TOML'
version = 1
[agreement]
name = "Loosened"
[lanes.everyone]
members = []
owns = ["**"]
TOML
git -C "$WORK" add .laneguard.toml
commit_as "$PAT" "Loosen the agreement and change login" src/auth/login.py
push_pr
github_event 19 pat
run_github --format json
expect 1 "missing-approval missing-approval" "a PR that removes the protection is judged by the base's agreement (login and the agreement file itself)"
git -C "$TMP/ci" show HEAD:.laneguard.toml | grep -q Loosened && ok "... (the head really carries the loosened one)" \
  || fail "the head's agreement was not loosened"
run_ci --event "$TMP/event.json" --reviews "$TMP/reviews.json" --format json --agreement "$TMP/ci/.laneguard.toml"
expect 0 "" "... only an explicit --agreement replaces it"

# "Update branch": the PR merges main, which meanwhile changed authentication under erin's review.
# The changes the merge brings in were judged on main; only the PR's own changes are judged here.
setup_repo
commit_as "$PAT" "Prototype" prototypes/p.py
git -C "$WORK" checkout -q main
commit_as "$ERIN" "Harden login" src/auth/login.py
git -C "$WORK" push -q origin main
git -C "$WORK" checkout -q feature
GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test \
  git -C "$WORK" merge -q --no-edit main
push_pr
github_event 22 pat
REVIEWS=()
run_github --format json
expect 0 "" "a clean merge of main into the PR does not make main's protected changes the PR's"
[ "$(json_eval "$OUT" '$j->{stats}{commits}')" = 2 ] && ok "... the PR's own commit and the merge are judged" || fail "merge stats: $OUT"

# GITHUB_EVENT_PATH is the default event; a pull_request_review event has the same pull_request.
setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
github_event 20 pat
review erin APPROVED
write_reviews
OUT=$(cd "$TMP/ci" && GITHUB_EVENT_PATH="$TMP/event.json" "$LANEGUARD" ci --reviews "$TMP/reviews.json" --format json 2>"$TMP/stderr"); RC=$?; ERR=$(cat "$TMP/stderr")
expect 0 "" "the event from \$GITHUB_EVENT_PATH"
# Without a reviews file nothing is approved, and stderr says why.
OUT=$(cd "$TMP/ci" && "$LANEGUARD" ci --event "$TMP/event.json" --format json 2>"$TMP/stderr"); RC=$?; ERR=$(cat "$TMP/stderr")
expect 1 "missing-approval" "no --reviews: no approval counts"
echo "$ERR" | grep -q "no --reviews file" && ok "... and stderr says so" || fail "stderr: $ERR"

finish
