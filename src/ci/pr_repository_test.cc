// The git side of ci on real repositories made with the git CLI: base..head, the base's agreement
// (never the head's), and shallow clones that miss the base.
#include "ci/pr_repository.h"

#include <doctest/doctest.h>

#include <map>

#include "tests/testing.h"
#include "util/error.h"

using namespace laneguard;
using testing::CliRepo;
using testing::TempDir;

namespace {
const char* kAgreement = R"(version = 1
[agreement]
name = "Base agreement"
[lanes.engineering]
members = []
owns = ["**"]
[[protected]]
name = "authentication"
paths = ["src/auth/**"]
owners = ["engineering"]
)";
}  // namespace

TEST_CASE("ci repository: the commits of base..head, oldest first, and the base's agreement") {
  testing::isolate_git_config();
  TempDir tmp;
  CliRepo repo(tmp.str() + "/work");
  repo.write(".laneguard.toml", kAgreement);
  repo.write("README", "hi\n");
  std::string base = repo.commit_all("Initial");
  repo.run("git checkout -q -b feature");
  repo.write("src/auth/login.py", "x\n");
  std::string first = repo.commit_all("Add login");
  // The PR loosens the agreement: the head's copy must not judge it.
  repo.write(".laneguard.toml", "version = 1\n[agreement]\nname = \"Loosened\"\n");
  std::string second = repo.commit_all("Loosen the agreement");
  repo.run("git checkout -q main");
  repo.write("docs.md", "main moved on\n");
  std::string main_tip = repo.commit_all("Docs on main");

  git::Repository git_repo = git::Repository::discover(repo.dir);
  ci::PullRequest pr;
  pr.id = "pull request #1";
  pr.base = "main";
  pr.head = "feature";
  ci::resolve_pr_commits(git_repo, pr);
  CHECK(pr.base == main_tip);
  CHECK(pr.head == second);
  std::vector<CommitFacts> commits = ci::pr_commit_facts(git_repo, pr);
  REQUIRE(commits.size() == 2);
  CHECK(commits[0].id == first);
  CHECK(commits[1].id == second);
  // Differential: git lists the same commits.
  CHECK(testing::trim(repo.run("git rev-list --reverse main..feature")) == first + "\n" + second);

  Agreement agreement = ci::base_agreement(git_repo, pr.base, "");
  CHECK(agreement.name == "Base agreement");
  CHECK(agreement.source.find(":.laneguard.toml") != std::string::npos);
  // No agreement in the base: the embedded default, still not the head's.
  pr.base = base;
  repo.run("git checkout -q --orphan bare && git rm -rq --cached . && git commit -q --allow-empty -m empty");
  pr.base = testing::trim(repo.run("git rev-parse bare"));
  CHECK(ci::base_agreement(git_repo, pr.base, "").name == load_default_agreement().name);
}

TEST_CASE("ci repository: a base or head missing from the clone says how much history to fetch") {
  testing::isolate_git_config();
  TempDir tmp;
  CliRepo origin(tmp.str() + "/origin");
  origin.write("README", "hi\n");
  origin.commit_all("Initial");
  for (int i = 0; i < 5; ++i) {
    origin.write("f" + std::to_string(i), "x\n");
    origin.commit_all("Commit " + std::to_string(i));
  }
  std::string base = origin.head();
  origin.run("git checkout -q -b feature");
  origin.write("src/auth/login.py", "x\n");
  origin.commit_all("Add login");
  origin.write("src/auth/login.py", "y\n");
  std::string head = origin.commit_all("Fix login");
  // What actions/checkout does by default: one commit of the head, nothing else.
  testing::sh("git clone -q --depth 1 --branch feature file://" + origin.dir + " " + tmp.str() + "/shallow");
  git::Repository shallow = git::Repository::discover(tmp.str() + "/shallow");
  ci::PullRequest pr;
  pr.id = "pull request #3";
  pr.base = base;
  pr.head = head;
  try {
    ci::resolve_pr_commits(shallow, pr);
    FAIL("no error for a missing base");
  } catch (const GitError& e) {
    std::string what = e.what();
    CHECK(what.find("the base commit " + base + " of pull request #3 is not in this clone (it is a shallow clone)") == 0);
    CHECK(what.find("fetch-depth: 0") != std::string::npos);
    CHECK(e.exit_code == kExitGit);
  }
  // Deep enough to hold the base but not where the branch forked? Fetch the base alone: the merge base is missing.
  testing::sh("git -C " + tmp.str() + "/shallow fetch -q --depth 1 origin " + base);
  pr.base = base;
  pr.head = head;
  ci::resolve_pr_commits(shallow, pr);
  CHECK_THROWS_WITH_AS(ci::pr_commit_facts(shallow, pr), doctest::Contains("fetch-depth: 0"), GitError);
  // With the full history it works.
  testing::sh("git -C " + tmp.str() + "/shallow fetch -q --unshallow origin");
  git::Repository full = git::Repository::discover(tmp.str() + "/shallow");
  CHECK(ci::pr_commit_facts(full, pr).size() == 2);
}

