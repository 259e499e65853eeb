#!/bin/bash
# laneguard ci on GitHub merge groups that hold several pull requests: real repositories, the queue's
# real merges (as GitHub writes them, on gh-readonly-queue/ branches), the merge_group and
# pull request payloads in GitHub's published shapes (tests/fixtures). Each commit of the group is
# judged with the reviews, author and pushers of the pull request it came from: an earlier pull
# request's commit is neither approved by the later one's reviewers nor blocked for want of them.
source "$(dirname "$0")/ci_lib.sh"

# group_ci NUMBER...: laneguard ci on the merge group with these pull requests, in this order, each
# with its own reviews and commits.
group_ci() {
  local args=()
  for n in "$@"; do args+=(--pull-request "$TMP/pull-$n.json" --reviews "$TMP/reviews-$n.json" --commits "$TMP/commits-$n.json"); done
  run_ci --event "$TMP/group.json" "${args[@]}" --format json
}
finding_of() { json_eval "$OUT" "join ' | ', map { \"\$_->{rule} \$_->{commit}: \$_->{message}\" } grep { \$_->{rule} eq '$1' } @{\$j->{findings}}"; }

# Two pull requests, both changing authentication: #101 (pat's login change) and #102 (pat's session
# change), queued in that order. #102's group holds both.
setup_repo
BASE=$(git -C "$WORK" rev-parse main)
branch pr1 main; commit_as "$PAT" "Add login" src/auth/login.py; PR1=$(push_branch pr1)
branch pr2 main; commit_as "$PAT" "Add session" src/auth/session.py; PR2=$(push_branch pr2)
queue pr1 pr2
pull_json 101 pat "$PR1"; pull_json 102 pat "$PR2"
commits_json 101 "$PR1" pat; commits_json 102 "$PR2" pat

# --- Attack: nobody approved #101; erin approved #102. The old judgement took #102's reviews for the
# whole group and let #101's protected change through.
reviews_json 101
reviews_json 102 "erin:APPROVED:$PR2"
group_ci 101 102
expect 1 "missing-approval" "attack: #101 approved by nobody, #102 by erin: the group is blocked"
f=$(finding_of missing-approval)
echo "$f" | grep -q "^missing-approval pull request #101: " && ok "... the finding is #101's" || fail "whose: $f"
echo "$f" | grep -q "In this merge group pull request #101 (queued ahead of #102) brought commit ${PR1:0:12}, judged with its own reviews" \
  && ok "... and names #101's commit in the group" || fail "commit named: $f"
json_eval "$OUT" '$j->{stats}{commits}' | grep -qx 4 && ok "... all four commits of the group judged (two changes, two queue merges)" || fail "stats: $OUT"
json_eval "$OUT" 'join ",", map { "$_->{change}=" . ($_->{satisfied} ? "yes" : "no") } @{$j->{areas}}' \
  | grep -qx "pull request #101=no,pull request #102=yes" && ok "... #102's own area is satisfied by erin's review" || fail "areas: $OUT"
run_ci --event "$TMP/group.json" --pull-request "$TMP/pull-101.json" --reviews "$TMP/reviews-101.json" \
  --pull-request "$TMP/pull-102.json" --reviews "$TMP/reviews-102.json" --format text
echo "$OUT" | grep -q "laneguard ci: pull requests #101 and #102 in the merge queue" && ok "text: the title names both pull requests" || fail "title: $OUT"
echo "$OUT" | grep -q "queued ahead of #102" && ok "... and says #101 is queued ahead of #102" || fail "queued: $OUT"

# --- Control: eli approved #101 as well: allowed.
reviews_json 101 "eli:APPROVED:$PR1"
group_ci 101 102
expect 0 "" "control: #101 approved by eli, #102 by erin: the group passes"
# #102's reviewers do not approve #101, nor #101's #102.
reviews_json 102
group_ci 101 102
expect 1 "missing-approval" "#101 approved, #102 not: blocked"
finding_of missing-approval | grep -q "^missing-approval pull request #102: " && ok "... on #102" || fail "#102: $(finding_of missing-approval)"
reviews_json 102 "erin:APPROVED:$PR2"
# A review of an older push of #101 is stale there, whatever #102's reviews say.
reviews_json 101 "eli:APPROVED:$BASE"
group_ci 101 102
expect 1 "missing-approval stale-approval" "#101's approval names an older head: stale, blocked"
json_eval "$OUT" '$j->{findings}[1]{commit}' | grep -qx "pull request #101" && ok "... the stale notice is #101's" || fail "stale: $OUT"

