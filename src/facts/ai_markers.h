// AI markers (SPEC section 2): an AI tool's identity as author, committer or co-author, or a
// tool's footer in the message; in CI also a pull request's opener, head branch and description.
// One built-in table (data/ai-markers.txt, facts/ai_marker_table.h), extended by the agreement's
// [ai] marker_*.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "facts/ai_evidence.h"
#include "facts/identity.h"

namespace laneguard {

struct AiSettings;

// True when the identity is an AI tool's (Claude, Copilot, aider, Codex, Cursor, Qwen, bots...).
bool is_ai_identity(const Identity& identity, const AiSettings& settings);

// The tool a built-in AI identity belongs to ("Claude", "Copilot"), or "" (none, or one the
// agreement added).
std::string ai_tool_of(const Identity& identity);

// True when an approval from this identity can never count: an AI tool's identity (above), an AI
// reviewer's account (`coderabbitai[bot]`, `copilot-pull-request-reviewer[bot]`, as GitHub names them
// in review payloads, or their noreply emails), or any other GitHub App account (`NAME[bot]`).
bool is_ai_approver(const Identity& identity, const AiSettings& settings);

// True when a trailer's value names an AI tool rather than an identity: `Claude`, `Claude:opus-4`,
// `Copilot (gpt-4.1)`, `CodeRabbit`, or a name the agreement's `marker_names` holds. A value with an
// email (`Name <email>`) is an identity and is left to is_ai_approver.
bool names_ai_tool(std::string_view value, const AiSettings& settings);
// The same, giving the tool's name ("Claude" for `claude:opus-4`), or "" when it names none.
std::string named_ai_tool(std::string_view value, const AiSettings& settings);

// True when a label trailer's value names a person rather than a tool: "Jane Doe <jane@x.org>"
// (a name and an email) whose identity is no AI tool's. `Assisted-by:` predates AI assistants and
// old projects used it to credit people; such a trailer is not an AI label. A tool is named without
// an email (`Claude:opus-4`, `Copilot`) or with a tool's own identity (`Claude <noreply@anthropic.com>`).
bool label_names_a_person(std::string_view value, const AiSettings& settings);

// Every marker of a commit, each described for a person (`co-author "Claude <noreply@anthropic.com>"`,
// `message footer "Generated with [Claude Code]"`) with its tool, and the model where an identity's
// name gives it ("Claude Opus 4.5" -> opus-4.5). Source "marker". Empty when none.
std::vector<AiEvidence> find_ai_evidence(const Identity& author, const Identity& committer,
                                         const std::vector<Identity>& co_authors, std::string_view message,
                                         const AiSettings& settings);
// The same, the descriptions only.
std::vector<std::string> find_ai_markers(const Identity& author, const Identity& committer,
                                         const std::vector<Identity>& co_authors,
                                         std::string_view message, const AiSettings& settings);

// CI: what a pull request's own facts say (source "pull request"): opened by an AI identity
// (`Copilot`, `claude[bot]`), a head branch an agent names (`copilot/`, `codex/`, `claude/`,
// `cursor/`), a tool's footer in its description (`Made with [Cursor]`), the agreement's marker_text.
std::vector<AiEvidence> find_pull_request_ai_evidence(const Identity& opener, std::string_view head_branch,
                                                      std::string_view description, const AiSettings& settings);

}  // namespace laneguard
