#!/bin/bash
# Approving by push (laneguard approve): real bare repositories with the hooks, real pushes with the
# pusher's variable set. Two approvals on a plain Git server, an agreement change approved by both
# lanes, and the attacks: a forged approval (another person's namespace, a pusher variable that does
# not match), an author approving her own commit, a bot, an approval of an old version of a rebased
# branch, deleting or moving an approval, and concurrent approval pushes.
source "$(dirname "$0")/server_lib.sh"
PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>" ELI="Eli <eli@acme.test>"
AI=$'\n\nAssisted-by: Claude:opus-4'
DB() { sqlite3 "$SERVER/laneguard/laneguard.db" "$@"; }
# approvals_of COMMIT: the accounts the record database holds as approvers of COMMIT, sorted.
approvals_of() { DB "SELECT approver FROM approvals WHERE commit_id = x'$1' ORDER BY approver" | paste -sd, -; }
# approve_as WHO [ARGS...]: `laneguard approve` run by WHO in WORK (git config laneguard.user and the
# platform's pusher variable both WHO); sets OUT and RC.
approve_as() {
  local who=$1
  shift
  git -C "$WORK" config laneguard.user "$who"
  set +e
  OUT=$(cd "$WORK" && LANEGUARD_PUSHER=$who "$LANEGUARD" approve "$@" 2>&1)
  RC=$?
  set -e
}
expect_rc() {  # expect_rc DESCRIPTION STATUS
  if [ "$RC" -eq "$2" ]; then ok "$1"; else fail "$1: exit status $RC, not $2"; echo "$OUT" | sed 's/^/    /' >&2; fi
}

AGREEMENT_EXTRA=$'[people.mirror]\nusernames = ["mirror"]\nbot = true'
setup_server
sed -i 's/^members = \["erin", "eli"\]/members = ["erin", "eli", "mirror"]/' "$WORK/.laneguard.toml"
git -C "$WORK" commit -qam "Mirror bot joins engineering"
push_as erin -o 'laneguard.override=SETUP: the bot account' origin main
expect_accept "setup: the bot joins engineering by break glass"

# --- 1. An AI-labelled change to authentication needs two approvals from engineering.
reset_work
git -C "$WORK" checkout -q -b feature/login
commit_as "$PAT" "Remember me on login$AI" src/auth/login.py
LOGIN=$(git -C "$WORK" rev-parse HEAD)
push_as pat origin feature/login
expect_accept "pat pushes her branch"
push_as erin origin feature/login:main
expect_reject "erin's push alone is one approval of the two the AI-labelled change needs" missing-approval
expect_output "... the pusher is told the exact command a reviewer runs" \
  'remote: .*fix: Ask eli \(not pat\) to review it and approve it by push: `laneguard approve feature/login` \(then push again\); or to sign a merge'
expect_no_output "... not to push it himself (that would replace erin's approval, not add one)" "push it to this branch themselves"
# erin's own clone has laneguard's local hooks: pre-push predicts the server's verdict.
git clone -q "$SERVER" "$TMP/hooked"
(cd "$TMP/hooked" && "$LANEGUARD" install >/dev/null)
hooked_push() {  # hooked_push PUSHER GIT-PUSH-ARGS...: a push from erin's clone, its pre-push hook running
  local who=$1
  shift
  set +e
  OUT=$(cd "$TMP/hooked" && git fetch -q origin && LANEGUARD_PUSHER=$who git push "$@" 2>&1)
  RC=$?
  set -e
}
hooked_push erin origin origin/feature/login:refs/heads/main
[ "$RC" -ne 0 ] && grep -q "laneguard pre-push" <<<"$OUT" && ! grep -q "^remote:" <<<"$OUT" \
  && ok "pre-push stops erin's push before it leaves (one approval of two)" || { fail "pre-push before the approval"; echo "$OUT" >&2; }
