// The tree differ on trees as deep as git accepts: a 20,000-directory path (40 KB, which git 2.39
// pushes happily) used to exhaust the stack in the recursive differ.
#include <doctest/doctest.h>

#include "git/repository.h"
#include "tests/testing.h"

using namespace laneguard;
using namespace laneguard::git;
using namespace laneguard::testing;

namespace {
git::Library library;
}

TEST_CASE("tree diff: a 20,000-directory-deep path is read without exhausting the stack") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/deep");
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "d/";
  deep += "f";
  std::string stream = "commit refs/heads/main\ncommitter A <a@acme.test> 1700000000 +0000\ndata 4\ndeep\nM 100644 inline " +
                       deep + "\ndata 2\nx\n\n";
  cli.write(".git/deep.fi", stream);
  cli.run("git fast-import --quiet < .git/deep.fi");
  auto repo = Repository::discover(cli.dir);
  CommitFacts f = repo.commit_facts("main");
  REQUIRE(f.paths.size() == 1);
  CHECK(f.paths[0] == deep);
  // And removing it again (the directory on the "before" side only).
  cli.write(".git/gone.fi", "commit refs/heads/main\ncommitter A <a@acme.test> 1700000060 +0000\ndata 4\ngone\nfrom refs/heads/main^0\nD d\n\n");
  cli.run("git fast-import --quiet < .git/gone.fi");
  CommitFacts gone = repo.commit_facts("main");
  REQUIRE(gone.paths.size() == 1);
  CHECK(gone.paths[0] == deep);
}
