#include "ci/reviews.h"
#include "util/text.h"

#include <algorithm>
#include <map>

#include <cctype>

namespace laneguard::ci {
namespace {

bool decisive(const std::string& state) {
  return state == "APPROVED" || state == "CHANGES_REQUESTED" || state == "DISMISSED";
}

}  // namespace

ApprovalSelection select_approvals(const PullRequest& pr, bool dismiss_stale) {
  // Chronological order: by submitted_at when every review has one (ISO 8601 in one time zone
  // compares as text), else as given. stable_sort keeps the platform's order for ties.
  std::vector<Review> reviews = pr.reviews;
  bool all_timed = std::all_of(reviews.begin(), reviews.end(),
                               [](const Review& r) { return !r.submitted_at.empty(); });
  if (all_timed) {
    std::stable_sort(reviews.begin(), reviews.end(),
                     [](const Review& a, const Review& b) { return a.submitted_at < b.submitted_at; });
  }
  // The latest decisive review per reviewer (logins compare case-insensitively), in first-seen order.
  std::vector<std::string> order;
  std::map<std::string, Review> latest;
  for (const Review& review : reviews) {
    if (review.login.empty() || !decisive(review.state)) continue;
    std::string key = lower(review.login);
    if (!latest.count(key)) order.push_back(key);
    latest[key] = review;
  }
  ApprovalSelection selection;
  for (const std::string& key : order) {
    const Review& review = latest[key];
    if (review.state != "APPROVED") continue;
    bool same = lower(review.commit_id) == lower(pr.current_head());
    bool on_head = pr.reviews_name_commits ? same : (review.commit_id.empty() || same);
    if (dismiss_stale && !on_head) {
      selection.stale.push_back(review);
    } else {
      selection.counted.push_back(review);
    }
  }
  return selection;
}

}  // namespace laneguard::ci