git -C "$WORK" checkout -q main
git -C "$WORK" branch -q -D feature/login   # eli's clone: the branch is origin/feature/login
approve_as eli feature/login
expect_rc "eli approves feature/login by push" 0
expect_output "... laneguard approve says what it approves" "approving feature/login \(${LOGIN:0:12}\) as eli: 1 commit"
expect_output "... the server answers what it recorded" "remote: laneguard: recorded eli's approval of 1 commit\(s\)"
expect_output "... naming the commit" "remote: laneguard:   ${LOGIN:0:12} Remember me on login \(Pat <pat@acme.test>\)"
[ "$(approvals_of "$LOGIN")" = eli ] && ok "... recorded in the database" || fail "approvals of LOGIN: '$(approvals_of "$LOGIN")'"
git -C "$SERVER" rev-parse -q --verify "refs/laneguard/approvals/eli/$LOGIN" >/dev/null \
  && ok "... the approval ref stays on the server" || fail "no approval ref"
json_eval "$(last_audit)" '$j->{approvals}[0]{approver} eq "eli" && $j->{approvals}[0]{commits}[0] eq "'"$LOGIN"'" && $j->{verdict} eq "accept"' | grep -q 1 \
  && ok "... and in the audit log" || fail "audit: $(last_audit)"
approve_as eli feature/login
expect_rc "approving the same commit again" 0
expect_output "... changes nothing" "already recorded"
[ "$(approvals_of "$LOGIN")" = eli ] && ok "... one approval per person" || fail "approvals: '$(approvals_of "$LOGIN")'"
hooked_push erin origin origin/feature/login:refs/heads/main
expect_accept "erin's push after eli's approval push: two approvals (pre-push reads the approval from the server)"
expect_output "... the accept line names both" "remote: laneguard: accepted: 1 commit\(s\) judged for main; authentication approved by eli, erin"

# check on the server (beside its record database) shows the approvals by push beside trailers.
set +e
CHECK=$("$LANEGUARD" -C "$SERVER" check --agreement "$WORK/.laneguard.toml" --format json "$LOGIN^!"); RC=$?
set -e
json_eval "$CHECK" 'join ",", map { "$_->{area}:" . join("+", @{$_->{approved_by}}) . ":" . join("+", @{$_->{approved_how}}) } @{$j->{areas}}' \
  | grep -q "authentication:eli:approval pushed by eli" && ok "check on the server counts eli's approval by push" \
  || fail "check on the server: $CHECK"
CHECK=$(cd "$WORK" && "$LANEGUARD" check --format json "$LOGIN^!" || true)
json_eval "$CHECK" 'join ",", map { @{$_->{approved_by}} } @{$j->{areas}}' | grep -q eli \
  && fail "check in a clone (no record database) counted an approval by push" || ok "... a clone has no record of it"

# --- 2. An author approving her own commit by push does not count.
reset_work
commit_as "$ELI" "Eli's login tweak" src/auth/login.py
OWN=$(git -C "$WORK" rev-parse HEAD)
push_as eli origin HEAD:refs/heads/eli/own
approve_as eli "$OWN"
expect_rc "eli approves his own commit by push (recorded)" 0
expect_output "... he is told it will not count" "remote: laneguard:   it will not count for ${OWN:0:12}: eli is its author"
push_as pat origin HEAD:main
expect_reject "pat pushing it: eli's own approval is discarded" self-approval
expect_output "... the message says whose approval did not count" "remote: .*eli is an author of the change"

