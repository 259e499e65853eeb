// AI evidence: one thing that says an AI tool wrote part of a commit or a change, described for a
// person, with the tool and model when the evidence names them. Plain data: markers in a commit's
// metadata (facts/ai_markers.h), a pull request's own facts (CI), and line-level attribution
// records in git notes (git/ai_notes.h) all become these; the evaluator judges them alike.
#pragma once
#include <string>
#include <vector>

namespace laneguard {

struct AiEvidence {
  // Where it was found: "marker" (the commit's identities, message and trailers), "pull request"
  // (CI: who opened it, its head branch, its description), or the attribution record's format
  // ("git-ai", "agent-trace") for a note.
  std::string source;
  // For a person: `co-author "Claude <noreply@anthropic.com>"`,
  // `git-ai: 42 lines of src/auth/login.py by claude (claude-opus-4)`.
  std::string text;
  std::string tool;   // the tool as a label names it ("Claude", "Copilot"); empty when unknown
  std::string model;  // the model ("opus-4.5", "claude-sonnet-4-5-20250514"); empty when unknown
  // A note's evidence is about lines of these files only (it counts for an area only when one of
  // them is in the area). Empty: about the whole commit (a marker) or change (pull request facts).
  std::vector<std::string> paths;
  bool operator==(const AiEvidence&) const = default;
};

}  // namespace laneguard
