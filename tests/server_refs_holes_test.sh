#!/bin/bash
# Server gate, ways around it through refs and objects, each tried as a real push: symbolic refs
# aliasing a protected branch, refs/replace/*, trees git cannot check out, a budget the pusher
# exhausts under on_error = "allow", and control characters in what the pusher is shown.
source "$(dirname "$0")/server_lib.sh"
setup_server
PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>"

# 1. A symbolic ref kept after a rename: trunk -> main. Pushing to trunk moves main.
git -C "$SERVER" symbolic-ref refs/heads/trunk refs/heads/main
git -C "$WORK" fetch -q origin
commit_as "$PAT" "Tweak login through the alias" src/auth/login.py
push_as pat origin HEAD:refs/heads/pm/alias
before=$(server_main)
push_as pat origin HEAD:refs/heads/trunk
expect_reject "a PM's own auth change pushed to trunk (an alias of main) is judged as main" self-approval
expect_output "... the pusher is told trunk is main" "remote: .*refs/heads/trunk is a symbolic ref to refs/heads/main"
[ "$(server_main)" = "$before" ] && ok "... main did not move" || fail "main moved through trunk"
push_as erin origin HEAD:refs/heads/trunk
expect_accept "an engineer's push of the same commit through trunk approves it"
[ "$(server_main)" = "$(git -C "$WORK" rev-parse HEAD)" ] && ok "... and git moved main" || fail "main did not move"
# ... force-rewriting main through trunk
git -C "$WORK" reset -q --hard HEAD~1
commit_as "$PAT" "Prototype, rewritten" prototypes/b.py
push_as pat origin +HEAD:refs/heads/trunk
expect_reject "a force push through trunk rewrites main: refused" non-fast-forward
# ... deleting main through trunk
push_as pat origin :refs/heads/trunk
expect_reject "deleting through trunk deletes main: refused" protected-ref-deletion
git -C "$SERVER" rev-parse -q --verify refs/heads/main >/dev/null && ok "... main is still there" || fail "main deleted"
# ... a chain of symbolic refs
git -C "$SERVER" symbolic-ref refs/heads/alias2 refs/heads/trunk
reset_work
commit_as "$PAT" "Tweak login through two aliases" src/auth/login.py
push_as pat origin HEAD:refs/heads/alias2
expect_reject "alias2 -> trunk -> main: judged as main" self-approval
git -C "$SERVER" symbolic-ref --delete refs/heads/alias2
git -C "$SERVER" symbolic-ref --delete refs/heads/trunk

# 4. refs/replace/*: git on the server would read pat's blob as main's login.py.
reset_work
login_blob=$(git -C "$WORK" rev-parse HEAD:src/auth/login.py)
evil_blob=$(echo "def login(): return True  # anyone" | git -C "$WORK" hash-object -w --stdin)
git -C "$WORK" replace "$login_blob" "$evil_blob"
push_as pat origin "refs/replace/$login_blob"
expect_reject "a pushed replace ref is refused" replace-ref
git -C "$SERVER" rev-parse -q --verify "refs/replace/$login_blob" >/dev/null && fail "the replace ref landed" \
  || ok "... it is not on the server"
[ "$(git -C "$SERVER" show main:src/auth/login.py)" = "$(git -C "$WORK" --no-replace-objects show HEAD:src/auth/login.py)" ] \
  && ok "... git show on the server reads main's real login.py" || fail "the server reads the replacement"
push_as erin origin "refs/replace/$login_blob"
expect_reject "... by an engineer too (no approval opens refs/replace/)" replace-ref
push_as erin -o 'laneguard.override=INC-7: graft old history' origin "refs/replace/$login_blob"
expect_accept "... only break glass pushes one"
[ "$(json_eval "$(last_audit)" '$j->{refs}[0]{ref}')" = "refs/replace/$login_blob" ] \
  && ok "... and it is audited" || fail "replace ref not audited: $(last_audit)"
