#!/bin/bash
# The watchdog answers only for a hook that has not decided (issue "Reliability", defect 4). Here
# the hook decides "accept" within its budget and writes its audit line, then waits past the
# deadline for the record database's write lock (another process holds it). The watchdog used to
# fire then: a second, contrary "reject" line, and the push rejected after it was recorded accepted.
source "$(dirname "$0")/server_lib.sh"
setup_server
git -C "$SERVER" config laneguard.timeout 1
DB=$SERVER/laneguard/laneguard.db

commit_as "Pat <pat@acme.test>" "Prototype" prototypes/w.py
push_as pat origin HEAD:refs/heads/pm/warmup   # creates the database
commit_as "Pat <pat@acme.test>" "Prototype, new to the server" prototypes/w1.py
n_before=0
[ -e "$AUDIT" ] && n_before=$(decision_lines)

# Hold the database's write lock for 4 s (past the deadline + the watchdog's 300 ms grace).
(printf 'BEGIN IMMEDIATE;\nSELECT 1;\n'; sleep 4; printf 'COMMIT;\n') | sqlite3 "$DB" > /dev/null &
holder=$!
sleep 0.5
s=$(date +%s.%N)
push_as pat origin main
echo "the push took $(perl -e "printf q(%.2f), $(date +%s.%N) - $s") s"
wait "$holder"
expect_accept "a push decided in time is accepted even when recording its introducers takes longer"
n_after=$(decision_lines)
[ "$((n_after - n_before))" = 1 ] && ok "... one decision, one audit line (beside the line post-receive adds: it landed)" \
  || { fail "audit lines written: $((n_after - n_before))"; tail -n 2 "$AUDIT" | cut -c1-200 >&2; }
[ "$(json_eval "$(last_audit)" '$j->{verdict}')" = accept ] && ok "... and it says accept" || fail "verdict: $(last_audit | cut -c1-200)"
[ "$(introducer_of "$(git -C "$WORK" rev-parse HEAD)")" = pat ] && ok "... the introducer recorded once the lock was free" \
  || fail "introducer not recorded"
expect_no_output "... no contrary 'rejected' line" "rejected: the push is too large"

# A hook that has NOT decided by the deadline is still answered for, once: here its lookups hang
# (an older, non-WAL database file whose exclusive lock another process holds).
git -C "$SERVER" config laneguard.timeout 1
commit_as "Pat <pat@acme.test>" "Prototype 2" prototypes/w2.py
rm -f "$DB" "$DB-wal" "$DB-shm"
(printf 'PRAGMA journal_mode=DELETE;\nBEGIN EXCLUSIVE;\nCREATE TABLE t(x);\n'; sleep 4; printf 'COMMIT;\n') | sqlite3 "$DB" > /dev/null &
holder=$!
sleep 0.5
n_before=$(wc -l < "$AUDIT")
push_as pat origin main
wait "$holder"
expect_reject "a hook that hangs before deciding is answered for by the watchdog (fail closed)"
expect_output "... saying why" "remote: laneguard: rejected: .*time budget"
[ "$(($(wc -l < "$AUDIT") - n_before))" = 1 ] && [ "$(json_eval "$(last_audit)" '$j->{verdict}')" = reject ] \
  && ok "... one audit line, reject" || fail "audit after the watchdog: $(($(wc -l < "$AUDIT") - n_before)) lines"
finish
