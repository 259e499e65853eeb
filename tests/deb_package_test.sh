#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` from the build writes laneguard_VERSION_ARCH.deb with the binary,
# the hook shims, the policies, the man page and both completions; `dpkg -i` installs it on this
# machine, the installed laneguard guards a real push through the installed shims, and `dpkg -r`
# removes every file again.
set -euo pipefail
: "${LANEGUARD:?set LANEGUARD to the laneguard binary}"
LANEGUARD_SOURCE_DIR=${LANEGUARD_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
LANEGUARD_BUILD_DIR=${LANEGUARD_BUILD_DIR:-$(dirname "$LANEGUARD")}
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (dpkg-dev, cmake)"; exit 77; }
done
[ "$(id -u)" = 0 ] || { echo "SKIP: dpkg -i needs root"; exit 77; }
[ -f "$LANEGUARD_BUILD_DIR/man/laneguard.1" ] || { echo "SKIP: no man page in the build (install help2man, rerun cmake)"; exit 77; }
if dpkg-query -W -f='${Status}' laneguard 2>/dev/null | grep -q "install ok installed"; then
  echo "SKIP: a laneguard package is already installed here; not replacing it"
  exit 77
fi
FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
ok() { echo "ok: $*"; }
TMP=$(mktemp -d)
export GIT_CONFIG_GLOBAL=$TMP/gitconfig GIT_CONFIG_NOSYSTEM=1
git config --global user.name "Test Runner"
git config --global user.email "runner@acme.test"
git config --global init.defaultBranch main
installed=0
cleanup() {
  [ "$installed" = 1 ] && dpkg -r laneguard >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

version=$("$LANEGUARD" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
start=$SECONDS
(cd "$LANEGUARD_BUILD_DIR" && cpack -G DEB -B "$TMP/pkg" > "$TMP/cpack.log" 2>&1) || { cat "$TMP/cpack.log"; exit 1; }
DEB=$TMP/pkg/laneguard_${version}_${arch}.deb
[ -f "$DEB" ] && ok "cpack -G DEB wrote $(basename "$DEB") in $((SECONDS - start)) s" \
  || { fail "no $(basename "$DEB"): $(ls "$TMP/pkg")"; exit 1; }

dpkg-deb -c "$DEB" | awk '{print $6}' > "$TMP/files"
for f in ./usr/bin/laneguard ./usr/share/laneguard/hooks/pre-receive ./usr/share/laneguard/hooks/post-receive \
         ./usr/share/laneguard/hooks/pre-commit ./usr/share/laneguard/hooks/commit-msg ./usr/share/laneguard/hooks/pre-push \
         ./usr/share/laneguard/policies/default.toml ./usr/share/laneguard/policies/growth-team.toml \
         ./usr/share/man/man1/laneguard.1 ./usr/share/bash-completion/completions/laneguard \
         ./usr/share/zsh/vendor-completions/_laneguard; do
  grep -qx "$f" "$TMP/files" || fail "the package lacks $f"
done
ok "it holds the binary, the five hook shims, the policies, the man page and both completions"
grep -E "laneguard_tests|\.cc$|\.h$" "$TMP/files" && fail "test binaries or sources in the package" || ok "... and nothing else of the build"
depends=$(dpkg-deb -f "$DEB" Depends)
grep -q "libgit2" <<<"$depends" && grep -qw git <<<"$depends" && ok "Depends (dpkg-shlibdeps): $depends" \
  || fail "Depends: $depends"
[ "$(dpkg-deb -f "$DEB" Version)" = "$version" ] && ok "Version: $version" || fail "Version: $(dpkg-deb -f "$DEB" Version)"

# Install it (one install at a time on this machine), use it, remove it.
exec 9> /tmp/laneguard-deb-test.lock
flock 9
dpkg -i "$DEB" > "$TMP/dpkg.log" 2>&1 && installed=1 && ok "dpkg -i installs it" || { cat "$TMP/dpkg.log"; fail "dpkg -i"; exit 1; }
[ "$(/usr/bin/laneguard --version)" = "$("$LANEGUARD" --version)" ] && ok "the installed laneguard runs: $(/usr/bin/laneguard --version)" \
  || fail "installed --version: $(/usr/bin/laneguard --version 2>&1)"
MANPAGER=cat man -l /usr/share/man/man1/laneguard.1 2>/dev/null | grep -q "EXIT STATUS" && ok "its man page renders" \
  || fail "installed man page"

# A real push through the installed shims: the server hooks point at /usr/bin/laneguard.
git init -q --bare "$TMP/server.git"
git init -q "$TMP/work"
cp "$LANEGUARD_SOURCE_DIR/tests/team_agreement.toml" "$TMP/work/.laneguard.toml"
mkdir -p "$TMP/work/src/auth" "$TMP/work/prototypes"
echo "def login(): pass" > "$TMP/work/src/auth/login.py"
git -C "$TMP/work" add -A
GIT_AUTHOR_NAME=Erin GIT_AUTHOR_EMAIL=erin@acme.test git -C "$TMP/work" commit -q -m "Initial import"
git -C "$TMP/work" push -q "$TMP/server.git" main
(cd "$TMP" && /usr/bin/laneguard install --server "$TMP/server.git" > /dev/null) && ok "the installed laneguard installs server hooks" \
  || fail "install --server"
grep -q "/usr/bin/laneguard" "$TMP/server.git/hooks/pre-receive" && ok "... pointing at /usr/bin/laneguard" \
  || fail "hook: $(cat "$TMP/server.git/hooks/pre-receive")"
echo "backdoor = True" >> "$TMP/work/src/auth/login.py"
GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test \
  git -C "$TMP/work" commit -q -am "Login tweak"
set +e
out=$(cd "$TMP/work" && LANEGUARD_PUSHER=pat git push "$TMP/server.git" main 2>&1); rc=$?
set -e
[ "$rc" != 0 ] && grep -q "remote: .*block self-approval" <<<"$out" && ok "the installed gate blocks the PM's own login change" \
  || { fail "push: rc=$rc"; echo "$out" | sed 's/^/    /' >&2; }
[ -s "$TMP/server.git/laneguard/audit.log" ] && ok "... and audits it" || fail "no audit log"

dpkg -r laneguard > "$TMP/dpkg-r.log" 2>&1 && installed=0 && ok "dpkg -r removes it" || fail "dpkg -r: $(cat "$TMP/dpkg-r.log")"
left=""
while read -r f; do f=${f#.}; [ -f "$f" ] && left+=" $f"; done < "$TMP/files"
[ -z "$left" ] && ok "... every file it installed is gone" || fail "left behind:$left"
flock -u 9
if [ "$FAILED" -ne 0 ]; then echo "$FAILED check(s) failed" >&2; exit 1; fi
echo "all checks passed"