TEST_CASE("ci repository: each commit of a merge group belongs to the first pull request in queue order that reaches it") {
  testing::isolate_git_config();
  TempDir tmp;
  CliRepo repo(tmp.str() + "/work");
  repo.write("README", "hi\n");
  std::string base = repo.commit_all("Initial");
  repo.run("git checkout -q -b one");
  repo.write("a.txt", "a\n");
  std::string a1 = repo.commit_all("A1");
  repo.run("git checkout -q -b two");  // stacked on one: its head reaches A1 too
  repo.write("b.txt", "b\n");
  std::string b1 = repo.commit_all("B1");
  // The queue: one merged onto main, then two onto that (the merges are GitHub's: nobody's).
  repo.run("git checkout -q --detach main && git merge -q --no-ff -m 'Merge #1' one && git merge -q --no-ff -m 'Merge #2' two");
  std::string head = repo.head();
  std::string g1 = testing::trim(repo.run("git rev-parse HEAD^1"));

  git::Repository git_repo = git::Repository::discover(repo.dir);
  ci::MergeGroup group;
  group.base = "main";
  group.head = head;
  group.queue_ref = "gh-readonly-queue/main/pr-2-x";
  group.pulls.resize(2);
  group.pulls[0].id = "pull request #1";
  group.pulls[0].number = "1";
  group.pulls[0].head = "one";
  group.pulls[1].id = "pull request #2";
  group.pulls[1].number = "2";
  group.pulls[1].head = "two";
  ci::GroupCommits grouped = ci::assign_group_commits(git_repo, group);
  CHECK(group.base == base);
  CHECK(group.pulls[0].head == a1);
  CHECK(group.pulls[1].head == b1);
  REQUIRE(grouped.commits.size() == 4);
  std::map<std::string, int> owner;
  for (std::size_t i = 0; i < grouped.commits.size(); ++i) owner[grouped.commits[i].id] = grouped.owner[i];
  CHECK(owner[a1] == 0);   // in both heads: the first in queue order has it
  CHECK(owner[b1] == 1);
  CHECK(owner[g1] == -1);  // the queue's merges: no pull request's
  CHECK(owner[head] == -1);
  // Only the second listed: A1 belongs to none.
  group.pulls.erase(group.pulls.begin());
  grouped = ci::assign_group_commits(git_repo, group);
  for (std::size_t i = 0; i < grouped.commits.size(); ++i) owner[grouped.commits[i].id] = grouped.owner[i];
  CHECK(owner[a1] == 0);  // two's head reaches it
  // A head that is not in the clone: say what to fetch.
  group.pulls[0].head = std::string(40, '7');
  CHECK_THROWS_WITH_AS(ci::assign_group_commits(git_repo, group),
                       doctest::Contains("the head commit 7777777777777777777777777777777777777777 of pull request #2 is not in this clone: fetch it (`git fetch origin refs/pull/2/head`"),
                       GitError);
}

TEST_CASE("ci repository: a commit a squashing or rebasing queue wrote is the pull request's whose work it exactly is") {
  testing::isolate_git_config();
  TempDir tmp;
  CliRepo repo(tmp.str() + "/work");
  repo.write("README", "hi\n");
  repo.commit_all("Initial");
  repo.run("git checkout -q -b one");
  repo.write("a.txt", "a\n");
  std::string a1 = repo.commit_all("A1");
  repo.write("a.txt", "a2\n");
  std::string a2 = repo.commit_all("A2");
  repo.run("git checkout -q -b two main");
  repo.write("b.txt", "b\n");
  std::string b1 = repo.commit_all("B1");
  // The queue: one rebased (both commits picked), two squashed, then a commit holding more than two's work.
  repo.run("git checkout -q --detach main");
  for (const std::string& id : {a1, a2}) {  // one commit a second, as the queue writes them
    repo.tick();
    repo.run("git cherry-pick " + id);
  }
  repo.tick();
  repo.run("git merge -q --squash two && git commit -q -m 'Two (#2)'");
  std::string squash = repo.head();
  repo.tick();
  repo.run("git merge -q --squash two; echo extra > c.txt && git add c.txt && git commit -q -m 'Two again (#2)'");
  std::string extra = repo.head();

  git::Repository git_repo = git::Repository::discover(repo.dir);
  ci::MergeGroup group;
  group.base = "main";
  group.head = extra;
  group.queue_ref = "gh-readonly-queue/main/pr-2-x";
  group.pulls.resize(2);
  group.pulls[0].id = "pull request #1";
  group.pulls[0].head = "one";
  group.pulls[1].id = "pull request #2";
  group.pulls[1].head = "two";
  ci::GroupCommits grouped = ci::assign_group_commits(git_repo, group);
  REQUIRE(grouped.commits.size() == 4);
  CHECK(grouped.commits[0].subject == "A1");
  CHECK(grouped.commits[0].id != a1);  // picked again: a new commit
  CHECK(grouped.owner == std::vector<int>{0, 0, 1, -1});  // rebased, rebased, squashed, more than its work
  CHECK(grouped.commits[2].id == squash);
  CHECK(grouped.commits[1].tree == testing::trim(repo.run("git rev-parse " + a2 + "^{tree}")));
  CHECK(group.pulls[1].head == b1);
}
