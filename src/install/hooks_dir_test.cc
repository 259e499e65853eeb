#include "install/hooks_dir.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "tests/testing.h"

using namespace laneguard;
using laneguard::testing::TempDir;
namespace fs = std::filesystem;

namespace {

git::RepositoryPtr open_repo(const std::string& path) {
  git_repository* raw = nullptr;
  git::check(git_repository_open_ext(&raw, path.c_str(), 0, nullptr), "open " + path);
  return git::RepositoryPtr(raw);
}

std::string canonical(const std::string& p) { return fs::weakly_canonical(p).string(); }

// Where git itself runs a hook: a pre-commit hook that prints its directory, run by a real commit
// (a bare repository: by `git hook run`, which git 2.36+ has, from the repository's directory).
std::string where_git_runs(const TempDir& dir, const std::string& repo, const std::string& expected_dir) {
  fs::create_directories(expected_dir);
  std::ofstream(expected_dir + "/pre-commit") << "#!/bin/sh\ncd \"$(dirname \"$0\")\" && pwd -P > \"$WHERE\"\n";
  fs::permissions(expected_dir + "/pre-commit", fs::perms::owner_all);
  std::string where = dir.str() + "/where";
  fs::remove(where);
  dir.run("cd " + testing::quote(repo) + " && WHERE=" + testing::quote(where) +
          " git -c user.name=P -c user.email=p@x commit -q --allow-empty -m probe");
  std::ifstream in(where);
  std::string line;
  std::getline(in, line);
  fs::remove(expected_dir + "/pre-commit");
  return line;
}

}  // namespace

TEST_CASE("hooks_dir is where git runs the hooks") {
  testing::isolate_git_config();
  TempDir dir;
  std::string repo = dir.str() + "/repo";
  dir.run("git init -q -b main repo && git -C repo commit -q --allow-empty -m init && git init -q --bare bare.git");
  auto check_repo = [&](const std::string& path, const std::string& want) {
    std::string got = canonical(install::hooks_dir(open_repo(path).get()));
    CHECK(got == canonical(want));
    CHECK(where_git_runs(dir, path, got) == canonical(want));
  };
  check_repo(repo, repo + "/.git/hooks");
  CHECK(canonical(install::hooks_dir(open_repo(dir.str() + "/bare.git").get())) == canonical(dir.str() + "/bare.git/hooks"));

  // The repository's config, relative to the working tree's root wherever laneguard starts.
  dir.run("git -C repo config core.hooksPath .githooks && mkdir -p repo/sub");
  check_repo(repo, repo + "/.githooks");
  CHECK(canonical(install::hooks_dir(open_repo(repo + "/sub").get())) == canonical(repo + "/.githooks"));
  dir.run("git -C repo config core.hooksPath " + dir.str() + "/shared-hooks");
  check_repo(repo, dir.str() + "/shared-hooks");

  // The global config named by GIT_CONFIG_GLOBAL, a relative path in it, ~/ expanded, an include.
  dir.run("git -C repo config --unset core.hooksPath");
  std::string global = dir.str() + "/global-config";
  std::ofstream(global) << "[core]\n\thooksPath = global-hooks\n";
  ::setenv("GIT_CONFIG_GLOBAL", global.c_str(), 1);
  check_repo(repo, repo + "/global-hooks");
  std::string old_home = ::getenv("HOME") ? ::getenv("HOME") : "";
  ::setenv("HOME", dir.str().c_str(), 1);
  std::ofstream(global) << "[core]\n\thooksPath = ~/home-hooks\n";
  check_repo(repo, dir.str() + "/home-hooks");
  std::ofstream(dir.path / "included") << "[core]\n\thooksPath = " << dir.str() << "/included-hooks\n";
  std::ofstream(global) << "[include]\n\tpath = " << dir.str() << "/included\n";
  check_repo(repo, dir.str() + "/included-hooks");
  // The repository's own value wins over the global one, as in git.
  dir.run("git -C repo config core.hooksPath local-hooks");
  check_repo(repo, repo + "/local-hooks");
  ::setenv("HOME", old_home.c_str(), 1);
  ::setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);

  // A worktree shares the main repository's hooks.
  dir.run("git -C repo config --unset core.hooksPath && git -C repo worktree add -q ../wt");
  CHECK(canonical(install::hooks_dir(open_repo(dir.str() + "/wt").get())) == canonical(repo + "/.git/hooks"));
  CHECK(where_git_runs(dir, dir.str() + "/wt", repo + "/.git/hooks") == canonical(repo + "/.git/hooks"));
}
