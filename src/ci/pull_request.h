// What a CI platform tells us about a pull (merge) request, as plain data: read from GitHub,
// GitLab or the provider-neutral JSON (ci/github.h, ci/gitlab.h, ci/neutral.h), then turned into
// the Change the evaluator judges (ci/pr_change.h). Nothing here does I/O.
#pragma once
#include <string>
#include <vector>

namespace laneguard::ci {

// One review as the platform reports it.
struct Review {
  std::string login;         // the reviewer's account
  std::string state;         // upper-case: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
  std::string commit_id;     // the head the review was given on; empty when the platform does not say
  std::string submitted_at;  // ISO 8601 as the platform writes it; empty when unknown
};

struct PullRequest {
  std::string provider;  // "github" | "gitlab" | "neutral"
  std::string id;        // "pull request #12", "merge request !7": Change::id and Finding::commit
  std::string author;    // the account that opened it
  std::string title;     // for reports; may be empty
  std::vector<std::string> labels;
  std::string base;      // the base branch's tip (its agreement judges); a sha or a revision
  std::string head;      // the PR's head commit; a sha or a revision
  std::string base_ref;  // the base branch's name, for messages; may be empty
  std::vector<std::string> pushers;  // accounts that authored or committed the PR's commits
  std::vector<Review> reviews;       // in the order given (GitHub: chronological)
  // Whether a review must name the head commit to count when the agreement dismisses stale
  // approvals. GitHub: yes (every review has commit_id). GitLab resets approvals on push itself
  // and its approvals carry no commit, so no.
  bool reviews_name_commits = true;
};

}  // namespace laneguard::ci
