#!/bin/bash
# Server gate, the trust model tried as an attacker would, with real pushes: stale agreements on
# old branches, an agreement that forgets to protect itself (or is a symlink, or huge), commits
# with no known introducer (platform refs, before the install), people with two logins, bots that
# launder introductions, and signatures on commits versus merges. Each attack is rejected with a
# clear reason; each legitimate flow next to it is accepted.
source "$(dirname "$0")/server_lib.sh"
PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>" ELI="Eli <eli@acme.test>"

HAVE_SSH=0
if command -v ssh-keygen >/dev/null; then
  HAVE_SSH=1
  ssh-keygen -q -t ed25519 -N '' -C eli -f "$TMP/eli"
  ELI_KEYS="signing_keys = [\"$(cut -d' ' -f1,2 "$TMP/eli.pub")\"]"
fi
AGREEMENT_EXTRA=$'[people.mirror]\nusernames = ["mirror"]\nbot = true'
setup_server
# The mirror bot is an engineering member: being a bot, not lane membership, is what stops it.
sed -i 's/^members = \["erin", "eli"\]/members = ["erin", "eli", "mirror"]/' "$WORK/.laneguard.toml"
grep -q '"mirror"' "$WORK/.laneguard.toml" || fail "test setup: mirror is not in engineering"
git -C "$WORK" commit -qam "Mirror bot joins engineering"
git -C "$SERVER" config receive.fsckObjects false  # (set by install) the test writes raw trees below
push_as erin -o 'laneguard.override=SETUP: the bot account' origin main
expect_accept "setup: the bot joins by break glass"

# push_env VAR=VALUE... -- GIT-PUSH-ARGS...: a push with the platform's variables set.
push_env() {
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  set +e
  OUT=$(cd "$WORK" && env "${envs[@]}" git push "$@" 2>&1)
  RC=$?
  set -e
}
# park_platform_ref REF: what a platform does for refs/pull/N/head: the commit lands, no hook runs.
park_platform_ref() {
  mv "$SERVER/hooks" "$SERVER/hooks.off"
  (cd "$WORK" && git push -q origin "HEAD:$1" 2>/dev/null)
  mv "$SERVER/hooks.off" "$SERVER/hooks"
}

# --- 5. Unknown introducer: a commit the platform wrote without hooks (a pull request's head).
reset_work
commit_as "$PAT" "Login tweak (really erin's)" src/auth/login.py
park_platform_ref refs/pull/1/head
push_as erin origin HEAD:main
expect_reject "a commit with no introducer record: its real author's push does not approve it" missing-approval
expect_output "... the pusher is told why" "remote: laneguard: nobody knows who first pushed 1 commit\(s\).*refs/pull/N/head"
# ... GitHub Enterprise Server's merge button names the pull request's author, who introduced it.
push_env GITHUB_USER_LOGIN=erin GITHUB_PULL_REQUEST_AUTHOR_LOGIN=erin -- origin HEAD:main
expect_reject "merge button: the pull request's author approves nothing by merging it" self-approval
push_env GITHUB_USER_LOGIN=eli GITHUB_PULL_REQUEST_AUTHOR_LOGIN=pat -- origin HEAD:main
expect_accept "merge button: pat's pull request merged by eli"
expect_output "... the accept line says who approved what" "remote: laneguard: accepted: 1 commit\(s\) judged for main; authentication approved by eli"
[ "$(introducer_of "$(git -C "$WORK" rev-parse HEAD)")" = pat ] && ok "... pat is recorded as its introducer" \
  || fail "introducer after the merge button: '$(introducer_of "$(git -C "$WORK" rev-parse HEAD)")'"

# --- 5. Seeding a new install: commits already on the server are pre-existing, not unknown.
SEED=$TMP/seed.git
git clone -q --bare "$SERVER" "$SEED"
rm -rf "$SEED/laneguard"
for h in pre-receive post-receive; do rm -f "$SEED/hooks/$h"; done
git -C "$WORK" remote add seed "$SEED"
reset_work
commit_as "$PAT" "Parked before the install" src/auth/login.py
(cd "$WORK" && git push -q seed HEAD:refs/heads/pm/parked)
out=$("$LANEGUARD" install --server "$SEED")
grep -q "pre-existing" <<<"$out" && ok "install --server says it recorded the commits already there: $(grep pre-existing <<<"$out")" \
  || fail "install --server did not seed: $out"
[ "$(introducer_of "$(git -C "$WORK" rev-parse HEAD)" "$SEED/laneguard/laneguard.db")" = ":pre-existing" ] \
  && ok "... as pre-existing" || fail "seeded introducer: $(introducer_of "$(git -C "$WORK" rev-parse HEAD)" "$SEED/laneguard/laneguard.db")"
