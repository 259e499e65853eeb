#!/bin/bash
# Records for pushes that did not land (issue 10, defect 5). Real concurrent pushes to main into a
# bare repository: pre-receive accepts each, then git fails to lock the ref for most ("cannot lock
# ref ... is at X but expected Y"). Every accepted decision is pending until post-receive (the refs
# that moved) or a reconcile (the refs, after laneguard.pendingGrace) settles it; what did not land
# must end up "not-landed", with no introducer record for its commit. Once with post-receive
# installed, once without (GitHub Enterprise Server runs only pre-receive hooks).
source "$(dirname "$0")/server_lib.sh"
PAT="Pat <pat@acme.test>"
N=8

# race NAME: N clones each commit a prototype on the same main and push it to main at once.
# Sets RACE, PUSHED (commit of each clone) and RCS (git push's exit status of each).
race() {
  local i
  for i in $(seq 1 "$N"); do
    rm -rf "$TMP/$1-$i"
    git clone -q "$SERVER" "$TMP/$1-$i"
    (cd "$TMP/$1-$i" && echo "p$i $RANDOM" > "prototypes/$1-$i.py" && git add -A \
       && GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test git commit -q -m "Prototype $1 $i")
  done
  for i in $(seq 1 "$N"); do
    (cd "$TMP/$1-$i"; rc=0; LANEGUARD_PUSHER=pat git push origin HEAD:main > "$TMP/$1-$i.log" 2>&1 || rc=$?
     echo "$rc" > "$TMP/$1-$i.rc") &
  done
  wait
  RACE=$1 PUSHED=() RCS=()
  for i in $(seq 1 "$N"); do
    PUSHED+=("$(git -C "$TMP/$1-$i" rev-parse HEAD)")
    RCS+=("$(cat "$TMP/$1-$i.rc")")
  done
}

