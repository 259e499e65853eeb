#!/bin/bash
# The server's record database (SQLite): the one-time import of the old text introducer store,
# and real concurrent pushes through the hooks recording every introducer exactly once.
source "$(dirname "$0")/server_lib.sh"

# park_without_hooks SERVER: pushes WORK's HEAD to pm/x as a server without laneguard would take it.
park_without_hooks() {
  mv "$1/hooks" "$1/hooks.off"
  (cd "$WORK" && git push -q origin HEAD:refs/heads/pm/x 2>/dev/null)
  mv "$1/hooks.off" "$1/hooks"
}

# 1. Upgrading from the text store. Erin (an engineer) commits an auth change under Eli's name and
#    parks it on a feature branch; the old text store recorded erin as its introducer. After the
#    upgrade, erin pushing it to main must still be refused: she introduced it, so her push
#    approves nothing.
ELI="Eli <eli@acme.test>"
setup_server legacy
commit_as "$ELI" "Tweak login (really erin's)" src/auth/login.py
X=$(git -C "$WORK" rev-parse HEAD)
park_without_hooks "$SERVER"
[ "$(sqlite3 "$SERVER/laneguard/laneguard.db" 'SELECT count(*) FROM introducers')" = 1 ] \
  || fail "before any hook ran, the database holds only what install --server seeded (the initial commit)"
mkdir -p "$SERVER/laneguard"
{
  for i in $(seq 1 2000); do printf '%040x someone %d\n' "$i" "$i"; done
  echo "$X erin 1735732800"
  echo "$X pat 1735732900"   # a later line never rewrites the first
} > "$SERVER/laneguard/introducers"
push_as erin origin HEAD:main
expect_reject "after the upgrade, the old store's introducer still counts" self-approval
[ "$(introducer_of "$X")" = erin ] && ok "... the old text store was imported (first line wins)" \
  || fail "imported introducer of X: '$(introducer_of "$X")'"
[ "$(sqlite3 "$SERVER/laneguard/laneguard.db" 'SELECT count(*) FROM introducers')" = 2002 ] \
  && ok "... every line imported once (beside the commit install --server seeded)" || fail "imported rows: $(sqlite3 "$SERVER/laneguard/laneguard.db" 'SELECT count(*) FROM introducers')"
[ -s "$SERVER/laneguard/introducers" ] && ok "... the text file is left in place" || fail "text store removed"

# The import ahead of the first push, as docs/server.md says: post-receive with nothing on stdin.
setup_server ahead
mkdir -p "$SERVER/laneguard"
for i in $(seq 1 300); do printf '%040x someone %d\n' "$i" "$i"; done > "$SERVER/laneguard/introducers"
(cd "$SERVER" && "$LANEGUARD" post-receive < /dev/null) && \
  [ "$(sqlite3 "$SERVER/laneguard/laneguard.db" 'SELECT count(*) FROM introducers')" = 301 ] \
  && ok "post-receive with empty stdin imports the old text store (beside the commit install seeded)" || fail "import ahead of the first push"

# The control: the same push on a server whose text store was NOT there is judged differently (no
# record: nobody knows who introduced the commit, so erin's push approves nothing, but erin is not
# named an author), so the check above really depends on the import.
setup_server control
commit_as "$ELI" "Tweak login (really erin's)" src/auth/login.py
park_without_hooks "$SERVER"
push_as erin origin HEAD:main
expect_reject "control: without the old record the introducer is unknown (not erin)" missing-approval
expect_no_output "... and erin is not called its author" "self-approval"
expect_output "... the pusher is told why her push does not count" "remote: laneguard: nobody knows who first pushed"

# 2. Real concurrent pushes: eight people push eight new branches at once, and four race for main.
setup_server busy
for i in $(seq 1 12); do
  git clone -q "$SERVER" "$TMP/c$i"
  (cd "$TMP/c$i" && echo "p$i" > "prototypes/p$i.py" && git add -A \
     && GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test git commit -q -m "Prototype $i")
done
for i in $(seq 1 12); do
  if [ "$i" -le 8 ]; then ref=refs/heads/pm/p$i; else ref=refs/heads/main; fi
  (cd "$TMP/c$i" && LANEGUARD_PUSHER=user$i git push -q origin "HEAD:$ref" > "$TMP/push$i.log" 2>&1; echo $? > "$TMP/push$i.rc") &
done
wait
missing=0 wrong=0
for i in $(seq 1 8); do
  [ "$(cat "$TMP/push$i.rc")" = 0 ] || { fail "branch push $i failed: $(cat "$TMP/push$i.log")"; continue; }
  c=$(git -C "$TMP/c$i" rev-parse HEAD)
  who=$(introducer_of "$c")
  [ -n "$who" ] || missing=$((missing + 1))
  [ -z "$who" ] || [ "$who" = "user$i" ] || wrong=$((wrong + 1))
done
[ "$missing" = 0 ] && [ "$wrong" = 0 ] && ok "eight concurrent branch pushes: eight introducers, each the right pusher" \
  || fail "concurrent pushes: $missing missing, $wrong wrong"
landed=0
for i in $(seq 9 12); do
  c=$(git -C "$TMP/c$i" rev-parse HEAD)
  if git -C "$SERVER" merge-base --is-ancestor "$c" refs/heads/main 2>/dev/null; then
    landed=$((landed + 1))
    [ "$(introducer_of "$c")" = "user$i" ] || fail "main push $i landed without its introducer"
  fi
done
[ "$landed" -ge 1 ] && ok "the race for main: $landed landed, each with its introducer" || fail "no push to main landed"
[ "$(sqlite3 "$SERVER/laneguard/laneguard.db" 'PRAGMA integrity_check')" = ok ] \
  && ok "the database is intact after the concurrent pushes" || fail "integrity_check failed"
[ "$(sqlite3 "$SERVER/laneguard/laneguard.db" 'PRAGMA journal_mode')" = wal ] && ok "... in WAL mode" || fail "not WAL"
git -C "$SERVER" gc -q --prune=now
[ "$(introducer_of "$(git -C "$TMP/c1" rev-parse HEAD)")" = user1 ] && ok "gc leaves the records alone" || fail "records lost after gc"
finish
