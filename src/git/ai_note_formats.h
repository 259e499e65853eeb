// The AI attribution records tools attach to commits as git notes, read into plain facts. Pure:
// the note's text in, evidence out (git/ai_notes.h reads the notes).
//
// - git-ai's authorship log, standard v3.0.0 (`refs/notes/ai`): an attestation section (a file path,
//   then `  KEY RANGES` lines: `s_<14hex>::t_<14hex>` an AI session, `h_<14hex>` a known human, a bare
//   hex key a legacy AI prompt), a line `---`, and JSON metadata (`schema_version`
//   "authorship/3.0.0", `sessions` and `prompts` with `agent_id` {tool, id, model} and
//   `human_author`). Lines no key covers are untracked: unknown, not human.
// - Agent Trace v0.1.0: a JSON trace record (or several, one a line) with `files[].conversations[]`,
//   each with a `contributor` {type: human | ai | mixed | unknown, model_id} and `ranges[]`
//   {start_line, end_line, content_hash, contributor (an override)}; `tool` {name, version}.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "facts/ai_evidence.h"
#include "facts/identity.h"

namespace laneguard {
struct AiSettings;
}

namespace laneguard::git {

struct AiNoteReading {
  std::string format;                // "git-ai", "agent-trace"; empty when unreadable
  std::vector<AiEvidence> evidence;  // one per file and agent with AI-written lines, paths = {that file}
  std::vector<Identity> humans;      // the humans the record says directed the agents (git-ai human_author)
  bool readable = false;             // false: neither format (or malformed); the caller decides
};

// Reads one note.
AiNoteReading read_ai_note(std::string_view text, const AiSettings& settings);

}  // namespace laneguard::git