# landing_of COMMIT: the landing ("pending", "landed", "not-landed") of the decision that judged
# COMMIT: its push id, then the last line settling that push.
landing_of() {
  perl -MJSON::PP -ne '
    BEGIN { ($c) = @ARGV; @ARGV = ($ENV{AUDIT}) }
    my $j = JSON::PP->new->decode($_);
    if (exists $j->{verdict} && grep { $_ eq $c } @{$j->{commits}}) { $push = $j->{push}; $state = $j->{landing} // "none" }
    elsif (!exists $j->{verdict} && defined $push && $j->{push} eq $push) { $state = $j->{landing} }
    END { print $state // "no decision" }' "$1"
}
export AUDIT
count() { grep -cF -- "$1" "$AUDIT" || true; }  # count TEXT: audit lines holding TEXT

# check_race DESCRIPTION: every accepted decision settled as what really happened.
check_race() {
  local i c landed=0 failed=0 wrong=0 records=0 accepts
  for i in $(seq 0 $((N - 1))); do
    c=${PUSHED[$i]}
    if git -C "$SERVER" merge-base --is-ancestor "$c" refs/heads/main; then
      landed=$((landed + 1))
      [ "${RCS[$i]}" = 0 ] || { fail "$1: push $i exited ${RCS[$i]} but its commit is on main"; }
      [ "$(landing_of "$c")" = landed ] || { wrong=$((wrong + 1)); echo "  $c landed, audit says $(landing_of "$c")" >&2; }
      [ "$(introducer_of "$c")" = pat ] || fail "$1: landed commit $c has no introducer record"
    else
      failed=$((failed + 1))
      grep -q "cannot lock ref\|failed to update ref\|is at .* but expected" "$TMP/$RACE-$((i + 1)).log" \
        || { echo "  push $((i + 1)) did not land for another reason:" >&2; sed 's/^/    /' "$TMP/$RACE-$((i + 1)).log" >&2; }
      [ "$(landing_of "$c")" = not-landed ] || { wrong=$((wrong + 1)); echo "  $c did not land, audit says $(landing_of "$c")" >&2; }
      [ -z "$(introducer_of "$c")" ] || records=$((records + 1))
    fi
  done
  accepts=$(count '"verdict":"accept"')
  echo "  $1: $N pushes, $accepts accepted decisions, $landed landed, $failed failed to lock main"
  [ "$failed" -ge 1 ] || { fail "$1: no push lost the race for the ref: nothing was tested"; return; }
  [ "$wrong" = 0 ] && ok "$1: each of the $N accepted decisions settled as what happened ($landed landed, $failed not-landed)" \
    || fail "$1: $wrong decision(s) settled wrongly"
  [ "$records" = 0 ] && ok "$1: no introducer record for a commit that never landed" \
    || fail "$1: $records introducer record(s) for commits no ref reaches"
}

# 1. With post-receive (installed by laneguard install --server): it confirms what landed at once;
#    what failed stays pending until a reconcile past the grace period.
setup_server racing
for attempt in 1 2 3; do
  race "r$attempt"
  lost=0
  for rc in "${RCS[@]}"; do [ "$rc" = 0 ] || lost=$((lost + 1)); done
  [ "$lost" -ge 1 ] && break
done
pending_now=$(count '"landing":"pending"')
confirmed=$(count '"by":"post-receive"')
[ "$pending_now" -gt "$confirmed" ] && [ "$confirmed" -ge 1 ] \
  && ok "post-receive confirmed the $confirmed push(es) that landed; the others are still pending" \
  || fail "pending decisions $pending_now, confirmed $confirmed"
out=$(cd "$SERVER" && "$LANEGUARD" reconcile) || true
grep -q "^reconciled 0 push(es).* still pending (younger than 300 s)" <<<"$out" \
  && ok "reconcile leaves pushes younger than the default grace period (300 s) pending" || fail "reconcile: $out"
out=$(cd "$SERVER" && "$LANEGUARD" reconcile --grace 0) || true
grep -q "not-landed (took back 1 introducer and 0 approval record(s))" <<<"$out" \
  && ok "reconcile --grace 0 settles them and takes their introducer records back" || fail "reconcile: $out"
check_race "with post-receive"
out=$(cd "$SERVER" && "$LANEGUARD" reconcile --grace 0) || true
grep -q "^reconciled 0 push(es): 0 landed, 0 not landed; 0 still pending" <<<"$out" \
  && ok "a second reconcile finds nothing left" || fail "second reconcile: $out"
perl -MJSON::PP -ne 'JSON::PP->new->decode($_)' "$AUDIT" && ok "every audit line parses" || fail "bad audit line"
[ "$(sqlite3 "$SERVER/laneguard/laneguard.db" "SELECT count(*) FROM pushes WHERE state = 'pending'")" = 0 ] \
  && ok "the record database holds no pending push" || fail "pending pushes left"

# 2. GitHub Enterprise Server: only pre-receive runs. Everything stays pending; the next push
#    settles what is older than laneguard.pendingGrace.
setup_server ghes
rm "$SERVER/hooks/post-receive"
race g1
git -C "$SERVER" config laneguard.pendingGrace 1
sleep 1.1
decisions=$(count '"landing":"pending"')
[ "$decisions" = "$(count '"verdict":"accept"')" ] && [ "$(count '"by":')" = 0 ] \
  && ok "without post-receive every accepted decision is pending" || fail "decisions: $(cut -c1-200 "$AUDIT")"
# The next push (a branch nobody races for) settles them before it is judged.
git -C "$TMP/g1-1" fetch -q origin
(cd "$TMP/g1-1" && git checkout -q -B next origin/main && echo x > prototypes/next.py && git add -A \
   && git commit -q -m "Next" && LANEGUARD_PUSHER=pat git push -q origin next:refs/heads/pm/next 2>/dev/null)
[ "$(count '"by":"reconcile"')" = "$N" ] \
  && ok "the next push settled all $N earlier decisions (by reconcile)" || fail "settled by the next push: $(count '"by":"reconcile"')"
check_race "GHES-like, no post-receive"

# 3. Control: the same race with a laneguard that has no landing (the decision lines alone, as
#    before this fix) says "accept" for pushes that never happened.
lost=0
for i in $(seq 0 $((N - 1))); do
  git -C "$SERVER" merge-base --is-ancestor "${PUSHED[$i]}" refs/heads/main || lost=$((lost + 1))
done
[ "$lost" -ge 1 ] && [ "$(count '"verdict":"accept"')" -ge "$N" ] \
  && ok "control: $N accept decisions for $((N - lost)) landed push(es): without a landing line the log overstates" \
  || fail "control: $lost lost"

# 4. laneguard.pendingGrace that is not a number: the default, with a warning.
git -C "$SERVER" config laneguard.pendingGrace soon
out=$(cd "$SERVER" && "$LANEGUARD" reconcile 2>&1) || true
grep -q 'ignoring git config laneguard.pendingGrace = "soon"' <<<"$out" && grep -q "younger than 300 s" <<<"$out" \
  && ok "a pendingGrace that is not whole seconds: ignored with a warning, 300 s" || fail "bad grace: $out"
finish
