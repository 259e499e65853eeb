// The evaluator is pure: these tests build facts by hand and judge them under a real agreement text.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/evaluate.h"
#include "tests/testing.h"

using namespace laneguard;

namespace {

// The test team (tests/team_agreement.toml) with quinn in the pm lane, outsider approvals, sessions
// protected, two more areas and a break-glass person.
std::string team() {
  return testing::team_agreement({
      R"([lanes.pm] members = ["pat", "quinn"])",
      R"([lanes.engineering] outsider_approvals = 1)",
      R"([[protected]] paths = ["src/auth/**", "**/session*"])",
      R"([people.quinn]
emails = ["quinn@acme.test"]
usernames = ["quinn"])",
      R"([[protected]]
name = "secrets"
paths = ["secrets/**"]
owners = ["engineering"]
ai = "forbid")",
      R"([[protected]]
name = "shared"
paths = ["AGENTS.md"]
owners = ["pm", "engineering"]
approvals = 1)",
      R"([override]
people = ["erin"])",
  });
}

const Agreement& agreement() {
  static Agreement a = parse_agreement(team(), "test.toml");
  return a;
}

Identity id(const std::string& name, const std::string& email) { return Identity{name, email, ""}; }
Identity pat() { return id("Pat", "pat@acme.test"); }
Identity erin() { return id("Erin", "ERIN@acme.test"); }
Identity eli() { return id("Eli", "eli@acme.test"); }

CommitFacts commit(const std::string& sha, Identity author, std::vector<std::string> paths,
                   std::vector<Trailer> trailers = {}) {
  CommitFacts c;
  c.id = sha;
  c.subject = "change";
  c.author = author;
  c.committer = author;
  c.paths = std::move(paths);
  c.trailers = trailers;
  c.message = "change\n";
  if (!trailers.empty()) {
    c.message += "\n";
    for (const Trailer& t : trailers) {
      c.message += t.key + ": " + t.value + "\n";
      if (trailer_key_is(t, "Co-authored-by"))
        if (auto who = parse_identity(t.value)) c.co_authors.push_back(*who);
    }
  }
  return c;
}

Approval trailer_approval(Identity who) { return Approval{who, ApprovalSource::trailer, false, ""}; }
Approval pusher_approval(const std::string& username) {
  Identity who;
  who.username = username;
  return Approval{who, ApprovalSource::pusher, true, ""};
}

Change change_of(CommitFacts c, std::vector<Approval> approvals = {}) {
  Change ch;
  ch.id = c.id;
  ch.commits.push_back(std::move(c));
  ch.approvals = std::move(approvals);
  return ch;
}

std::vector<std::string> rules(const Judgement& j) {
  std::vector<std::string> r;
  for (const Finding& f : j.findings) r.push_back(f.rule);
  std::sort(r.begin(), r.end());
  return r;
}

