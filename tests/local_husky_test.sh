#!/bin/bash
# laneguard install in a husky 9 repository, with the real husky from the npm registry: the husky run
# that npm install triggers rewrites .husky/_/ and used to undo laneguard's hooks there (and a
# reinstall then failed on the stale *.laneguard-chained files). Now laneguard writes a block into
# .husky/HOOK, which husky runs and never rewrites.
. "$(dirname "$0")/local_lib.sh"
B="$WORK/origin.git"
new_repo "$WORK/seed" && git clone -q --bare "$WORK/seed" "$B" && git clone -q "$B" "$WORK/r" && cd "$WORK/r"
git config user.name Pat && git config user.email pat@acme.test
printf 'node_modules\n' > .gitignore && git add .gitignore && git commit -qm "Ignore node_modules"
npm_install "$PWD" husky
husky() { node_modules/.bin/husky "$@"; }
echo "husky $(node -p 'require("./node_modules/husky/package.json").version')"
mkdir .husky
printf 'echo "user pre-commit ran" >&2\n' > .husky/pre-commit
printf 'cat > "$PREPUSH_SEEN"\n' > .husky/pre-push
cp .husky/pre-commit "$WORK/user-pre-commit" && cp .husky/pre-push "$WORK/user-pre-push"
husky || fail "husky did not run"
[ "$(git config core.hooksPath)" = .husky/_ ] && pass "husky set core.hooksPath=.husky/_" || fail "husky did not set core.hooksPath"

# The issue: plain hooks installed into .husky/_, then husky runs again.
expect_status 0 "the plain install (--manager=none) into husky's directory" -- "$LANEGUARD" install --manager=none
husky
ls .husky/_/*.laneguard-chained >/dev/null 2>&1 && pass "husky's run left stale *.laneguard-chained files (the issue's state)" \
  || fail "no stale chained files: the scenario did not reproduce"
grep -q LANEGUARD_BIN .husky/_/pre-commit && fail "husky kept laneguard's hook" || pass "husky's run undid the plain hook"

expect_status 0 "laneguard install in the husky repository (auto)" -- "$LANEGUARD" install
expect_in "$WORK/out" "hook manager: husky (core.hooksPath is husky's .husky/_" "husky detected from core.hooksPath"
expect_in "$WORK/out" "pre-commit.laneguard-chained: left by an earlier laneguard install; it was the same as the hook there now: removed" \
  "the stale chained copy is recovered"
ls .husky/_/*.laneguard-chained* >/dev/null 2>&1 && fail "chained files left in .husky/_" || pass "no chained file left in .husky/_"
expect_in .husky/pre-commit "# >>> laneguard pre-commit" "the block is in .husky/pre-commit"
[ "$(sed '/^# >>> laneguard/,/^# <<< laneguard/d' .husky/pre-commit)" = "$(cat "$WORK/user-pre-commit")" ] \
  && pass "the user's pre-commit lines are kept" || fail "the user's pre-commit lines changed"
[ -f .husky/commit-msg ] && pass ".husky/commit-msg created" || fail ".husky/commit-msg missing"
[ "$(git config laneguard.binary)" = "$LANEGUARD" ] && pass "git config laneguard.binary is the binary" || fail "laneguard.binary not recorded"
sum() { cat .husky/pre-commit .husky/commit-msg .husky/pre-push | sha1sum; }
before=$(sum)
expect_status 0 "install again" -- "$LANEGUARD" install
[ "$before" = "$(sum)" ] && pass "a reinstall changes nothing" || fail "a reinstall changed the scripts"
expect_in "$WORK/out" ".husky/pre-push: unchanged" "and says so"

# husky reinstalls (npm install's prepare; npx husky), and the hooks still run laneguard.
husky
(cd "$WORK" && cd r && npx --no-install husky) || fail "npx husky failed"
echo v2 >> src/auth/login.py && git add src/auth/login.py
expect_status 0 "commit after husky's reinstall" -- git commit -m "Login tweak"
expect_in "$WORK/err" "missing-approval [authentication]" "laneguard's pre-commit ran through husky"
expect_in "$WORK/err" "user pre-commit ran" "and the user's husky script after it"
echo v3 >> src/auth/login.py && git add src/auth/login.py
expect_status 1 "unlabelled AI help is rejected through husky's commit-msg" -- \
  git commit -m "AI" -m "Co-authored-by: Claude <noreply@anthropic.com>"
expect_in "$WORK/err" "unlabeled-ai" "laneguard's commit-msg ran"
git reset -q --hard HEAD
export PREPUSH_SEEN="$WORK/prepush-seen"
expect_status 1 "pre-push blocks the unapproved change through husky" -- git push origin HEAD:main
expect_in "$WORK/err" "block missing-approval" "laneguard's pre-push verdict"
expect_status 0 "a feature branch passes" -- git push -q origin HEAD:refs/heads/feature
expect_in "$PREPUSH_SEEN" "refs/heads/feature" "the user's pre-push script still reads git's ref lines"
HUSKY=0 git commit -q --allow-empty -m "HUSKY=0" 2>"$WORK/err"
expect_not_in "$WORK/err" "laneguard" "HUSKY=0 skips husky, laneguard's block with it"

# An earlier plain install that husky has not undone yet: handed back to husky.
expect_status 0 "uninstall" -- "$LANEGUARD" install --uninstall
cmp -s .husky/pre-commit "$WORK/user-pre-commit" && pass "uninstall leaves the user's pre-commit byte for byte" || fail "pre-commit not restored"
cmp -s .husky/pre-push "$WORK/user-pre-push" && pass "and the user's pre-push" || fail "pre-push not restored"
[ ! -e .husky/commit-msg ] && pass "the script laneguard created is removed" || fail ".husky/commit-msg left"
git config laneguard.binary >/dev/null && fail "laneguard.binary left in the config" || pass "laneguard.binary removed"
echo v4 >> src/auth/login.py && git add src/auth/login.py
expect_status 0 "commit after uninstall" -- git commit -m "After uninstall"
expect_not_in "$WORK/err" "missing-approval" "laneguard no longer runs"
expect_in "$WORK/err" "user pre-commit ran" "husky's hook still does"
cp .husky/_/pre-commit "$WORK/husky-shim"
expect_status 0 "plain install again" -- "$LANEGUARD" install --manager=none
expect_status 0 "then install with husky before husky ran" -- "$LANEGUARD" install
expect_in "$WORK/out" ".husky/_/pre-commit: removed; restored the hook that was there before" "laneguard's plain hook handed back"
cmp -s .husky/_/pre-commit "$WORK/husky-shim" && pass "husky's own hook is back" || fail "husky's hook not restored"

# A fresh clone before npm install: the block is written, and the install says husky must run.
git add .husky && git commit -qm "laneguard in husky's scripts" && git clone -q . "$WORK/fresh" && cd "$WORK/fresh"
expect_status 0 "install in a clone husky has not set up" -- "$LANEGUARD" install
expect_in "$WORK/out" "hook manager: husky (the repository has a .husky directory" "husky detected from .husky/"
expect_in "$WORK/out" "run \`npx husky\`" "says husky must run"
expect_in "$WORK/out" ".husky/pre-commit: unchanged" "the committed block is already there"
finish
