// The one evaluator every mode shares: a pure function from (agreement, change, context) to
// findings. It knows nothing of hooks, git or output formats.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "agreement/path_index.h"
#include "core/finding.h"
#include "facts/change.h"

namespace laneguard {

struct Context {
  // Whether unauthenticated approvals (trailers) count. true for `check` and local hooks (advice,
  // claims taken as stated); false on the server, where ignored ones become unverified-approval.
  bool trust_claims = true;
  // Words for messages: how an approval is given where this runs ("add a Reviewed-by trailer",
  // "ask them to push or sign a merge of this branch", "ask them to approve the pull request").
  enum class Where { check, local, server, ci } where = Where::check;
  // Server: what a reviewer names to approve the change by push (`laneguard approve
  // feature/login`): a branch on the server that has it, else its commit id; empty when the change
  // is not on the server yet (its author pushes a branch first).
  std::string approve_revision{};
  // Optional: an index over the judging agreement's patterns that outlives one evaluate() call, so
  // a run over many commits matches each directory once (agreement/path_index.h). Ignored when it
  // is for another agreement; without one, evaluate() makes its own.
  PathIndex* paths = nullptr;
  // CI: what the platform calls the change ("pull request", "merge request" on GitLab), and each
  // person's account there ("@octocat", by person key) so that fixes name whom to ask in the words
  // of the platform. A person without an account keeps their key.
  // pre-commit: the commit has no message yet, so the trailers a tier's definition of done asks
  // for are left to commit-msg.
  bool message_known = true;
  std::string change_word = "pull request";
  std::map<std::string, std::string> accounts{};
};

struct Judgement {
  std::vector<Finding> findings;
  std::vector<AreaStatus> areas;  // one per protected area / lane rule the change touches
  // The AI verdict of each commit judged (not of a net effect), then, for a change of several
  // commits or a pull request, of the change as a whole.
  std::vector<AiVerdict> ai;
};

Judgement evaluate(const Agreement& agreement, const Change& change, const Context& context);

// Break glass (server): when `by` may override and gave a reason, every blocking finding becomes a
// warning and an `override` notice naming who and why is added; otherwise a blocking `override`
// finding says why the override was refused. Pure.
void apply_override(const Agreement& agreement, const std::string& by_username, const std::string& reason,
                    std::vector<Finding>& findings);

}  // namespace laneguard