# --- A self-approval hidden in the earlier pull request: erin committed to #101 (under an address the
# agreement does not list; her account shows as the committer in #101's commits) and approved it.
# #102's files say nothing of her: only #101's own pushers reveal it.
reviews_json 101 "erin:APPROVED:$PR1"
commits_json 101 "$PR1" erin
group_ci 101 102
expect 1 "self-approval" "attack: erin pushed to #101 and approved it; #102 approved by erin: self-approval on #101"
finding_of self-approval | grep -q "^self-approval pull request #101: " && ok "... on #101" || fail "self: $(finding_of self-approval)"
json_eval "$OUT" '$j->{findings}[0]{fix}' | grep -q "Ask @eli (not @pat or @erin)" && ok "... the fix asks eli, not erin" || fail "fix: $OUT"
commits_json 101 "$PR1" pat

# --- A commit of the group that no listed pull request brought: judged with no approvals, named.
reviews_json 101 "eli:APPROVED:$PR1"
run_ci --event "$TMP/group.json" --pull-request "$TMP/pull-102.json" --reviews "$TMP/reviews-102.json" \
  --commits "$TMP/commits-102.json" --format json
expect 1 "missing-approval" "attack: only #102 given (the old way): #101's commit is not approved by #102's reviewers"
f=$(finding_of missing-approval)
echo "$f" | grep -q "^missing-approval $PR1: " && echo "$f" | grep -q "Commit ${PR1:0:12} of the merge group belongs to none of the pull requests laneguard was given (#102), so no review approves it" \
  && ok "... the finding is on #101's commit and says it belongs to no listed pull request" || fail "unclaimed: $f"
json_eval "$OUT" '$j->{findings}[0]{fix}' | grep -q "gh api repos/OWNER/REPO/commits/$PR1/pulls" && ok "... the fix says how to find its pull request" || fail "fix: $OUT"

# --- Refused: files that do not fit the group.
run_ci --event "$TMP/group.json" --pull-request "$TMP/pull-101.json" --reviews "$TMP/reviews-101.json" \
  --pull-request "$TMP/pull-102.json" --format json
[ "$RC" = 2 ] && echo "$ERR" | grep -q "2 --pull-request but 1 --reviews: give each pull request of the merge group its own --reviews, in the same order" \
  && ok "two pull requests, one --reviews: refused" || fail "pairs: exit $RC: $ERR"
group_ci 102 101
[ "$RC" = 2 ] && echo "$ERR" | grep -q "pull request #102 is not the last --pull-request: the merge group's queue branch names it" \
  && ok "the queue branch's pull request not last: refused" || fail "order: exit $RC: $ERR"
run_ci --event "$TMP/group.json" --pull-request "$TMP/pull-101.json" --reviews "$TMP/reviews-102.json" \
  --pull-request "$TMP/pull-102.json" --reviews "$TMP/reviews-101.json" --format json
[ "$RC" = 2 ] && echo "$ERR" | grep -q "these are the reviews of pull request #102 (pull_request_url), not of pull request #101" \
  && ok "reviews paired with the wrong pull request: refused" || fail "wrong reviews: exit $RC: $ERR"
group_ci 101 101 102
[ "$RC" = 2 ] && echo "$ERR" | grep -q "pull request #101 is listed twice" && ok "a pull request listed twice: refused" || fail "twice: exit $RC: $ERR"
pull_json 103 pat "$PR1" release
reviews_json 103; commits_json 103 "$PR1" pat
group_ci 103 102
[ "$RC" = 2 ] && echo "$ERR" | grep -q "pull request #103 is based on \`release\`, but the merge group merges into \`main\`" \
  && ok "a pull request based on another branch: refused" || fail "base ref: exit $RC: $ERR"
run_ci --event "$TMP/group.json" --pull-request "$TMP/pull-101.json" --reviews "$TMP/reviews-101.json" \
  --reviews "$TMP/reviews-102.json" --format json