const Finding* find(const Judgement& j, const std::string& rule) {
  for (const Finding& f : j.findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

const Context kCheck{true, Context::Where::check};
const Context kServer{false, Context::Where::server};

}  // namespace

TEST_CASE("evaluate: a protected change without approval is missing-approval, with the approver named") {
  Judgement j = evaluate(agreement(), change_of(commit("c1", erin(), {"src/auth/login.py"})), kCheck);
  REQUIRE(rules(j) == std::vector<std::string>{"missing-approval"});
  const Finding& f = j.findings[0];
  CHECK(f.severity == Severity::block);
  CHECK(f.area == "authentication");
  CHECK(f.paths == std::vector<std::string>{"src/auth/login.py"});
  CHECK(f.people == std::vector<std::string>{"erin"});
  CHECK(f.fix.find("eli") != std::string::npos);
  CHECK(f.fix.find("Reviewed-by: eli <eli@acme.test>") != std::string::npos);
  REQUIRE(j.areas.size() == 1);
  CHECK_FALSE(j.areas[0].satisfied);
  CHECK(j.areas[0].missing == "1 more approval from engineering");
}

TEST_CASE("evaluate: an approval from another lane member satisfies the area") {
  Judgement j = evaluate(agreement(), change_of(commit("c1", erin(), {"src/auth/login.py"}), {trailer_approval(eli())}), kCheck);
  CHECK(j.findings.empty());
  REQUIRE(j.areas.size() == 1);
  CHECK(j.areas[0].satisfied);
  CHECK(j.areas[0].approved_by == std::vector<std::string>{"eli"});
}

TEST_CASE("evaluate: the author's own approval is self-approval, matched case-insensitively by email") {
  Judgement j = evaluate(agreement(), change_of(commit("c1", erin(), {"src/auth/x"}), {trailer_approval(id("E", "erin@ACME.test"))}), kCheck);
  REQUIRE(rules(j) == std::vector<std::string>{"self-approval"});
  CHECK(j.findings[0].message.find("erin is an author") != std::string::npos);
}

TEST_CASE("evaluate: a co-author's approval is a self-approval too") {
  CommitFacts c = commit("c1", pat(), {"src/auth/x"}, {{"Co-authored-by", "Erin <erin@acme.test>"}});
  Judgement j = evaluate(agreement(), change_of(c, {trailer_approval(erin())}), kCheck);
  CHECK(find(j, "self-approval") != nullptr);
}

TEST_CASE("evaluate: an approval from outside the owning lane or unknown to the agreement does not count") {
  Judgement j = evaluate(agreement(), change_of(commit("c1", erin(), {"src/auth/x"}),
                                                {trailer_approval(id("Q", "quinn@acme.test")), trailer_approval(id("X", "x@evil.test"))}),
                         kCheck);
  REQUIRE(rules(j) == std::vector<std::string>{"missing-approval"});
  CHECK(j.areas[0].discarded.size() == 2);
}

TEST_CASE("evaluate: on the server a trailer is a claim: unverified-approval and the requirement stays unmet") {
  Judgement j = evaluate(agreement(), change_of(commit("c1", erin(), {"src/auth/x"}), {trailer_approval(eli())}), kServer);
  CHECK(rules(j) == std::vector<std::string>{"missing-approval", "unverified-approval"});
  CHECK(find(j, "unverified-approval")->severity == Severity::warn);
  CHECK(find(j, "missing-approval")->fix.find("push") != std::string::npos);
}

TEST_CASE("evaluate: the authenticated pusher approves unless they introduced the commit") {
  Change ch = change_of(commit("c1", pat(), {"src/auth/x"}), {pusher_approval("erin")});
  CHECK(evaluate(agreement(), ch, kServer).findings.empty());
  Identity intro;
  intro.username = "erin";
  ch.extra_authors.push_back({intro, ExtraAuthorRole::introducer});
  Judgement j = evaluate(agreement(), ch, kServer);
  CHECK(find(j, "self-approval") != nullptr);
}

TEST_CASE("evaluate: AI markers without a label are unlabeled-ai: a label raises the approvals needed") {
  CommitFacts marked = commit("c1", erin(), {"src/auth/x"}, {{"Co-Authored-By", "Claude <noreply@anthropic.com>"}});
  Judgement j = evaluate(agreement(), change_of(marked, {trailer_approval(eli())}), kCheck);
  REQUIRE(find(j, "unlabeled-ai") != nullptr);
  CHECK(find(j, "unlabeled-ai")->fix.find("Assisted-by: Claude:") != std::string::npos);
  CHECK(find(j, "unlabeled-ai")->commit == "c1");

  CommitFacts labelled = commit("c2", erin(), {"src/auth/x"},
                                {{"Assisted-by", "Claude:opus-4"}, {"Co-Authored-By", "Claude <noreply@anthropic.com>"}});
  j = evaluate(agreement(), change_of(labelled, {trailer_approval(eli())}), kCheck);
  CHECK(rules(j) == std::vector<std::string>{"missing-approval"});  // 2 needed when AI-assisted
  Approval pat_ok = trailer_approval(pat());
  j = evaluate(agreement(), change_of(labelled, {trailer_approval(eli()), pat_ok}), kCheck);
  CHECK(find(j, "missing-approval") != nullptr);  // pat is not in engineering
}

TEST_CASE("evaluate: 'AI-Assisted: none' does not label a change that shows AI markers: the label and the evidence disagree") {
  CommitFacts c = commit("c1", erin(), {"src/auth/x"}, {{"AI-Assisted", "none"}, {"Co-authored-by", "Claude <noreply@anthropic.com>"}});
  Judgement j = evaluate(agreement(), change_of(c, {trailer_approval(eli())}), kCheck);
  REQUIRE(find(j, "ai-label-contradicted") != nullptr);  // in place of unlabeled-ai (issue 16 item 5)
  CHECK(find(j, "ai-label-contradicted")->severity == Severity::block);
  CHECK(find(j, "unlabeled-ai") == nullptr);
}

TEST_CASE("evaluate: AI in an ai=forbid area is ai-forbidden, labelled or not") {
  CommitFacts c = commit("c1", erin(), {"secrets/key.txt"}, {{"Assisted-by", "Claude:opus-4"}});
  CHECK(find(evaluate(agreement(), change_of(c, {trailer_approval(eli())}), kCheck), "ai-forbidden") != nullptr);
}

TEST_CASE("evaluate: lane-crossing when a non-member changes a lane's path, satisfied by a member's approval") {
  Judgement j = evaluate(agreement(), change_of(commit("c1", pat(), {"src/app.py"})), kCheck);
  REQUIRE(rules(j) == std::vector<std::string>{"lane-crossing"});
  CHECK(j.findings[0].area == "lane engineering");
  CHECK(evaluate(agreement(), change_of(commit("c1", pat(), {"src/app.py"}), {trailer_approval(eli())}), kCheck).findings.empty());
  CHECK(evaluate(agreement(), change_of(commit("c1", erin(), {"src/app.py"})), kCheck).findings.empty());
  CHECK(evaluate(agreement(), change_of(commit("c1", pat(), {"prototypes/a.py"})), kCheck).findings.empty());
}

TEST_CASE("evaluate: several owner lanes need one approval from each") {
  Judgement j = evaluate(agreement(), change_of(commit("c1", erin(), {"AGENTS.md"}), {trailer_approval(eli())}), kCheck);
  REQUIRE(find(j, "missing-approval") != nullptr);
  CHECK(j.areas[0].missing == "1 more approval from pm");
  j = evaluate(agreement(), change_of(commit("c1", erin(), {"AGENTS.md"}), {trailer_approval(eli()), trailer_approval(pat())}), kCheck);
  CHECK(j.findings.empty());
}

TEST_CASE("evaluate: a merge is judged on its own changes, not on what its side branch brought in") {
  CommitFacts m = commit("m1", erin(), {"src/auth/x", "src/auth/y"});
  m.parents = {"p1", "p2"};
  m.brought_in = {"src/auth/x", "src/auth/y"};
  CHECK(evaluate(agreement(), change_of(m), kCheck).findings.empty());
  m.brought_in = {"src/auth/x"};  // an evil merge: y matches neither parent
  Judgement j = evaluate(agreement(), change_of(m), kCheck);
  REQUIRE(find(j, "missing-approval") != nullptr);
  CHECK(find(j, "missing-approval")->paths == std::vector<std::string>{"src/auth/y"});
}

TEST_CASE("evaluate: a pull request label counts as an AI label") {
  CommitFacts c = commit("c1", erin(), {"src/auth/x"}, {{"Co-authored-by", "Claude <noreply@anthropic.com>"}});
  Change ch = change_of(c, {});
  ch.id = "pull request #7";
  ch.pr_labels = {"AI-Assisted"};
  Judgement j = evaluate(agreement(), ch, Context{false, Context::Where::ci});
  CHECK(find(j, "unlabeled-ai") == nullptr);
  REQUIRE(find(j, "missing-approval") != nullptr);
  CHECK(find(j, "missing-approval")->commit == "pull request #7");
  CHECK(find(j, "missing-approval")->fix.find("approve the pull request") != std::string::npos);
}

TEST_CASE("evaluate: require_declaration asks every protected commit to declare AI help") {
  Agreement a = parse_agreement(team() + "[ai]\nrequire_declaration = true\n", "t.toml");
  CommitFacts c = commit("c1", erin(), {"src/auth/x"});
  CHECK(find(evaluate(a, change_of(c, {trailer_approval(eli())}), kCheck), "missing-ai-declaration") != nullptr);
  c = commit("c1", erin(), {"src/auth/x"}, {{"AI-Assisted", "none"}});
  CHECK(evaluate(a, change_of(c, {trailer_approval(eli())}), kCheck).findings.empty());
  c = commit("c1", erin(), {"docs/x.md"});  // not protected
  CHECK(find(evaluate(a, change_of(c), kCheck), "missing-ai-declaration") == nullptr);
}

TEST_CASE("apply_override: allowed people with a reason downgrade blocks: others are refused") {
  std::vector<Finding> f = evaluate(agreement(), change_of(commit("c1", pat(), {"src/auth/x"})), kServer).findings;
  auto allowed = f;
  apply_override(agreement(), "erin", "INC-123: outage", allowed);
  CHECK(std::none_of(allowed.begin(), allowed.end(), [](const Finding& x) { return x.severity == Severity::block; }));
  CHECK(allowed.back().rule == "override");
  CHECK(allowed.back().severity == Severity::notice);
  CHECK(allowed.back().message.find("INC-123") != std::string::npos);

  auto refused = f;
  apply_override(agreement(), "pat", "INC-1: because", refused);
  CHECK(refused.back().rule == "override");
  CHECK(refused.back().severity == Severity::block);
  auto no_reason = f;
  apply_override(agreement(), "erin", "  ", no_reason);
  CHECK(no_reason.back().severity == Severity::block);
}

// AI never approves (issue 16): the team with Claude, CodeRabbit and Copilot's reviewer listed as
// engineering members, the way a team that "added the bots to the lane" would write it.
const Agreement& ai_team() {
  static Agreement a = parse_agreement(testing::team_agreement({
                                           R"([lanes.engineering] members = ["erin", "eli", "claude", "rabbit", "copilot"])",
                                           R"([people.claude]
emails = ["noreply@anthropic.com"]
usernames = ["claude[bot]"])",
                                           R"([people.rabbit]
usernames = ["coderabbitai[bot]"])",
                                           R"([people.copilot]
usernames = ["copilot-pull-request-reviewer[bot]"])",
                                       }),
                                       "ai.toml");
  return a;
}

