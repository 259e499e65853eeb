#!/bin/bash
# AI evidence on the server (issue 16), with real pushes into a bare repository with
# `laneguard install --server`: an agent's commits, the human behind the agent.
source "$(dirname "$0")/server_lib.sh"

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
expect_output "... the pusher is told why" "introduc"

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
finish
