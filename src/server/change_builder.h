// One server Change per landed commit (pure): who introduced it as an extra author, the signer of
// the commit itself as an extra author, the pusher's authenticated approval and the approvals
// pushed for it (unless nobody knows who introduced the commit: its real author could be the one
// approving), verified signed merges' approvals, and every approval trailer as an
// unauthenticated claim (the evaluator reports ignored ones as unverified-approval).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "facts/change.h"

namespace laneguard::server {

struct SignedApproval {
  const Person* signer;  // verified
  std::string commit;    // the merge whose signature it is
  bool merge = true;     // a merge that brings the change in
};

// What the server knows about who first brought a commit to it.
enum class Introduced {
  by_account,    // `introducer` pushed it first (or opened the pull request it came from)
  pre_existing,  // it was on the server when laneguard was installed: nobody to count
  unknown,       // no record (a ref written without hooks, a lost record) or an unknown pusher
};

struct ServerChangeInput {
  CommitFacts commit;
  Introduced introduced = Introduced::unknown;
  std::string introducer;                // by_account: the hosting account (a username or an email)
  std::string pusher;                    // authenticated pusher; empty when unknown
  const Person* signer = nullptr;        // the verified signer of the commit itself: one of its authors
  std::vector<SignedApproval> signatures;  // verified signed merges that bring it in
  // Accounts that approved this very commit id by an approval push (server/approval_store.h).
  std::vector<std::string> approved_by_push;
  // A rebase or cherry-pick of a commit someone else introduced (server/patch_identity.h): that
  // commit's authors, and its committer instead of the one who rebased it.
  std::vector<Identity> inherited_authors;
  std::optional<Identity> original_committer;
};

// True when the push cannot approve the commit because nobody knows who introduced it: no record,
// a person the agreement marks `bot = true` introduced it, or an AI tool's or bot's account did
// (an agent pushing its own branch: the human who ran it is unknown).
bool introducer_unknown(const Agreement& agreement, const ServerChangeInput& input);

Change build_server_change(const Agreement& agreement, ServerChangeInput input);

}  // namespace laneguard::server
