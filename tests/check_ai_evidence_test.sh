#!/bin/bash
# AI evidence in `laneguard check` (issue 16): line-level provenance in git notes (git-ai's
# refs/notes/ai, an Agent Trace record in a notes ref the agreement lists), a squash merge whose
# markers were lost but whose note remains, `Assisted-by: none` against the evidence, one verdict
# with its evidence in JSON, SARIF and text, and the exact fix command, run as printed.
source "$(dirname "$0")/ci_lib.sh"
source "$(dirname "$0")/ai_notes_lib.sh"

check_json() {  # check_json RANGE: sets OUT, RC, ERR
  OUT=$(cd "$WORK" && "$LANEGUARD" check --format json "$@" 2>"$TMP/stderr"); RC=$?; ERR=$(cat "$TMP/stderr")
}
message_of() { json_eval "$OUT" "join \"\\n\", map { \$_->{message} } grep { \$_->{rule} eq \"$1\" } @{\$j->{findings}}"; }
fix_of() { json_eval "$OUT" "join \"\\n\", map { \$_->{fix} } grep { \$_->{rule} eq \"$1\" } @{\$j->{findings}}"; }
verdict_of() { json_eval "$OUT" "join \",\", map { \$_->{verdict} } grep { \$_->{commit} eq \"$1\" } @{\$j->{ai}}"; }

setup_repo
git -C "$WORK" checkout -q main
sed -i '/^pr_labels = /a notes_refs = ["refs/notes/ai", "refs/notes/agent-trace"]' "$WORK/.laneguard.toml"
grep -q '^notes_refs' "$WORK/.laneguard.toml" || fail "no notes_refs in the agreement"
git -C "$WORK" add -A && commit_as "$ERIN" "List the Agent Trace notes ref"
git -C "$WORK" checkout -q -B feature main

# A person's commit, no marker at all; git-ai's note says Claude wrote two of its lines.
mkdir -p "$WORK/src/auth"
printf 'def login(user):\n    return check(user)\n' > "$WORK/src/auth/login.py"
git -C "$WORK" add -A && commit_as "$PAT" "Add login

Reviewed-by: $ELI
Reviewed-by: $ERIN"
C1=$(git -C "$WORK" rev-parse HEAD)
check_json HEAD^!
expect 0 "" "check: a person's commit without a note is judged human (control)"
[ "$(verdict_of "$C1")" = "" ] && ok "... and has no AI verdict listed (unknown)" || fail "ai: $OUT"
git_ai_note "$WORK" "$C1" src/auth/login.py 1-2
check_json HEAD^!
expect 1 "unlabeled-ai" "check: git-ai's note on the commit is AI involvement: unlabeled-ai"
message_of unlabeled-ai | grep -qF "git-ai: 2 lines of src/auth/login.py by claude (claude-opus-4-20250514)" \
  && ok "... the evidence is named" || fail "message: $OUT"
[ "$(verdict_of "$C1")" = "unlabelled" ] && ok "... the verdict is unlabelled" || fail "verdict: $OUT"
json_eval "$OUT" '$j->{ai}[0]{evidence}[0]{source} . " " . $j->{ai}[0]{evidence}[0]{paths}[0]' | grep -qx "git-ai src/auth/login.py" \
  && ok "... JSON lists the evidence with its source and file" || fail "evidence: $OUT"
fix_of unlabeled-ai | grep -qF 'git commit --amend --no-edit --trailer "Assisted-by: Claude:claude-opus-4-20250514"' \
  && ok "... the fix is the command, tool and model from the note" || fail "fix: $OUT"
SARIF=$(cd "$WORK" && "$LANEGUARD" check --format sarif HEAD^! 2>/dev/null)
json_eval "$SARIF" '$j->{runs}[0]{properties}{ai}[0]{verdict}' | grep -qx unlabelled && ok "... SARIF carries the verdict" \
  || fail "sarif: $SARIF"
