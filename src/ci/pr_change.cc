#include "ci/pr_change.h"

#include <algorithm>
#include <set>

#include "facts/identity.h"

namespace laneguard::ci {
namespace {

std::string short_id(const std::string& id) { return id.size() > 7 ? id.substr(0, 7) : id; }

std::string platform_review_word(const PullRequest& pr) {
  if (pr.provider == "github") return "GitHub review";
  if (pr.provider == "gitlab") return "GitLab approval";
  return "review";
}

// The person key of a login, or the login itself when the agreement does not know it.
std::string person_of(const Agreement& agreement, const std::string& login) {
  const Person* person = agreement.person_by_username(login);
  return person ? person->key : login;
}

// The lanes whose approval an AreaStatus asks for: a protected area's owners, or "lane:KEY".
std::vector<std::string> owner_lanes(const Agreement& agreement, const std::string& area) {
  if (area.rfind("lane:", 0) == 0) return {area.substr(5)};
  for (const ProtectedArea& protected_area : agreement.areas) {
    if (protected_area.name == area) return protected_area.owners;
  }
  return {};
}

}  // namespace

Change make_change(const PullRequest& pr, std::vector<CommitFacts> commits, const ApprovalSelection& selection) {
  Change change;
  change.id = pr.id;
  change.commits = std::move(commits);
  Identity author;
  author.username = pr.author;
  change.extra_authors.push_back({author, ExtraAuthorRole::pr_author});
  std::set<std::string> seen{lower(pr.author)};
  for (const std::string& login : pr.pushers) {
    if (!seen.insert(lower(login)).second) continue;
    Identity pusher;
    pusher.username = login;
    change.extra_authors.push_back({pusher, ExtraAuthorRole::pr_pusher});
  }
  for (const Review& review : selection.counted) {
    Approval approval;
    approval.who.username = review.login;
    approval.source = ApprovalSource::review;
    approval.authenticated = true;
    approval.platform_bot = review.bot;
    approval.note = platform_review_word(pr) + " by " + review.login +
                    (review.commit_id.empty() ? std::string() : " on " + short_id(review.commit_id));
    change.approvals.push_back(std::move(approval));
  }
  for (const std::string& login : pr.assignees) {
    Identity assignee;
    assignee.username = login;
    change.extra_authors.push_back({assignee, ExtraAuthorRole::pr_assignee});
  }
  change.pr_labels = pr.labels;
  change.pr_head_branch = pr.head_ref;
  change.pr_description = pr.body;
  return change;
}

void report_stale_approvals(const Agreement& agreement, const PullRequest& pr, const ApprovalSelection& selection,
                            Report& report) {
  if (selection.stale.empty()) return;
  Finding finding;
  finding.rule = kStaleApprovalRule;
  finding.severity = Severity::notice;
  finding.commit = pr.id;
  std::string names;
  for (const Review& review : selection.stale) {
    std::string key = person_of(agreement, review.login);
    if (std::find(finding.people.begin(), finding.people.end(), key) == finding.people.end()) {
      finding.people.push_back(key);
    }
    names += (names.empty() ? "" : ", ") + review.login +
             (review.commit_id.empty() ? std::string() : " (on " + short_id(review.commit_id) + ")");
    for (AreaStatus& area : report.areas) {
      bool relevant = false;
      const Person* person = agreement.person_by_username(review.login);
      for (const std::string& lane_key : owner_lanes(agreement, area.area)) {
        const Lane* lane = agreement.lane(lane_key);
        if (person && lane && agreement.is_member(*lane, person->key)) relevant = true;
      }
      if (relevant) {
        area.discarded.push_back(key + " (approved " +
                                 (review.commit_id.empty() ? "an earlier commit" : short_id(review.commit_id)) +
                                 ", before the latest push: stale)");
      }
    }
  }
  finding.message = names + std::string(" approved") +
                    " before the latest push (the head is now " + short_id(pr.current_head()) +
                    "); the agreement dismisses stale approvals, so " +
                    (selection.stale.size() == 1 ? "it does" : "they do") + " not count.";
  std::string whom;
  for (std::size_t i = 0; i < selection.stale.size(); ++i) {
    whom += (i == 0 ? "" : i + 1 == selection.stale.size() ? " and " : ", ") + ("@" + selection.stale[i].login);
  }
  finding.fix = "Ask " + whom + " to review the latest changes and approve the " + pr.noun() + " again.";
  report.findings.push_back(std::move(finding));
}

void note_group_pull(const PullRequest& pr, const std::vector<CommitFacts>& commits, std::vector<Finding>& findings) {
  constexpr std::size_t kNamed = 5;
  std::string ids;
  for (std::size_t i = 0; i < commits.size() && i < kNamed; ++i) {
    ids += (i == 0 ? "" : i + 1 == commits.size() ? " and " : ", ") + commits[i].id.substr(0, 12);
  }
  if (commits.size() > kNamed) ids += " and " + std::to_string(commits.size() - kNamed) + " more";
  std::string note = " In this merge group " + pr.id + (pr.queued_ahead_of.empty() ? std::string() :
                     " (queued ahead of #" + pr.queued_ahead_of + ")") + " brought " +
                     (commits.size() == 1 ? "commit " : "commits ") + ids + ", judged with its own reviews.";
  for (Finding& finding : findings) {
    if (finding.commit == pr.id) finding.message += note;
  }
}

Change unclaimed_change(const CommitFacts& commit) {
  Change change;
  change.id = commit.id;
  change.commits.push_back(commit);
  return change;
}

void note_unclaimed(const CommitFacts& commit, const std::vector<PullRequest>& pulls, std::vector<Finding>& findings) {
  std::string listed;
  for (std::size_t i = 0; i < pulls.size(); ++i) {
    listed += (i == 0 ? "" : i + 1 == pulls.size() ? " or " : ", ") + ("#" + pulls[i].number);
  }
  std::string id = commit.id.substr(0, 12);
  for (Finding& finding : findings) {
    finding.message += " Commit " + id + " of the merge group belongs to none of the pull requests laneguard was given (" +
                       listed + "), so no review approves it.";
    if (finding.rule == rule::kMissingApproval || finding.rule == rule::kSelfApproval ||
        finding.rule == rule::kLaneCrossing) {
      finding.fix = "Give laneguard ci the pull request that brought commit " + id + " into the merge queue (--pull-request "
                    "with its --reviews, in queue order; `gh api repos/OWNER/REPO/commits/" + commit.id + "/pulls` finds it), "
                    "or take that pull request out of the queue.";
    }
  }
}

}  // namespace laneguard::ci
