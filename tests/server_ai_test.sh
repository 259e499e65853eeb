#!/bin/bash
# AI evidence on the server (issue 16), with real pushes into a bare repository with
# `laneguard install --server`: an agent's commits, the human behind the agent.
source "$(dirname "$0")/server_lib.sh"
source "$(dirname "$0")/ai_notes_lib.sh"

CLAUDE_BOT="claude[bot] <209825114+claude[bot]@users.noreply.github.com>"

# --- The human behind the agent is an author (item 3) ---
# The Claude GitHub App's commit (author claude[bot]), labelled, in engineering's code outside any
# protected area: an agent is in no lane, so lane-crossing needs an engineering approval.
setup_server agent
agent_commit() {
  commit_as "$CLAUDE_BOT" "Tidy the app entry point

Assisted-by: Claude:opus-4" src/app/main.py
}
git -C "$WORK" checkout -q -b claude/issue-12
agent_commit
# The agent pushes its own branch (not protected: accepted, introducer recorded as claude[bot]).
push_as 'claude[bot]' -q origin claude/issue-12
expect_accept "the agent pushes its own branch"
# erin lands it on main: the human behind claude[bot] is unknown, so erin's push approves nothing.
git -C "$WORK" checkout -q main && git -C "$WORK" merge -q --ff-only claude/issue-12
push_as erin origin main
expect_reject "erin's push of commits the agent introduced does not approve them" lane-crossing
expect_output "... the pusher is told why" "nobody knows who first pushed"

# Control: pat ran the agent and pushed its branch; erin's push of it approves (pat is the author).
reset_work
git -C "$WORK" checkout -q -b claude/issue-13
agent_commit
push_as pat -q origin claude/issue-13
git -C "$WORK" checkout -q main && git -C "$WORK" merge -q --ff-only claude/issue-13
push_as erin origin main
expect_accept "erin's push approves the agent's commits pat introduced (control)"

# eli ran the agent and pushes its commit to main himself: he is its author, his push approves nothing.
reset_work
agent_commit
push_as eli origin main
expect_reject "eli's own push of the agent's commit he introduced does not approve it" lane-crossing
# --- Notes pushed in the same push are evidence (item 1), never a label or an approval ---
setup_server notes
git -C "$WORK" checkout -q -b feature
commit_as "Erin <erin@acme.test>" "Harden login" src/auth/login.py
C=$(git -C "$WORK" rev-parse HEAD)
push_as erin -q origin feature
git_ai_note "$WORK" "$C" src/auth/login.py 1-2 claude claude-opus-4-20250514 erin@acme.test
git -C "$WORK" checkout -q main && git -C "$WORK" merge -q --ff-only feature
push_as eli origin main refs/notes/ai
expect_reject "eli lands erin's commit with git-ai's note in the same push: unlabeled-ai" unlabeled-ai
expect_output "... the note's evidence is named" "git-ai: 2 lines of src/auth/login.py by claude"
git -C "$SERVER" rev-parse -q --verify refs/notes/ai >/dev/null && fail "the rejected push moved refs/notes/ai" \
  || ok "... and nothing moved, refs/notes/ai included"
# The same push without the notes ref: nothing says AI wrote it (control).
push_as eli origin main
expect_accept "the same commits without the note land with eli's push (control)"
# The notes pushed later, on their own: accepted (notes refs are not judged), and they stay evidence
# for whatever is pushed after.
push_as eli origin refs/notes/ai
expect_accept "the note pushed on its own is accepted"

# A note that claims a label and an approval is neither: refs/notes/ai is attribution, read as such.
reset_work
git -C "$WORK" checkout -q -b feature2
commit_as "Pat <pat@acme.test>" "Login form" src/auth/login.py
C=$(git -C "$WORK" rev-parse HEAD)
push_as pat -q origin feature2
printf 'Assisted-by: Claude:opus-4\nReviewed-by: Erin <erin@acme.test>\n' > "$WORK/.git/claim.txt"
git -C "$WORK" notes --ref=refs/notes/ai add -f -F "$WORK/.git/claim.txt" "$C"  # the runner's identity (server_lib)
git -C "$WORK" checkout -q main && git -C "$WORK" merge -q --ff-only feature2
push_as eli origin main refs/notes/ai
expect_reject "a note saying Assisted-by and Reviewed-by is no label and no approval: unlabeled-ai" unlabeled-ai
expect_output "... it is named as a note laneguard cannot read" "neither a git-ai authorship log nor an Agent Trace record"
finish