TEXT=$(cd "$WORK" && "$LANEGUARD" check HEAD^! 2>&1)
echo "$TEXT" | grep -qF "ai: unlabelled: git-ai: 2 lines of src/auth/login.py" && ok "... and so does the text report" \
  || fail "text: $TEXT"

# Run the fix as printed (the last commit's command): the label is there, the AI change needs its
# second approval and has it.
CMD=$(fix_of unlabeled-ai | sed -n 's/.*For your last commit: \(git commit [^;]*\);.*/\1/p')
[ -n "$CMD" ] || fail "no command in the fix"
(cd "$WORK" && export GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test && eval "$CMD" >/dev/null) || fail "the fix failed: $CMD"
C1=$(git -C "$WORK" rev-parse HEAD)
git -C "$WORK" log -1 --format=%B | grep -qx "Assisted-by: Claude:claude-opus-4-20250514" && ok "fix: the amend adds the label" \
  || fail "message after the fix: $(git -C "$WORK" log -1 --format=%B)"
git_ai_note "$WORK" "$C1" src/auth/login.py 1-2  # git-ai moves its note to the amended commit
check_json HEAD^!
expect 0 "" "check: after the fix the labelled change passes with eli's and erin's approvals"
[ "$(verdict_of "$C1")" = "labelled" ] && ok "... the verdict is labelled" || fail "verdict: $OUT"

# The note attributes lines of another file only: no AI involvement in authentication.
printf 'x = 1\n' > "$WORK/README.md"
printf 'def logout(): pass\n' >> "$WORK/src/auth/login.py"
git -C "$WORK" add -A && commit_as "$PAT" "Docs and logout

Reviewed-by: $ELI"
C2=$(git -C "$WORK" rev-parse HEAD)
git_ai_note "$WORK" "$C2" README.md 1
check_json HEAD^!
expect 0 "" "check: AI lines only in README.md do not make the authentication change AI-assisted"
[ "$(verdict_of "$C2")" = "unlabelled" ] && ok "... the commit's verdict still says unlabelled" || fail "verdict: $OUT"

# Agent Trace record in the notes ref the agreement lists: Cursor's lines, an ai contributor.
printf 'def audit(): pass\n' >> "$WORK/src/auth/login.py"
git -C "$WORK" add -A && commit_as "$PAT" "Audit

Reviewed-by: $ELI"
C3=$(git -C "$WORK" rev-parse HEAD)
agent_trace_note "$WORK" refs/notes/agent-trace "$C3" src/auth/login.py 3 4 human
check_json HEAD^!
expect 0 "" "check: an Agent Trace record of human lines is no AI evidence (control)"
agent_trace_note "$WORK" refs/notes/agent-trace "$C3" src/auth/login.py 3 4 ai
check_json HEAD^!
expect 1 "unlabeled-ai missing-approval" "check: an Agent Trace record of AI lines is AI involvement (unlabelled, and 2 approvals needed)"
message_of unlabeled-ai | grep -qF "agent-trace: 2 lines of src/auth/login.py by cursor (claude-opus-4-5-20251101) (refs/notes/agent-trace)" \
  && ok "... named with its ref" || fail "message: $OUT"
fix_of unlabeled-ai | grep -qF '"Assisted-by: Cursor:claude-opus-4-5-20251101"' && ok "... the label names Cursor and the model" \
  || fail "fix: $OUT"
# A ref the agreement does not list is not read.
git -C "$WORK" -c user.name=t -c user.email=t@acme.test notes --ref=refs/notes/agent-trace remove "$C3" 2>/dev/null
agent_trace_note "$WORK" refs/notes/other "$C3" src/auth/login.py 3 4 ai
check_json HEAD^!
expect 0 "" "check: a notes ref the agreement does not list is not read"

# Assisted-by: none on a commit with AI markers or AI lines in its notes: the label and the evidence disagree.
printf 'def reset(): pass\n' >> "$WORK/src/auth/login.py"
git -C "$WORK" add -A && commit_as "$PAT" "Reset

