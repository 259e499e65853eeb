// The words of findings: several owner lanes ("1 approval from each of pm and engineering", and
// what is missing counted the same way), check's fix speaks of trailers, a lane without members.
#include <doctest/doctest.h>

#include "core/evaluate.h"
#include "tests/testing.h"

using namespace laneguard;

namespace {

const Agreement& agreement() {
  static Agreement a = parse_agreement(testing::team_agreement({
                                           R"([[protected]]
name = "shared"
paths = ["AGENTS.md"]
owners = ["pm", "engineering"]
approvals = 1)",
                                           R"([[protected]]
name = "three"
paths = ["three/**"]
owners = ["pm", "engineering"]
approvals = 3)",
                                           R"([lanes.security]
members = []
owns = ["sec/**"])",
                                           R"([[protected]]
name = "security"
paths = ["sec/**"]
owners = ["security"]
approvals = 1)",
                                       }),
                                       "/repo/.laneguard.toml");
  return a;
}

Identity who(const std::string& name, const std::string& email) { return Identity{name, email, ""}; }

Change change(const std::string& path, Identity author, std::vector<Identity> approvers = {}) {
  CommitFacts c;
  c.id = "c1";
  c.subject = "change";
  c.message = "change\n";
  c.author = c.committer = author;
  c.paths = {path};
  Change ch;
  ch.id = c.id;
  ch.commits.push_back(c);
  for (auto& a : approvers) ch.approvals.push_back(Approval{a, ApprovalSource::trailer, false, ""});
  return ch;
}

const AreaStatus& area(const Judgement& j, const std::string& name) {
  for (const AreaStatus& a : j.areas)
    if (a.area == name) return a;
  throw std::runtime_error("no area " + name);
}

const Context kCheck{true, Context::Where::check};
const Context kLocal{true, Context::Where::local};
Identity erin() { return who("Erin", "erin@acme.test"); }
Identity eli() { return who("Eli", "eli@acme.test"); }
Identity pat() { return who("Pat", "pat@acme.test"); }

}  // namespace

TEST_CASE("wording: an area owned by two lanes asks for 1 approval from each, and counts what is missing the same way") {
  Judgement j = evaluate(agreement(), change("AGENTS.md", erin()), kCheck);
  const AreaStatus& s = area(j, "shared");
  CHECK(s.requirement == "1 approval from each of pm and engineering");
  CHECK(s.missing == "1 more approval from each of pm and engineering");
  REQUIRE(!j.findings.empty());
  CHECK(j.findings[0].message.find("it needs 1 approval from each of pm and engineering;") != std::string::npos);
  // One lane has approved: only the other is missing.
  j = evaluate(agreement(), change("AGENTS.md", erin(), {eli()}), kCheck);
  CHECK(area(j, "shared").missing == "1 more approval from pm");
  CHECK(evaluate(agreement(), change("AGENTS.md", erin(), {eli(), pat()}), kCheck).findings.empty());
  // More approvals than lanes: the count, and the floor of one per lane.
  j = evaluate(agreement(), change("three/x", erin()), kCheck);
  CHECK(area(j, "three").requirement == "3 approvals from pm and engineering, at least 1 from each");
  CHECK(area(j, "three").missing == "3 more approvals, at least 1 from each of pm and engineering");
  j = evaluate(agreement(), change("three/x", erin(), {eli(), pat()}), kCheck);
  CHECK(area(j, "three").missing == "1 more approval from pm and engineering");
  // One lane keeps its words: an AI-labelled change to authentication needs 2 from engineering.
  CommitFacts labelled;
  labelled.id = "c2";
  labelled.message = "x\n\nAssisted-by: Claude:opus-4\n";
  labelled.trailers = parse_trailers(labelled.message);
  labelled.author = labelled.committer = pat();
  labelled.paths = {"src/auth/x"};
  Change ch;
  ch.id = "c2";
  ch.commits.push_back(labelled);
  j = evaluate(agreement(), ch, kCheck);
  CHECK(area(j, "authentication").missing == "2 more approvals from engineering");
}

TEST_CASE("wording: check's fix speaks of trailers: the local hooks' still says what the server counts") {
  Judgement j = evaluate(agreement(), change("src/auth/login.py", erin()), kCheck);
  REQUIRE(!j.findings.empty());
  const std::string& fix = j.findings[0].fix;
  CHECK(fix.find("Reviewed-by: eli <eli@acme.test>") != std::string::npos);
  CHECK(fix.find("trailer") != std::string::npos);
  CHECK(fix.find("server") == std::string::npos);
  j = evaluate(agreement(), change("src/auth/login.py", erin()), kLocal);
  CHECK(j.findings[0].fix.find("the server counts only an approval its pusher, an approval push (`laneguard approve`) "
                               "or a verified signature gives") != std::string::npos);
}