push_as eli seed HEAD:main
expect_accept "a commit parked before the install, pushed to main by an engineer"
out=$("$LANEGUARD" install --server "$SEED")
grep -q "unchanged" <<<"$out" && ok "installing again is idempotent" || fail "second install: $out"

# --- 5. A store that cannot be written rejects protected pushes.
reset_work
commit_as "$PAT" "Prototype" prototypes/store.py
git -C "$SERVER" config laneguard.database /dev/null/laneguard.db
push_as pat origin main
[ "$RC" -ne 0 ] && ok "an unwritable introducer store rejects a protected push" || fail "accepted without a record"
expect_output "... saying why" "remote: laneguard: .*(cannot record who introduced|laneguard.db)"
git -C "$SERVER" config --unset laneguard.database
# ... and a tag push that runs out of time is not accepted unrecorded.
git -C "$SERVER" config laneguard.timeout 0
git -C "$WORK" tag t1
push_as pat origin refs/tags/t1
[ "$RC" -ne 0 ] && ok "a tag push out of time is rejected (nothing could be recorded)" || fail "tag accepted unrecorded"
restore_hook_timeout "$SERVER"

# --- 6. One person, two logins: REMOTE_USER as an email is the same erin.
reset_work
commit_as "$ELI" "Login tweak under eli's name (really erin's)" src/auth/login.py
push_env REMOTE_USER=erin@acme.test -- origin HEAD:refs/heads/erin/two-logins
expect_accept "erin parks it, authenticated by her email"
push_as erin origin HEAD:main
expect_reject "... erin by username is the same person: she introduced it" self-approval
push_env REMOTE_USER=eli@acme.test -- origin HEAD:main
expect_reject "... eli by email: he is its (claimed) author" self-approval
reset_work
commit_as "$PAT" "Prototype by email" prototypes/email.py
push_env REMOTE_USER=erin@acme.test -- -o 'laneguard.override=INC-9: by email' origin main
expect_output "break glass by an email login is the same erin" "remote: .*notice override"

# --- 7. Bots launder nothing.
reset_work
commit_as "$ELI" "Login tweak under eli's name (really erin's), via the mirror" src/auth/login.py
push_as mirror origin HEAD:refs/heads/mirror/x
push_as erin origin HEAD:main
expect_reject "a commit the mirror bot introduced: erin's push does not approve it" missing-approval
expect_output "... nobody is known to have introduced it" "remote: laneguard: nobody knows who first pushed .*a bot pushed them first"
reset_work
commit_as "$PAT" "Login tweak by pat" src/auth/login.py
push_as pat origin HEAD:refs/heads/pm/bot
push_as mirror origin HEAD:main
expect_reject "a bot in engineering pushing pat's commit approves nothing" missing-approval
push_as eli origin HEAD:main
expect_accept "... an engineer's push does"

# --- 3. The agreement protects itself, whatever it says.
reset_work
perl -0pi -e 's/\[\[protected\]\]\nname = "agreement"\npaths = \[".laneguard.toml"\]\nowners = \["pm", "engineering"\]\napprovals = 1\n//' "$WORK/.laneguard.toml"
grep -q 'name = "agreement"' "$WORK/.laneguard.toml" && fail "test setup: the agreement area is still there"
git -C "$WORK" commit -qam "Forget to protect the agreement"
push_as erin -o 'laneguard.override=SETUP: an agreement that forgets itself' origin main
expect_accept "setup: main's agreement no longer lists .laneguard.toml"
(cd "$WORK" && "$LANEGUARD" explain .laneguard.toml) > "$TMP/explain.txt"
grep -q "protected: the agreement itself" "$TMP/explain.txt" && grep -q "why: the agreement file is always protected" "$TMP/explain.txt" \
  && ok "explain .laneguard.toml says it is protected and why" || fail "explain: $(cat "$TMP/explain.txt")"
(cd "$WORK" && "$LANEGUARD" lint) > "$TMP/lint.txt"
grep -q 'protected area "the agreement itself" (/.laneguard.toml, approvals from pm and engineering): added by laneguard' "$TMP/lint.txt" \
  && ok "lint shows the built-in area" || fail "lint: $(cat "$TMP/lint.txt")"
