#!/usr/bin/env bash
# The self-contained build (build/static/laneguard): no shared library at all, and it judges a real
# push from inside an otherwise empty chroot that holds only that one file and the bare repository.
# Then what signed approvals need there: ssh-keygen, its libraries, /dev/null and a writable /tmp.
source "$(dirname "$0")/server_lib.sh"
: "${LANEGUARD_STATIC:=}"
if [ -z "$LANEGUARD_STATIC" ] || [ ! -x "$LANEGUARD_STATIC" ]; then
  echo "SKIP: no static binary (configure with -DLANEGUARD_STATIC=ON; needs Debian's libgit2.a and friends)"
  exit 77
fi
source "$(dirname "$0")/chroot_lib.sh"
PAT="Pat <pat@acme.test>" ELI="Eli <eli@acme.test>"

# Nothing to load: no program interpreter, no NEEDED entries, and ldd agrees.
readelf -lW "$LANEGUARD_STATIC" | grep -q "Requesting program interpreter" \
  && fail "the static binary asks for a dynamic loader" || ok "no program interpreter"
readelf -dW "$LANEGUARD_STATIC" | grep -q "(NEEDED)" \
  && fail "the static binary needs shared libraries: $(readelf -dW "$LANEGUARD_STATIC" | grep NEEDED)" \
  || ok "no shared library needed"
ldd_out=$(ldd "$LANEGUARD_STATIC" 2>&1 || true)
grep -q "not a dynamic executable" <<<"$ldd_out" && ok "ldd: not a dynamic executable" || fail "ldd lists: $ldd_out"
"$LANEGUARD_STATIC" --version | grep -q "^laneguard " && ok "it runs" || fail "--version"

for who in eli; do ssh-keygen -q -t ed25519 -N '' -C "$who" -f "$TMP/$who"; done
ELI_KEYS="signing_keys = [\"$(cut -d' ' -f1,2 "$TMP/eli.pub")\"]"

# The root: the binary, and the bare repository under /srv. The working clone lives outside.
ROOT=$TMP/root
mkdir -p "$ROOT"
cp "$LANEGUARD_STATIC" "$ROOT/laneguard"
setup_server root/srv/checkout
mv "$WORK" "$TMP/work" && WORK=$TMP/work
install_chroot_hook "$SERVER" "$ROOT" pre-receive /laneguard pre-receive
install_chroot_hook "$SERVER" "$ROOT" post-receive /laneguard post-receive
[ "$(cd "$ROOT" && ls -A | tr '\n' ' ')" = "laneguard srv " ] && ok "the root holds only laneguard and /srv" \
  || fail "the root holds: $(ls -A "$ROOT")"

# An allowed push: the PM's prototype on main. Judged inside the root, audit line in the repository.
commit_as "$PAT" "Prototype" prototypes/chroot.py
push_as pat origin main
expect_accept "a push laneguard allows, judged inside the chroot"
[ "$(server_main)" = "$(git -C "$WORK" rev-parse HEAD)" ] && ok "... main moved" || fail "main did not move"
[ "$(json_eval "$(last_audit)" '$j->{verdict}')" = accept ] && ok "... audit line written: accept" \
  || fail "audit: $(last_audit)"
[ "$(json_eval "$(last_audit)" '$j->{pusher}')" = pat ] && ok "... by pat" || fail "audit pusher: $(last_audit)"

# A blocked push: the PM changes the protected login code herself.
lines_before=$(wc -l < "$AUDIT")
commit_as "$PAT" "Login tweak" src/auth/login.py
push_as pat origin main
expect_reject "a push laneguard blocks, judged inside the chroot" self-approval
[ "$(server_main)" != "$(git -C "$WORK" rev-parse HEAD)" ] && ok "... main did not move" || fail "main moved"
[ "$(wc -l < "$AUDIT")" = $((lines_before + 1)) ] && [ "$(json_eval "$(last_audit)" '$j->{verdict}')" = reject ] \
  && ok "... audit line written: reject" || fail "audit: $(last_audit)"

# Signed approvals inside the root. eli signs a merge of pat's branch; pat pushes it.
reset_work
git -C "$WORK" checkout -q -b pm/signed
commit_as "$PAT" "Login prototype" src/auth/login.py
push_as pat origin pm/signed
expect_accept "the PM's branch"
git -C "$WORK" checkout -q main
GIT_AUTHOR_NAME=Eli GIT_AUTHOR_EMAIL=eli@acme.test GIT_COMMITTER_NAME=Eli GIT_COMMITTER_EMAIL=eli@acme.test \
  git -C "$WORK" -c gpg.format=ssh -c user.signingKey="$TMP/eli" merge -q -S --no-ff --no-edit pm/signed

# What signed approvals need in the root, one piece at a time; each step alone is not enough.
push_as pat origin main
expect_reject "in the bare root a signed merge approves nothing" self-approval
expect_output "... and the pusher is told why" "signature of commit .* was not accepted: cannot create a temporary directory"
mkdir -p "$ROOT/tmp" && chmod 1777 "$ROOT/tmp"
push_as pat origin main
expect_reject "... plus a writable /tmp: nothing (no ssh-keygen)" self-approval
expect_output "... says so" "signature of commit .* was not accepted: ssh-keygen not found"
copy_with_libraries "$ROOT" "$(command -v ssh-keygen)"
case "$(command -v ssh-keygen)" in /usr/bin/*|/bin/*) ;; *) fail "ssh-keygen is not under /usr/bin or /bin" ;; esac
push_as pat origin main
expect_reject "... plus ssh-keygen and its libraries: nothing (no /dev/null to run it with)" self-approval
mkdir -p "$ROOT/dev"
if [ "$(id -u)" = 0 ]; then
  mknod -m 666 "$ROOT/dev/null" c 1 3
else
  touch "$ROOT/dev/null"  # no mknod in a user namespace: a plain file serves as /dev/null here
fi
push_as pat origin main
expect_reject "... plus /dev/null: nothing (ssh-keygen wants a passwd entry for the hook's user)" self-approval
mkdir -p "$ROOT/etc"
echo "hook:x:$(id -u):$(id -g):hook user:/:/bin/sh" > "$ROOT/etc/passwd"
push_as pat origin main
expect_accept "with /tmp, ssh-keygen, its libraries, /dev/null and /etc/passwd: eli's signed merge approves"
[ -z "$(ls -A "$ROOT/tmp")" ] && ok "... and leaves nothing behind in /tmp" || fail "left in /tmp: $(ls -A "$ROOT/tmp")"
finish
