#!/bin/bash
# Shared setup for the `laneguard ci` end-to-end tests: a real origin (bare) and a developer clone,
# real commits and pushes, a CI checkout cloned from the origin, and event/review/approval files in
# the platforms' real shapes. Sourced by tests/ci_*_test.sh.
set -u
: "${LANEGUARD:?set LANEGUARD to the laneguard binary}"
TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/laneguard-ci-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export GIT_CONFIG_GLOBAL="$TMP/gitconfig" GIT_CONFIG_NOSYSTEM=1
: > "$GIT_CONFIG_GLOBAL"
git config --global init.defaultBranch main
git config --global protocol.file.allow always
# The runner's own CI variables must not leak into the tests.
unset GITHUB_EVENT_PATH GITHUB_ACTIONS GITLAB_CI GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
for v in $(env | sed -n 's/^\(CI_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done

FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
ok() { echo "ok: $*"; }
finish() {
  if [ "$FAILED" -ne 0 ]; then echo "$FAILED failure(s)" >&2; exit 1; fi
  echo "all passed"
}

PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>" ELI="Eli <eli@acme.test>"
CLAUDE="Claude <noreply@anthropic.com>"

# The team's agreement (tests/team_agreement.toml) with eli's GitLab account and the AI labels of PRs;
# $AGREEMENT_EXTRA is appended (e.g. a [review] table).
write_agreement() {
  bash "$TESTS_DIR/team_agreement.sh" '[people.eli] usernames = ["eli", "eli-gl"]' \
    $'[ai]\npr_labels = ["ai-generated", "ai-assisted"]' "${AGREEMENT_EXTRA:-}" > "$1"
}

# A fresh origin whose main carries the agreement, a developer clone on branch `feature`.
setup_repo() {
  rm -rf "$TMP/origin.git" "$TMP/work" "$TMP/ci"
  git init -q --bare "$TMP/origin.git"
  git init -q "$TMP/work"
  WORK="$TMP/work"
  git -C "$WORK" remote add origin "$TMP/origin.git"
  write_agreement "$WORK/.laneguard.toml"
  echo "# checkout" > "$WORK/README.md"
  git -C "$WORK" add -A
  commit_as "$ERIN" "Initial"
  git -C "$WORK" push -q origin main
  git -C "$WORK" checkout -q -b feature
  REVIEWS=() NEXT_MINUTE=10
}

# commit_as "Name <email>" MESSAGE [PATH...]: writes each path (a new line) and commits as that person.
# $COMMITTER overrides the committer.
commit_as() {
  local who=$1 message=$2 name email
  shift 2
  name=${who% <*} email=${who##*<} email=${email%>}
  for path in "$@"; do
    mkdir -p "$WORK/$(dirname "$path")"
    echo "change $RANDOM" >> "$WORK/$path"
    git -C "$WORK" add -- "$path"
  done
  local cname=$name cemail=$email
  if [ -n "${COMMITTER:-}" ]; then cname=${COMMITTER% <*} cemail=${COMMITTER##*<} cemail=${cemail%>}; fi
  GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" GIT_COMMITTER_NAME="$cname" GIT_COMMITTER_EMAIL="$cemail" \
    git -C "$WORK" commit -q --allow-empty -m "$message"
}

# Pushes the feature branch and checks it out in a CI clone with full history (fetch-depth: 0).
push_pr() {
  git -C "$WORK" push -q -f origin feature
  rm -rf "$TMP/ci"
  git clone -q "file://$TMP/origin.git" "$TMP/ci"
  git -C "$TMP/ci" checkout -q --detach origin/feature
  BASE=$(git -C "$TMP/origin.git" rev-parse main)
  HEAD_SHA=$(git -C "$TMP/origin.git" rev-parse feature)
}

# github_event NUMBER AUTHOR [LABEL...]: the pull_request event payload as GitHub sends it (trimmed).
github_event() {
  local number=$1 author=$2 labels="" sep=""
  shift 2
  for label in "$@"; do
    labels+="$sep{\"id\": $RANDOM, \"name\": \"$label\", \"color\": \"ededed\", \"default\": false}" sep=", "
  done
  cat > "$TMP/event.json" <<JSON
{
  "action": "synchronize",
  "number": $number,
  "pull_request": {
    "url": "https://api.github.com/repos/acme/checkout/pulls/$number",
    "number": $number,
    "state": "open",
    "title": "Add OAuth login",
    "user": {"login": "$author", "id": 101, "type": "User"},
    "labels": [$labels],
    "head": {"label": "acme:feature", "ref": "feature", "sha": "$HEAD_SHA", "repo": {"full_name": "acme/checkout"}},
    "base": {"label": "acme:main", "ref": "main", "sha": "$BASE", "repo": {"full_name": "acme/checkout"}}
  },
  "repository": {"full_name": "acme/checkout"},
  "sender": {"login": "$author"}
}
JSON
}

# review LOGIN STATE [COMMIT]: one entry of the list-reviews response, a minute after the previous.
review() {
  local commit=${3:-$HEAD_SHA}
  NEXT_MINUTE=$((NEXT_MINUTE + 1))
  REVIEWS+=("{\"id\": $NEXT_MINUTE, \"node_id\": \"PRR_$NEXT_MINUTE\", \"user\": {\"login\": \"$1\", \"type\": \"User\"}, \"body\": \"\", \"state\": \"$2\", \"author_association\": \"MEMBER\", \"submitted_at\": \"2024-05-01T10:$NEXT_MINUTE:00Z\", \"commit_id\": \"$commit\"}")
}
write_reviews() {
  local IFS=,
  echo "[${REVIEWS[*]:-}]" > "$TMP/reviews.json"
}

# run_ci ARGS...: runs laneguard ci in the CI clone; sets OUT, ERR, RC.
run_ci() {
  OUT=$(cd "$TMP/ci" && "$LANEGUARD" ci "$@" 2>"$TMP/stderr")
  RC=$?
  ERR=$(cat "$TMP/stderr")
}
run_github() {  # run_github [ARGS...]: with the event and reviews written above
  write_reviews
  run_ci --event "$TMP/event.json" --reviews "$TMP/reviews.json" "$@"
}

# json_eval JSON PERL-EXPR: evaluates EXPR with $j the decoded document (perl's core JSON::PP).
json_eval() {
  perl -MJSON::PP -e 'my $j = JSON::PP->new->decode($ARGV[0]); my $r = eval $ARGV[1]; die $@ if $@; print defined $r ? (ref $r ? JSON::PP->new->canonical->encode($r) : $r) : ""' "$1" "$2"
}
rules_of() { json_eval "$1" 'join " ", map { $_->{rule} } @{$j->{findings}}'; }

# expect RC RULES DESCRIPTION: after run_ci with --format json.
expect() {
  local want_rc=$1 want_rules=$2 description=$3 got
  got=$(rules_of "$OUT" 2>/dev/null)
  if [ "$RC" = "$want_rc" ] && [ "$got" = "$want_rules" ]; then
    ok "$description"
  else
    fail "$description: exit $RC (want $want_rc), rules '$got' (want '$want_rules'); stderr: $ERR"
  fi
}

# --- GitHub's merge queue (tests/ci_merge_queue_test.sh, tests/ci_action_test.sh): pull requests'
# files in GitHub's shapes, and the queue's groups built as GitHub builds them.
# pull_json NUMBER AUTHOR HEAD [BASE_REF]: GET /repos/acme/checkout/pulls/NUMBER, in the shape of the
# `pull_request` object of GitHub's example payload.
pull_json() {
  jq --argjson number "$1" --arg author "$2" --arg head "$3" --arg base "$BASE" --arg ref "${4:-main}" '
    .pull_request | .number = $number | .url = "https://api.github.com/repos/acme/checkout/pulls/\($number)"
    | .user.login = $author | .head.sha = $head | .base.sha = $base | .base.ref = $ref | .labels = [] | .draft = false' \
    "$TESTS_DIR/fixtures/github/pull_request.synchronize.payload.json" > "$TMP/pull-$1.json"
}
# reviews_json NUMBER [LOGIN:STATE:COMMIT]...: GET /repos/acme/checkout/pulls/NUMBER/reviews.
reviews_json() {
  local number=$1 minute=10 items="" sep=""
  shift
  for r in "$@"; do
    minute=$((minute + 1))
    items+="$sep{\"id\": $minute, \"user\": {\"login\": \"${r%%:*}\", \"type\": \"User\"}, \"body\": \"\", \"state\": \"$(echo "$r" | cut -d: -f2)\", \"author_association\": \"MEMBER\", \"submitted_at\": \"2024-05-01T10:$minute:00Z\", \"commit_id\": \"${r##*:}\", \"pull_request_url\": \"https://api.github.com/repos/acme/checkout/pulls/$number\"}"
    sep=", "
  done
  echo "[$items]" > "$TMP/reviews-$number.json"
}
# commits_json NUMBER HEAD AUTHOR [LOGIN...]: GET /repos/acme/checkout/pulls/NUMBER/commits: HEAD's
# commits, author AUTHOR, the Nth commit's committer the Nth LOGIN (else AUTHOR).
commits_json() {
  local number=$1 head=$2 author=$3
  shift 3
  git -C "$TMP/origin.git" rev-list --reverse "$head" ^main | jq -R -s --arg author "$author" '
    split("\n") | map(select(length > 0)) | map({sha: ., author: {login: $author, type: "User"},
      committer: {login: $author, type: "User"}})' > "$TMP/commits-$number.json"
  local i=0
  for login in "$@"; do
    jq --argjson i "$i" --arg login "$login" '.[$i].committer.login = $login' "$TMP/commits-$number.json" > "$TMP/c.json"
    mv "$TMP/c.json" "$TMP/commits-$number.json"
    i=$((i + 1))
  done
}
# as_github GIT-ARGS...: git run as GitHub writes the queue's merges (author and committer GitHub).
as_github() {
  GIT_AUTHOR_NAME=GitHub GIT_AUTHOR_EMAIL=noreply@github.com GIT_COMMITTER_NAME=GitHub \
    GIT_COMMITTER_EMAIL=noreply@github.com git -C "$WORK" "$@"
}
# queue BRANCH...: GitHub's merge queue with these pull request branches (numbers $QUEUE_FIRST, the
# next, ...; default 101, 102, ...; $QUEUE_METHOD merge, squash or rebase, as the branch's merge
# queue is set up): each
# entry merged onto the previous one's queue branch; the last entry's merge_group event in
# $TMP/group.json, checked out in the CI clone as actions/checkout does for it.
queue() {
  local number=$((${QUEUE_FIRST:-101} - 1)) on=$BASE ref=""
  git -C "$WORK" checkout -q --detach "$BASE"
  for branch in "$@"; do
    number=$((number + 1))
    case "${QUEUE_METHOD:-merge}" in
      merge) as_github merge -q --no-ff -m "Merge pull request #$number from acme/$branch" "$branch" ;;
      # GitHub's squash: one commit, the pull request's author as its author, GitHub committing.
      squash)
        as_github merge -q --squash "$branch" >/dev/null 2>&1
        GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=GitHub GIT_COMMITTER_EMAIL=noreply@github.com \
          git -C "$WORK" commit -q -m "Change of $branch (#$number)" ;;
      # GitHub's rebase: each commit of the pull request picked again (author and message kept).
      rebase)
        GIT_COMMITTER_NAME=GitHub GIT_COMMITTER_EMAIL=noreply@github.com \
          git -C "$WORK" cherry-pick --allow-empty "$(git -C "$WORK" merge-base HEAD "$branch")..$branch" >/dev/null ;;
    esac
    ref="gh-readonly-queue/main/pr-$number-$on"
    git -C "$WORK" push -q origin "HEAD:refs/heads/$ref"
    on=$(git -C "$WORK" rev-parse HEAD)
  done
  GROUP_HEAD=$on QUEUE_REF=$ref
  git -C "$WORK" checkout -q main
  rm -rf "$TMP/ci"; git clone -q "file://$TMP/origin.git" "$TMP/ci"; git -C "$TMP/ci" checkout -q --detach "origin/$QUEUE_REF"
  jq --arg head "$GROUP_HEAD" --arg base "$BASE" --arg ref "refs/heads/$QUEUE_REF" \
    '.merge_group.head_sha = $head | .merge_group.base_sha = $base | .merge_group.head_ref = $ref' \
    "$TESTS_DIR/fixtures/github/merge_group.checks_requested.payload.json" > "$TMP/group.json"
}
# branch NAME FROM: a pull request branch in the developer clone, pushed.
branch() { git -C "$WORK" checkout -q -b "$1" "$2"; }
push_branch() { git -C "$WORK" push -q origin "$1"; git -C "$TMP/origin.git" rev-parse "$1"; }
