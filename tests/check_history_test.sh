#!/usr/bin/env bash
# `laneguard check` on real histories, differentially against git: the commits it judges for a
# revision expression are exactly `git rev-list`'s (same order), a range git refuses is refused
# with git's reason, and the repository it audits is the one git would use (-C, GIT_DIR,
# GIT_WORK_TREE, linked worktrees).
. "$(dirname "$0")/local_lib.sh"

AGREEMENT="$WORK/agreement.toml"
mkdir -p "$WORK/agr" && write_agreement "$WORK/agr" && mv "$WORK/agr/.laneguard.toml" "$AGREEMENT"

as_pat() { GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test "$@"; }
n=0
auth_commit() {  # every non-merge commit touches src/auth without approval: one finding each
  n=$((n + 1)); mkdir -p src/auth; echo "$n" > "src/auth/f$n"
  git add -A && as_pat git commit -q -m "auth change $n" && sleep 0
}

R="$WORK/repo"
git init -q "$R" && cd "$R"
export GIT_COMMITTER_DATE GIT_AUTHOR_DATE
t=1700000000
tick() { t=$((t + 60)); GIT_COMMITTER_DATE="@$t +0000"; GIT_AUTHOR_DATE="@$t +0000"; }
for i in 1 2 3; do tick; auth_commit; done
git tag v1
for s in 1 2 3; do
  git checkout -q -b "side$s"
  for i in 1 2; do tick; auth_commit; done
  git checkout -q main
  tick; auth_commit
  tick; as_pat git merge -q --no-edit --no-ff "side$s"
done
as_pat git tag -a -m annotated v2 HEAD~1
git checkout -q -b topic v1
for i in 1 2; do tick; auth_commit; done
git checkout -q main
tick; auth_commit

# The ids `check` judged (stats.commits counts all; findings list the non-merges, in order).
judged() {
  "$LANEGUARD" check --agreement "$AGREEMENT" --format json "$@" > "$WORK/json" 2>"$WORK/err"
  jq -r '[.findings[].commit] | reduce .[] as $c ([]; if (length > 0 and .[-1] == $c) then . else . + [$c] end) | .[]' \
    < "$WORK/json"
  echo "commits $(jq .stats.commits < "$WORK/json")"
}
expected() {
  git rev-list "$@" > "$WORK/git-ids" || return
  while read -r c; do [ "$(git rev-list --no-walk --count --no-merges "$c")" = 1 ] && echo "$c"; done < "$WORK/git-ids"
  echo "commits $(wc -l < "$WORK/git-ids")"
}
check_same() {
  got=$(judged "$@"); want=$(expected "$@")
  if [ "$got" = "$want" ] && [ -n "$want" ]; then pass "check $* = git rev-list $*"
  else fail "check $* differs from git rev-list $*"; diff <(echo "$want") <(echo "$got") | head -8 | sed 's/^/  | /' >&2; sed 's/^/  | /' "$WORK/err" >&2; fi
}

merge=$(git rev-list --merges -n 1 main~1)
for expr in "main" "v1..main" "main ^v1" "--all" "--branches" "--branches=side*" "--tags" "--not v1 --not main" \
  "main...topic" "topic...main" "v1...side2" "$merge^!" "$merge^@" "$merge^-" "$merge^-1" "$merge^-2" "main^-" \
  "--all --not main" "main --not side1 side2" "--first-parent main" "--no-merges --all" "--merges main" \
  "--ancestry-path v1..main" "--reverse v1..main" "--topo-order --all" "-n 4 main" "--max-count=3 --skip=2 main" \
  "--exclude=side* --branches" "main -- src/auth/f3" "--all -- src/auth/f1 src/auth/f9" "v2" "HEAD~3..HEAD" \
  "--since=@1700000500 main" "--author=pat --all" "--grep=change.1 main" "--end-of-options v1"; do
  # shellcheck disable=SC2086
  check_same $expr
done
# No revision: HEAD, as git rev-list HEAD; options alone keep that default.
got=$(judged); want=$(expected HEAD); [ "$got" = "$want" ] && pass "check with no range = git rev-list HEAD" || fail "no range"
got=$(judged --no-merges); want=$(expected --no-merges HEAD); [ "$got" = "$want" ] && pass "check --no-merges = HEAD --no-merges" || fail "--no-merges"
got=$(judged -- src/auth/f2); want=$(expected HEAD -- src/auth/f2); [ "$got" = "$want" ] && pass "check -- PATH = HEAD -- PATH" || fail "-- PATH"