Approval review_by(const std::string& login) {
  Identity who;
  who.username = login;
  return Approval{who, ApprovalSource::review, true, "review by " + login};
}

TEST_CASE("evaluate: an AI Reviewed-by trailer never counts, even from a lane member: missing-approval and a notice") {
  Judgement j = evaluate(ai_team(),
                         change_of(commit("c1", erin(), {"src/auth/x"}), {trailer_approval(id("Claude", "noreply@anthropic.com"))}),
                         kCheck);
  REQUIRE(rules(j) == std::vector<std::string>{"ai-approval-ignored", "missing-approval"});
  const Finding* n = find(j, "ai-approval-ignored");
  CHECK(n->severity == Severity::notice);
  CHECK(n->people == std::vector<std::string>{"claude"});
  CHECK(n->message.find("never approve") != std::string::npos);
  REQUIRE(j.areas.size() == 1);
  CHECK(j.areas[0].approved_by.empty());
  CHECK(j.areas[0].discarded == std::vector<std::string>{"claude (an AI or bot account: AI never approves)"});
  // The fix names the people who can approve, never the AI members.
  const Finding* m = find(j, "missing-approval");
  CHECK(m->fix.find("eli") != std::string::npos);
  CHECK(m->fix.find("claude") == std::string::npos);
  CHECK(m->fix.find("rabbit") == std::string::npos);
}

