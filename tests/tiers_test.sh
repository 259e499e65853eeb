#!/usr/bin/env bash
# Tiers and their definition of done (definition-of-done, oversized-change), through every mode:
# `check`, `ci`, the server (a real push into a bare repository with `laneguard install --server`)
# and the local hooks (`laneguard install` in a clone, real `git commit` and `git push`). Real
# repositories, real commits; the attacks are pushes that try to get around each rule.
source "$(dirname "$0")/server_lib.sh"

PAT="Pat <pat@acme.test>" PIA="Pia <pia@acme.test>" ERIN="Erin <erin@acme.test>"

# The team's agreement, pia a second member of pm, and three tiers whose checks all block.
write_agreement() {
  bash "$LANEGUARD_SOURCE_DIR/tests/team_agreement.sh" \
    '[lanes.pm] members = ["pat", "pia"]' \
    $'[people.pia]\nemails = ["pia@acme.test"]\nusernames = ["pia"]' \
    $'[[tier]]\nname = "prototype"\npaths = ["prototypes/**"]' \
    $'[[tier]]\nname = "internal-tool"\npaths = ["tools/internal/**"]\n[tier.review]\napprovals = 1\nfrom = "anyone"\nseverity = "block"' \
    $'[[tier]]\nname = "production"\npaths = ["src/**"]\n[[tier.done]]\nname = "tests beside the code"\ncompanion = ["{dir}/{stem}_test.{ext}", "/tests/**"]\nfor = ["*.py"]\nexcept = ["*_test.py"]\nseverity = "block"\n[[tier.done]]\ntrailer = "Rollback"\nseverity = "block"\n[tier.size]\nlanes = ["pm"]\nmax_files = 4\nmax_lines = 40\nmax_areas = 1\nseverity = "block"' \
    $'[local]\nmode = "block"' > "$1"
}

# commit_files "Name <email>" MESSAGE PATH...: one new line in each path, committed as that person.
commit_files() { commit_as "$@"; }
rollback=$'\n\nRollback: git revert; no data to migrate'

run() {  # run CMD...: sets OUT and RC
  set +e
  OUT=$("$@" 2>&1)
  RC=$?
  set -e
}
expect_rc() {  # expect_rc DESCRIPTION RC [RULE...]: the status, and each rule id in the output
  local desc=$1 want=$2 rule
  shift 2
  if [ "$RC" -ne "$want" ]; then fail "$desc: exit $RC, expected $want"; echo "$OUT" | sed 's/^/    /' >&2; return; fi
  for rule in "$@"; do
    if ! grep -q -- "$rule" <<<"$OUT"; then fail "$desc: no $rule in the output"; echo "$OUT" | sed 's/^/    /' >&2; return; fi
  done
  ok "$desc"
}

setup_server
lg() { (cd "$WORK" && "$LANEGUARD" "$@"); }

echo "== check"
reset_work
commit_files "$ERIN" "Pay by card$rollback" src/app/pay.py
run lg check HEAD^!
expect_rc "check: production code without the test beside it blocks" 1 "definition-of-done" "src/app/pay.py needs a changed src/app/pay_test.py or tests/\*\*"
commit_files "$ERIN" "Pay by card, tested$rollback" src/app/card.py src/app/card_test.py
run lg check HEAD^!
expect_rc "check: production code with its test passes" 0
commit_files "$ERIN" "Card, with an unrelated test$rollback" src/app/card.py src/other/card_test.py
run lg check HEAD^!
expect_rc "check (attack): a test of the same name in another directory is no companion" 1 "definition-of-done"
commit_files "$ERIN" "Card, with a test file of another name$rollback" src/app/card.py src/app/card_test.py.orig src/app/cards_test.py
run lg check HEAD^!
expect_rc "check (attack): card_test.py.orig or cards_test.py do not stand for card_test.py" 1 "definition-of-done"
echo x > "$WORK/src/app/card.py"; git -C "$WORK" rm -q src/app/card_test.py; git -C "$WORK" add -A
GIT_AUTHOR_NAME=Erin GIT_AUTHOR_EMAIL=erin@acme.test GIT_COMMITTER_NAME=Erin GIT_COMMITTER_EMAIL=erin@acme.test \
  git -C "$WORK" commit -q -m "Card, its test deleted$rollback"
run lg check HEAD^!
expect_rc "check (attack): deleting the test is no companion" 1 "definition-of-done"
commit_files "$ERIN" "Card, tests under tests/$rollback" src/app/card.py tests/test_card_flow.py
run lg check HEAD^!
expect_rc "check: a change under tests/ satisfies the companion" 0
commit_files "$ERIN" "Pay again, no rollback" src/app/pay.py src/app/pay_test.py
run lg check HEAD^! --format json
expect_rc "check: a missing Rollback: trailer blocks" 1 '"rule": "definition-of-done"' "no Rollback: trailer"
commit_files "$ERIN" $'Pay again\n\nRollback:' src/app/pay.py src/app/pay_test.py
run lg check HEAD^!
expect_rc "check (attack): an empty Rollback: trailer does not count" 1 "no Rollback: trailer"

