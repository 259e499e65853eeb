// Replay against git itself: the merged tree is `git merge-tree --write-tree`'s, the picked tree
// `git cherry-pick`'s, a conflict is nullopt, and nothing is written to the repository.
#include "git/replay.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "tests/testing.h"

using namespace laneguard;
using testing::CliRepo;
using testing::TempDir;

namespace {
std::size_t loose_objects(const std::string& dir) {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir + "/.git/objects")) {
    if (entry.is_regular_file() && entry.path().parent_path().filename().string().size() == 2) ++n;
  }
  return n;
}
}  // namespace

TEST_CASE("replay: merged and picked trees are git's, conflicts are none, nothing is written") {
  testing::isolate_git_config();
  TempDir tmp;
  CliRepo repo(tmp.str() + "/work");
  repo.write("a.txt", "one\ntwo\nthree\nfour\nfive\n");
  repo.write("b.txt", "b\n");
  repo.commit_all("Initial");
  repo.run("git checkout -q -b side");
  repo.write("a.txt", "one\ntwo\nthree\nfour\nFIVE\n");
  std::string side1 = repo.commit_all("Side: five");
  repo.write("c.txt", "c\n");
  std::string side2 = repo.commit_all("Side: c");
  repo.run("git checkout -q main");
  repo.write("a.txt", "ONE\ntwo\nthree\nfour\nfive\n");  // both change a.txt: a clean content merge
  std::string main_tip = repo.commit_all("Main: one");
  repo.run("git checkout -q -b other main~1");
  repo.write("a.txt", "one\ntwo\nthree\nfour\nfive?\n");  // conflicts with side
  std::string other = repo.commit_all("Other: five?");
  repo.run("git checkout -q main");

  git::Repository git_repo = git::Repository::discover(repo.dir);
  std::size_t before = loose_objects(repo.dir);
  git::Replay replay(git_repo);
  std::optional<std::string> merged = replay.merged_tree(main_tip, side2);
  REQUIRE(merged);
  std::optional<std::string> picked = replay.picked_tree(side1, main_tip);
  REQUIRE(picked);
  CHECK(!replay.merged_tree(other, side2));   // five? against FIVE
  CHECK(!replay.picked_tree(side1, other));
  CHECK(loose_objects(repo.dir) == before);   // the merged a.txt and the trees stayed in memory
  // git writes them (to disk): the same trees.
  CHECK(*merged == testing::trim(repo.run("git merge-tree --write-tree " + main_tip + " " + side2)));
  repo.run("git checkout -q --detach " + main_tip + " && git cherry-pick " + side1);
  CHECK(*picked == testing::trim(repo.run("git rev-parse HEAD^{tree}")));
}