# Refused ranges: git's reason, exit 2, nothing on stdout.
for bad in "nope" "main..nope" "main^3" "$merge^-3" "--bogus" "main...nope" "^nope main"; do
  # shellcheck disable=SC2086
  git rev-list $bad >/dev/null 2>"$WORK/git-err"
  reason=$(head -1 "$WORK/git-err")
  # shellcheck disable=SC2086
  expect_status 2 "check $bad is refused (exit 2)" -- "$LANEGUARD" check --agreement "$AGREEMENT" $bad
  expect_in "$WORK/err" "$reason" "check $bad gives git's reason"
  [ -s "$WORK/out" ] && fail "check $bad printed a report" || true
done
expect_status 2 "an option that changes rev-list's output is refused" -- "$LANEGUARD" check --agreement "$AGREEMENT" --objects main
expect_in "$WORK/err" "changes what git rev-list prints" "and says why"

# The repository: -C, GIT_DIR, GIT_WORK_TREE, linked worktrees, like git.
O="$WORK/other"
git init -q "$O" && (cd "$O" && echo x > readme && git add readme && tick && as_pat git commit -q -m "other: readme")
cd "$WORK"
got=$("$LANEGUARD" -C repo check --agreement "$AGREEMENT" --format json v1 | jq .stats.commits)
[ "$got" = "$(git -C repo rev-list --count v1)" ] && pass "-C DIR audits DIR" || fail "-C DIR: $got commits"
got=$("$LANEGUARD" -C "$WORK" -C repo check --agreement "$AGREEMENT" --format json | jq .stats.commits)
[ "$got" = "$(git -C "$WORK" -C repo rev-list --count HEAD)" ] && pass "-C A -C B is A/B, like git" || fail "-C A -C B: $got"
expect_status 2 "-C into a missing directory is refused" -- "$LANEGUARD" -C "$WORK/missing" check
cd "$O"
# Inside `other`, GIT_DIR names the repository under audit: the commits are repo's, not other's.
got=$(GIT_DIR="$R/.git" "$LANEGUARD" check --agreement "$AGREEMENT" --format json | jq .stats.commits)
[ "$got" = "$(GIT_DIR="$R/.git" git rev-list --count HEAD)" ] && [ "$got" != 1 ] && pass "GIT_DIR wins over the current directory" \
  || fail "GIT_DIR ignored: $got commits"
# GIT_DIR + GIT_WORK_TREE: the agreement is read from that work tree.
cp "$AGREEMENT" "$R/.laneguard.toml"
GIT_DIR="$R/.git" GIT_WORK_TREE="$R" "$LANEGUARD" check v1 > "$WORK/out" 2>&1
expect_in "$WORK/out" "agreement: $R/.laneguard.toml" "GIT_WORK_TREE's .laneguard.toml is the agreement"
rm "$R/.laneguard.toml"
cd "$R" && git worktree add -q "$WORK/linked" topic && cd "$WORK/linked"
got=$("$LANEGUARD" check --agreement "$AGREEMENT" --format json | jq .stats.commits)
[ "$got" = "$(git rev-list --count HEAD)" ] && [ "$got" = "$(git rev-list --count topic)" ] && pass "a linked worktree audits its own HEAD" \
  || fail "linked worktree: $got commits"
cd "$WORK/other"
got=$(GIT_DIR="$R/.git/worktrees/linked" "$LANEGUARD" check --agreement "$AGREEMENT" --format json | jq .stats.commits)
[ "$got" = "$(git -C "$R" rev-list --count topic)" ] && pass "GIT_DIR of a linked worktree" || fail "GIT_DIR worktree: $got"
GIT_DIR="$WORK/nothing" "$LANEGUARD" check > "$WORK/out" 2>&1; st=$?
[ "$st" = 3 ] && pass "GIT_DIR that is no repository: exit 3" || fail "bad GIT_DIR: exit $st"
expect_in "$WORK/out" "not a git repository: '$WORK/nothing' (from GIT_DIR)" "and it names GIT_DIR"

finish