push_as pat origin ":refs/replace/$login_blob"
expect_reject "deleting a replace ref is refused too" replace-ref
git -C "$WORK" replace -d "$login_blob" >/dev/null

# 11. Trees git cannot check out. laneguard install --server turned receive.fsckObjects on.
[ "$(git -C "$SERVER" config --bool receive.fsckObjects)" = true ] && ok "install --server turns on receive.fsckObjects" \
  || fail "receive.fsckObjects is not on"
bad_commit() {  # bad_commit NAME: BAD, a commit on WORK's main whose root tree adds a directory entry NAME
  local blob sub root
  blob=$(echo "[core] hooksPath = /tmp/x" | git -C "$WORK" hash-object -w --stdin)
  sub=$(perl -e 'print "100644 config\0", pack("H*", $ARGV[0])' "$blob" | git -C "$WORK" hash-object -t tree -w --literally --stdin)
  root=$( (git -C "$WORK" cat-file tree HEAD^{tree}; perl -e 'print "40000 $ARGV[0]\0", pack("H*", $ARGV[1])' "$1" "$sub") \
    | git -C "$WORK" hash-object -t tree -w --literally --stdin)
  BAD=$(GIT_AUTHOR_NAME=Erin GIT_AUTHOR_EMAIL=erin@acme.test git -C "$WORK" commit-tree "$root" -p HEAD -m "Add $1")
}
reset_work
bad_commit .GIT
push_as erin origin "$BAD:refs/heads/erin/bad"
[ "$RC" -ne 0 ] && ok "git itself (receive.fsckObjects) refuses a tree with .GIT" || fail "fsck let .GIT in"
git -C "$SERVER" config receive.fsckObjects false
for name in .GIT .git. . .. 'git~1'; do
  reset_work
  bad_commit "$name"
  push_as erin origin "$BAD:refs/heads/erin/bad"
  push_as eli origin "$BAD:main"
  expect_reject "without fsck, laneguard refuses a tree entry named '$name' on main" bad-tree-entry
done
reset_work
git -C "$SERVER" config receive.fsckObjects true

# 8. on_error = "allow" does not cover running out of time: the pusher controls that.
write_agreement "$TMP/server-agreement.toml"
sed -i 's/^protected_branches = .*/&\non_error = "allow"/' "$TMP/server-agreement.toml"
git -C "$SERVER" config laneguard.agreement "$TMP/server-agreement.toml"
git -C "$SERVER" config laneguard.timeout 0
commit_as "$PAT" "Login, too big to judge" src/auth/login.py
push_as pat origin main
expect_output "on_error = allow: running out of time still rejects a protected push" "remote: laneguard: rejected: .*time budget"
[ "$RC" -ne 0 ] && ok "... exit status non-zero" || fail "a timeout under on_error = allow was accepted"
restore_hook_timeout "$SERVER"
# ... but it covers what the pusher cannot cause: an audit log the server cannot write.
reset_work
commit_as "$PAT" "Prototype" prototypes/allow.py
git -C "$SERVER" config laneguard.auditLog /dev/null/audit.log
push_as pat origin main
expect_accept "on_error = allow: an unwritable audit log lets the push through"
expect_output "... with a warning" "remote: laneguard: warning: could not judge"
git -C "$SERVER" config --unset laneguard.auditLog
git -C "$SERVER" config --unset laneguard.agreement

# Control characters the pusher controls are escaped in remote: lines.
reset_work
esc=$(printf '\033')
commit_as "$PAT" "Login ${esc}[2K${esc}[1Aall good" src/auth/login.py
push_as pat origin main
expect_reject "a PM's auth change with escape codes in its subject" self-approval
if grep -q "$esc" <<<"$OUT"; then fail "raw ESC reached the pusher"; else ok "... no raw ESC reaches the pusher"; fi
expect_output "... it is shown escaped" 'remote: .*\\x1b\[2K'
finish
