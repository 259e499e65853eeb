// What the local hooks say: the evaluator's findings for a commit that does not exist yet, turned
// into advice. At pre-commit there is no message, so approvals and AI labels are what the change
// WILL need ("before this lands on main it needs 1 approval from engineering (erin or eli)"):
// warnings. At commit-msg the message is known: unlabelled AI help is rejected with the exact
// trailer to add; other blocking findings warn, or block under [local] mode = "block". Pure.
#pragma once
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "core/evaluate.h"
#include "facts/change.h"

namespace laneguard::local {

enum class LocalHook { pre_commit, commit_msg };

struct AdviceContext {
  LocalHook hook = LocalHook::pre_commit;
  std::string landing;                // "main", or "main, master or release/*"
  std::vector<std::string> authors;   // person keys of the local user (never their own approvers)
  std::string message_file;           // commit-msg: where git keeps the message, for the fix
};

std::vector<Finding> local_findings(const Agreement& agreement, const Judgement& judgement, const CommitFacts& commit,
                                    const AdviceContext& context);

// The label trailer that would satisfy the agreement for a commit showing AI markers, as exact as
// the markers allow: "Assisted-by: Claude:opus-4.5", "Assisted-by: aider:gpt-4o", "Assisted-by: Copilot".
std::string exact_label_trailer(const CommitFacts& commit, const AiSettings& ai);

// pre-commit: one notice per kind of AI rule among the protected areas the change touches
// ("if AI helped, label it"; "AI help is not accepted here"). Empty when nothing applies.
std::vector<Finding> ai_reminders(const Agreement& agreement, const CommitFacts& commit);

}  // namespace laneguard::local
