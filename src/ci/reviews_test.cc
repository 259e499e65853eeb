#include "ci/reviews.h"

#include <doctest/doctest.h>

#include <cctype>

using laneguard::ci::PullRequest;
using laneguard::ci::Review;
using laneguard::ci::select_approvals;

namespace {
const std::string kHead = "1111111111111111111111111111111111111111";
const std::string kOld = "2222222222222222222222222222222222222222";

PullRequest github_pr(std::vector<Review> reviews) {
  PullRequest pr;
  pr.provider = "github";
  pr.head = kHead;
  pr.reviews = std::move(reviews);
  pr.reviews_name_commits = true;
  return pr;
}

std::vector<std::string> logins(const std::vector<Review>& reviews) {
  std::vector<std::string> out;
  for (const Review& r : reviews) out.push_back(r.login);
  return out;
}
}  // namespace

TEST_CASE("ci reviews: a reviewer's latest decisive review decides: comments do not") {
  auto pr = github_pr({{"erin", "APPROVED", kHead, "2024-05-01T10:00:00Z"},
                       {"erin", "COMMENTED", kHead, "2024-05-01T11:00:00Z"},
                       {"eli", "APPROVED", kHead, "2024-05-01T10:00:00Z"},
                       {"eli", "CHANGES_REQUESTED", kHead, "2024-05-01T12:00:00Z"},
                       {"ann", "APPROVED", kHead, "2024-05-01T10:00:00Z"},
                       {"ann", "DISMISSED", kHead, "2024-05-01T10:30:00Z"},
                       {"bob", "CHANGES_REQUESTED", kHead, "2024-05-01T09:00:00Z"},
                       {"bob", "APPROVED", kHead, "2024-05-01T13:00:00Z"},
                       {"cy", "PENDING", kHead, ""}});
  pr.reviews.back().submitted_at = "2024-05-01T14:00:00Z";
  auto selection = select_approvals(pr, true);
  CHECK(logins(selection.counted) == std::vector<std::string>{"bob", "erin"});
  CHECK(selection.stale.empty());
}

TEST_CASE("ci reviews: chronology comes from submitted_at, not the order given") {
  auto pr = github_pr({{"eli", "CHANGES_REQUESTED", kHead, "2024-05-02T09:00:00Z"},
                       {"eli", "APPROVED", kHead, "2024-05-01T09:00:00Z"}});
  CHECK(select_approvals(pr, true).counted.empty());
}

TEST_CASE("ci reviews: an approval on an older head is stale when the agreement dismisses stale ones") {
  auto pr = github_pr({{"erin", "APPROVED", kOld, "2024-05-01T10:00:00Z"},
                       {"eli", "APPROVED", kOld, "2024-05-01T10:00:00Z"},
                       {"eli", "APPROVED", kHead, "2024-05-01T11:00:00Z"}});
  auto dismissed = select_approvals(pr, true);
  CHECK(logins(dismissed.counted) == std::vector<std::string>{"eli"});
  CHECK(logins(dismissed.stale) == std::vector<std::string>{"erin"});
  auto kept = select_approvals(pr, false);
  CHECK(logins(kept.counted) == std::vector<std::string>{"erin", "eli"});
  CHECK(kept.stale.empty());
}

TEST_CASE("ci reviews: on GitHub a review naming no commit is not known to be on the head") {
  auto pr = github_pr({{"erin", "APPROVED", "", "2024-05-01T10:00:00Z"}});
  CHECK(select_approvals(pr, true).counted.empty());
  pr.reviews_name_commits = false;  // GitLab, neutral: the platform resets approvals itself
  CHECK(select_approvals(pr, true).counted.size() == 1);
}

TEST_CASE("ci reviews: logins and commit ids compare case-insensitively") {
  std::string upper_head = kHead;
  for (char& c : upper_head) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  upper_head[0] = 'A';
  auto pr = github_pr({{"Erin", "APPROVED", kHead, "2024-05-01T10:00:00Z"},
                       {"erin", "CHANGES_REQUESTED", kHead, "2024-05-01T11:00:00Z"},
                       {"Eli", "APPROVED", "ABCDEF", "2024-05-01T10:00:00Z"}});
  pr.head = "abcdef";
  auto selection = select_approvals(pr, true);
  CHECK(logins(selection.counted) == std::vector<std::string>{"Eli"});
  // States are upper-cased by the readers; any other spelling is not an approval.
  pr.reviews = {{"Eli", "approved", "abcdef", ""}};
  CHECK(select_approvals(pr, true).counted.empty());
}