[ "$RC" = 2 ] && echo "$ERR" | grep -q "1 --pull-request but 2 --reviews" && ok "more --reviews than pull requests: refused" || fail "extra: exit $RC: $ERR"
HEAD_SHA=$PR2 github_event 102 pat
run_ci --event "$TMP/event.json" --reviews "$TMP/reviews-101.json" --reviews "$TMP/reviews-102.json" --format json
[ "$RC" = 2 ] && echo "$ERR" | grep -q "\-\-reviews is given 2 times: only a merge group" && ok "a pull_request event with two --reviews: refused" || fail "pr event: exit $RC: $ERR"

# --- A pull request stacked on another: #102's branch holds #101's commit too. It belongs to #101,
# the first in queue order whose head reaches it, and #101's reviews judge it.
setup_repo
BASE=$(git -C "$WORK" rev-parse main)
branch pr1 main; commit_as "$PAT" "Add login" src/auth/login.py; PR1=$(push_branch pr1)
branch pr2 pr1; commit_as "$PAT" "Add session" src/auth/session.py; PR2=$(push_branch pr2)
queue pr1 pr2
pull_json 101 pat "$PR1"; pull_json 102 pat "$PR2"
commits_json 101 "$PR1" pat; commits_json 102 "$PR2" pat
reviews_json 101
reviews_json 102 "erin:APPROVED:$PR2"
group_ci 101 102
expect 1 "missing-approval" "stacked: #101's commit (in #102's branch too) is #101's: erin's review of #102 does not approve it"
finding_of missing-approval | grep -q "^missing-approval pull request #101: .*brought commit ${PR1:0:12}," && ok "... named as #101's" || fail "stacked: $(finding_of missing-approval)"
reviews_json 101 "eli:APPROVED:$PR1"
group_ci 101 102
expect 0 "" "stacked: each approved: passes"

# --- Queues that squash or rebase write new commits that no pull request's head reaches. Such a
# commit is #k's when it is exactly #k's work on its parent: #k's head merged into it (squash) or
# one of #k's commits, same author and message, picked onto it (rebase).
for method in squash rebase; do
  setup_repo
  BASE=$(git -C "$WORK" rev-parse main)
  branch pr1 main; commit_as "$PAT" "Add login" src/auth/login.py; commit_as "$PAT" "Fix login" src/auth/login.py
  PR1=$(push_branch pr1)
  branch pr2 main; commit_as "$PAT" "Add session" src/auth/session.py; PR2=$(push_branch pr2)
  QUEUE_METHOD=$method queue pr1 pr2
  want=3; [ $method = squash ] && want=2
  [ "$(git -C "$TMP/ci" rev-list --count "$BASE..$GROUP_HEAD")" = $want ] && ok "$method queue: the group is $want new commits" \
    || fail "$method queue: $(git -C "$TMP/ci" log --oneline "$BASE..$GROUP_HEAD")"
  pull_json 101 pat "$PR1"; pull_json 102 pat "$PR2"
  commits_json 101 "$PR1" pat; commits_json 102 "$PR2" pat
  reviews_json 101
  reviews_json 102 "erin:APPROVED:$PR2"
  group_ci 101 102
  expect 1 "missing-approval" "$method queue: #101 approved by nobody, #102 by erin: blocked"
  first=$(git -C "$TMP/ci" rev-list --reverse "$BASE..$GROUP_HEAD" | head -1)
  finding_of missing-approval | grep -q "^missing-approval pull request #101: .*brought commit.* ${first:0:12}\|^missing-approval pull request #101: .*brought commits ${first:0:12}" \
    && ok "... on #101, naming the commit the queue wrote for it" || fail "$method: $(finding_of missing-approval)"
  reviews_json 101 "eli:APPROVED:$PR1"
  group_ci 101 102
  expect 0 "" "$method queue: each approved: the rewritten commits are their pull requests', the group passes"
done
# A squash commit that holds more than #102's change is not #102's: the queue branch is GitHub's,
# but laneguard takes nothing on trust.
git -C "$WORK" checkout -q --detach "$GROUP_HEAD~1"
as_github merge -q --squash pr2 >/dev/null 2>&1
echo "backdoor" >> "$WORK/src/auth/login.py"; git -C "$WORK" add -A
GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=GitHub GIT_COMMITTER_EMAIL=noreply@github.com \
  git -C "$WORK" commit -q -m "Change of pr2 (#102)"