# --- 3. Forged approvals are refused, break glass or not.
reset_work
commit_as "$PAT" "Session cookie" src/auth/session.py
FORGE=$(git -C "$WORK" rev-parse HEAD)
push_as pat origin HEAD:refs/heads/pm/session
push_as pat origin "$FORGE:refs/laneguard/approvals/eli/$FORGE"
expect_reject "pat pushing into eli's approval namespace" forged-approval
expect_output "... saying whose namespace it is" "remote: .*pat \(pushing as pat\) wrote into eli's approvals"
git -C "$WORK" config laneguard.user eli
set +e; OUT=$(cd "$WORK" && LANEGUARD_PUSHER=pat "$LANEGUARD" approve "$FORGE" 2>&1); RC=$?; set -e
expect_rc "laneguard approve as eli with the platform naming pat: refused" 1
expect_output "... as a forged approval" "remote: .*block forged-approval"
push_as erin -o 'laneguard.override=INC-7: eli is away' origin "$FORGE:refs/laneguard/approvals/eli/$FORGE"
expect_reject "erin breaking glass cannot approve in eli's name" forged-approval
push_as PAT origin "$FORGE:refs/laneguard/approvals/pat/$FORGE"
expect_accept "setup: pat approves her own change (people are compared, not strings: PAT is pat)"
push_as eli origin "$FORGE:refs/laneguard/approvals/erin/$FORGE"
expect_reject "eli pushing into erin's" forged-approval
push_as stranger origin "$FORGE:refs/laneguard/approvals/stranger/$FORGE"
expect_reject "a pusher the agreement does not know" forged-approval
set +e; OUT=$(cd "$WORK" && env -u LANEGUARD_PUSHER git push origin "$FORGE:refs/laneguard/approvals/eli/$FORGE" 2>&1); RC=$?; set -e
expect_reject "no pusher variable at all (the hook's Unix account is nobody in the agreement)" forged-approval
[ -z "$(approvals_of "$FORGE" | tr , '\n' | grep -v '^PAT$')" ] && ok "... nothing forged was recorded" \
  || fail "approvals of FORGE: '$(approvals_of "$FORGE")'"
push_as eli origin HEAD:main
expect_accept "control: eli's own push approves it"

# --- 4. A bot's approval push is refused and counts for nothing.
reset_work
git -C "$WORK" checkout -q -b pm/bot
commit_as "$PAT" "Login change a bot approves$AI" src/auth/login.py
BOT=$(git -C "$WORK" rev-parse HEAD)
push_as pat origin pm/bot
approve_as mirror pm/bot
expect_rc "the mirror bot's approval push" 1
expect_output "... is refused: bots never approve" "remote: .*block approval-ref.*|remote: .*bots never approve"
[ -z "$(approvals_of "$BOT")" ] && ok "... nothing recorded" || fail "bot approvals: '$(approvals_of "$BOT")'"
push_as erin origin pm/bot:main
expect_reject "erin's push: still one approval of two" missing-approval

# --- 4b. One approval per person, however many accounts she approves with.
reset_work
git -C "$WORK" checkout -q -b pm/twice
commit_as "$PAT" "Login change, part 1$AI" src/auth/login.py
A=$(git -C "$WORK" rev-parse HEAD)
commit_as "$PAT" "Login change, part 2$AI" src/auth/login.py
B=$(git -C "$WORK" rev-parse HEAD)
push_as pat origin pm/twice
push_as eli origin "$A:refs/laneguard/approvals/eli/$A"
expect_accept "eli approves part 1 as eli"
set +e; OUT=$(cd "$WORK" && REMOTE_USER=eli@acme.test git push origin "$B:refs/laneguard/approvals/eli@acme.test/$B" 2>&1); RC=$?; set -e
expect_accept "... and parts 1 and 2 as eli@acme.test (REMOTE_USER)"
[ "$(approvals_of "$A")" = "eli,eli@acme.test" ] && ok "... two records for part 1" || fail "approvals of A: '$(approvals_of "$A")'"
push_as pat origin pm/twice:main
expect_reject "two accounts of eli are one approval of the two needed" "(missing|self)-approval"
expect_output "... counted once" "counted: eli; missing: 1 more approval from engineering"

