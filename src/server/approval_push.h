// Approving by push (`laneguard approve`): a push to refs/laneguard/approvals/<person>/<commit>
// records the authenticated pusher as an approver of the commits <commit> has that no protected
// branch has. This file judges such an update; the pre-receive mode records what it accepts
// (server/approval_store.h) before it answers.
//
// refs/laneguard/ is reserved: a push there is an approval by the pusher, in her own namespace,
// named by the commit it points to, or it is refused. Deleting or moving an approval ref is refused
// except by break glass (which then withdraws what the ref recorded). Nobody approves in another
// person's name, break glass or not.
#pragma once
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "agreement/agreement.h"
#include "core/finding.h"
#include "git/repository.h"
#include "server/budget.h"
#include "server/environment.h"
#include "server/introducer_store.h"
#include "server/ref_update.h"

namespace laneguard::server {

inline constexpr const char* kReservedRefPrefix = "refs/laneguard/";
inline constexpr const char* kApprovalRefPrefix = "refs/laneguard/approvals/";

// refs/laneguard/approvals/<who>/<name>: `who` names a person (agreement key, username or email),
// `name` the approved commit's full id. nullopt for anything else.
struct ApprovalRef {
  std::string who;
  std::string name;
};
std::optional<ApprovalRef> parse_approval_ref(const std::string& ref);
// The ref `laneguard approve` pushes to.
std::string approval_ref(const std::string& person, const std::string& commit);

// What an accepted approval push records.
struct ApprovalToRecord {
  std::string ref;
  std::string approver;              // the pusher's account
  std::string person;                // her key in the agreement
  std::vector<std::string> commits;  // approved, newest first
  std::vector<std::string> titles;   // parallel to commits: "subject (author)"
  // Commits her approval will not count for, with why ("3f1c0a9e2b7d: eli is its author"): she
  // is an author, committer, co-author or introducer, or nobody knows who introduced it. Recorded
  // all the same; the gate judges when they land.
  std::vector<std::string> not_counted;
  bool withdraw = false;  // break glass moved or deleted the ref: what it recorded before goes
};

struct ApprovalPushJudgement {
  std::vector<Finding> findings;          // approval-ref findings (break glass may override them)
  std::vector<Finding> forged;            // forged-approval findings (never overridden)
  std::optional<ApprovalToRecord> record;  // nothing to record when refused
};

// Judges one update of a ref under refs/laneguard/. `protected_tips`: the tips of the protected
// branches before the push; `new_to_server`: the commits no ref reached before the push.
ApprovalPushJudgement judge_approval_push(const git::Repository& repo, const Agreement& agreement, const RefUpdate& u,
                                          const Pusher& pusher, const std::vector<std::string>& protected_tips,
                                          const std::unordered_set<std::string>& new_to_server,
                                          const IntroducerStore& introducers, const Budget& budget);

}  // namespace laneguard::server
