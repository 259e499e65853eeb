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
  // Both are authors: the AI change's approvals are unmet, and the agent that opened it is outside
  // engineering, so its lane rule is unmet too.
  CHECK(rules(evaluate(team(), ch, kCi)) == std::vector<std::string>{"lane-crossing", "self-approval"});
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

// Line-level provenance and declarations the evidence contradicts (issue 16 items 1 and 5).
TEST_CASE("notes evidence: AI lines in a protected file are unlabeled-ai, in another file they are not") {
  AiEvidence note;
  note.source = "git-ai";
  note.text = "git-ai: 42 lines of src/auth/login.py by claude (claude-opus-4)";
  note.tool = "Claude";
  note.model = "claude-opus-4";
  note.paths = {"src/auth/login.py"};
  CommitFacts c;
  c.id = std::string(40, 'd');
  c.author = who("Pat <pat@acme.test>");
  c.committer = c.author;
  c.message = "Login\n";
  c.paths = {"README.md", "src/auth/login.py"};
  c.notes_evidence = {note};
  c.agent_humans = {who("Eli <eli@acme.test>")};  // git-ai's human_author
  Change ch;
  ch.id = c.id;
  ch.commits = {c};
  ch.approvals = {Approval{who("Eli <eli@acme.test>"), ApprovalSource::trailer, false, ""},
                  Approval{who("Erin <erin@acme.test>"), ApprovalSource::trailer, false, ""}};
  Judgement j = evaluate(team(), ch, Context{});
  // eli directed the agent: an author, so only erin's approval counts of the two an AI change needs.
  CHECK(rules(j) == std::vector<std::string>{"self-approval", "unlabeled-ai"});
  REQUIRE(j.ai.size() == 1);
  CHECK(j.ai[0].verdict == "unlabelled");
  for (const Finding& f : j.findings)
    if (f.rule == "unlabeled-ai") {
      CHECK(f.message.find("git-ai: 42 lines of src/auth/login.py by claude (claude-opus-4)") != std::string::npos);
      CHECK(f.fix.find("git commit --amend --no-edit --trailer \"Assisted-by: Claude:claude-opus-4\"") != std::string::npos);
      CHECK(f.fix.find("rebase -i dddddddddddd^") != std::string::npos);
    }
  // The same note about README.md only: authentication sees no AI and needs one approval, erin's.
  ch.commits[0].notes_evidence[0].paths = {"README.md"};
  ch.approvals = {Approval{who("Erin <erin@acme.test>"), ApprovalSource::trailer, false, ""}};
  j = evaluate(team(), ch, Context{});
  CHECK(rules(j).empty());
  CHECK(j.ai[0].verdict == "unlabelled");
}

TEST_CASE("declared none against the evidence: ai-label-contradicted, blocking in a labelled area, a warning elsewhere") {
  CommitFacts c;
  c.id = std::string(40, 'e');
  c.author = who("Pat <pat@acme.test>");
  c.committer = c.author;
  c.message = "Login\n\nAssisted-by: none\nCo-authored-by: Claude <noreply@anthropic.com>\n";
  c.trailers = {{"Assisted-by", "none"}, {"Co-authored-by", "Claude <noreply@anthropic.com>"}};
  c.co_authors = {who("Claude <noreply@anthropic.com>")};
  c.paths = {"src/auth/login.py"};
  Change ch;
  ch.id = c.id;
  ch.commits = {c};
  ch.approvals = {Approval{who("Eli <eli@acme.test>"), ApprovalSource::trailer, false, ""},
                  Approval{who("Erin <erin@acme.test>"), ApprovalSource::trailer, false, ""}};
  Judgement j = evaluate(team(), ch, Context{});
  CHECK(rules(j) == std::vector<std::string>{"ai-label-contradicted"});
  CHECK(j.findings[0].severity == Severity::block);
  CHECK(j.ai[0].verdict == "declared-none");
  ch.commits[0].paths = {"docs/x.md"};  // engineering's, no protected area
  j = evaluate(team(), ch, Context{});
  REQUIRE(rules(j) == std::vector<std::string>{"ai-label-contradicted"});
  CHECK(j.findings[0].severity == Severity::warn);
  CHECK(j.findings[0].area.empty());
  // Control: the declaration without evidence.
  ch.commits[0].co_authors.clear();
  ch.commits[0].trailers.pop_back();
  ch.commits[0].message = "Login\n\nAssisted-by: none\n";
  ch.commits[0].paths = {"src/auth/login.py"};
  CHECK(evaluate(team(), ch, Context{}).findings.empty());
}
