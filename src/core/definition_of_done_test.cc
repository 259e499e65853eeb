// Tiers' definitions of done and size limits, judged by the evaluator on hand-built facts.
#include "core/definition_of_done.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "core/evaluate.h"
#include "tests/testing.h"

using namespace laneguard;

namespace {

const char* kTiers = R"([[tier]]
name = "production"
paths = ["src/**"]
[[tier.done]]
name = "tests beside the code"
companion = ["{dir}/{stem}_test.{ext}", "/tests/**"]
for = ["*.py"]
except = ["*_test.py"]
[[tier.done]]
trailer = "Rollback"
[[tier.done]]
changelog = ["/CHANGELOG.md"]
severity = "notice"
[tier.size]
lanes = ["pm"]
max_files = 3
max_lines = 10
max_areas = 1
severity = "block")";

const Agreement& agreement() {
  static Agreement a = parse_agreement(testing::team_agreement({kTiers}), "t.toml");
  return a;
}

PathEntry present() {
  PathEntry e;
  e.mode = 0100644;
  return e;
}

// A commit by `email` changing `paths` (a leading '-' marks a deletion), with `message`.
CommitFacts commit(const std::string& id, const std::string& email, std::vector<std::string> paths,
                   const std::string& message = "Change\n\nRollback: revert") {
  CommitFacts c;
  c.id = id;
  c.author = {"Someone", email, ""};
  c.committer = c.author;
  c.message = message;
  c.trailers = parse_trailers(message);
  std::sort(paths.begin(), paths.end(), [](const std::string& a, const std::string& b) {
    return (a[0] == '-' ? a.substr(1) : a) < (b[0] == '-' ? b.substr(1) : b);
  });
  for (const std::string& p : paths) {
    bool deleted = p[0] == '-';
    c.paths.push_back(deleted ? p.substr(1) : p);
    c.path_entries.push_back(deleted ? PathEntry{} : present());
  }
  return c;
}

std::vector<Finding> judge(const Change& change, const Agreement& a = agreement()) {
  return evaluate(a, change, Context{}).findings;
}

std::vector<Finding> of_rule(const std::vector<Finding>& all, const std::string& rule, const std::string& text = "") {
  std::vector<Finding> out;
  for (const Finding& f : all)
    if (f.rule == rule && f.message.find(text) != std::string::npos) out.push_back(f);
  return out;
}

Change change_of(std::vector<CommitFacts> commits, Extent extent = Extent::whole) {
  Change c;
  c.id = "change";
  c.commits = std::move(commits);
  c.extent = extent;
  return c;
}

}  // namespace

TEST_CASE("definition of done: a companion in a later commit of what lands counts, a deleted or unrelated one does not") {
  auto f = of_rule(judge(change_of({commit("a", "erin@acme.test", {"src/x/foo.py", "CHANGELOG.md"})})),
                   rule::kDefinitionOfDone, "tests beside the code");
  REQUIRE(f.size() == 1);
  CHECK(f[0].paths == std::vector<std::string>{"src/x/foo.py"});
  CHECK(f[0].message.find("src/x/foo.py needs a changed src/x/foo_test.py or tests/**") != std::string::npos);
  CHECK(f[0].severity == Severity::warn);
  CHECK(f[0].area == "tier production");

  Change split = change_of({commit("a", "erin@acme.test", {"src/x/foo.py", "CHANGELOG.md"}),
                            commit("b", "erin@acme.test", {"src/x/foo_test.py"})},
                           Extent::landing);
  CHECK(of_rule(judge(split), rule::kDefinitionOfDone).empty());

  CHECK(of_rule(judge(change_of({commit("a", "erin@acme.test", {"src/x/foo.py", "-src/x/foo_test.py", "CHANGELOG.md"})})),
                rule::kDefinitionOfDone, "tests beside")
            .size() == 1);
  CHECK(of_rule(judge(change_of({commit("a", "erin@acme.test", {"src/x/foo.py", "src/y/foo_test.py", "CHANGELOG.md"})})),
                rule::kDefinitionOfDone, "tests beside")
            .size() == 1);
  // The test itself needs no test; a deleted file needs none; docs outside `for` need none.
  CHECK(of_rule(judge(change_of({commit("a", "erin@acme.test", {"src/x/foo_test.py", "-src/x/old.py", "src/x/README.md",
                                                                 "CHANGELOG.md"})})),
                rule::kDefinitionOfDone)
            .empty());
}

