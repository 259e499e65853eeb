// Which reviews are approvals that count (SPEC section 2, CI): a reviewer's latest decisive review
// (APPROVED, CHANGES_REQUESTED or DISMISSED; COMMENTED and PENDING do not change it) must be
// APPROVED, and, when the agreement dismisses stale approvals, given on the head commit.
#pragma once
#include <string>
#include <vector>

#include "ci/pull_request.h"

namespace laneguard::ci {

struct ApprovalSelection {
  std::vector<Review> counted;  // one per reviewer, the approving review
  std::vector<Review> stale;    // approved, but an older head: dismissed when dismiss_stale
};

ApprovalSelection select_approvals(const PullRequest& pr, bool dismiss_stale);

}  // namespace laneguard::ci
