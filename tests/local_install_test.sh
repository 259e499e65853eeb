#!/bin/bash
# laneguard install: never clobber, chain with the same arguments and stdin, core.hooksPath,
# idempotence, --uninstall, --server into a bare repository.
. "$(dirname "$0")/local_lib.sh"
R="$WORK/repo"
new_repo "$R" && cd "$R"

# A pre-commit hook already there keeps running, before laneguard, and its failure stops the commit.
cat > .git/hooks/pre-commit <<'SH'
#!/bin/sh
echo "original pre-commit ran as $(basename "$0")" >&2
[ ! -e .block-me ] || { echo "original pre-commit says no" >&2; exit 7; }
SH
cat > .git/hooks/commit-msg <<'SH'
#!/usr/bin/env python3
import sys
open(sys.argv[1] + ".seen-by-original", "w").write(open(sys.argv[1]).read())
SH
chmod +x .git/hooks/pre-commit .git/hooks/commit-msg
cp .git/hooks/pre-commit "$WORK/original-pre-commit"
expect_status 0 "install over existing hooks" -- "$LANEGUARD" install
expect_in "$WORK/out" "the hook that was there runs first" "install says it chained the old hook"
cmp -s .git/hooks/pre-commit.laneguard-chained "$WORK/original-pre-commit" && pass "old hook kept byte for byte" || fail "old hook changed"
sha_before=$(cat .git/hooks/pre-commit .git/hooks/commit-msg .git/hooks/pre-push | sha1sum)
expect_status 0 "install again" -- "$LANEGUARD" install
expect_in "$WORK/out" "unchanged" "a second install changes nothing"
[ "$sha_before" = "$(cat .git/hooks/pre-commit .git/hooks/commit-msg .git/hooks/pre-push | sha1sum)" ] && pass "hooks identical after reinstall" || fail "reinstall changed the hooks"
[ ! -e .git/hooks/pre-commit.laneguard-chained.laneguard-chained ] && pass "no double chaining" || fail "chained twice"

echo v2 >> src/auth/login.py && git add -A
expect_status 0 "commit with both hooks" -- git commit -m "Both hooks run"
expect_in "$WORK/err" "original pre-commit ran as pre-commit" "the original hook runs, under its own name"
expect_in "$WORK/err" "missing-approval" "laneguard runs after it"
[ -f .git/COMMIT_EDITMSG.seen-by-original ] && pass "the original commit-msg hook got its argument" || fail "original commit-msg hook did not run"
first_line() { awk 'NR==1' "$1"; }
touch .block-me && echo v3 >> src/auth/login.py && git add src/auth/login.py
expect_status 1 "the original hook's failure stops the commit" -- git commit -m "Blocked by the original"
expect_in "$WORK/err" "original pre-commit says no" "its message is shown"
expect_not_in "$WORK/err" "missing-approval" "laneguard does not run after the original failed"
rm .block-me

expect_status 0 "uninstall" -- "$LANEGUARD" install --uninstall
cmp -s .git/hooks/pre-commit "$WORK/original-pre-commit" && pass "uninstall restores the original hook" || fail "original not restored"
[ ! -e .git/hooks/pre-push ] && pass "uninstall removes hooks laneguard added" || fail "pre-push left behind"
[ ! -e .git/hooks/pre-commit.laneguard-chained ] && pass "no chained file left" || fail "chained file left"

# core.hooksPath (relative to the working tree's root), as git rev-parse --git-path hooks says.
git config core.hooksPath .githooks
mkdir -p sub && cd sub
expect_status 0 "install with core.hooksPath from a subdirectory" -- "$LANEGUARD" install
cd ..
want=$(cd "$(git rev-parse --show-toplevel)" && realpath -m "$(git rev-parse --git-path hooks)")
[ -x "$want/pre-commit" ] && [ -x "$want/commit-msg" ] && [ -x "$want/pre-push" ] && pass "hooks in core.hooksPath ($want)" || fail "hooks not in $want"
echo v4 >> src/auth/login.py && git add src/auth/login.py
expect_status 0 "commit through core.hooksPath" -- git commit -m "Through hooksPath"
expect_in "$WORK/err" "missing-approval" "git ran laneguard from core.hooksPath"

# husky-style hook (sources a helper next to it, finds its work by its own name): still works chained
# when plain hooks are asked for (auto would write into .husky/pre-commit: tests/local_husky_test.sh).
git config core.hooksPath .husky/_
mkdir -p .husky/_ && printf '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n' > .husky/_/pre-commit
printf 'n=$(basename "$0"); [ -f ".husky/$n" ] && sh -e ".husky/$n"\n' > .husky/_/h
printf 'echo "husky ran its $0 script" >&2\n' > .husky/pre-commit
chmod +x .husky/_/pre-commit
expect_status 0 "install over husky" -- "$LANEGUARD" install --manager=none
echo v5 >> src/auth/login.py && git add src/auth/login.py
expect_status 0 "commit with husky chained" -- git commit -m "Husky"
expect_in "$WORK/err" "husky ran its .husky/pre-commit script" "the husky hook still finds its script"
git config --unset core.hooksPath

# --server into a bare repository with a pre-receive hook already there: both read the same stdin.
B="$WORK/server.git"
git init -q --bare "$B"
cat > "$B/hooks/pre-receive" <<'SH'
#!/bin/sh
cat > "$GIT_DIR/seen-by-original"
SH
chmod +x "$B/hooks/pre-receive"
expect_status 0 "install --server" -- "$LANEGUARD" install --server "$B"
expect_in "$WORK/out" "$B/hooks/pre-receive: installed; the hook that was there runs first" "server hook chained"
grep -qxF "LANEGUARD_BIN=$LANEGUARD" "$B/hooks/post-receive" && pass "post-receive carries the binary's fixed path" \
  || fail "post-receive has no fixed LANEGUARD_BIN=$LANEGUARD line"
grep -q 'LANEGUARD_BIN:-' "$B/hooks/pre-receive" "$B/hooks/post-receive" \
  && fail "a server hook still lets the environment choose its binary" || pass "no server hook reads LANEGUARD_BIN from the environment"
# Attack: the pusher's environment names a binary of hers (over ssh: SetEnv with AcceptEnv LANEGUARD_*).
# A local push passes the pusher's environment to the hooks, as sshd would.
cat > "$WORK/evil" <<SH
#!/bin/sh
touch "$WORK/evil-ran"
exit 0
SH
chmod +x "$WORK/evil"
LANEGUARD_BIN="$WORK/evil" git push -q "$B" main:refs/heads/evil-probe 2>"$WORK/push-err"
[ -e "$WORK/evil-ran" ] && fail "the pusher's LANEGUARD_BIN ran on the server" || pass "the pusher's LANEGUARD_BIN is never run"
git push -q "$B" main:refs/heads/feature 2>"$WORK/push-err"; rc=$?
expect_in "$B/seen-by-original" "refs/heads/feature" "the original pre-receive hook read the ref updates"
[ "$rc" = 0 ] && pass "push to a feature branch accepted" || { fail "push to feature rejected ($rc)"; cat "$WORK/push-err" >&2; }
git -C "$B" rev-parse -q --verify refs/heads/feature >/dev/null && pass "feature branch arrived" || fail "feature branch missing"
expect_status 0 "uninstall --server" -- "$LANEGUARD" install --server --uninstall "$B"
grep -q 'seen-by-original' "$B/hooks/pre-receive" && pass "server hook restored" || fail "server hook not restored"
finish
