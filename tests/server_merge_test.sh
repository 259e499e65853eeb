#!/bin/bash
# Server gate, merges and signatures: a clean merge of a PM branch by an engineer is accepted, an
# evil merge (own changes hidden in the merge) is rejected, an engineer's SSH-signed merge approves
# what it brings in, and a signature by a key the agreement does not list approves nothing.
source "$(dirname "$0")/server_lib.sh"
PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>" ELI="Eli <eli@acme.test>"

HAVE_SSH=0
if command -v ssh-keygen >/dev/null; then
  HAVE_SSH=1
  for who in eli mallory; do ssh-keygen -q -t ed25519 -N '' -C "$who" -f "$TMP/$who"; done
  ELI_KEYS="signing_keys = [\"$(cut -d' ' -f1,2 "$TMP/eli.pub")\"]"
fi
setup_server

as() {  # as "Name <email>" GIT-ARGS...: a git command in WORK as that person
  local who=$1 name email
  shift
  name=${who% <*}; email=${who#*<}; email=${email%>}
  GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email git -C "$WORK" "$@"
}

# The PM's branch, introduced by the PM herself: it touches the protected login code.
git -C "$WORK" checkout -q -b pm/feature
commit_as "$PAT" "Prototype login changes" src/auth/login.py
commit_as "$PAT" "Prototype notes" prototypes/notes.md
push_as pat origin pm/feature
expect_accept "the PM's feature branch"

# Clean merge by an engineer: the merge adds nothing of its own; erin's push approves pat's commits.
git -C "$WORK" checkout -q main
as "$ERIN" merge -q --no-ff --no-edit pm/feature
push_as erin origin main
expect_accept "a clean merge of a PM branch by an engineer"
[ "$(json_eval "$(last_audit)" 'scalar @{$j->{commits}}')" = 3 ] && ok "... judged the merge and both commits" \
  || fail "judged $(json_eval "$(last_audit)" 'scalar @{$j->{commits}}') commits"

# Evil merge: the engineer hides her own login change inside the merge commit.
reset_work
git -C "$WORK" checkout -q -b pm/feature2
commit_as "$PAT" "More prototype notes" prototypes/notes2.md
push_as pat origin pm/feature2
git -C "$WORK" checkout -q main
as "$ERIN" merge -q --no-ff --no-commit pm/feature2 2>/dev/null
echo "backdoor = True" >> "$WORK/src/auth/login.py"
git -C "$WORK" add src/auth/login.py
as "$ERIN" commit -q --no-edit
push_as erin origin main
expect_reject "an evil merge: the merger's own change to a protected area" self-approval
expect_output "... names the merge commit" "remote: commit $(git -C "$WORK" rev-parse --short=12 HEAD)"

if [ "$HAVE_SSH" = 1 ]; then
  # The PM pushes a merge that eli signed: eli's verified signature approves what it brings in.
  reset_work
  git -C "$WORK" checkout -q -b pm/feature3
  commit_as "$PAT" "Login prototype, third round" src/auth/login.py
  push_as pat origin pm/feature3
  git -C "$WORK" checkout -q main
  as "$ELI" -c gpg.format=ssh -c user.signingKey="$TMP/eli" merge -q -S --no-ff --no-edit pm/feature3
  git -C "$WORK" -c gpg.ssh.allowedSignersFile=/dev/null cat-file -p HEAD | grep -q "BEGIN SSH SIGNATURE" \
    || fail "test setup: the merge is not signed"
  push_as pat origin main
  expect_accept "a merge signed by an engineer, pushed by the PM"

  # The same, signed with a key the agreement does not list: nothing approves pat's commit.
  reset_work
  git -C "$WORK" checkout -q -b pm/feature4
  commit_as "$PAT" "Login prototype, fourth round" src/auth/login.py
  push_as pat origin pm/feature4
  git -C "$WORK" checkout -q main
  as "$ELI" -c gpg.format=ssh -c user.signingKey="$TMP/mallory" merge -q -S --no-ff --no-edit pm/feature4
  push_as pat origin main
  expect_reject "a merge signed with a key the agreement does not list" self-approval

  # A signed merge cannot be reused: pat amends eli's signed merge (the signature no longer verifies).
  git -C "$WORK" reset -q --hard origin/main
  as "$ELI" -c gpg.format=ssh -c user.signingKey="$TMP/eli" merge -q -S --no-ff --no-edit pm/feature4
  sig_merge=$(git -C "$WORK" rev-parse HEAD)
  git -C "$WORK" cat-file commit "$sig_merge" | sed 's/^Merge branch.*/Merge branch, tampered/' > "$TMP/tampered"
  forged=$(git -C "$WORK" hash-object -t commit -w "$TMP/tampered")
  git -C "$WORK" reset -q --hard "$forged"
  push_as pat origin main
  expect_reject "a tampered signed merge does not verify" self-approval
else
  echo "SKIP: ssh-keygen not installed, signature checks skipped"
fi
finish
