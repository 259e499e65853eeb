// `laneguard check` end to end: real repositories, real commits, the built binary, JSON parsed back.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/testing.h"

using namespace laneguard::testing;

namespace {

// The test team (tests/team_agreement.toml) with outsider approvals, and one approval for AI changes too.
std::string team() {
  return team_agreement({"[lanes.engineering] outsider_approvals = 1", "[[protected]] -ai_approvals"});
}

struct Run {
  int status;
  std::string out;
};

Run run_laneguard(CliRepo& repo, const std::string& args) {
  int status = 0;
  std::string out = repo.run(std::string(quote(LANEGUARD_BINARY)) + " " + args + " 2>&1", true, &status);
  return {WEXITSTATUS(status), out};
}

// Commits as `who` (name, email) with `message`.
std::string commit_as(CliRepo& repo, const std::string& name, const std::string& email, const std::string& message) {
  repo.write(".git/lg-message", message);
  repo.run("git add -A && GIT_AUTHOR_NAME=" + quote(name) + " GIT_AUTHOR_EMAIL=" + quote(email) +
           " GIT_COMMITTER_NAME=" + quote(name) + " GIT_COMMITTER_EMAIL=" + quote(email) +
           " git commit -q --allow-empty -F .git/lg-message");
  repo.tick();
  return repo.head();
}

std::map<std::string, std::set<std::string>> rules_by_commit(const nlohmann::json& doc) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& f : doc["findings"]) out[f["commit"].get<std::string>()].insert(f["rule"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("check: every rule on real commits, reported per commit in JSON") {
  isolate_git_config();
  TempDir tmp;
  CliRepo repo(tmp.str() + "/repo");
  repo.write(".laneguard.toml", team());
  repo.write("src/auth/old.py", "old\n");
  std::string base = commit_as(repo, "Erin", "erin@acme.test", "Agreement and base");

  repo.write("src/auth/login.py", "v1\n");
  std::string unapproved = commit_as(repo, "Erin", "erin@acme.test", "Add login");
  repo.write("src/auth/login.py", "v2\n");
  std::string approved = commit_as(repo, "Erin", "erin@acme.test", "Tune login\n\nReviewed-by: Eli <eli@acme.test>\n");
  repo.write("src/auth/login.py", "v3\n");
  std::string self = commit_as(repo, "Erin", "erin@acme.test", "Self-approved\n\nReviewed-by: Erin <ERIN@acme.test>\n");
  repo.write("src/auth/login.py", "v4\n");
  std::string ai = commit_as(repo, "Erin", "erin@acme.test",
                             "AI change\n\nReviewed-by: Eli <eli@acme.test>\nCo-Authored-By: Claude <noreply@anthropic.com>\n");
  repo.write("src/app.py", "app\n");
  std::string crossing = commit_as(repo, "Pat", "pat@acme.test", "PM edits production");
  repo.run("git mv src/auth/old.py lib_old.py");
  std::string moved = commit_as(repo, "Erin", "erin@acme.test", "Move out of auth");
  repo.write("prototypes/demo.py", "demo\n");
  std::string proto = commit_as(repo, "Pat", "pat@acme.test", "Prototype");

  Run r = run_laneguard(repo, "check --format json");
  CHECK(r.status == 1);
  nlohmann::json doc = nlohmann::json::parse(r.out);
  CHECK(doc["verdict"] == "block");
  CHECK(doc["stats"]["commits"] == std::stoi(trim(repo.run("git rev-list --count HEAD"))));
  auto rules = rules_by_commit(doc);
  CHECK(rules[unapproved] == std::set<std::string>{"missing-approval"});
  CHECK(rules.count(approved) == 0);
  CHECK(rules[self] == std::set<std::string>{"self-approval"});
  CHECK(rules[ai] == std::set<std::string>{"unlabeled-ai"});
  CHECK(rules[crossing] == std::set<std::string>{"lane-crossing"});
  CHECK(rules[moved] == std::set<std::string>{"missing-approval"});
  CHECK(rules.count(proto) == 0);
  for (const auto& f : doc["findings"]) {
    CHECK(f["commit"].get<std::string>().size() == 40);
    CHECK_FALSE(f["message"].get<std::string>().empty());
    CHECK_FALSE(f["fix"].get<std::string>().empty());
    if (f["commit"] == moved) CHECK(f["paths"] == nlohmann::json::array({"src/auth/old.py"}));
  }

  SUBCASE("a range judges only its commits") {
    Run clean = run_laneguard(repo, "check --format json " + unapproved + ".." + approved);
    CHECK(clean.status == 0);
    auto d = nlohmann::json::parse(clean.out);
    CHECK(d["verdict"] == "allow");
    CHECK(d["stats"]["commits"] == 1);
    Run two = run_laneguard(repo, "check --format json " + approved + " ^" + base);
    CHECK(nlohmann::json::parse(two.out)["stats"]["commits"] == 2);
  }
  SUBCASE("text output is grouped by commit and names rule, area and fix") {
    Run text = run_laneguard(repo, "check " + base + ".." + self);
    CHECK(text.status == 1);
    CHECK(text.out.find("commit " + self.substr(0, 12)) != std::string::npos);
    CHECK(text.out.find("self-approval [authentication]") != std::string::npos);
    CHECK(text.out.find("fix: Ask eli") != std::string::npos);
    CHECK(text.out.find("\033[") == std::string::npos);  // no colour when not a tty
  }
  SUBCASE("--agreement names another file; a bad one is exit 2 with file:line:column") {
    repo.write("../loose.toml", "version = 1\n[lanes.engineering]\nmembers = []\nowns = [\"**\"]\n");
    CHECK(run_laneguard(repo, "check --agreement ../loose.toml").status == 0);
    repo.write("../bad.toml", "version = 1\n[agreement]\nnmae = \"x\"\n");
    Run bad = run_laneguard(repo, "check --agreement ../bad.toml");
    CHECK(bad.status == 2);
    CHECK(bad.out.find("bad.toml:3:1") != std::string::npos);
  }
}

TEST_CASE("check: a clean merge of a PM branch is not blamed on the merger: the side commits are judged") {
  isolate_git_config();
  TempDir tmp;
  CliRepo repo(tmp.str() + "/repo");
  repo.write(".laneguard.toml", team());
  commit_as(repo, "Erin", "erin@acme.test", "base");
  repo.run("git checkout -q -b feature");
  repo.write("src/auth/pm.py", "pm\n");
  std::string side = commit_as(repo, "Pat", "pat@acme.test", "PM touches auth");
  repo.run("git checkout -q main");
  repo.write("README", "readme\n");
  commit_as(repo, "Erin", "erin@acme.test", "main moves on");
  repo.run("GIT_AUTHOR_NAME=Erin GIT_AUTHOR_EMAIL=erin@acme.test GIT_COMMITTER_NAME=Erin "
           "GIT_COMMITTER_EMAIL=erin@acme.test git merge -q --no-ff -m 'Merge feature' feature");
  std::string merge = repo.head();
  auto doc = nlohmann::json::parse(run_laneguard(repo, "check --format json").out);
  auto rules = rules_by_commit(doc);
  CHECK(rules.count(merge) == 0);
  CHECK(rules[side] == std::set<std::string>{"lane-crossing", "missing-approval"});
}

TEST_CASE("check: bad input gets one clear line and the documented exit status") {
  isolate_git_config();
  TempDir tmp;
  CliRepo repo(tmp.str() + "/repo");
  repo.write("a", "a\n");
  repo.commit_all("first");
  Run unknown = run_laneguard(repo, "check no-such-rev");
  CHECK(unknown.status == 2);
  CHECK(unknown.out.find("no-such-rev") != std::string::npos);
  Run format = run_laneguard(repo, "check --format yaml");
  CHECK(format.status == 2);
  int status = 0;
  std::string out = sh("cd " + quote(tmp.str()) + " && " + quote(LANEGUARD_BINARY) + " check 2>&1", true, &status);
  CHECK(WEXITSTATUS(status) == 3);
  CHECK(out.find("not a git repository") != std::string::npos);

  // A path that is not UTF-8 and a binary, huge message still give valid JSON.
  repo.write(std::string("src/auth/caf\xe9.py"), "x\n");
  std::string big(200000, 'x');
  big[1000] = '\0';
  repo.write(".git/big-msg", "huge\n\n" + std::string(200000, 'y') + "\n");
  repo.run("git add -A && git commit -q -F .git/big-msg");
  Run weird = run_laneguard(repo, "check --format json");
  CHECK(weird.status == 1);
  auto doc = nlohmann::json::parse(weird.out);
  CHECK(doc["findings"].size() >= 1);
}
