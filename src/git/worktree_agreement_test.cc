// Finding a working tree's agreement: at the repository root, the embedded default when absent,
// never a silent fallback from an explicit or invalid file.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "git/worktree_agreement.h"
#include "git/handle.h"
#include "util/error.h"

using namespace laneguard;

TEST_CASE("worktree_agreement: the working tree's agreement is found at the repository root") {
  git::Library lib;
  char tmpl[] = "/tmp/laneguard-locate-XXXXXX";
  REQUIRE(mkdtemp(tmpl));
  std::string dir = tmpl;
  git_repository* raw = nullptr;
  REQUIRE(git_repository_init(&raw, dir.c_str(), 0) == 0);
  git::RepositoryPtr repo(raw);
  REQUIRE(system(("mkdir -p '" + dir + "/a/b'").c_str()) == 0);
  const char* saved_git_dir = std::getenv("GIT_DIR");
  const char* saved_work_tree = std::getenv("GIT_WORK_TREE");
  unsetenv("GIT_DIR");
  unsetenv("GIT_WORK_TREE");
  CHECK(worktree_root(dir + "/a/b") == dir);
  CHECK_FALSE(worktree_agreement_path(dir + "/a/b").has_value());
  CHECK(load_agreement_for_worktree(std::nullopt, dir + "/a/b").source == "<embedded default>");
  std::ofstream(dir + "/.laneguard.toml") << "version = 1\n[agreement]\nname = \"here\"\n";
  CHECK(worktree_agreement_path(dir + "/a/b") == dir + "/.laneguard.toml");
  Agreement a = load_agreement_for_worktree(std::nullopt, dir + "/a/b");
  CHECK(a.name == "here");
  CHECK(a.source == dir + "/.laneguard.toml");
  CHECK_THROWS_AS(load_agreement_for_worktree(std::string(dir + "/missing.toml"), dir), AgreementError);
  std::ofstream(dir + "/.laneguard.toml") << "version = 1\nbogus = 1\n";
  CHECK_THROWS_AS(load_agreement_for_worktree(std::nullopt, dir), AgreementError);
  if (saved_git_dir) setenv("GIT_DIR", saved_git_dir, 1);
  if (saved_work_tree) setenv("GIT_WORK_TREE", saved_work_tree, 1);
  REQUIRE(system(("rm -rf '" + dir + "'").c_str()) == 0);
}
