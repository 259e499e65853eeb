#!/bin/bash
# Server gate, robustness: the quarantine in a repository path holding ':', failing closed
# (unreadable agreement, invalid pushed agreement, missing object, time budget), on_error = "allow",
# and a hook that writes no refs.
source "$(dirname "$0")/server_lib.sh"
PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>"

# A path with ':' makes git C-quote GIT_ALTERNATE_OBJECT_DIRECTORIES; pushed objects are only in the
# quarantine while the hook runs. Accepting needs every pushed commit read, so it proves the hook sees them.
setup_server "srv:colon"
commit_as "$ERIN" "Harden login" src/auth/login.py
commit_as "$PAT" "Prototype" prototypes/q.py
push_as erin origin HEAD:refs/heads/erin/q
push_as eli origin HEAD:main
expect_accept "a repository path with ':': quarantined objects are seen"
[ "$(json_eval "$(last_audit)" 'scalar @{$j->{commits}}')" = 2 ] && ok "... both pushed commits judged" \
  || fail "quarantine: judged $(json_eval "$(last_audit)" 'scalar @{$j->{commits}}')"
reset_work
commit_as "$ERIN" "Harden login again" src/auth/login.py
push_as erin origin main
expect_reject "... and a rejection there reads the quarantined commit" self-approval

# The hook writes no refs: a rejected push changes none, an accepted one only the pushed ref.
refs_before=$(git -C "$SERVER" for-each-ref --format='%(refname) %(objectname)')
push_as erin origin main
[ "$(git -C "$SERVER" for-each-ref --format='%(refname) %(objectname)')" = "$refs_before" ] \
  && ok "a rejected push leaves every ref as it was" || fail "refs changed by a rejected push"
reset_work
commit_as "$PAT" "Prototype 2" prototypes/r.py
push_as pat origin main
expect_accept "a PM's prototype"
diff <(echo "$refs_before" | grep -v ' refs/heads/main$' | grep -v '^refs/heads/main ') \
  <(git -C "$SERVER" for-each-ref --format='%(refname) %(objectname)' | grep -v '^refs/heads/main ') >/dev/null \
  && ok "an accepted push moves only the pushed ref" || fail "the hook wrote refs"

# An invalid agreement cannot land on a protected branch.
reset_work
echo "this is = = not toml" >> "$WORK/.laneguard.toml"
git -C "$WORK" add .laneguard.toml
commit_as "$ERIN" "Break the agreement" prototypes/s.py
push_as pat origin HEAD:refs/heads/pm/broken
push_as erin origin main
expect_reject "pushing an invalid agreement" agreement-error

# An unreadable server agreement rejects protected pushes with a reason; other branches pass.
reset_work
commit_as "$PAT" "Prototype 3" prototypes/t.py
git -C "$SERVER" config laneguard.agreement "$TMP/missing.toml"
push_as pat origin main
expect_reject "git config laneguard.agreement unreadable" agreement-error
expect_output "... saying which file" "remote: .*missing.toml"
push_as pat origin HEAD:refs/heads/pm/t
expect_accept "... an unprotected branch still passes"

# The time budget: exhausted, a protected push is rejected with one line.
write_agreement "$TMP/server-agreement.toml"
git -C "$SERVER" config laneguard.agreement "$TMP/server-agreement.toml"
git -C "$SERVER" config laneguard.timeout 0
push_as pat origin main
expect_output "a push that cannot be judged in time is rejected" "remote: laneguard: rejected: .*time budget"
[ "$RC" -ne 0 ] && [ "$(grep -c '^remote: laneguard' <<<"$OUT")" = 1 ] && ok "... with exactly one line" \
  || fail "timeout output: $OUT"
[ "$(json_eval "$(last_audit)" '$j->{verdict}')" = reject ] && [ -n "$(json_eval "$(last_audit)" '$j->{error}')" ] \
  && ok "... and the failure is audited" || fail "timeout not audited"

# on_error = "allow" does not cover the time budget: the pusher can exhaust it at will.
AGREEMENT_EXTRA=""
write_agreement "$TMP/server-agreement.toml"
sed -i 's/^protected_branches = .*/&\non_error = "allow"/' "$TMP/server-agreement.toml"
push_as pat origin main
expect_output "on_error = allow: a timeout still rejects (the pusher can cause it)" "remote: laneguard: rejected: .*time budget"
[ "$RC" -ne 0 ] && ok "... the push is refused" || fail "on_error = allow accepted a timeout"
restore_hook_timeout "$SERVER"
git -C "$SERVER" config --unset laneguard.agreement

# A missing object, a malformed line: the hook itself, as git runs it, answers "reject" in one line.
set +e
msg=$(printf '%s %s refs/heads/main\n' "$(server_main)" "$(printf 'ab%.0s' {1..20})" \
  | (cd "$SERVER" && LANEGUARD_PUSHER=erin "$LANEGUARD" pre-receive) 2>&1)
rc=$?
set -e
[ "$rc" = 1 ] && [ "$(wc -l <<<"$msg")" = 1 ] && grep -q "rejected" <<<"$msg" && ok "a missing object rejects: $msg" \
  || fail "missing object: rc=$rc $msg"
set +e
msg=$(echo "garbage" | (cd "$SERVER" && "$LANEGUARD" pre-receive) 2>&1)
rc=$?
set -e
[ "$rc" = 1 ] && [ "$(wc -l <<<"$msg")" = 1 ] && ok "a malformed ref line rejects: $msg" || fail "malformed: rc=$rc $msg"
finish
