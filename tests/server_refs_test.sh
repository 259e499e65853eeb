#!/bin/bash
# Server gate, ref rules: deletion, force push, branch creation, break glass, audit log, introducers.
source "$(dirname "$0")/server_lib.sh"
setup_server
PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>"

# Deleting a protected branch.
push_as erin origin HEAD:refs/heads/release/1
expect_accept "creating release/1 from main lands nothing new"
push_as erin origin :refs/heads/release/1
expect_reject "deleting a protected branch" protected-ref-deletion
git -C "$SERVER" rev-parse -q --verify refs/heads/release/1 >/dev/null && ok "... it is still there" || fail "release/1 deleted"
push_as pat origin HEAD:refs/heads/pm/tmp
push_as pat origin :refs/heads/pm/tmp
expect_accept "deleting an unprotected branch"

# Force push (non-fast-forward) onto a protected branch.
reset_work
commit_as "$PAT" "Prototype" prototypes/a.py
push_as pat origin main
expect_accept "a PM's prototype"
git -C "$WORK" reset -q --hard HEAD~1
commit_as "$PAT" "Prototype, rewritten" prototypes/b.py
push_as pat origin +main
expect_reject "a force push rewriting main" non-fast-forward

# Branch creation straight onto a protected name, with commits parked on a feature branch.
reset_work
commit_as "$PAT" "Parked auth change" src/auth/login.py
push_as pat origin HEAD:refs/heads/pm/parked
expect_accept "an unapproved change parked on a feature branch"
push_as pat origin HEAD:refs/heads/release/2
expect_reject "creating a protected branch from unjudged commits" self-approval
push_as pat origin HEAD:refs/heads/Release/2
expect_accept "Release/2 is not release/* (branch names are case-sensitive, as in git)"

# Break glass: only people in [override], only with a reason, always recorded.
push_as pat -o 'laneguard.override=INC-1: please' origin HEAD:main
expect_reject "an override by someone not in [override]" override
expect_output "... with a clear refusal naming pat" "remote: .*pat"
push_as erin -o 'laneguard.override' origin HEAD:main
expect_reject "an override without a reason" override
push_as erin -o 'laneguard.override=INC-123: payment outage' origin HEAD:main
expect_accept "an override by erin with a reason"
expect_output "... shows the override notice" "remote: .*notice override"
line=$(last_audit)
[ "$(json_eval "$line" '$j->{override}{reason}')" = "INC-123: payment outage" ] \
  && [ "$(json_eval "$line" '$j->{override}{accepted} ? "yes" : "no"')" = yes ] \
  && [ "$(json_eval "$line" '$j->{verdict}')" = accept ] \
  && ok "audit: the override, its reason and who used it" || fail "audit override: $line"
[ "$(json_eval "$line" '$j->{refs}[0]{ref}')" = refs/heads/main ] \
  && [ "$(json_eval "$line" '$j->{refs}[0]{new}')" = "$(server_main)" ] \
  && [ "$(json_eval "$line" 'scalar @{$j->{commits}}')" -ge 1 ] \
  && [ -n "$(json_eval "$line" '$j->{time}')" ] \
  && ok "audit: time, refs, old/new and commits judged" || fail "audit fields: $line"

# An override reopens a deletion too (and is recorded).
push_as erin -o 'laneguard.override=INC-124: retire release/1' origin :refs/heads/release/1
expect_accept "deletion with erin's override"

# Every audit line is one JSON document; decisions on unprotected refs are not audited.
n_before=$(wc -l < "$AUDIT")
push_as pat origin HEAD:refs/heads/pm/unaudited
[ "$(wc -l < "$AUDIT")" = "$n_before" ] && ok "unprotected refs are not audited" || fail "audited an unprotected ref"
perl -MJSON::PP -ne 'JSON::PP->new->decode($_)' "$AUDIT" && ok "every audit line parses" || fail "bad audit line"

# Concurrent pushes: every decision arrives, whole.
reset_work
n_before=$(decision_lines)
n_landed_before=$(grep -cF '"by":"post-receive"' "$AUDIT" || true)
for i in 1 2 3 4 5 6; do
  git -C "$WORK" checkout -q -B "c$i" origin/main
  commit_as "$PAT" "Concurrent $i" "prototypes/c$i.py"
done
pids=()
for i in 1 2 3 4 5 6; do
  (cd "$WORK" && LANEGUARD_PUSHER=pat git push -q origin "c$i:release/c$i" >/dev/null 2>&1) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
[ "$(($(decision_lines) - n_before))" = 6 ] && ok "six concurrent pushes, six decisions in the audit log" \
  || fail "concurrent pushes: $(($(decision_lines) - n_before)) decisions"
[ "$(($(grep -cF '"by":"post-receive"' "$AUDIT") - n_landed_before))" = 6 ] \
  && ok "... and six lines from post-receive saying each landed (six different refs)" || fail "landing lines: $(grep -c landing "$AUDIT")"
perl -MJSON::PP -ne 'JSON::PP->new->decode($_)' "$AUDIT" && ok "... none interleaved" || fail "interleaved audit lines"

# The audit log path from git config laneguard.auditLog.
git -C "$SERVER" config laneguard.auditLog "$TMP/elsewhere/audit.jsonl"
reset_work
commit_as "$PAT" "Prototype" prototypes/d.py
push_as pat origin main
[ -s "$TMP/elsewhere/audit.jsonl" ] && ok "git config laneguard.auditLog is honoured" || fail "laneguard.auditLog ignored"

# post-receive records introducers even when pre-receive could not (e.g. the store was removed).
reset_work
commit_as "$PAT" "Another prototype" prototypes/e.py
git -C "$SERVER" config laneguard.database "$TMP/intro-store.db"
push_as pat origin HEAD:refs/heads/pm/e
[ "$(introducer_of "$(git -C "$WORK" rev-parse HEAD)" "$TMP/intro-store.db")" = pat ] \
  && ok "git config laneguard.database is honoured" || fail "record database location"
[ "$(sqlite3 "$TMP/intro-store.db" "SELECT count(*) FROM introducers WHERE commit_id = x'$(git -C "$WORK" rev-parse HEAD)'")" = 1 ] \
  && ok "... one record per commit even with both hooks recording" || fail "duplicate introducer records"
printf '%s %s %s\n' "$(git -C "$SERVER" rev-parse HEAD)" "$(server_main)" refs/heads/main \
  | (cd "$SERVER" && LANEGUARD_PUSHER=erin "$LANEGUARD" post-receive) && ok "post-receive runs standalone" \
  || fail "post-receive failed"
finish
