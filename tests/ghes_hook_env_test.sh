#!/usr/bin/env bash
# GitHub Enterprise Server's hook environment, as the recipe builds it: packaging/ghes/build-hook-env.sh
# makes the tarball; unpacked, it is the chroot the hook runs in (/bin/sh, git, laneguard, ssh-keygen).
# The hook script from packaging/ghes/pre-receive.sh runs inside it with GITHUB_USER_LOGIN set, on a
# repository whose history lives in a fork network reached through a relative info/alternates, as on
# GHES. Allowed and blocked pushes are judged there and audited, and a signed merge verifies.
source "$(dirname "$0")/server_lib.sh"
: "${LANEGUARD_STATIC:=}"
if [ -z "$LANEGUARD_STATIC" ] || [ ! -x "$LANEGUARD_STATIC" ]; then
  echo "SKIP: no static binary (configure with -DLANEGUARD_STATIC=ON; needs Debian's libgit2.a and friends)"
  exit 77
fi
source "$(dirname "$0")/chroot_lib.sh"
PAT="Pat <pat@acme.test>" ELI="Eli <eli@acme.test>"
BUILD="$LANEGUARD_SOURCE_DIR/packaging/ghes/build-hook-env.sh"

# Bad input: a dynamic binary is refused, unknown options are usage errors.
set +e
"$BUILD" --laneguard "$(command -v git)" --output "$TMP/x.tar.gz" 2>"$TMP/err"; rc=$?
set -e
[ "$rc" = 3 ] && grep -q "needs shared libraries" "$TMP/err" && ok "a dynamically linked laneguard is refused" \
  || fail "dynamic binary: rc=$rc $(cat "$TMP/err")"
set +e; "$BUILD" --bogus 2>/dev/null; rc=$?; set -e
[ "$rc" = 2 ] && ok "unknown option: exit 2" || fail "unknown option: rc=$rc"

"$BUILD" --laneguard "$LANEGUARD_STATIC" --output "$TMP/env.tar.gz" --hook-uid "$(id -u)" > "$TMP/out"
ok "built: $(cat "$TMP/out")"
tar -tzf "$TMP/env.tar.gz" | grep -qx "./bin/sh" && ok "the archive starts at the chroot's root (./bin/sh)" \
  || fail "no ./bin/sh at the top of the archive"
tar -tzf "$TMP/env.tar.gz" | grep -v '^\./' && fail "entries outside ./" || ok "every entry under ./"

ROOT=$TMP/env
mkdir -p "$ROOT"
tar -xzf "$TMP/env.tar.gz" -C "$ROOT"
inside() { "${CHROOT[@]}" "$ROOT" "$@"; }
inside /bin/sh -c 'echo shell works' | grep -q "shell works" && ok "/bin/sh runs in the environment" || fail "/bin/sh"
inside /usr/bin/git --version | grep -q "^git version" && ok "git runs in the environment" || fail "git"
inside /usr/local/bin/laneguard --version | grep -q "^laneguard" && ok "laneguard runs in the environment" \
  || fail "laneguard"