# --- 4c. A commit nobody knows the introducer of: an approval by push does not count for it.
reset_work
commit_as "$PAT" "Login tweak under pat's name (really erin's)" src/auth/login.py
PARKED=$(git -C "$WORK" rev-parse HEAD)
mv "$SERVER/hooks" "$SERVER/hooks.off"
(cd "$WORK" && git push -q origin HEAD:refs/pull/7/head 2>/dev/null)
mv "$SERVER/hooks.off" "$SERVER/hooks"
approve_as erin "$PARKED"
expect_rc "erin approves a commit that reached the server without the hook (recorded)" 0
expect_output "... she is told it will not count" "it will not count for ${PARKED:0:12}: nobody knows who introduced it"
push_as pat origin HEAD:main
expect_reject "... and it does not: its real author could be the one approving it" missing-approval
expect_output "... the pusher is told why" "remote: laneguard: nobody knows who first pushed 1 commit"

# --- 4d. laneguard approve needs to know who you are.
git -C "$WORK" config --unset laneguard.user
set +e; OUT=$(cd "$WORK" && LANEGUARD_PUSHER=eli "$LANEGUARD" approve HEAD 2>&1); RC=$?; set -e
expect_rc "approve with a user.email nobody in the agreement has" 2
expect_output "... says how to name yourself" "git config laneguard.user"

# --- 5. An approval names commit ids: a rebased branch needs a new approval.
reset_work
git -C "$WORK" checkout -q -b feature/rebase
commit_as "$PAT" "Login throttle$AI" src/auth/login.py
V1=$(git -C "$WORK" rev-parse HEAD)
push_as pat origin feature/rebase
approve_as eli feature/rebase
expect_rc "eli approves version 1" 0
git -C "$WORK" checkout -q main
commit_as "$ERIN" "Engineering moves main on" src/app/main.py
push_as erin origin HEAD:refs/heads/erin/base
push_as eli origin HEAD:main
expect_accept "setup: main moves on"
git -C "$WORK" checkout -q feature/rebase
GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test git -C "$WORK" rebase -q main
V2=$(git -C "$WORK" rev-parse HEAD)
[ "$V1" != "$V2" ] && ok "test setup: the rebase made a new commit" || fail "setup: rebase"
push_as pat origin +feature/rebase
expect_accept "pat force-pushes the rebased branch (not protected)"
push_as erin origin feature/rebase:main
expect_reject "eli's approval of version 1 does not count for version 2" missing-approval
expect_output "... the fix names the command again" '`laneguard approve feature/rebase`'
approve_as eli feature/rebase
expect_rc "eli approves version 2" 0
push_as erin origin feature/rebase:main
expect_accept "... then erin's push lands it"

# --- 6. What cannot be approved, and approvals are never rewritten.
reset_work
approve_as eli origin/erin/base
expect_rc "approving a commit already on main (nothing that is not on a protected branch)" 1
expect_output "... says there is nothing to approve" "remote: .*nothing to approve"
commit_as "$PAT" "Never pushed" src/auth/login.py
LOCAL=$(git -C "$WORK" rev-parse HEAD)
approve_as eli HEAD
expect_rc "approving a commit the server does not have yet" 1
expect_output "... is refused: eli would be its introducer" "remote: .*not on the server yet.*making eli their introducer"
[ -z "$(introducer_of "$LOCAL")" ] && ok "... and eli is not recorded as its introducer" || fail "introducer: $(introducer_of "$LOCAL")"
push_as eli origin ":refs/laneguard/approvals/eli/$V2"
expect_reject "eli deleting his approval" approval-ref
push_as eli origin "+$LOGIN:refs/laneguard/approvals/eli/$V2"
expect_reject "eli moving his approval ref" approval-ref
push_as eli origin "$V2:refs/laneguard/approvals/eli/feature-rebase"
expect_reject "an approval ref not named by its commit" approval-ref
push_as eli origin "$V2:refs/laneguard/notes"
expect_reject "another ref under refs/laneguard/" approval-ref
[ "$(approvals_of "$V2")" = eli ] && ok "... eli's approval of V2 is still recorded" || fail "V2: '$(approvals_of "$V2")'"
push_as eli -o 'laneguard.override=INC-8: no' origin "+$LOGIN:refs/laneguard/approvals/eli/$V2"
expect_reject "eli may not break glass (only erin may)" override
push_as erin -o 'laneguard.override=INC-8: approval given by mistake' origin ":refs/laneguard/approvals/eli/$V2"
expect_accept "break glass withdraws an approval"
expect_output "... saying so" "remote: laneguard: withdrew the approvals refs/laneguard/approvals/eli/$V2 recorded"
[ -z "$(approvals_of "$V2")" ] && ok "... the record is gone" || fail "V2 after withdrawal: '$(approvals_of "$V2")'"
json_eval "$(last_audit)" '$j->{approvals}[0]{withdrawn} ? 1 : 0' | grep -q 1 && ok "... and the audit log says so" \
  || fail "audit: $(last_audit)"

