#include "ci/pr_change.h"

#include <doctest/doctest.h>

#include "agreement/agreement.h"
#include "core/evaluate.h"
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

TEST_CASE("ci change: in a merge group a pull request's approval findings name its commits there") {
  ci::PullRequest pr = sample_pr();
  pr.queued_ahead_of = "9";
  std::vector<CommitFacts> commits(7);
  for (std::size_t i = 0; i < commits.size(); ++i) commits[i].id = std::string(40, static_cast<char>('a' + i));
  std::vector<Finding> findings(2);
  findings[0].commit = "pull request #7";
  findings[0].message = "authentication was changed.";
  findings[1].commit = std::string(40, 'a');  // a commit's own finding (AI rules): it names its commit already
  findings[1].message = "unlabelled.";
  ci::note_group_pull(pr, commits, findings);
  CHECK(findings[0].message == "authentication was changed. In this merge group pull request #7 (queued ahead of #9) brought "
                               "commits aaaaaaaaaaaa, bbbbbbbbbbbb, cccccccccccc, dddddddddddd, eeeeeeeeeeee and 2 more, "
                               "judged with its own reviews.");
  CHECK(findings[1].message == "unlabelled.");
  commits.resize(1);
  findings[0].message = "x.";
  pr.queued_ahead_of.clear();
  ci::note_group_pull(pr, commits, findings);
  CHECK(findings[0].message == "x. In this merge group pull request #7 brought commit aaaaaaaaaaaa, judged with its own reviews.");
}

TEST_CASE("ci change: a merge group commit no pull request brought is judged with no approvals, and says so") {
  Agreement agreement = parse_agreement(team(), "test.toml");
  CommitFacts commit;
  commit.id = "4444444444444444444444444444444444444444";
  commit.author.email = "erin@acme.test";
  commit.committer = commit.author;
  commit.paths = {"src/auth/login.py"};
  Change change = ci::unclaimed_change(commit);
  CHECK(change.id == commit.id);
  CHECK(change.approvals.empty());
  CHECK(change.extra_authors.empty());
  Context context;
  context.trust_claims = false;
  context.where = Context::Where::ci;
  Judgement judgement = evaluate(agreement, change, context);
  REQUIRE(judgement.findings.size() == 1);
  CHECK(judgement.findings[0].rule == "missing-approval");
  ci::PullRequest a = sample_pr(), b = sample_pr();
  a.number = "3";
  b.number = "7";
  ci::note_unclaimed(commit, {a, b}, judgement.findings);
  CHECK(judgement.findings[0].message.find(" Commit 444444444444 of the merge group belongs to none of the pull requests "
                                           "laneguard was given (#3 or #7), so no review approves it.") != std::string::npos);
  CHECK(judgement.findings[0].fix.find("gh api repos/OWNER/REPO/commits/" + commit.id + "/pulls") != std::string::npos);
}