FORGED=$(git -C "$WORK" rev-parse HEAD)
git -C "$WORK" push -q origin "HEAD:refs/heads/gh-readonly-queue/main/pr-102-forged"
git -C "$WORK" checkout -q main
git -C "$TMP/ci" fetch -q origin
jq --arg head "$FORGED" '.merge_group.head_sha = $head | .merge_group.head_ref = "refs/heads/gh-readonly-queue/main/pr-102-forged"' \
  "$TMP/group.json" > "$TMP/forged.json"
run_ci --event "$TMP/forged.json" --pull-request "$TMP/pull-101.json" --reviews "$TMP/reviews-101.json" \
  --pull-request "$TMP/pull-102.json" --reviews "$TMP/reviews-102.json" --format json
expect 1 "missing-approval" "attack: a queue commit with #102's change and one more line in login.py belongs to nobody: blocked"
finding_of missing-approval | grep -q "^missing-approval $FORGED: .*belongs to none of the pull requests laneguard was given (#101 or #102)" \
  && ok "... named as a commit no pull request brought" || fail "forged: $(finding_of missing-approval)"

# --- GitLab merge trains: the train ref holds the merge requests ahead (!1, approved by nobody) and
# this one (!2); the train pipeline of !2 judges !2's own commits (diff_refs) with !2's approvals.
setup_repo
BASE=$(git -C "$WORK" rev-parse main)
branch mr1 main; commit_as "$PAT" "Add login" src/auth/login.py; MR1=$(push_branch mr1)
branch mr2 main; commit_as "$PAT" "Add session" src/auth/session.py; MR2=$(push_branch mr2)
git -C "$WORK" checkout -q --detach "$BASE"
# The train's merges, written by GitLab as the user who started the train (pat).
for mr in mr1 mr2; do
  GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test \
    git -C "$WORK" merge -q --no-ff -m "Merge branch '$mr' into 'main'" "$mr"
done
[ "$(git -C "$WORK" rev-list --count "$BASE..HEAD")" = 4 ] || fail "the train ref was not built"
git -C "$WORK" push -q origin HEAD:refs/merge-requests/2/train
TRAIN=$(git -C "$WORK" rev-parse HEAD)
git -C "$WORK" checkout -q main
rm -rf "$TMP/ci"; git init -q "$TMP/ci"
git -C "$TMP/ci" fetch -q "file://$TMP/origin.git" "+refs/heads/*:refs/remotes/origin/*" refs/merge-requests/2/train
git -C "$TMP/ci" checkout -q --detach "$TRAIN"
cat > "$TMP/mr.json" <<JSON
{"id": 94, "iid": 2, "project_id": 3, "title": "Add session", "state": "opened", "draft": false,
 "target_branch": "main", "source_branch": "mr2", "author": {"id": 5, "username": "pat", "name": "Pat", "state": "active"},
 "labels": [], "sha": "$MR2", "diff_refs": {"base_sha": "$BASE", "head_sha": "$MR2", "start_sha": "$BASE"}}
JSON
gl_train() {  # gl_train APPROVER...: !2's approvals, then the train pipeline's job
  jq --args '.approved_by = [$ARGS.positional[] | {user: {username: ., name: ., id: 1, state: "active"}}]' "$@" \
    < "$TESTS_DIR/fixtures/gitlab/approvals.json" > "$TMP/approvals.json"
  OUT=$(cd "$TMP/ci" && env CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_EVENT_TYPE=merge_train \
        CI_COMMIT_SHA="$TRAIN" GITLAB_USER_LOGIN=pat "$LANEGUARD" ci --merge-request "$TMP/mr.json" \
        --approvals "$TMP/approvals.json" --format json 2>"$TMP/stderr"); RC=$?; ERR=$(cat "$TMP/stderr")
}
gl_train erin
expect 0 "" "GitLab merge train: !2 approved by erin passes; !1's commit in the train ref is !1's own pipeline's to judge"
json_eval "$OUT" '$j->{stats}{commits}' | grep -qx 1 && ok "... only !2's own commit judged, not the train's merge commit" || fail "train stats: $OUT"
gl_train
expect 1 "missing-approval" "GitLab merge train: !2 approved by nobody is blocked"

finish
