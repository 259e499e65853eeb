#!/bin/bash
# AI attribution notes written the way the tools write them (sourced by the AI evidence tests):
# git-ai's authorship log (standard v3.0.0: specs/git_ai_standard_v3.0.0.md in git-ai-project/git-ai)
# in refs/notes/ai, and Agent Trace v0.1.0 records (cursor/agent-trace, README section 6), each
# attached with a real `git notes --ref=REF add`.

# git_ai_note DIR COMMIT FILE LINES [TOOL] [MODEL] [HUMAN]: git-ai's note on COMMIT: LINES (e.g. 1-2)
# of FILE by one AI session, a known human's line after them, the metadata as git-ai writes it.
git_ai_note() {
  local dir=$1 commit=$2 file=$3 lines=$4 tool=${5:-claude} model=${6:-claude-opus-4-20250514} human=${7:-pat@acme.test}
  cat > "$dir/.git/ai-note.txt" <<NOTE
$file
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 $lines
  h_31dce776f88375 40
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.4.5",
  "base_commit_sha": "$commit",
  "prompts": {},
  "humans": {
    "h_31dce776f88375": {
      "author": "Pat <pat@acme.test>"
    }
  },
  "sessions": {
    "s_c9883b05a2487d": {
      "agent_id": {
        "tool": "$tool",
        "id": "6ef2299e-a67f-432b-aa80-3d2fb4d28999",
        "model": "$model"
      },
      "human_author": "$human"
    }
  }
}
NOTE
  git -C "$dir" -c user.name=git-ai -c user.email=git-ai@acme.test notes --ref=refs/notes/ai add -f -F "$dir/.git/ai-note.txt" "$commit"
}

# agent_trace_note DIR REF COMMIT FILE START END [TYPE]: an Agent Trace record of COMMIT (Cursor's
# reference shape), START..END of FILE by contributor TYPE (ai), in notes ref REF.
agent_trace_note() {
  local dir=$1 ref=$2 commit=$3 file=$4 start=$5 end=$6 type=${7:-ai}
  cat > "$dir/.git/trace-note.json" <<NOTE
{
  "version": "0.1.0",
  "id": "550e8400-e29b-41d4-a716-446655440000",
  "timestamp": "2026-01-23T14:30:00Z",
  "vcs": {"type": "git", "revision": "$commit"},
  "tool": {"name": "cursor", "version": "2.4.0"},
  "files": [
    {
      "path": "$file",
      "conversations": [
        {
          "url": "https://api.cursor.com/v1/conversations/12345",
          "contributor": {"type": "$type", "model_id": "anthropic/claude-opus-4-5-20251101"},
          "ranges": [{"start_line": $start, "end_line": $end, "content_hash": "murmur3:9f2e8a1b"}]
        }
      ]
    }
  ]
}
NOTE
  git -C "$dir" -c user.name=agent-trace -c user.email=agent-trace@acme.test notes --ref="$ref" add -f -F "$dir/.git/trace-note.json" "$commit"
}
