#!/bin/bash
# laneguard install in a lefthook repository, with the real lefthook from the npm registry (its
# platform binary comes in an optional dependency): laneguard's commands go into lefthook-local.yml
# and `lefthook install` writes the hooks; lefthook rewriting its hooks keeps them.
. "$(dirname "$0")/local_lib.sh"
B="$WORK/origin.git"
new_repo "$WORK/seed" && git clone -q --bare "$WORK/seed" "$B" && git clone -q "$B" "$WORK/r" && cd "$WORK/r"
git config user.name Pat && git config user.email pat@acme.test
printf 'node_modules\nlefthook-local.yml\n' > .gitignore
cat > lefthook.yml <<'YAML'
pre-commit:
  commands:
    lint:
      run: echo "user lint ran" >&2
YAML
git add .gitignore lefthook.yml && git commit -qm "lefthook"
npm_install "$PWD" lefthook
lefthook() { node_modules/.bin/lefthook "$@"; }
echo "lefthook $(lefthook version)"
ls node_modules | grep -q '^lefthook-linux-' && pass "lefthook's platform binary came as an optional dependency" \
  || fail "no lefthook-linux-* package"
# The binary needs nothing from the network once installed (its install script never ran).
if unshare -n true 2>/dev/null; then
  unshare -n node_modules/.bin/lefthook version >/dev/null && pass "lefthook runs with no network (unshare -n)" \
    || fail "lefthook does not run offline"
else
  echo "skipped: no network namespace here (unshare -n needs root) for the offline check"
fi
cat > lefthook-local.yml <<'YAML'
pre-commit:
  commands:
    local-check:
      run: echo "local check ran" >&2
YAML
cp lefthook-local.yml "$WORK/user-local.yml"
# An earlier plain install: handed back before lefthook takes the hooks.
printf '#!/bin/sh\necho "old hook ran" >&2\n' > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
"$LANEGUARD" install --manager=none >/dev/null

expect_status 0 "laneguard install in the lefthook repository (auto)" -- "$LANEGUARD" install
expect_in "$WORK/out" "hook manager: lefthook (the repository has lefthook.yml" "lefthook detected"
expect_in "$WORK/out" ".git/hooks/pre-commit: removed; restored the hook that was there before" "the plain hook handed back first"
expect_in "$WORK/out" "lefthook-local.yml: laneguard's commands written into it" "the local config merged"
expect_in "$WORK/out" "ran $PWD/node_modules/.bin/lefthook install" "lefthook install ran"
[ "$(git config laneguard.binary)" = "$LANEGUARD" ] && pass "git config laneguard.binary is the binary" || fail "laneguard.binary not recorded"
grep -q call_lefthook .git/hooks/pre-commit && grep -q call_lefthook .git/hooks/pre-push && grep -q call_lefthook .git/hooks/commit-msg \
  && pass "lefthook wrote the three hooks" || fail "the hooks are not lefthook's"
lefthook dump > "$WORK/dump" 2>&1
for want in "local-check:" "lint:" "laneguard:" "use_stdin: true"; do expect_in "$WORK/dump" "$want" "lefthook's merged config has $want"; done
[ "$(grep -c 'laneguard:' "$WORK/dump")" = 3 ] && pass "laneguard in all three hooks" || fail "laneguard not in three hooks"
sum=$(sha1sum < lefthook-local.yml)
expect_status 0 "install again" -- "$LANEGUARD" install
expect_in "$WORK/out" "lefthook-local.yml: unchanged" "a reinstall changes nothing"
[ "$sum" = "$(sha1sum < lefthook-local.yml)" ] && pass "lefthook-local.yml identical" || fail "lefthook-local.yml changed"

# lefthook rewrites its hooks; the commands stay.
lefthook install >/dev/null 2>&1 || fail "lefthook install failed"
echo v2 >> src/auth/login.py && git add src/auth/login.py
expect_status 0 "commit after lefthook install" -- git commit -m "Login tweak"
cat "$WORK/out" >> "$WORK/err"
expect_in "$WORK/err" "missing-approval [authentication]" "laneguard's pre-commit ran through lefthook"
expect_in "$WORK/err" "user lint ran" "and lefthook.yml's command"
expect_in "$WORK/err" "local check ran" "and the local config's own command"
echo v3 >> src/auth/login.py && git add src/auth/login.py
expect_status 1 "unlabelled AI help is rejected through lefthook's commit-msg" -- \
  git commit -m "AI" -m "Co-authored-by: Claude <noreply@anthropic.com>"
cat "$WORK/out" >> "$WORK/err"
expect_in "$WORK/err" "unlabeled-ai" "laneguard's commit-msg ran with the message file"
git reset -q --hard HEAD
expect_status 1 "pre-push blocks the unapproved change through lefthook" -- git push origin HEAD:main
cat "$WORK/out" >> "$WORK/err"
expect_in "$WORK/err" "block missing-approval" "laneguard's pre-push verdict (git's ref lines reached it)"
expect_status 0 "a feature branch passes" -- git push -q origin HEAD:refs/heads/feature

expect_status 0 "uninstall" -- "$LANEGUARD" install --uninstall
cmp -s lefthook-local.yml "$WORK/user-local.yml" && pass "uninstall leaves the user's local config byte for byte" || fail "local config changed"
git config laneguard.binary >/dev/null && fail "laneguard.binary left" || pass "laneguard.binary removed"
echo v4 >> src/auth/login.py && git add src/auth/login.py
expect_status 0 "commit after uninstall" -- git commit -m "After uninstall"
cat "$WORK/out" >> "$WORK/err"
expect_not_in "$WORK/err" "missing-approval" "laneguard no longer runs"
expect_in "$WORK/err" "user lint ran" "lefthook still does"

# No local config of the user's, and no lefthook to run: created, removed, and what to run is said.
rm lefthook-local.yml && mv node_modules "$WORK/nm"
expect_status 0 "install without lefthook at hand" -- env PATH=/usr/bin:/bin "$LANEGUARD" install
expect_in "$WORK/out" "lefthook-local.yml: created, with laneguard's commands" "the local config created"
expect_in "$WORK/out" "run \`lefthook install\`" "says what to run"
expect_status 0 "uninstall" -- env PATH=/usr/bin:/bin "$LANEGUARD" install --uninstall
[ ! -e lefthook-local.yml ] && pass "the local config laneguard created is removed" || fail "lefthook-local.yml left"
finish