# A PM's oversized change, split into one commit per file: each commit is small, the range is not.
reset_work
BASE_CHECK=$(git -C "$WORK" rev-parse HEAD)
for i in 1 2 3 4 5; do commit_files "$PAT" "Part $i$rollback" src/feature/f$i.py src/feature/f${i}_test.py; done
run lg check HEAD~1^!
expect_rc "check: one small commit of the split change passes on its own" 0
run lg check "$BASE_CHECK..HEAD" --format sarif
expect_rc "check: the range lands as one oversized change (SARIF)" 1 '"ruleId": "oversized-change"' "10 files (limit 4)"
# Lines: 5 commits of 10 lines each into one file (the file limit is not reached; the line limit is).
reset_work
B2=$(git -C "$WORK" rev-parse HEAD)
mkdir -p "$WORK/src/feature"
for i in 1 2 3 4 5; do seq 1 10 | sed "s/^/$i /" >> "$WORK/src/feature/big.py"; echo t >> "$WORK/src/feature/big_test.py"
  git -C "$WORK" add -A; GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test git -C "$WORK" commit -q -m "Lines $i$rollback"; done
want_lines=$(git -C "$WORK" diff --numstat "$B2" HEAD -- src/ | awk '{s += $1 + $2} END {print s}')
run lg check "$B2..HEAD"
expect_rc "check: changed lines over the range, as git diff --numstat counts them ($want_lines)" 1 "oversized-change" "$want_lines changed lines (limit 40)"

# Internal tools: a real review from anyone but the author.
reset_work
commit_files "$PAT" $'Internal report tool\n\nReviewed-by: Pia <pia@acme.test>' tools/internal/report.py
run lg check HEAD^!
expect_rc "check: an internal tool reviewed by a PM colleague passes" 0
commit_files "$PAT" $'Internal report tool\n\nReviewed-by: Pat <pat@acme.test>' tools/internal/report.py
run lg check HEAD^!
expect_rc "check (attack): the author approving their own internal tool blocks" 1 "self-approval" "tier internal-tool"
commit_files "$PAT" "A prototype" prototypes/demo/app.py
run lg check HEAD^!
expect_rc "check: a prototype needs no review and no definition of done" 0
run lg explain src/app/pay.py tools/internal/report.py
expect_rc "explain: the tier, its review and its definition of done" 0 "tier: production" "done: tests beside the code (block): a change to this file also changes src/app/pay_test.py or tests/\*\*" "done: a Rollback: trailer" "size: a change by pm may touch at most 4 files" "review: 1 approval from anyone other than the change's authors (block)"

echo "== server"
reset_work
git -C "$WORK" checkout -q -b big
for i in 1 2 3 4 5; do commit_files "$PAT" "Part $i$rollback" src/feature/f$i.py src/feature/f${i}_test.py; done
push_as erin origin big:main
expect_reject "server (attack): a PM's change split into 5 commits of one push is judged as a whole" oversized-change
expect_output "server: the finding says what is over" "10 files \(limit 4\)"
push_as erin origin big~4:main
expect_accept "server: one small commit of it lands"
reset_work
commit_files "$ERIN" "Pay by card$rollback" src/app/pay.py
push_as erin origin main
expect_reject "server: production code without the test beside it" definition-of-done
reset_work
commit_files "$ERIN" "Pay by card" src/app/pay.py src/app/pay_test.py
push_as erin origin main
expect_reject "server: a missing Rollback: trailer" definition-of-done
expect_output "server: the missing trailer is named" "no Rollback: trailer"
reset_work
commit_files "$ERIN" "Pay by card$rollback" src/app/pay.py
commit_files "$ERIN" "Its test$rollback" src/app/pay_test.py
push_as erin origin main
expect_accept "server: the test in a later commit of the same push counts"
reset_work
commit_files "$PAT" "Internal report tool" tools/internal/report.py
push_as pat origin HEAD:refs/heads/report-tool
expect_accept "server: pat pushes his internal tool to a branch of his own"
push_as pat origin main
expect_reject "server (attack): the author pushing their own internal tool" self-approval
expect_output "server: the tier names the review it needs" "tier internal-tool was changed: it needs 1 approval from anyone other than the change's authors"
push_as pia origin main
expect_accept "server: an internal tool a PM colleague pushes (her authenticated approval) lands"

echo "== ci"
reset_work
CIBASE=$(git -C "$WORK" rev-parse HEAD)
git -C "$WORK" checkout -q -b pr
for i in 1 2 3 4 5; do commit_files "$PAT" "Part $i$rollback" src/feature/f$i.py src/feature/f${i}_test.py; done
HEAD_PR=$(git -C "$WORK" rev-parse HEAD)
printf '{"number": 7, "author": "pat", "base": "%s", "head": "%s", "pushers": ["pat"], "reviews": [{"user": "erin", "commit": "%s"}]}' \
  "$CIBASE" "$HEAD_PR" "$HEAD_PR" > "$TMP/pr7.json"