Assisted-by: none
Co-authored-by: $CLAUDE
Reviewed-by: $ELI
Reviewed-by: $ERIN"
check_json HEAD^!
expect 1 "ai-label-contradicted" "check: Assisted-by: none with Claude as co-author is ai-label-contradicted"
[ "$(verdict_of "$(git -C "$WORK" rev-parse HEAD)")" = "declared-none" ] && ok "... its verdict is declared-none" || fail "verdict: $OUT"
git -C "$WORK" -c user.name=Pat -c user.email=pat@acme.test commit -q --amend -m "Reset

Assisted-by: none
Reviewed-by: $ELI"
C4=$(git -C "$WORK" rev-parse HEAD)
check_json HEAD^!
expect 0 "" "check: Assisted-by: none without evidence passes (control)"
git_ai_note "$WORK" "$C4" src/auth/login.py 5
check_json HEAD^!
expect 1 "ai-label-contradicted missing-approval" "check: Assisted-by: none against git-ai's note is ai-label-contradicted (and the AI change needs 2 approvals)"

# --- A squash merge: the branch's commits carried Claude's markers and git-ai's notes; the squash
# commit has neither marker nor label, and git-ai writes the branch's attributions onto it.
git -C "$WORK" checkout -q main
git -C "$WORK" checkout -q -b claude-work
mkdir -p "$WORK/src/auth"
printf 'def session(): pass\n' > "$WORK/src/auth/session.py"
git -C "$WORK" add -A && commit_as "$PAT" "Add session

Co-authored-by: $CLAUDE"
D=$(git -C "$WORK" rev-parse HEAD)
git_ai_note "$WORK" "$D" src/auth/session.py 1
printf 'def refresh(): pass\n' >> "$WORK/src/auth/session.py"
git -C "$WORK" add -A && commit_as "$PAT" "Refresh

Co-authored-by: $CLAUDE"
git -C "$WORK" checkout -q main
git -C "$WORK" merge -q --squash claude-work >/dev/null
git -C "$WORK" -c user.name=Pat -c user.email=pat@acme.test commit -q -m "Sessions (#17)

Reviewed-by: $ELI
Reviewed-by: $ERIN"
G=$(git -C "$WORK" rev-parse HEAD)
check_json HEAD^!
expect 0 "" "check: the squash commit lost its markers: nothing to see without its note (the gap notes close)"
git_ai_note "$WORK" "$G" src/auth/session.py 1-2
check_json HEAD^!
expect 1 "unlabeled-ai" "check: the squash commit's note (git-ai's rewrite) still shows the AI lines: unlabeled-ai"
message_of unlabeled-ai | grep -qF "git-ai: 2 lines of src/auth/session.py" && ok "... named" || fail "message: $OUT"

# The rebase recipe of the fix, for an older commit, run as printed.
printf 'def later(): pass\n' > "$WORK/src/app.py"
git -C "$WORK" add -A && commit_as "$ERIN" "Later work"
check_json HEAD~1^!
CMD=$(fix_of unlabeled-ai | sed -n 's/.*for an older one: \(.*\), then push again\.$/\1/p; s/.*for an older one: \(.*\)\.$/\1/p' | head -1)
[ -n "$CMD" ] || fail "no rebase recipe in the fix: $(fix_of unlabeled-ai)"
(cd "$WORK" && export GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test && eval "$CMD" >/dev/null 2>&1) || fail "the recipe failed: $CMD"
git -C "$WORK" log -1 --format=%B HEAD~1 | grep -qx "Assisted-by: Claude:claude-opus-4-20250514" \
  && ok "fix: the rebase recipe labels the older commit" || fail "older commit: $(git -C "$WORK" log -2 --format='%h %B')"
[ "$(git -C "$WORK" log -1 --format=%s)" = "Later work" ] && ok "... and keeps the commit after it" || fail "tip: $(git -C "$WORK" log -1 --format=%s)"
finish