reset_work
sed -i 's#"src/auth/\*\*", ##' "$WORK/.laneguard.toml"
git -C "$WORK" add .laneguard.toml
commit_as "$PAT" "Loosen the agreement" prototypes/loosen.md
push_as pat origin HEAD:refs/heads/pm/loosen
push_as eli origin HEAD:main
expect_reject "a PM loosening the agreement, pushed by an engineer: the PM lane's approval is missing" missing-approval
expect_output "... the built-in area" "remote: .*block (missing-approval|self-approval) \[the agreement itself\]"
# ... a symlink, a submodule, a huge file: not an agreement.
reset_work
git -C "$WORK" rm -q .laneguard.toml
ln -s "version = 1" "$WORK/.laneguard.toml"
git -C "$WORK" add .laneguard.toml
commit_as "$ERIN" "Agreement as a symlink" prototypes/link.md
push_as erin origin HEAD:refs/heads/erin/link
push_as eli origin HEAD:main
expect_reject "a .laneguard.toml that is a symlink cannot land" agreement-error
expect_output "... saying so" "remote: .*symbolic link"
reset_work
{ cat "$WORK/.laneguard.toml"; perl -e 'print "# padding\n" x 120000'; } > "$TMP/big.toml"
cp "$TMP/big.toml" "$WORK/.laneguard.toml"
git -C "$WORK" add .laneguard.toml
commit_as "$ERIN" "A huge agreement" prototypes/big.md
push_as erin origin HEAD:refs/heads/erin/big
push_as eli origin HEAD:main
expect_reject "an agreement over 1 MiB cannot land" agreement-error
expect_output "... saying how big" "remote: .*1\.2 MB, more than the 1\.0 MB"

# --- 2. A stale agreement on an old branch does not judge it alone.
reset_work
old=$(git -C "$WORK" rev-parse HEAD)
cat >> "$WORK/.laneguard.toml" <<'TOML'

[[protected]]
name = "payments"
paths = ["src/pay/**"]
owners = ["engineering"]
approvals = 1
TOML
git -C "$WORK" commit -qam "Protect payments"
push_as erin -o 'laneguard.override=SETUP: a new rule' origin main
expect_accept "setup: main's agreement protects payments from today"
push_as pat origin "$old:refs/heads/release/9"
expect_accept "release/9 created at an old commit of main (nothing new lands)"
git -C "$WORK" fetch -q origin
git -C "$WORK" checkout -q -B rel origin/release/9
commit_as "$PAT" "Change payments on the old branch" src/pay/charge.py
push_as pat origin HEAD:release/9
expect_reject "a PM's payments change on release/9 is judged by main's current agreement" self-approval
expect_output "... by the payments rule the old copy lacks" "remote: .*\[payments\]"
# ... and where the branch's own copy is stricter, it still counts.
git -C "$WORK" checkout -q -B rel2 origin/release/9
git -C "$WORK" checkout -q -B main origin/main
git -C "$WORK" checkout -q rel2
commit_as "$PAT" "Change the app on release/9" src/app/main.py
push_as pat origin HEAD:release/9
expect_reject "the branch's own copy's rules count too (lane crossing is in both)" lane-crossing

