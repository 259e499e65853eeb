#include "ci/pr_change.h"

#include <doctest/doctest.h>

#include "agreement/agreement.h"
#include "tests/testing.h"

using namespace laneguard;

namespace {
// The test team (tests/team_agreement.toml), one approval for AI changes too.
std::string team() { return testing::team_agreement({"[[protected]] -ai_approvals"}); }

ci::PullRequest sample_pr() {
  ci::PullRequest pr;
  pr.provider = "github";
  pr.id = "pull request #7";
  pr.author = "pat";
  pr.labels = {"ai-assisted"};
  pr.head = "1111111111111111111111111111111111111111";
  pr.pushers = {"Pat", "sam"};
  return pr;
}
}  // namespace

TEST_CASE("ci change: one Change for the pull request with its author, pushers, approvals and labels") {
  ci::PullRequest pr = sample_pr();
  ci::ApprovalSelection selection;
  selection.counted.push_back({"erin", "APPROVED", pr.head, "t"});
  CommitFacts commit;
  commit.id = "2222222222222222222222222222222222222222";
  Change change = ci::make_change(pr, {commit}, selection);
  CHECK(change.id == "pull request #7");
  REQUIRE(change.commits.size() == 1);
  REQUIRE(change.extra_authors.size() == 2);  // "Pat" is the author again, whatever the case
  CHECK(change.extra_authors[0].who.username == "pat");
  CHECK(change.extra_authors[0].role == ExtraAuthorRole::pr_author);
  CHECK(change.extra_authors[1].who.username == "sam");
  CHECK(change.extra_authors[1].role == ExtraAuthorRole::pr_pusher);
  REQUIRE(change.approvals.size() == 1);
  CHECK(change.approvals[0].who.username == "erin");
  CHECK(change.approvals[0].source == ApprovalSource::review);
  CHECK(change.approvals[0].authenticated);
  CHECK(change.approvals[0].note == "GitHub review by erin on 1111111");
  CHECK(change.pr_labels == std::vector<std::string>{"ai-assisted"});
}

TEST_CASE("ci change: stale approvals are reported, in the areas their givers could have approved") {
  Agreement agreement = parse_agreement(team(), "test.toml");
  ci::PullRequest pr = sample_pr();
  ci::ApprovalSelection selection;
  selection.stale.push_back({"eli", "APPROVED", "3333333333333333333333333333333333333333", "t"});
  selection.stale.push_back({"pat", "APPROVED", "3333333333333333333333333333333333333333", "t"});
  Report report;
  AreaStatus auth;
  auth.area = "authentication";
  AreaStatus prototypes;
  prototypes.area = "lane:pm";
  report.areas = {auth, prototypes};
  ci::report_stale_approvals(agreement, pr, selection, report);
  REQUIRE(report.findings.size() == 1);
  const Finding& f = report.findings[0];
  CHECK(f.rule == "stale-approval");
  CHECK(f.severity == Severity::notice);
  CHECK(f.commit == "pull request #7");
  CHECK(f.people == std::vector<std::string>{"eli", "pat"});
  CHECK(f.message.find("eli (on 3333333), pat (on 3333333) approved before the latest push (the head is now 1111111)") == 0);
  CHECK(f.fix == "Ask @eli and @pat to review the latest changes and approve the pull request again.");
  CHECK(report.areas[0].discarded == std::vector<std::string>{"eli (approved 3333333, before the latest push: stale)"});
  CHECK(report.areas[1].discarded == std::vector<std::string>{"pat (approved 3333333, before the latest push: stale)"});

  Report quiet;
  ci::report_stale_approvals(agreement, pr, ci::ApprovalSelection{}, quiet);
  CHECK(quiet.findings.empty());
}
