// From a pull request's facts to the one Change the evaluator judges, and back to the report:
// approvals the evaluator never saw (stale ones) are made visible here. Pure: no I/O.
#pragma once
#include <vector>

#include "agreement/agreement.h"
#include "ci/pull_request.h"
#include "ci/reviews.h"
#include "core/finding.h"
#include "facts/change.h"

namespace laneguard::ci {

inline constexpr const char* kStaleApprovalRule = "stale-approval";

// id = pr.id; commits as given (base..head); extra authors: the PR author (pr_author) and every
// pusher (pr_pusher); approvals: the counted reviews (source review, authenticated); PR labels.
Change make_change(const PullRequest& pr, std::vector<CommitFacts> commits, const ApprovalSelection& selection);

// For every stale approval: a `stale-approval` notice finding naming the reviewers and what to do,
// and, in every area whose owner lanes the reviewer belongs to, a `discarded` entry saying why.
void report_stale_approvals(const Agreement& agreement, const PullRequest& pr, const ApprovalSelection& selection,
                            Report& report);

// Merge groups (GitHub's merge queue). To every finding about `pr`'s change as a whole (its
// approvals) adds which of its commits the group holds, and which pull request it is queued ahead
// of when it is not the one the queue branch names.
void note_group_pull(const PullRequest& pr, const std::vector<CommitFacts>& commits, std::vector<Finding>& findings);

// A commit of a merge group that no listed pull request's head reaches: a change of its own with
// no approvals and no platform authors (nothing the platform said approves it: fail closed).
Change unclaimed_change(const CommitFacts& commit);
// Says in each of its findings that it belongs to none of `pulls` and how to give laneguard the
// pull request that brought it.
void note_unclaimed(const CommitFacts& commit, const std::vector<PullRequest>& pulls, std::vector<Finding>& findings);

}  // namespace laneguard::ci