# The repository: a fork network's objects, reached through a relative alternates path.
ssh-keygen -q -t ed25519 -N '' -C eli -f "$TMP/eli"
ELI_KEYS="signing_keys = [\"$(cut -d' ' -f1,2 "$TMP/eli.pub")\"]"
setup_server env/data/repositories/checkout
mv "$WORK" "$TMP/work" && WORK=$TMP/work
NETWORK=$ROOT/data/repositories/network.git
git init -q --bare "$NETWORK"
cp -a "$SERVER/objects/." "$NETWORK/objects/"
rm -rf "$SERVER/objects/pack" "$SERVER/objects"/[0-9a-f][0-9a-f]
mkdir -p "$SERVER/objects/info"
echo "../../network.git/objects" > "$SERVER/objects/info/alternates"
[ -z "$(find "$SERVER/objects" -type f ! -path "*/info/*")" ] && git -C "$SERVER" fsck --connectivity-only >/dev/null 2>&1 && ok "the repository's history lives in the network" \
  || fail "alternates setup"

# The hook script, as GHES runs it: /bin/sh inside the environment, the pusher in GITHUB_USER_LOGIN.
mkdir -p "$ROOT/hook"
cp "$LANEGUARD_SOURCE_DIR/packaging/ghes/pre-receive.sh" "$ROOT/hook/pre-receive"
install_chroot_hook "$SERVER" "$ROOT" pre-receive /bin/sh /hook/pre-receive
rm -f "$SERVER/hooks/post-receive"  # GHES has none
push_gh() {  # push_gh LOGIN GIT-PUSH-ARGS...: a push as GHES reports it
  local who=$1
  shift
  set +e
  OUT=$(cd "$WORK" && GITHUB_USER_LOGIN=$who git push "$@" 2>&1)
  RC=$?
  set -e
}

commit_as "$PAT" "Prototype" prototypes/ghes.py
push_gh pat origin main
expect_accept "an allowed push, judged in the hook environment"
[ "$(json_eval "$(last_audit)" '$j->{verdict}')" = accept ] && ok "... audit line: accept" || fail "audit: $(last_audit)"
[ "$(json_eval "$(last_audit)" '$j->{pusher_source}')" = GITHUB_USER_LOGIN ] && ok "... pusher from GITHUB_USER_LOGIN" \
  || fail "pusher source: $(last_audit)"
inside /usr/bin/git --git-dir=/data/repositories/checkout.git rev-parse -q --verify main >/dev/null \
  && ok "git in the environment reads the repository through the relative alternates" || fail "git inside"

commit_as "$PAT" "Login tweak" src/auth/login.py
push_gh pat origin main
expect_reject "a blocked push, judged in the hook environment" self-approval
[ "$(json_eval "$(last_audit)" '$j->{verdict}')" = reject ] && ok "... audit line: reject" || fail "audit: $(last_audit)"

# Signed approvals work there: ssh-keygen, its libraries, /tmp, /dev/null and the passwd entry.
reset_work
git -C "$WORK" checkout -q -b pm/signed
commit_as "$PAT" "Login prototype" src/auth/login.py
push_gh pat origin pm/signed
git -C "$WORK" checkout -q main
GIT_AUTHOR_NAME=Eli GIT_AUTHOR_EMAIL=eli@acme.test GIT_COMMITTER_NAME=Eli GIT_COMMITTER_EMAIL=eli@acme.test \
  git -C "$WORK" -c gpg.format=ssh -c user.signingKey="$TMP/eli" merge -q -S --no-ff --no-edit pm/signed
push_gh pat origin main
expect_accept "a merge eli signed, pushed by pat, verified in the hook environment"

# Built without ssh-keygen, the same push approves nothing and says why.
"$BUILD" --laneguard "$LANEGUARD_STATIC" --output "$TMP/bare.tar.gz" --no-ssh-keygen >/dev/null
rm -rf "$ROOT/usr" "$ROOT/bin" "$ROOT/lib" "$ROOT/lib64"
tar -xzf "$TMP/bare.tar.gz" -C "$ROOT"
[ ! -e "$ROOT/usr/bin/ssh-keygen" ] && ok "--no-ssh-keygen leaves it out" || fail "ssh-keygen still there"
reset_work
git -C "$WORK" checkout -q -b pm/signed2
commit_as "$PAT" "Login prototype, again" src/auth/login.py
push_gh pat origin pm/signed2
git -C "$WORK" checkout -q main
GIT_AUTHOR_NAME=Eli GIT_AUTHOR_EMAIL=eli@acme.test GIT_COMMITTER_NAME=Eli GIT_COMMITTER_EMAIL=eli@acme.test \
  git -C "$WORK" -c gpg.format=ssh -c user.signingKey="$TMP/eli" merge -q -S --no-ff --no-edit pm/signed2
push_gh pat origin main
expect_reject "without ssh-keygen a signature approves nothing" self-approval
expect_output "... and says so" "ssh-keygen not found"
finish