run lg ci --input "$TMP/pr7.json"
expect_rc "ci: a PM's oversized pull request blocks" 1 "oversized-change" "change by pat (pm) to tier production"
run lg ci --input "$TMP/pr7.json" --format json
expect_rc "ci: JSON names the rule and the tier" 1 '"rule": "oversized-change"' '"area": "tier production"'
git -C "$WORK" checkout -q main
git -C "$WORK" checkout -q -b tool
commit_files "$PAT" "Internal report tool" tools/internal/report.py
HEAD_T=$(git -C "$WORK" rev-parse HEAD)
printf '{"number": 8, "author": "pat", "base": "%s", "head": "%s", "reviews": [{"user": "pia", "commit": "%s"}]}' \
  "$CIBASE" "$HEAD_T" "$HEAD_T" > "$TMP/pr8.json"
run lg ci --input "$TMP/pr8.json"
expect_rc "ci: an internal tool reviewed by a PM colleague is accepted" 0
printf '{"number": 9, "author": "pat", "base": "%s", "head": "%s", "reviews": [{"user": "pat", "commit": "%s"}]}' \
  "$CIBASE" "$HEAD_T" "$HEAD_T" > "$TMP/pr9.json"
run lg ci --input "$TMP/pr9.json"
expect_rc "ci (attack): the author approving their own internal tool" 1 "self-approval"
git -C "$WORK" checkout -q main
git -C "$WORK" checkout -q -b notest
commit_files "$ERIN" "Pay$rollback" src/app/pay.py
HEAD_N=$(git -C "$WORK" rev-parse HEAD)
printf '{"number": 10, "author": "erin", "base": "%s", "head": "%s"}' "$CIBASE" "$HEAD_N" > "$TMP/pr10.json"
run lg ci --input "$TMP/pr10.json" --format markdown
expect_rc "ci: production code without tests, in the Markdown report" 1 "definition-of-done" "src/app/pay.py"
git -C "$WORK" checkout -q main

echo "== local hooks"
LOCAL=$TMP/local
git clone -q "$SERVER" "$LOCAL"
"$LANEGUARD" install "$LOCAL" >/dev/null
lcommit() {  # lcommit "Name <email>" MESSAGE PATH...: a real git commit through the hooks; sets OUT, RC
  local who=$1 msg=$2 name email f
  shift 2
  name=${who% <*} email=${who#*<} email=${email%>}
  for f in "$@"; do mkdir -p "$LOCAL/$(dirname "$f")"; echo "change $RANDOM" >> "$LOCAL/$f"; git -C "$LOCAL" add -- "$f"; done
  set +e
  OUT=$(cd "$LOCAL" && GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email \
        git -c user.name="$name" -c user.email="$email" commit -q -m "$msg" 2>&1)
  RC=$?
  set -e
}
lcommit "$ERIN" "Pay$rollback" src/app/pay.py
expect_rc "pre-commit: production code without its test is refused" 1 "definition-of-done"
lcommit "$ERIN" "Pay" src/app/pay.py src/app/pay_test.py
expect_rc "commit-msg: a missing Rollback: trailer is refused" 1 "no Rollback: trailer"
lcommit "$ERIN" "Pay$rollback" src/app/pay.py src/app/pay_test.py
expect_rc "local: with the test and the trailer the commit is made" 0
lcommit "$PAT" "Everything at once$rollback" src/feature/a.py src/feature/a_test.py src/feature/b.py src/feature/b_test.py src/feature/c.py
expect_rc "pre-commit: a PM's oversized commit is refused" 1 "oversized-change"
git -C "$LOCAL" reset -q --hard HEAD
git -C "$LOCAL" fetch -q origin
git -C "$LOCAL" reset -q --hard origin/main
echo x >> "$LOCAL/src/app/pay.py"
git -C "$LOCAL" rm -q src/app/pay_test.py
git -C "$LOCAL" add -A
set +e
OUT=$(cd "$LOCAL" && GIT_AUTHOR_NAME=Erin GIT_AUTHOR_EMAIL=erin@acme.test GIT_COMMITTER_NAME=Erin GIT_COMMITTER_EMAIL=erin@acme.test \
      git -c user.name=Erin -c user.email=erin@acme.test commit -q -m "Pay$rollback" 2>&1)
RC=$?
set -e
expect_rc "pre-commit (attack): deleting the test beside the code is no companion" 1 "definition-of-done"
git -C "$LOCAL" reset -q --hard origin/main
for i in 1 2 3; do
  lcommit "$PAT" "Part $i$rollback" src/split/s$i.py src/split/s${i}_test.py
  [ "$RC" -eq 0 ] || { fail "local: split part $i was refused"; echo "$OUT" >&2; }
done
set +e
OUT=$(cd "$LOCAL" && LANEGUARD_PUSHER=pat git push origin HEAD:main 2>&1)
RC=$?
set -e
expect_rc "pre-push (attack): three small commits of one push are one oversized change" 1 "laneguard pre-push" "oversized-change" "6 files (limit 4)"

finish
