// The server gate (SPEC section 4): judges every commit a push lands on a protected branch with
// the agreement from before the push, trusting only the authenticated pusher and verified
// signatures. Pure of output: the pre-receive mode prints, audits and answers.
#pragma once
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "core/finding.h"
#include "git/repository.h"
#include "server/approval_push.h"
#include "server/approval_store.h"
#include "server/budget.h"
#include "server/environment.h"
#include "server/introducer_store.h"
#include "server/ref_update.h"
#include "server/server_agreement.h"

namespace laneguard::server {

// What the introducer store holds for commits that were on the server when laneguard was
// installed (`laneguard install --server` records them), and for pushes by an unknown pusher.
inline constexpr const char* kPreExistingIntroducer = ":pre-existing";
inline constexpr const char* kUnknownIntroducer = "-";

// The introducer store cannot be read: a protected push is rejected whatever on_error says (its
// commits would be judged without knowing who introduced them).
struct StoreUnavailable : GitError {
  explicit StoreUnavailable(const std::string& message) : GitError(message) {}
};

struct GateInput {
  std::vector<RefUpdate> updates;
  Pusher pusher;
  std::optional<std::string> override_reason;
  // GitHub Enterprise Server's merge button: the pull request's author (GITHUB_PULL_REQUEST_AUTHOR_LOGIN),
  // who introduced its commits. Empty otherwise.
  std::string pull_request_author;
};

struct RefJudgement {
  RefUpdate update;
  bool is_protected = false;
  std::vector<std::string> judged;  // the commits the update lands, newest first
  std::string agreement;            // the agreement's source
  bool approval = false;            // an approval push (refs/laneguard/), not a branch
};

struct GateResult {
  Report report;
  std::vector<RefJudgement> refs;
  // Record on accepting: these commits were introduced by `introducer` (the pull request's author,
  // else the pusher): every commit no ref reached before the push, and on a merge-button push the
  // pull request's commits that had no record yet.
  std::vector<std::string> introduced;
  std::string introducer;
  // Rebased or cherry-picked commits and the introducer they inherit (recorded first).
  std::vector<std::pair<std::string, std::string>> inherited;
  // Record on accepting: approvals by push (server/approval_push.h), in the order of the updates.
  std::vector<ApprovalToRecord> approvals;
  std::vector<std::string> notes;       // lines for the pusher beyond the findings
  bool any_protected = false;
  OnError on_error = OnError::block;    // the gate agreement's, block when unreadable
  std::vector<std::string> override_people;  // usernames (else keys) of who may break glass
  bool override_accepted = false;
  bool accepted() const { return !report.blocks(); }
};

// What a hook does when it cannot decide: the gate agreement's on_error, block when unreadable.
OnError on_error_of(const AgreementChoice& gate);

// `gate` is gate_agreement(repo), read by the caller first so that it knows on_error whatever
// happens next. Throws on an internal error, a missing object or BudgetExceeded: the caller fails
// closed.
// `approvals`: the approvals recorded by push, counted for the commits they name.
GateResult judge_push(const git::Repository& repo, const AgreementChoice& gate, const GateInput& input,
                      const IntroducerStore& store, const ApprovalStore& approvals, const Budget& budget);

// Commits no ref reached before the push, for every update that creates or moves a ref.
std::vector<std::string> commits_new_to_server(const git::Repository& repo, const std::vector<RefUpdate>& updates,
                                               const std::vector<std::string>& tips_before);

}  // namespace laneguard::server