TEST_CASE("definition of done: trailers per commit, companions and changelogs on the whole") {
  std::vector<CommitFacts> two = {commit("a", "erin@acme.test", {"src/x/foo.py"}, "No trailer"),
                                  commit("b", "erin@acme.test", {"docs/x.md"}, "Docs only")};
  // One commit of a push judged on its own: the trailer, not the companion or the changelog.
  auto part = judge(change_of({two[0]}, Extent::commit));
  CHECK(of_rule(part, rule::kDefinitionOfDone, "Rollback").size() == 1);
  CHECK(of_rule(part, rule::kDefinitionOfDone, "tests beside").empty());
  CHECK(of_rule(part, rule::kDefinitionOfDone, "changelog").empty());
  // The push as a whole: the companion and the changelog, not the trailer (already judged).
  auto whole = judge(change_of(two, Extent::landing));
  CHECK(of_rule(whole, rule::kDefinitionOfDone, "Rollback").empty());
  CHECK(of_rule(whole, rule::kDefinitionOfDone, "tests beside").size() == 1);
  auto changelog = of_rule(whole, rule::kDefinitionOfDone, "changelog");
  REQUIRE(changelog.size() == 1);
  CHECK(changelog[0].severity == Severity::notice);
  // A commit that does not touch the tier needs no trailer; an empty value is no trailer.
  CHECK(of_rule(judge(change_of({two[1]})), rule::kDefinitionOfDone).empty());
  CHECK(of_rule(judge(change_of({commit("c", "erin@acme.test", {"src/a.md"}, "X\n\nRollback:   ")})),
                rule::kDefinitionOfDone, "Rollback")
            .size() == 1);
  // Many files are named a few at a time, in a list with its commas where they belong.
  std::vector<std::string> many;
  for (int i = 0; i < 8; ++i) many.push_back("src/m" + std::to_string(i) + ".py");
  auto listed = of_rule(judge(change_of({commit("d", "erin@acme.test", many, "No trailer")}, Extent::commit)),
                        rule::kDefinitionOfDone, "Rollback");
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].message.find("(src/m0.py, src/m1.py, src/m2.py and 5 more)") != std::string::npos);
  // pre-commit: no message yet, so no trailer is asked for.
  Context pre;
  pre.message_known = false;
  CHECK(of_rule(evaluate(agreement(), change_of({two[0]}), pre).findings, rule::kDefinitionOfDone, "Rollback").empty());
}

