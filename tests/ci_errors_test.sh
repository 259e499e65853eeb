#!/bin/bash
# laneguard ci on bad input: shallow clones, malformed or wrong JSON, missing files. Clear errors
# with the documented exit statuses (2 usage/invalid input, 3 git or I/O), never a crash.
source "$(dirname "$0")/ci_lib.sh"

no_crash() {  # no_crash DESCRIPTION: exit 2 or 3 with a message, no internal error
  if [ "$RC" -ge 2 ] && [ "$RC" -le 3 ] && [ -n "$ERR" ] && ! echo "$ERR" | grep -q "internal error"; then ok "$1: no crash"; else fail "$1: exit $RC: $ERR"; fi
}

setup_repo
for i in 1 2 3 4 5; do commit_as "$PAT" "Prototype $i" "prototypes/p$i.py"; done
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
github_event 40 pat
review erin APPROVED
write_reviews

# What actions/checkout does by default (fetch-depth: 1): the base is not in the clone.
rm -rf "$TMP/ci"
git clone -q --depth 1 --branch feature "file://$TMP/origin.git" "$TMP/ci"
run_ci --event "$TMP/event.json" --reviews "$TMP/reviews.json"
[ "$RC" = 3 ] && ok "a shallow clone without the base: exit 3" || fail "shallow: exit $RC: $ERR"
echo "$ERR" | grep -q "the base commit $BASE of pull request #40 is not in this clone (it is a shallow clone)" \
  && ok "... naming the missing commit" || fail "shallow message: $ERR"
echo "$ERR" | grep -q "fetch-depth: 0" && ok "... and saying how much history to fetch" || fail "shallow advice: $ERR"
# The base fetched alone, without the history between: the merge base is still missing.
git -C "$TMP/ci" fetch -q --depth 1 origin main
run_ci --event "$TMP/event.json" --reviews "$TMP/reviews.json"
[ "$RC" = 3 ] && echo "$ERR" | grep -q "fetch-depth: 0" && ok "a shallow clone that does not reach the fork point: exit 3 with advice" \
  || fail "shallow fork point: exit $RC: $ERR"
git -C "$TMP/ci" fetch -q --unshallow origin
run_ci --event "$TMP/event.json" --reviews "$TMP/reviews.json" --format json
expect 0 "" "... after fetching the full history it judges"

# Malformed JSON names the file, line and column.
printf '[\n  {"user": {"login": "erin"},\n   "state" "APPROVED"}\n]\n' > "$TMP/bad.json"
run_ci --event "$TMP/event.json" --reviews "$TMP/bad.json"
[ "$RC" = 2 ] && echo "$ERR" | grep -q "^laneguard: $TMP/bad.json:3:[0-9]*: malformed JSON" \
  && ok "malformed reviews: exit 2, file:line:column" || fail "malformed: exit $RC: $ERR"
no_crash "malformed reviews"
head -c 200 "$TMP/event.json" > "$TMP/truncated.json"
run_ci --event "$TMP/truncated.json" --reviews "$TMP/reviews.json"
[ "$RC" = 2 ] && echo "$ERR" | grep -q "truncated.json:[0-9]*:[0-9]*: malformed JSON" && ok "a truncated event: exit 2 with its position" \
  || fail "truncated: exit $RC: $ERR"
: > "$TMP/empty.json"
run_ci --event "$TMP/event.json" --reviews "$TMP/empty.json"
[ "$RC" = 2 ] && echo "$ERR" | grep -q "empty.json:1:1: malformed JSON: the file is empty" && ok "an empty file" || fail "empty: $ERR"

# The wrong file in the wrong place.
run_ci --event "$TMP/reviews.json" --reviews "$TMP/reviews.json"
[ "$RC" = 2 ] && echo "$ERR" | grep -q "not a pull_request event payload" && ok "a reviews list given as the event" || fail "wrong event: $ERR"
run_ci --event "$TMP/event.json" --reviews "$TMP/event.json"
[ "$RC" = 2 ] && echo "$ERR" | grep -q "expected the list-reviews response" && ok "an event given as the reviews" || fail "wrong reviews: $ERR"
echo '{"action": "opened", "pull_request": {"number": 1, "user": {"login": "pat"}, "base": {"sha": 5}, "head": {"sha": "x"}}}' > "$TMP/odd.json"
run_ci --event "$TMP/odd.json" --reviews "$TMP/reviews.json"
no_crash "an event with odd values"
run_ci --event "$TMP/missing.json" --reviews "$TMP/reviews.json"
[ "$RC" = 3 ] && echo "$ERR" | grep -q "cannot read $TMP/missing.json" && ok "a missing event file: exit 3 naming it" || fail "missing: exit $RC: $ERR"
run_ci --reviews "$TMP/reviews.json" --format json
[ "$RC" = 2 ] && ok "no event and no GITHUB_EVENT_PATH: usage error" || fail "no event: exit $RC: $ERR"
run_ci --event "$TMP/event.json" --format yaml
[ "$RC" = 2 ] && ok "an unknown format: usage error" || fail "format: exit $RC"
run_ci --provider bitbucket --event "$TMP/event.json"
[ "$RC" = 2 ] && echo "$ERR" | grep -q "unknown --provider" && ok "an unknown provider: usage error" || fail "provider: $ERR"

# A head that was never fetched (a fork's branch) says so too.
sed "s/$HEAD_SHA/0123456789abcdef0123456789abcdef01234567/" "$TMP/event.json" > "$TMP/fork.json"
run_ci --event "$TMP/fork.json" --reviews "$TMP/reviews.json"
[ "$RC" = 3 ] && echo "$ERR" | grep -q "the head commit 0123456789abcdef0123456789abcdef01234567 of pull request #40 is not in this clone" \
  && ok "a head that is not in the clone: exit 3" || fail "missing head: exit $RC: $ERR"

# Outside a repository.
OUT=$(cd "$TMP" && "$LANEGUARD" ci --event "$TMP/event.json" --reviews "$TMP/reviews.json" 2>&1); RC=$?
[ "$RC" = 3 ] && echo "$OUT" | grep -qi "not a git repository" && ok "outside a repository: exit 3" || fail "no repo: exit $RC: $OUT"

# An invalid agreement on the base: exit 2 naming it.
git -C "$WORK" checkout -q main
echo "this = = not toml" >> "$WORK/.laneguard.toml"
git -C "$WORK" add .laneguard.toml
commit_as "$ERIN" "Break the agreement"
git -C "$WORK" push -q origin main
git -C "$WORK" checkout -q feature
push_pr
github_event 41 pat
run_ci --event "$TMP/event.json" --reviews "$TMP/reviews.json"
[ "$RC" = 2 ] && echo "$ERR" | grep -q ":.laneguard.toml:[0-9]*:[0-9]*:" && ok "an invalid base agreement: exit 2 with file:line:column" \
  || fail "invalid agreement: exit $RC: $ERR"

finish