TEST_CASE("evaluate: AI reviews in CI never count: coderabbitai[bot], claude[bot], copilot-pull-request-reviewer[bot]") {
  const Context ci{false, Context::Where::ci};
  for (const char* login : {"coderabbitai[bot]", "claude[bot]", "copilot-pull-request-reviewer[bot]", "CodeRabbitAI[bot]"}) {
    CAPTURE(login);
    Judgement j = evaluate(ai_team(), change_of(commit("c1", erin(), {"src/auth/x"}), {review_by(login)}), ci);
    CHECK(rules(j) == std::vector<std::string>{"ai-approval-ignored", "missing-approval"});
  }
  // The same reviews are ignored in every mode, and a person's review beside them still counts.
  for (const Context& ctx : {kCheck, kServer, ci}) {
    Judgement j = evaluate(ai_team(), change_of(commit("c1", erin(), {"src/auth/x"}), {review_by("coderabbitai[bot]"), review_by("eli")}), ctx);
    CHECK(rules(j) == std::vector<std::string>{"ai-approval-ignored"});
    CHECK(j.areas[0].approved_by == std::vector<std::string>{"eli"});
  }
}

TEST_CASE("evaluate: an AI or bot approval unknown to the agreement is ignored as AI, not as a stranger") {
  // Not listed in [people]: still the AI notice (so nobody wonders why), and on the server no unverified warning.
  Judgement j = evaluate(agreement(), change_of(commit("c1", erin(), {"src/auth/x"}), {trailer_approval(id("Claude", "noreply@anthropic.com"))}),
                         kServer);
  CHECK(rules(j) == std::vector<std::string>{"ai-approval-ignored", "missing-approval"});
  j = evaluate(agreement(), change_of(commit("c1", erin(), {"src/auth/x"}), {review_by("renovate[bot]")}), kCheck);
  CHECK(rules(j) == std::vector<std::string>{"ai-approval-ignored", "missing-approval"});
  CHECK(find(j, "ai-approval-ignored")->people == std::vector<std::string>{"renovate[bot]"});
  // A person's review still counts beside the AI members.
  j = evaluate(ai_team(), change_of(commit("c1", erin(), {"src/auth/x"}), {review_by("eli")}), kCheck);
  CHECK(j.findings.empty());
}