TEST_CASE("oversized change: only a limited lane's, counted over every commit of what lands") {
  std::vector<CommitFacts> parts;
  for (int i = 0; i < 4; ++i) parts.push_back(commit("c" + std::to_string(i), "pat@acme.test", {"src/f" + std::to_string(i) + ".md"}));
  for (const CommitFacts& c : parts) CHECK(of_rule(judge(change_of({c}, Extent::commit)), rule::kOversizedChange).empty());
  auto f = of_rule(judge(change_of(parts, Extent::landing)), rule::kOversizedChange);
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::block);
  CHECK(f[0].message.find("change by pat (pm) to tier production is too large") != std::string::npos);
  CHECK(f[0].message.find("4 files (limit 3)") != std::string::npos);
  // The same change by engineering: no limit.
  std::vector<CommitFacts> theirs;
  for (int i = 0; i < 4; ++i) theirs.push_back(commit("e" + std::to_string(i), "erin@acme.test", {"src/f" + std::to_string(i) + ".md"}));
  CHECK(of_rule(judge(change_of(theirs, Extent::landing)), rule::kOversizedChange).empty());
  // A PM co-author makes it a PM's change.
  theirs[2].co_authors.push_back({"Pat", "pat@acme.test", ""});
  CHECK(of_rule(judge(change_of(theirs, Extent::landing)), rule::kOversizedChange).size() == 1);
  // Lines: only the tier's files count, and only when counted.
  Change lines = change_of({commit("l", "pat@acme.test", {"src/a.md", "docs/b.md"})});
  lines.lines = {{"docs/b.md", 500}, {"src/a.md", 11}};
  CHECK(of_rule(judge(lines), rule::kOversizedChange).empty());  // not counted: no lines limit judged
  lines.lines_counted = true;
  auto l = of_rule(judge(lines), rule::kOversizedChange);
  REQUIRE(l.size() == 1);
  CHECK(l[0].message.find("11 changed lines (limit 10)") != std::string::npos);
  // Areas: src/auth/** is the team's protected area "authentication"; a second area makes two.
  Agreement two = parse_agreement(testing::team_agreement({kTiers, R"([[protected]]
name = "billing"
paths = ["src/billing/**"]
owners = ["engineering"])"}), "t.toml");
  auto a = of_rule(judge(change_of({commit("x", "pat@acme.test", {"src/auth/a.md", "src/billing/b.md"})}), two),
                   rule::kOversizedChange);
  REQUIRE(a.size() == 1);
  CHECK(a[0].message.find("2 protected areas, authentication and billing (limit 1)") != std::string::npos);
}

TEST_CASE("definition of done: companions found among many paths exactly as matching each pattern finds them") {
  // The evaluator asks anchored companion patterns only of the paths that start with their literal
  // part; compare with asking every changed path.
  Agreement a = parse_agreement(testing::team_agreement({R"([[tier]]
name = "production"
paths = ["**"]
[[tier.done]]
companion = ["{dir}/{stem}_test.{ext}", "{dir}/Tests/**", "*_spec.{ext}", "/Docs/{stem}.md", "/lib/X/**"]
for = ["*.py", "/build/*.txt"]
except = ["*_test.py", "*_spec.py", "vendor/", "/lib/x/z/"])"}), "t.toml");
  std::mt19937 rng(7);
  // Directories of one and of several levels, ones a directory-only `except` covers at any depth
  // or anchored, a non-ASCII one and the root (each matched whole, not split at the last '/').
  const std::vector<std::string> dirs = {"src", "src/a", "SRC/a", "src/a/tests", "src/a/Tests", "docs", "lib/x",
                                         "src/a/foo_test.py", "Docs", "lib/x-y", "lib/x.d", "lib/x/z",
                                         "src/vendor", "src/Vendor/q", "build", "src/caf\xc3\xa9", ""};
  const std::vector<std::string> names = {"foo.py", "Foo.py", "foo_test.py", "FOO_TEST.py", "bar_spec.py", "foo.md",
                                          "bar.py", "x.txt", "caf\xc3\xa9.py"};
  for (int round = 0; round < 400; ++round) {
    std::vector<std::string> paths;
    int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      const std::string& dir = dirs[rng() % dirs.size()];
      paths.push_back((dir.empty() ? "" : dir + "/") + names[rng() % names.size()]);
    }
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    std::vector<std::string> expected;
    for (const std::string& p : paths) {
      const DoneItem& item = a.tiers[0].done[0];
      auto any = [&](const std::vector<PathPattern>& list) {
        return std::any_of(list.begin(), list.end(), [&](const PathPattern& pat) { return pat.matches(p); });
      };
      bool subject = any(item.for_paths) && !any(item.except);
      if (!subject) continue;
      bool found = false;
      for (const std::string& c : item.companions) {
        PathPattern pat = PathPattern::compile(companion_pattern(c, p), false);
        for (const std::string& q : paths) found = found || (q != p && pat.matches(q));
      }
      if (!found) expected.push_back(p);
    }
    auto f = of_rule(judge(change_of({commit("r", "erin@acme.test", paths)}), a), rule::kDefinitionOfDone);
    std::vector<std::string> got = f.empty() ? std::vector<std::string>{} : f[0].paths;
    CHECK(got == expected);
  }
}
