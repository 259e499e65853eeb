#!/bin/bash
# What a change really changes: every merge shape pushed for real into a bare repository with the
# server hook, previewed first by `laneguard pre-push` (which must give the server's verdict), and
# the attacks judged again by `laneguard check OLD..NEW` and `laneguard ci` (one model, one answer).
# Attacks: a merge that takes an old tree back (main first, or parents reversed so the first-parent
# diff is empty), an octopus that restores a deleted file and drops another. Legitimate: git pull on
# main, a clean merge of a PM's reviewed branch where both sides changed the same file, a release
# branch merged into main. Judged as the merger's own: a conflict in src/auth resolved by hand.
source "$(dirname "$0")/server_lib.sh"
PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>" ELI="Eli <eli@acme.test>"
setup_server
Z=0000000000000000000000000000000000000000

as() {  # as "Name <email>" GIT-ARGS...: a git command in WORK as that person
  local who=$1 name email
  shift
  name=${who% <*}; email=${who#*<}; email=${email%>}
  GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email git -C "$WORK" "$@"
}

# land USER "Name <email>" DESCRIPTION accept|reject [RULE...]: previews WORK's HEAD -> main with
# pre-push as that user, pushes it for real, and checks that both give the expected verdict.
land() {
  local user=$1 who=$2 desc=$3 want=$4 name email new old pre_rc
  shift 4
  name=${who% <*}; email=${who#*<}; email=${email%>}
  git -C "$WORK" fetch -q origin
  new=$(git -C "$WORK" rev-parse HEAD)
  old=$(git -C "$SERVER" rev-parse refs/heads/main)
  set +e
  PRE=$(cd "$WORK" && printf 'refs/heads/main %s refs/heads/main %s\n' "$new" "$old" |
    GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email "$LANEGUARD" pre-push origin "$SERVER" 2>&1)
  pre_rc=$?
  set -e
  push_as "$user" origin HEAD:main
  if [ "$want" = accept ]; then expect_accept "$desc"; else expect_reject "$desc" "$@"; fi
  if { [ "$want" = accept ] && [ "$pre_rc" = 0 ]; } || { [ "$want" = reject ] && [ "$pre_rc" = 1 ]; }; then
    ok "... pre-push said the same"
  else
    fail "... pre-push exit $pre_rc for a push the server should $want"; echo "$PRE" | sed 's/^/    /' >&2
  fi
  LAST_OLD=$old LAST_NEW=$new
}

# introduce USER: USER pushes WORK's HEAD to a work branch first, so the server records USER as the
# introducer of its new commits (and another person's push to main can approve them).
N=0
introduce() {
  N=$((N + 1))
  push_as "$1" origin "HEAD:refs/heads/wip/$N"
  expect_accept "$1 pushes the work to wip/$N"
}

# judged_elsewhere DESCRIPTION RULE: `check OLD..NEW` and `ci` on the same range block with RULE.
judged_elsewhere() {
  local desc=$1 rule=$2 out rc
  set +e
  out=$(cd "$WORK" && "$LANEGUARD" check --format json "$LAST_OLD..$LAST_NEW" 2>&1); rc=$?
  set -e
  if [ "$rc" = 1 ] && grep -q "\"rule\":\"$rule\"\|\"rule\": \"$rule\"" <<<"$out"; then ok "$desc: check blocks ($rule)"
  else fail "$desc: check exit $rc, want 1 with $rule"; echo "$out" | head -20 | sed 's/^/    /' >&2; fi
  printf '{"id": "pull request #7", "author": "pat", "base": "%s", "head": "%s", "reviews": []}\n' \
    "$LAST_OLD" "$LAST_NEW" > "$TMP/pr.json"
  set +e
  out=$(cd "$WORK" && "$LANEGUARD" ci --input "$TMP/pr.json" --format json 2>&1); rc=$?
  set -e
  if [ "$rc" = 1 ] && grep -q "\"rule\":\"$rule\"\|\"rule\": \"$rule\"" <<<"$out"; then ok "$desc: ci blocks ($rule)"
  else fail "$desc: ci exit $rc, want 1 with $rule"; echo "$out" | head -20 | sed 's/^/    /' >&2; fi
}

ROOT=$(git -C "$WORK" rev-parse HEAD)
# An approved security fix lands: eli writes it, erin pushes it (erin approves eli's commit).
reset_work
printf 'def login():\n    check_password()\n' > "$WORK/src/auth/login.py"
echo "legacy" > "$WORK/src/auth/legacy.py"
git -C "$WORK" add -A && as "$ELI" commit -q -m "Security fix: check the password"
introduce eli
land erin "$ERIN" "an engineer lands a colleague's security fix" accept
OLD=$ROOT FIX=$(git -C "$WORK" rev-parse HEAD)
git -C "$WORK" rm -q src/auth/legacy.py && as "$ELI" commit -q -m "Drop the legacy login"
introduce eli
land erin "$ERIN" "an engineer lands the removal of legacy login" accept

# 1. The PM undoes the fix with a merge of an old commit, main as first parent.
reset_work
as "$PAT" reset -q --hard "$(as "$PAT" commit-tree "$OLD^{tree}" -p main -p "$OLD" -m "Merge old work")"
land pat "$PAT" "a merge that takes an old tree back (main first)" reject self-approval
expect_output "... names the path the merge changed" "src/auth/login.py"
expect_output "... says the merge changed it itself" "changed these paths itself"
judged_elsewhere "old tree back, main first" missing-approval

# 2. The same with the parents reversed: a fast-forward whose first-parent diff is empty.
reset_work
as "$PAT" reset -q --hard "$(as "$PAT" commit-tree "$OLD^{tree}" -p "$OLD" -p main -m "Merge main")"
land pat "$PAT" "reversed parents: the old tree back with an empty first-parent diff" reject unexplained-change
expect_output "... names the path" "src/auth/login.py"
judged_elsewhere "reversed parents" unexplained-change

# 3. An octopus (main, the old fix commit, the root) that restores the deleted file and drops another.
reset_work
git -C "$WORK" checkout -q "$FIX" -- src/auth/legacy.py
git -C "$WORK" rm -q src/auth/login.py
tree=$(git -C "$WORK" write-tree)
as "$PAT" reset -q --hard "$(as "$PAT" commit-tree "$tree" -p main -p "$FIX" -p "$ROOT" -m "Octopus")"
land pat "$PAT" "an octopus that restores a deleted file and drops another" reject self-approval
expect_output "... names the restored file" "src/auth/legacy.py"
judged_elsewhere "octopus" missing-approval

# 4. git pull on main by an engineer: her commit and the server's new commit, merged.
reset_work
git -C "$WORK" branch -q -f mine main
echo "# notes" >> "$WORK/README.md" && git -C "$WORK" add -A && as "$ELI" commit -q -m "Readme notes"
land erin "$ERIN" "an engineer lands a readme change" accept
git -C "$WORK" checkout -q mine
echo "def helper(): pass" >> "$WORK/src/app/main.py" && git -C "$WORK" add -A && as "$ELI" commit -q -m "App helper"
as "$ELI" pull -q --no-rebase --no-edit origin main
land eli "$ELI" "git pull (a merge) on main by an engineer" accept

# 5. A PM's reviewed branch merged cleanly by an engineer, both sides having changed login.py.
reset_work
git -C "$WORK" checkout -q -b pm/login
printf '# prototype hint\n' | cat - "$WORK/src/auth/login.py" > "$TMP/l" && cp "$TMP/l" "$WORK/src/auth/login.py"
git -C "$WORK" add -A && as "$PAT" commit -q -m "Login: a hint at the top"
push_as pat origin pm/login
expect_accept "the PM's branch"
git -C "$WORK" checkout -q main
echo "    audit()" >> "$WORK/src/auth/login.py" && git -C "$WORK" add -A && as "$ELI" commit -q -m "Login: audit"
introduce eli
land erin "$ERIN" "an engineer lands eli's audit line" accept
as "$ERIN" merge -q --no-ff --no-edit pm/login
merge=$(git -C "$WORK" rev-parse HEAD)
[ "$(git -C "$WORK" show --remerge-diff --format= "$merge" | wc -l)" = 0 ] && ok "test setup: git merged it cleanly" \
  || fail "test setup: the merge is not clean"
land erin "$ERIN" "a clean merge of a PM's reviewed branch (both sides changed login.py)" accept
set +e; out=$(cd "$WORK" && "$LANEGUARD" check --format json "$merge^1..$merge" 2>&1); set -e
grep -q "$merge" <<<"$out" && { fail "check judges the clean merge itself"; echo "$out" | head >&2; } \
  || ok "... check finds nothing of the merge's own"

# 6. A conflict in src/auth resolved by hand by the merger: her own change.
reset_work
git -C "$WORK" checkout -q -b pm/conflict
echo "    pm_version()" >> "$WORK/src/auth/login.py" && git -C "$WORK" add -A && as "$PAT" commit -q -m "Login: PM version"
push_as pat origin pm/conflict
git -C "$WORK" checkout -q main
echo "    eng_version()" >> "$WORK/src/auth/login.py" && git -C "$WORK" add -A && as "$ELI" commit -q -m "Login: eng version"
introduce eli
land erin "$ERIN" "the engineering side of the conflict" accept
as "$ERIN" merge -q --no-ff --no-edit pm/conflict >/dev/null 2>&1 || true
echo "    resolved_by_erin()" >> "$WORK/src/auth/login.py"
sed -i '/^[<=>]\{7\}/d' "$WORK/src/auth/login.py"
git -C "$WORK" add -A && as "$ERIN" commit -q --no-edit
land erin "$ERIN" "a conflict in src/auth resolved by the merger, pushed by her" reject self-approval
expect_output "... names the merge commit" "commit $(git -C "$WORK" rev-parse --short=12 HEAD)"

# 7. A release branch merged into main: its commits were judged when they landed on release/1.
reset_work
push_as erin origin main:refs/heads/release/1
expect_accept "creating release/1 at main"
git -C "$WORK" checkout -q -b rel origin/main
echo "    hotfix()" >> "$WORK/src/auth/login.py" && git -C "$WORK" add -A && as "$ELI" commit -q -m "Hotfix on release"
introduce eli
push_as erin origin HEAD:release/1
expect_accept "an engineer lands eli's hotfix on release/1"
git -C "$WORK" checkout -q main
echo "more" >> "$WORK/README.md" && git -C "$WORK" add -A && as "$ERIN" commit -q -m "Main moves on"
land eli "$ELI" "main moves on" accept
as "$PAT" merge -q --no-ff --no-edit rel
land pat "$PAT" "the PM merges release/1 into main (nothing of the merge's own)" accept
[ "$(json_eval "$(last_audit)" 'scalar @{$j->{commits}}')" = 1 ] && ok "... judged only the merge" \
  || fail "... judged $(json_eval "$(last_audit)" 'scalar @{$j->{commits}}') commits"

# 8. Creating a protected branch: pre-push judges what no protected branch reaches, as the server
# does, even when the commit is already on the server on a feature branch.
reset_work
git -C "$WORK" checkout -q -b feature/a
echo "    unreviewed()" >> "$WORK/src/auth/login.py" && git -C "$WORK" add -A && as "$PAT" commit -q -m "Unreviewed login change"
push_as pat origin HEAD:refs/heads/feature/a
expect_accept "the PM's unapproved change on feature/a"
git -C "$WORK" fetch -q origin
set +e
PRE=$(cd "$WORK" && printf 'refs/heads/feature/a %s refs/heads/release/2 %s\n' "$(git rev-parse HEAD)" "$Z" |
  GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test "$LANEGUARD" pre-push origin "$SERVER" 2>&1)
pre_rc=$?
set -e
push_as pat origin HEAD:refs/heads/release/2
expect_reject "creating release/2 with the PM's unapproved commit" self-approval
[ "$pre_rc" = 1 ] && grep -q "self-approval" <<<"$PRE" && ok "... pre-push said the same" \
  || { fail "... pre-push exit $pre_rc"; echo "$PRE" | sed 's/^/    /' >&2; }

# The rule is in the catalogue `laneguard rules` prints.
"$LANEGUARD" rules unexplained-change | grep -q "no judged commit" && ok "laneguard rules explains unexplained-change" \
  || fail "laneguard rules does not explain unexplained-change"
set +e; "$LANEGUARD" rules no-such-rule >/dev/null 2>&1; rc=$?; set -e
[ "$rc" = 2 ] && ok "an unknown rule is a usage error (exit 2)" || fail "unknown rule: exit $rc"
finish
