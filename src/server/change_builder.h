// One server Change per landed commit (pure): its introducer as an extra author, the pusher's
// authenticated approval, verified signers' approvals, and every approval trailer as an
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
  std::string commit;    // the commit or merge whose signature it is
  bool merge = false;    // a merge that brings the change in (else the commit itself)
};

struct ServerChangeInput {
  CommitFacts commit;
  std::optional<std::string> introducer;  // pusher username who first brought it to the server
  std::string pusher;                     // authenticated pusher; empty when unknown
  std::vector<SignedApproval> signatures;
};

Change build_server_change(const Agreement& agreement, ServerChangeInput input);

}  // namespace laneguard::server