TEST_CASE("evaluate: a lane member listed by an AI identity alone never approves by push either") {
  Judgement j = evaluate(ai_team(), change_of(commit("c1", erin(), {"src/auth/x"}), {pusher_approval("claude[bot]")}), kServer);
  CHECK(rules(j) == std::vector<std::string>{"ai-approval-ignored", "missing-approval"});
}

namespace laneguard {
namespace {

TEST_CASE("evaluate: a Reviewed-by naming an AI tool never counts, even when a lane member has that username") {
  // The team that listed its Claude reviewer by the bare name people type in trailers.
  Agreement a = parse_agreement(testing::team_agreement({R"([lanes.engineering] members = ["erin", "eli", "claude"])",
                                                         R"([people.claude]
usernames = ["Claude"])"}),
                                "t.toml");
  for (const char* value : {"Claude", "Claude:opus-4", "Claude Opus 4.5"}) {
    CAPTURE(value);
    Identity who;
    who.username = value;
    Judgement j = evaluate(a, change_of(commit("c1", erin(), {"src/auth/x"}), {trailer_approval(who)}), kCheck);
    CHECK(rules(j) == std::vector<std::string>{"ai-approval-ignored", "missing-approval"});
  }
  // Control: the same trailer form naming eli approves.
  Identity eli_name;
  eli_name.username = "eli";
  CHECK(evaluate(a, change_of(commit("c1", erin(), {"src/auth/x"}), {trailer_approval(eli_name)}), kCheck).findings.empty());
}

TEST_CASE("evaluate: a review whose account the platform calls a bot never counts, whatever its login") {
  const Context ci{false, Context::Where::ci};
  Agreement a = parse_agreement(testing::team_agreement({R"([lanes.engineering] members = ["erin", "eli", "helper"])",
                                                         R"([people.helper]
usernames = ["review-helper"])"}),
                                "t.toml");
  Approval bot = review_by("review-helper");
  bot.platform_bot = true;
  Judgement j = evaluate(a, change_of(commit("c1", erin(), {"src/auth/x"}), {bot}), ci);
  CHECK(rules(j) == std::vector<std::string>{"ai-approval-ignored", "missing-approval"});
  bot.platform_bot = false;  // control: the same account as a user approves
  CHECK(evaluate(a, change_of(commit("c1", erin(), {"src/auth/x"}), {bot}), ci).findings.empty());
}

}  // namespace
}  // namespace laneguard
