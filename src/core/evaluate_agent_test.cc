// The human behind the agent is an author (issue 16 item 3): when an agent authors a change, the
// person who opened it, was assigned it, pushed or introduced it, or co-authored it cannot approve it.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/evaluate.h"
#include "tests/testing.h"

using namespace laneguard;

namespace {

const Agreement& team() {
  static Agreement a = parse_agreement(testing::team_agreement({R"([lanes.engineering] outsider_approvals = 1)"}), "t.toml");
  return a;
}

Identity who(const char* text) { return parse_identity(text).value(); }
Identity account(const char* login) {
  Identity i;
  i.username = login;
  return i;
}

// A commit as Copilot's coding agent makes it: author Copilot, committer GitHub (web-flow), the
// assigner as co-author.
CommitFacts copilot_commit(std::vector<std::string> paths, const char* co_author = nullptr) {
  CommitFacts c;
  c.id = std::string(40, 'c');
  c.author = who("Copilot <198982749+Copilot@users.noreply.github.com>");
  c.committer = who("GitHub <noreply@github.com>");
  c.message = "Add login throttling\n";
  if (co_author) {
    c.message += std::string("\nCo-authored-by: ") + co_author + "\n";
    c.co_authors.push_back(who(co_author));
    c.trailers.push_back({"Co-authored-by", co_author});
  }
  c.trailers.push_back({"Assisted-by", "Copilot"});
  c.paths = std::move(paths);
  return c;
}

Approval review(const char* login) { return Approval{account(login), ApprovalSource::review, true, "review"}; }

std::vector<std::string> rules(const Judgement& j) {
  std::vector<std::string> r;
  for (const Finding& f : j.findings) r.push_back(f.rule);
  std::sort(r.begin(), r.end());
  return r;
}

const Context kCi{false, Context::Where::ci};

}  // namespace

TEST_CASE("agent pull request: the human assigned to it cannot approve it (self-approval)") {
  Change ch;
  ch.id = "pull request #7";
  ch.commits.push_back(copilot_commit({"src/auth/login.py"}));
  ch.extra_authors.push_back({account("Copilot"), ExtraAuthorRole::pr_author});
  ch.extra_authors.push_back({account("eli"), ExtraAuthorRole::pr_assignee});
  ch.approvals = {review("eli"), review("erin")};  // ai_approvals = 2: eli's would be the second
  Judgement j = evaluate(team(), ch, kCi);
  CHECK(rules(j) == std::vector<std::string>{"self-approval"});
  REQUIRE(!j.findings.empty());
  CHECK(std::find(j.findings[0].people.begin(), j.findings[0].people.end(), "eli") != j.findings[0].people.end());

  // Control: the same assignee on a person's pull request is no author; eli and erin approve.
  Change human = ch;
  human.commits[0].author = who("Pat <pat@acme.test>");
  human.commits[0].committer = who("Pat <pat@acme.test>");
  human.extra_authors[0] = {account("pat"), ExtraAuthorRole::pr_author};
  CHECK(evaluate(team(), human, kCi).findings.empty());
}

TEST_CASE("agent pull request opened by the agent itself: the assignee is the human behind it") {
  // A person's commits, but the pull request opened by Copilot: still the agent's change.
  Change ch;
  ch.id = "pull request #8";
  CommitFacts c = copilot_commit({"src/auth/login.py"});
  c.author = who("Eli <eli@acme.test>");
  c.committer = c.author;
  ch.commits.push_back(c);
  ch.extra_authors.push_back({account("Copilot"), ExtraAuthorRole::pr_author});
  ch.extra_authors.push_back({account("erin"), ExtraAuthorRole::pr_assignee});
  ch.approvals = {review("erin"), review("eli")};
  CHECK(rules(evaluate(team(), ch, kCi)) == std::vector<std::string>{"self-approval"});
}

TEST_CASE("agent commit: a human co-author and the local user are authors, the agent never is a person") {
  Change ch;
  ch.id = std::string(40, 'c');
  ch.commits.push_back(copilot_commit({"src/auth/login.py"}, "Eli <eli@acme.test>"));
  ch.approvals = {Approval{who("Eli <eli@acme.test>"), ApprovalSource::trailer, false, ""},
                  Approval{who("Erin <erin@acme.test>"), ApprovalSource::trailer, false, ""}};
  Judgement j = evaluate(team(), ch, Context{});
  CHECK(rules(j) == std::vector<std::string>{"self-approval"});
  for (const Finding& f : j.findings)
    CHECK(std::find(f.people.begin(), f.people.end(), "Copilot <198982749+Copilot@users.noreply.github.com>") ==
          f.people.end());
}

TEST_CASE("agent commit: the agent is outside every lane, so lane rules apply to what it wrote") {
  // engineering owns src/app.py with outsider_approvals = 1: the agent's commit there needs an
  // engineering approval even though no human author is named.
  Change ch;
  ch.id = std::string(40, 'c');
  ch.commits.push_back(copilot_commit({"src/app.py"}));
  CHECK(rules(evaluate(team(), ch, Context{})) == std::vector<std::string>{"lane-crossing"});
  ch.approvals = {Approval{who("Erin <erin@acme.test>"), ApprovalSource::trailer, false, ""}};
  CHECK(evaluate(team(), ch, Context{}).findings.empty());
  // Control: erin's own commit there crosses no lane.
  Change own = ch;
  own.approvals.clear();
  own.commits[0].author = who("Erin <erin@acme.test>");
  own.commits[0].committer = own.commits[0].author;
  CHECK(evaluate(team(), own, Context{}).findings.empty());
}

TEST_CASE("agent commit on the server: the person who introduced it cannot approve it by pushing") {
  Change ch;
  ch.id = std::string(40, 'c');
  ch.commits.push_back(copilot_commit({"src/auth/login.py"}));
  ch.extra_authors.push_back({account("eli"), ExtraAuthorRole::introducer});
  ch.approvals = {Approval{account("eli"), ApprovalSource::pusher, true, "pushed by eli"},
                  Approval{account("erin"), ApprovalSource::push, true, "approval pushed by erin"}};
  CHECK(rules(evaluate(team(), ch, Context{false, Context::Where::server})) == std::vector<std::string>{"self-approval"});
}