# --- 9. Signatures: a commit's signer is one of its authors; a signed merge approves what it brings in.
if [ "$HAVE_SSH" = 1 ]; then
  reset_work
  echo "change $RANDOM" >> "$WORK/src/auth/login.py"
  git -C "$WORK" add src/auth/login.py
  GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Erin GIT_COMMITTER_EMAIL=erin@acme.test \
    git -C "$WORK" -c gpg.format=ssh -c user.signingKey="$TMP/eli" commit -q -S -m "Login tweak signed by eli"
  push_as pat origin HEAD:refs/heads/pm/signed
  push_as pat origin HEAD:main
  expect_reject "eli signs his own change (claiming pat and erin): his signature approves nothing" self-approval
  expect_output "... eli counts among its authors" "remote: .*eli"
  # A merge signed with only a gpgsig-sha256 header (libgit2 1.5 reads only gpgsig): eli's approval.
  reset_work
  git -C "$WORK" checkout -q -b pm/sha256
  commit_as "$PAT" "Login prototype for a sha256-signed merge" src/auth/login.py
  push_as pat origin pm/sha256
  git -C "$WORK" checkout -q main
  GIT_AUTHOR_NAME=Eli GIT_AUTHOR_EMAIL=eli@acme.test GIT_COMMITTER_NAME=Eli GIT_COMMITTER_EMAIL=eli@acme.test \
    git -C "$WORK" merge -q --no-ff --no-edit pm/sha256
  git -C "$WORK" cat-file commit HEAD > "$TMP/merge.txt"
  ssh-keygen -q -Y sign -n git -f "$TMP/eli" "$TMP/merge.txt" 2>/dev/null
  perl -e 'open my $c, "<", $ARGV[0]; local $/; my $t = <$c>; open my $s, "<", $ARGV[1]; my $sig = <$s>;
           $sig =~ s/\n(?=.)/\n /g; $sig =~ s/\n\z//; $t =~ s/\n\n/\ngpgsig-sha256 $sig\n\n/; print $t' \
    "$TMP/merge.txt" "$TMP/merge.txt.sig" > "$TMP/signed.txt"
  signed=$(git -C "$WORK" hash-object -t commit -w "$TMP/signed.txt")
  git -C "$WORK" reset -q --hard "$signed"
  grep -q "^gpgsig-sha256 -----BEGIN SSH SIGNATURE" "$TMP/signed.txt" && ok "test setup: a gpgsig-sha256 merge" || fail "setup"
  push_as pat origin main
  expect_accept "a merge signed by eli in a gpgsig-sha256 header approves pat's commit"
  # ... the same merge with its message changed: the signature no longer verifies.
  reset_work
  git -C "$WORK" checkout -q -b pm/sha256b
  commit_as "$PAT" "Login prototype, tampered merge" src/auth/login.py
  push_as pat origin pm/sha256b
  git -C "$WORK" checkout -q main
  GIT_AUTHOR_NAME=Eli GIT_AUTHOR_EMAIL=eli@acme.test GIT_COMMITTER_NAME=Eli GIT_COMMITTER_EMAIL=eli@acme.test \
    git -C "$WORK" merge -q --no-ff --no-edit pm/sha256b
  git -C "$WORK" cat-file commit HEAD > "$TMP/merge2.txt"
  rm -f "$TMP/merge2.txt.sig"
  ssh-keygen -q -Y sign -n git -f "$TMP/eli" "$TMP/merge2.txt" 2>/dev/null
  perl -e 'open my $c, "<", $ARGV[0]; local $/; my $t = <$c>; open my $s, "<", $ARGV[1]; my $sig = <$s>;
           $sig =~ s/\n(?=.)/\n /g; $sig =~ s/\n\z//; $t =~ s/\n\n/\ngpgsig-sha256 $sig\n\n/; $t =~ s/Merge branch/Merge, tampered,/; print $t' \
    "$TMP/merge2.txt" "$TMP/merge2.txt.sig" > "$TMP/signed2.txt"
  git -C "$WORK" reset -q --hard "$(git -C "$WORK" hash-object -t commit -w "$TMP/signed2.txt")"
  push_as pat origin main
  expect_reject "a tampered gpgsig-sha256 merge approves nothing" self-approval
else
  echo "SKIP: ssh-keygen not installed, signature checks skipped"
fi
# --- Legitimate: an engineer rebases or cherry-picks a PM's commits the PM already introduced.
reset_work
git -C "$WORK" checkout -q -b pm/rebase
commit_as "$PAT" "PM login change to rebase" src/auth/login.py
push_as pat origin pm/rebase
git -C "$WORK" checkout -q main
commit_as "$ERIN" "Engineering moves main on" src/app/main.py
push_as erin origin HEAD:refs/heads/erin/base
push_as eli origin HEAD:main
expect_accept "setup: main moves on"
GIT_COMMITTER_NAME=Erin GIT_COMMITTER_EMAIL=erin@acme.test git -C "$WORK" rebase -q main pm/rebase
[ "$(git -C "$WORK" log -1 --format=%ce)" = erin@acme.test ] && ok "test setup: erin is the rebased commit's committer" || fail "setup"
push_as erin origin pm/rebase:main
expect_accept "erin's push of pat's rebased commit approves it (it inherits pat as introducer and author)"
expect_output "... the pusher is told" "remote: laneguard: commit [0-9a-f]{12} is a rebase or cherry-pick of [0-9a-f]{12} .*pat introduced"
# ... a cherry-pick that changes the patch is erin's own change.
reset_work
git -C "$WORK" checkout -q -b pm/pick
commit_as "$PAT" "PM login change to cherry-pick" src/auth/login.py
push_as pat origin pm/pick
git -C "$WORK" checkout -q main
GIT_COMMITTER_NAME=Erin GIT_COMMITTER_EMAIL=erin@acme.test git -C "$WORK" cherry-pick pm/pick >/dev/null
push_as erin origin HEAD:refs/heads/erin/pick
echo "backdoor = True" >> "$WORK/src/auth/login.py"
git -C "$WORK" add src/auth/login.py
GIT_COMMITTER_NAME=Erin GIT_COMMITTER_EMAIL=erin@acme.test git -C "$WORK" commit -q --amend --no-edit
push_as erin origin HEAD:main
expect_reject "a cherry-pick with a changed patch: erin introduced and committed it" self-approval
git -C "$WORK" reset -q --hard erin/pick 2>/dev/null || git -C "$WORK" reset -q --hard origin/erin/pick
push_as erin origin HEAD:main
expect_accept "the unchanged cherry-pick (already pushed by erin to a branch) inherits pat"
finish
