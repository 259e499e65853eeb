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
  // The platform says the account is a bot (GitHub: `user.type` "Bot", as every GitHub App and
  // Copilot's reviewer are; GitLab: `user.bot`): its approval never counts (AI never approves).
  bool bot = false;
};

struct PullRequest {
  std::string provider;  // "github" | "gitlab" | "neutral"
  std::string id;        // "pull request #12", "merge request !7": Change::id and Finding::commit
  std::string number;    // GitHub: the pull request's number ("12"), for checks and messages; may be empty
  std::string author;    // the account that opened it
  std::string title;     // for reports; may be empty
  std::string head_ref;  // the head branch's name ("copilot/fix-7"): an agent's names its branches; may be empty
  std::string body;      // the description (GitHub `body`, GitLab `description`): a tool's footer; may be empty
  std::vector<std::string> labels;
  std::string base;      // the base branch's tip (its agreement judges); a sha or a revision
  std::string head;      // the PR's head commit; a sha or a revision
  std::string base_ref;  // the base branch's name, for messages; may be empty
  // Accounts that pushed to it, as far as the platform tells (GitHub: the sender of opened,
  // synchronize and reopened events, the logins of the commits' authors and committers; GitLab: the
  // user who started the pipeline): authors of the change too (SPEC section 2).
  std::vector<std::string> pushers;
  // Accounts assigned to it (GitHub `assignees`, GitLab `assignees`): when an agent authored or
  // opened it, the human who gave the agent its work is among them, and counts as an author.
  std::vector<std::string> assignees;
  std::vector<Review> reviews;       // in the order given (GitHub: chronological)
  bool draft = false;                // a draft pull request / merge request: judged all the same
  // The commit a review must name to be current: the PR's own head. Empty: `head`. Differs from
  // `head` in a merge queue, where `head` is the queue's commit and the reviews name the PR's head.
  std::string review_head;
  std::string queue_ref;             // GitHub merge queue: the merge group's branch, for messages
  // GitHub merge queue: the number of the pull request the queue branch names, when this one is
  // queued ahead of it (its commits are in that pull request's merge group); else empty.
  std::string queued_ahead_of;
  // Whether a review must name the head commit to count when the agreement dismisses stale
  // approvals. GitHub: yes (every review has commit_id). GitLab resets approvals on push itself
  // and its approvals carry no commit, so no.
  bool reviews_name_commits = true;

  const std::string& current_head() const { return review_head.empty() ? head : review_head; }
  // What the platform calls it: "merge request" on GitLab, else "pull request".
  const char* noun() const { return provider == "gitlab" ? "merge request" : "pull request"; }
};

// A GitHub merge group (the merge queue): what lands is base..head, built on the base from the
// queued pull requests in queue order, the last being the one the queue branch names. A commit of
// the group belongs to the first pull request in that order whose head reaches it; it is judged
// with that pull request's reviews, authors and pushers (ci/pr_repository.h: assign_group_commits).
struct MergeGroup {
  std::string base;       // merge_group.base_sha: the base branch's tip (its agreement judges)
  std::string head;       // merge_group.head_sha: the commit that would land
  std::string base_ref;   // "main"
  std::string queue_ref;  // "gh-readonly-queue/main/pr-104-<sha>"
  std::string number;     // the pull request the queue branch names ("104")
  // Queue order, the queue branch's pull request last. Each one's `head` is its own head (what its
  // reviews name), its `base` the group's base.
  std::vector<PullRequest> pulls;
};

}  // namespace laneguard::ci