TEST_CASE("wording: a lane with no members: the fix says to add members, not that every member is an author") {
  Judgement j = evaluate(agreement(), change("sec/keys.txt", erin()), kCheck);
  REQUIRE(!j.findings.empty());
  const std::string& fix = j.findings[0].fix;
  CHECK(fix.find("Add members to lane security in /repo/.laneguard.toml") != std::string::npos);
  CHECK(fix.find("every member") == std::string::npos);
  // Every member an author is still said so.
  Agreement solo = parse_agreement(testing::team_agreement({R"([lanes.engineering] members = ["erin"])"}), "t.toml");
  j = evaluate(solo, change("src/auth/login.py", erin()), kCheck);
  REQUIRE(!j.findings.empty());
  CHECK(j.findings[0].fix.find("every member of engineering is an author") != std::string::npos);
}

TEST_CASE("wording: a review from anyone, with nobody listed: the fix says to list people, not to fill a lane") {
  // The embedded default agreement lists no people; its internal-tool tier asks a review from anyone.
  Agreement def = load_default_agreement();
  Judgement j = evaluate(def, change("tools/internal/report.py", erin()), kCheck);
  const Finding* tier = nullptr;
  for (const Finding& f : j.findings)
    if (f.area == "tier internal-tool") tier = &f;
  REQUIRE(tier != nullptr);
  CHECK(tier->fix.find("List the people who review in .laneguard.toml ([people.NAME]") != std::string::npos);
  CHECK(tier->fix.find("lane anyone") == std::string::npos);
  CHECK(tier->fix.find("[lanes.") == std::string::npos);
  // People listed, every one of them an author: said so in people's words.
  Agreement solo = parse_agreement(testing::team_agreement({}) + R"(
[[tier]]
name = "internal"
paths = ["tools/**"]
[tier.review]
approvals = 1
from = "anyone"
)", "t.toml");
  std::vector<Identity> everyone;
  for (const Person& p : solo.people)
    if (!p.emails.empty()) everyone.push_back(Identity{p.key, p.emails.front()});
  REQUIRE(everyone.size() >= 2);
  Change c = change("tools/x.py", everyone.front());
  for (std::size_t i = 1; i < everyone.size(); ++i) c.commits.front().co_authors.push_back(everyone[i]);
  j = evaluate(solo, c, kCheck);
  tier = nullptr;
  for (const Finding& f : j.findings)
    if (f.area == "tier internal") tier = &f;
  REQUIRE(tier != nullptr);
  CHECK(tier->fix.find("everyone t.toml lists is an author of the change") != std::string::npos);
  CHECK(tier->fix.find("lane anyone") == std::string::npos);
}

TEST_CASE("wording: the server's fix names the approval push, and offers pushing it only when that completes it") {
  Context server{false, Context::Where::server};
  server.approve_revision = "feature/login";
  // An area owned by two lanes; pat (the PM lane) pushes erin's change: pat's push counts for pm.
  Change c = change("AGENTS.md", erin());
  c.approvals.push_back(Approval{Identity{"", "", "pat"}, ApprovalSource::pusher, true, "pushed by pat"});
  Judgement j = evaluate(agreement(), c, server);
  REQUIRE(!j.findings.empty());
  CHECK(j.findings[0].fix ==
        "Ask eli (not erin) to review it and approve it by push: `laneguard approve feature/login` (then push again); "
        "or to sign a merge of it with a key listed in the agreement.");
  // With no pusher's approval counted, eli pushing it himself would be enough.
  c.approvals.clear();
  c.approvals.push_back(Approval{Identity{"", "", "pat"}, ApprovalSource::push, true, "approval pushed by pat"});
  j = evaluate(agreement(), c, server);
  REQUIRE(!j.findings.empty());
  CHECK(j.findings[0].fix.find("; or to push it to this branch themselves;") != std::string::npos);
  CHECK(area(j, "shared").approved_how == std::vector<std::string>{"approval pushed by pat"});
  // Not on the server yet: push a branch first.
  server.approve_revision.clear();
  j = evaluate(agreement(), change("AGENTS.md", erin()), server);
  REQUIRE(!j.findings.empty());
  CHECK(j.findings[0].fix.rfind("Push your branch to the server first", 0) == 0);
  CHECK(j.findings[0].fix.find("`laneguard approve BRANCH`") != std::string::npos);
  // Several approvals missing: each of them.
  server.approve_revision = "3f1c0a9e2b7d";
  j = evaluate(agreement(), change("three/x", erin()), server);
  REQUIRE(!j.findings.empty());
  CHECK(j.findings[0].fix.find("`laneguard approve 3f1c0a9e2b7d` (each of them; then push again)") != std::string::npos);
  CHECK(j.findings[0].fix.find("push it to this branch themselves") == std::string::npos);
}
