#include "local/staged.h"

#include <doctest/doctest.h>

#include <random>
#include <sstream>

#include "git/handle.h"
#include "tests/testing.h"

using namespace laneguard;
using namespace laneguard::local;
using laneguard::testing::TempDir;

namespace {

git::RepositoryPtr open_repo(const std::string& path) {
  git_repository* raw = nullptr;
  git::check(git_repository_open(&raw, path.c_str()), "open " + path);
  return git::RepositoryPtr(raw);
}

// What git itself says is staged (NUL-separated, so no quoting).
std::vector<std::string> git_staged(const TempDir& dir, const std::string& env = "") {
  std::string out = dir.run(env + " git diff --cached --name-only --no-renames -z");
  std::vector<std::string> paths;
  std::string cur;
  for (char c : out) {
    if (c == '\0') { paths.push_back(cur); cur.clear(); } else cur += c;
  }
  return paths;
}

std::vector<std::string> ours(const TempDir& dir, const std::optional<std::string>& index_file = std::nullopt) {
  auto repo = open_repo(dir.str());
  return staged_change(repo.get(), index_file).paths;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& p : v) s += p + "\n";
  return s;
}

}  // namespace

TEST_CASE("staged_change: an unborn branch stages everything, like git diff --cached") {
  testing::isolate_git_config();
  TempDir dir;
  dir.run("git init -q -b main . && mkdir -p src/auth && echo a > src/auth/login.py && echo b > 'with space.txt' && "
          "git add .");
  auto repo = open_repo(dir.str());
  StagedChange s = staged_change(repo.get(), std::nullopt);
  CHECK_FALSE(s.head.has_value());
  CHECK(s.branch == std::optional<std::string>("main"));
  CHECK(join(s.paths) == join(git_staged(dir)));
  CHECK(s.paths.size() == 2);
}

TEST_CASE("staged_change agrees with git diff --cached over random edits") {
  testing::isolate_git_config();
  TempDir dir;
  dir.run("git init -q -b main . && git config core.quotepath false");
  std::mt19937 rng(20240611);
  const std::vector<std::string> names = {"src/auth/login.py", "src/auth/session.go", "src/pay/charge.py",
                                          "docs/readme.md",   "a",                   "a-b/c",
                                          "a.b",              "deep/x/y/z/w.txt",    "über/file ü.txt",
                                          "tools/run.sh",     "link",                "mod",
                                          "b/c/d.txt",        "b0",                  "b.x",
                                          "b-/y",             "b/c0",                "b/c/e"};
  // Seed commit with every name present as a file.
  std::ostringstream seed;
  for (const auto& n : names)
    seed << "mkdir -p \"$(dirname " << testing::quote(n) << ")\" && echo seed > " << testing::quote(n) << " && ";
  dir.run(seed.str() + "git add -A && git commit -qm seed");
  for (int round = 0; round < 40; ++round) {
    std::ostringstream ops;
    int n_ops = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n_ops; ++i) {
      const std::string& n = names[rng() % names.size()];
      std::string q = testing::quote(n);
      switch (rng() % 10) {
        case 0: ops << "mkdir -p \"$(dirname " << q << ")\"; rm -rf " << q << "; echo " << round << " > " << q << "; git add -A -- " << q << "; "; break;
        case 1: ops << "git rm -rq --cached --ignore-unmatch -- " << q << "; "; break;
        case 2: ops << "[ -f " << q << " ] && chmod +x " << q << " && git add -- " << q << "; "; break;
        case 3: ops << "mkdir -p \"$(dirname " << q << ")\"; rm -rf " << q << "; ln -s target" << round << " " << q << "; git add -A -- " << q << "; "; break;
        case 4:  // a submodule pointer (gitlink) at the path
          ops << "git rm -rq --cached --ignore-unmatch -- " << q << "; git update-index --add --cacheinfo 160000,"
              << "1234567890123456789012345678901234567" << (100 + round) << "," << q << "; ";
          break;
        case 5: ops << "git reset -q -- " << q << " 2>/dev/null; "; break;
        case 6: ops << "git commit -qm r" << round << " --allow-empty; "; break;
        case 7: ops << "mkdir -p \"$(dirname " << q << ")\"; rm -rf " << q << "; echo ita > " << q
                    << "; git rm -rq --cached --ignore-unmatch -- " << q << "; git add -N -- " << q << "; "; break;
        case 8: ops << "git update-index --index-version " << (2 + rng() % 3) << "; "; break;
        case 9: ops << "git read-tree HEAD; "; break;  // a complete cache-tree
      }
    }
    dir.run("{ " + ops.str() + "true; } >/dev/null 2>&1");
    INFO("round " << round << ": " << ops.str());
    CHECK(join(ours(dir)) == join(git_staged(dir)));
  }
}

TEST_CASE("staged_change asks git for a split index") {
  testing::isolate_git_config();
  TempDir dir;
  dir.run("git init -q -b main . && echo 1 > a && mkdir d && echo 1 > d/b && git add . && git commit -qm init && "
          "git update-index --split-index && echo 2 > d/b && git rm -q a && git add d/b");
  CHECK(join(ours(dir)) == join(git_staged(dir)));
  CHECK(join(ours(dir)) == "a\nd/b\n");
}

TEST_CASE("staged_change reads the index named by GIT_INDEX_FILE (a partial commit's temporary index)") {
  testing::isolate_git_config();
  TempDir dir;
  dir.run("git init -q -b main . && echo 1 > a && echo 1 > b && git add . && git commit -qm init && "
          "echo 2 > a && echo 2 > b && git add a && cp .git/index tmp-index && "
          "GIT_INDEX_FILE=tmp-index git add b && GIT_INDEX_FILE=tmp-index git reset -q -- a");
  std::string tmp = dir.str() + "/tmp-index";
  CHECK(join(ours(dir, tmp)) == join(git_staged(dir, "GIT_INDEX_FILE=tmp-index")));
  CHECK(join(ours(dir, tmp)) == "b\n");
  CHECK(join(ours(dir)) == "a\n");  // the repository's own index still stages a
}