# --- 7. The agreement file changed with one approval from each lane.
reset_work
git -C "$WORK" checkout -q -b erin/agreement
sed -i 's#^paths = \["src/auth/\*\*", "\*\*/session\*"\]#paths = ["src/auth/**", "**/session*", "src/oauth/**"]#' "$WORK/.laneguard.toml"
grep -q 'src/oauth' "$WORK/.laneguard.toml" || fail "test setup: agreement edit"
GIT_AUTHOR_NAME=Erin GIT_AUTHOR_EMAIL=erin@acme.test GIT_COMMITTER_NAME=Erin GIT_COMMITTER_EMAIL=erin@acme.test \
  git -C "$WORK" commit -qam "Protect oauth too"
AGR=$(git -C "$WORK" rev-parse HEAD)
push_as erin origin erin/agreement
push_as eli origin erin/agreement:main
expect_reject "an agreement change with engineering's approval only" missing-approval
expect_output "... the PM lane is asked to approve by push" 'fix: Ask pat \(not erin\) to review it and approve it by push: `laneguard approve erin/agreement`'
approve_as pat erin/agreement
expect_rc "pat (the PM lane) approves it by push" 0
push_as eli origin erin/agreement:main
expect_accept "eli's push: one approval from each lane"
expect_output "... both areas name both lanes' approvers" "agreement approved by eli, pat"

# --- 8. Concurrent approval pushes: erin and eli approve five branches at once.
reset_work
for i in 1 2 3 4 5; do
  git -C "$WORK" checkout -q -B "pm/c$i" main
  commit_as "$PAT" "Concurrent change $i$AI" "src/auth/c$i.py"
  push_as pat origin "pm/c$i"
done
git -C "$WORK" checkout -q main
for who in erin eli; do
  git clone -q "$SERVER" "$TMP/$who"
  git -C "$TMP/$who" config laneguard.user "$who"
done
pids=()
for i in 1 2 3 4 5; do
  for who in erin eli; do
    (cd "$TMP/$who" && LANEGUARD_PUSHER=$who "$LANEGUARD" approve "origin/pm/c$i" > "$TMP/approve-$who-$i.log" 2>&1) &
    pids+=($!)
  done
done
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
[ "$bad" = 0 ] && ok "ten concurrent approval pushes all succeed" || { fail "$bad concurrent approvals failed"; cat "$TMP"/approve-*.log >&2; }
rows=$(DB "SELECT count(*) FROM approvals a JOIN (SELECT 1) WHERE ref LIKE 'refs/laneguard/approvals/e%'" )
want=0
for i in 1 2 3 4 5; do
  c=$(git -C "$WORK" rev-parse "pm/c$i")
  [ "$(approvals_of "$c")" = "eli,erin" ] && want=$((want + 1))
done
[ "$want" = 5 ] && ok "... each branch's commit has both approvals recorded" || fail "only $want of 5 commits have both approvals"
lines=$(grep -c '"approvals":\[{' "$AUDIT")
[ "$lines" -ge 10 ] && ok "... every approval push has its audit line ($lines with approvals)" || fail "audit lines with approvals: $lines"
push_as pat origin pm/c3:main
expect_accept "pat lands one of them on two approvals by push"
expect_output "... approved by both" "authentication approved by eli, erin"
finish
