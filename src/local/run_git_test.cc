// run_git against the real git: stdout exactly as git writes it, failures with git's stderr.
#include "local/run_git.h"

#include <doctest/doctest.h>

#include "tests/testing.h"
#include "util/error.h"

using namespace laneguard;
using namespace laneguard::testing;

TEST_CASE("local: run_git returns stdout byte for byte and fails with git's own message") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  cli.write("a b.txt", "x\n");
  cli.write("c.txt", "y\n");
  cli.run("git add -A");
  std::string listed = local::run_git({"-C", cli.dir, "ls-files", "-z"});
  CHECK(listed == std::string("a b.txt\0c.txt\0", 14));  // NULs kept, no newline added
  CHECK(local::run_git({"-C", cli.dir, "ls-files", "-z"}, {{"GIT_INDEX_FILE", tmp.str() + "/none"}}).empty());
  try {
    local::run_git({"-C", cli.dir, "rev-parse", "--verify", "no-such-branch"});
    FAIL("no error");
  } catch (const GitError& e) {
    std::string what = e.what();
    CHECK(what.find("git -C " + cli.dir + " rev-parse --verify no-such-branch failed: fatal:") == 0);
    CHECK(what.back() != '\n');
  }
}
