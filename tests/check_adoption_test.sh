#!/usr/bin/env bash
# Adopting laneguard on a repository with a past: `laneguard init` records the baseline
# ([agreement] since), `check` with no range judges only what came after it, the commit that adds
# the agreement is not blocked by the agreement it adds (and every later change to it is judged),
# and a shallow clone says so instead of "unknown revision".
. "$(dirname "$0")/local_lib.sh"

# The team's agreement, with the agreement file itself protected (owned by engineering).
bash "$LANEGUARD_SOURCE_DIR/tests/team_agreement.sh" '[[protected]]
name = "agreement"
paths = [".laneguard.toml"]
owners = ["engineering"]
approvals = 1' > "$WORK/team.toml"
as_pat() { GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test "$@"; }

R="$WORK/repo"
git init -q "$R" && cd "$R"
for i in 1 2 3; do mkdir -p src/auth; echo "$i" > "src/auth/old$i"; git add -A; as_pat git commit -q -m "old unapproved change $i"; done
old_head=$(git rev-parse HEAD)

expect_status 0 "init on an old repository" -- "$LANEGUARD" init --from "$WORK/team.toml"
expect_in "$WORK/out" "since = \"$old_head\"" "init says which baseline it recorded"
expect_in .laneguard.toml "since = \"$old_head\"" "the agreement records HEAD as [agreement] since"
expect_status 0 "the agreement with its baseline is valid" -- "$LANEGUARD" lint .laneguard.toml
expect_status 0 "check right after init: nothing after the baseline" -- "$LANEGUARD" check
expect_in "$WORK/out" "0 commits" "and it says it judged no commit"
expect_in "$WORK/out" "commits after ${old_head:0:12}" "and that it judged from the baseline"

git add .laneguard.toml && as_pat git commit -q -m "Adopt laneguard"
adoption=$(git rev-parse HEAD)
expect_status 0 "the adoption commit is not blocked by the agreement it adds" -- "$LANEGUARD" check
[ "$("$LANEGUARD" check --format json | jq .stats.commits)" = 1 ] && pass "check judged exactly the adoption commit" \
  || fail "check did not judge 1 commit"
# The same commit under the same rules from outside the repository: blocked (the exemption is the
# adoption's only, which is what makes the test above mean something).
cp .laneguard.toml "$WORK/outside.toml"
expect_status 1 "under another copy of the agreement the adoption commit would be blocked" -- \
  "$LANEGUARD" check --agreement "$WORK/outside.toml" "$adoption^!"
expect_in "$WORK/out" "agreement was changed" "the blocked area is the agreement file"

# After the adoption every change is judged: the agreement's own file and protected code.
echo '# tweak' >> .laneguard.toml && git add -A && as_pat git commit -q -m "Loosen the agreement"
expect_status 1 "a later change to the agreement is judged (pat alone: blocked)" -- "$LANEGUARD" check
expect_in "$WORK/out" "Loosen the agreement" "the blocked commit is the later change"
expect_not_in "$WORK/out" "Adopt laneguard" "the adoption commit is still not blocked"
expect_not_in "$WORK/out" "old unapproved change" "the past before the baseline is not judged"
git reset -q --hard HEAD~1
echo new > src/auth/new && git add -A && as_pat git commit -q -m "new unapproved change"
expect_status 1 "a protected change after the baseline is blocked" -- "$LANEGUARD" check
expect_in "$WORK/out" "new unapproved change" "named"
expect_status 1 "options only (--no-merges) keep the baseline" -- "$LANEGUARD" check --no-merges
expect_not_in "$WORK/out" "old unapproved change" "and still skip the past"
# A range judges exactly that range, past included.
expect_status 1 "an explicit range judges the past" -- "$LANEGUARD" check main
expect_in "$WORK/out" "old unapproved change 1" "the oldest commit is judged"
[ "$("$LANEGUARD" check --format json main | jq .stats.commits)" = "$(git rev-list --count main)" ] \
  && pass "check main judges all of git rev-list main" || fail "check main count"

# A baseline that is no full commit id, or that the repository lacks.
sed -i "s/since = \"$old_head\"/since = \"main\"/" .laneguard.toml
expect_status 2 "since = a branch name is refused" -- "$LANEGUARD" check
expect_in "$WORK/err" ".laneguard.toml:" "with the file and position"
expect_in "$WORK/err" "full commit id" "and why"
sed -i "s/since = \"main\"/since = \"$(printf '1%.0s' $(seq 40))\"/" .laneguard.toml
expect_status 2 "since = an unknown commit is refused" -- "$LANEGUARD" check
expect_in "$WORK/err" "no such commit" "and says so"
git checkout -q .laneguard.toml

# init variants: --all-history records none; a new repository has nothing to skip; --since REV.
mkdir "$WORK/fresh" && cd "$WORK/fresh" && git init -q
expect_status 0 "init in a repository with no commits" -- "$LANEGUARD" init
expect_not_in .laneguard.toml "since =" "records no baseline"
cd "$R" && git rm -q --cached .laneguard.toml >/dev/null; rm .laneguard.toml
expect_status 0 "init --all-history" -- "$LANEGUARD" init --all-history --from "$WORK/team.toml"
expect_not_in .laneguard.toml "since =" "records no baseline"
expect_status 0 "init --since REV" -- "$LANEGUARD" init --force --since HEAD~2 --from "$WORK/team.toml"
expect_in .laneguard.toml "since = \"$(git rev-parse HEAD~2)\"" "records that commit"
expect_status 2 "init --since with an unknown revision" -- "$LANEGUARD" init --force --since nope
git checkout -q .laneguard.toml 2>/dev/null || git show HEAD:.laneguard.toml > .laneguard.toml

# Shallow clones: a clear message, never "unknown revision".
cd "$WORK" && git clone -q --depth 1 "file://$R" shallow && cd shallow
expect_status 3 "shallow clone without the baseline commit" -- "$LANEGUARD" check
expect_in "$WORK/err" "this is a shallow clone" "says it is a shallow clone"
expect_in "$WORK/err" "git fetch --deepen" "and how to fetch more"
expect_status 2 "shallow clone, a range beyond it" -- "$LANEGUARD" check HEAD~3..HEAD
expect_in "$WORK/err" "this is a shallow clone" "says it is a shallow clone"
expect_status 3 "shallow clone, a range reaching its edge" -- "$LANEGUARD" check --agreement "$WORK/team.toml" HEAD
expect_in "$WORK/err" "this is a shallow clone" "the edge commit's parent is missing: says so"
git fetch -q --unshallow
expect_status 1 "after git fetch --unshallow it judges" -- "$LANEGUARD" check

finish
