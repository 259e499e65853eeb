// Differential: the server's fast path (commit_metadata + touched_paths_by_git) must give exactly
// what Repository::commit_facts gives, on real commits: adds, deletes, renames, mode and type
// changes, symlinks, a root commit, an empty commit, odd file names (including one named like a
// commit id), nested directories.
#include <doctest/doctest.h>

#include <algorithm>

#include "git/repository.h"
#include "git/testing_repo.h"
#include "server/commit_metadata.h"
#include "server/git_paths.h"

using namespace laneguard;
using namespace laneguard::git::testing;

namespace {
git::Library library;  // for the whole test binary, as the other git tests do
}  // namespace

TEST_CASE("server paths from git diff-tree equal Repository::commit_facts") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/repo");
  std::vector<std::string> ids;
  cli.write("src/auth/login.py", "a\n");
  cli.write("README.md", "r\n");
  ids.push_back(cli.commit_all("Root commit"));
  cli.write("src/auth/login.py", "b\n");
  cli.write("docs/a b/c\tt.md", "tab and space\n");
  cli.write("\xc3\xa9t\xc3\xa9.txt", "utf-8\n");
  ids.push_back(cli.commit_all("Edit\n\nReviewed-by: Erin <erin@acme.test>\nCo-authored-by: Eli <eli@acme.test>"));
  cli.run("mkdir -p prototypes && git mv src/auth/login.py prototypes/login.py && chmod +x README.md && ln -s README.md link");
  ids.push_back(cli.commit_all("Rename, mode change, symlink"));
  cli.run("git rm -q -r docs && rm link && mkdir link && echo x > link/file");
  ids.push_back(cli.commit_all("Delete a directory, a symlink becomes a directory"));
  ids.push_back(cli.commit_all("Empty"));
  // A file named like its parent commit's id: a path must never be taken for a commit header.
  cli.write(ids.back(), "tricky\n");
  cli.write("src/auth/z.py", "after the tricky name\n");
  ids.push_back(cli.commit_all("Tricky name"));

  git::Repository repo = git::Repository::discover(cli.dir);
  std::vector<std::string> newest_first(ids.rbegin(), ids.rend());
  server::Budget budget(3600);
  auto paths = server::touched_paths_by_git(repo.git_dir(), newest_first, budget);
  REQUIRE(paths.size() == ids.size());
  for (const auto& id : ids) {
    CAPTURE(id);
    CommitFacts expected = repo.commit_facts(id);
    CommitFacts got = server::commit_metadata(repo, id);
    got.paths = paths.at(id);
    CHECK(got.paths == expected.paths);
    CHECK(got.message == expected.message);
    CHECK(got.subject == expected.subject);
    CHECK(got.author.email == expected.author.email);
    CHECK(got.committer.name == expected.committer.name);
    CHECK(got.parents == expected.parents);
    CHECK(got.trailers.size() == expected.trailers.size());
    CHECK(got.co_authors.size() == expected.co_authors.size());
  }
  CHECK(paths.at(ids[2]).size() == 4);  // login.py from and to, README.md mode, link
  CHECK(std::find(paths.at(ids.back()).begin(), paths.at(ids.back()).end(), "src/auth/z.py") !=
        paths.at(ids.back()).end());
}

TEST_CASE("server paths: a missing commit is an error, never an empty answer") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/repo");
  cli.write("a", "a\n");
  cli.commit_all("One");
  git::Repository repo = git::Repository::discover(cli.dir);
  server::Budget budget(3600);
  CHECK_THROWS(server::touched_paths_by_git(repo.git_dir(), {std::string(40, 'e')}, budget));
  server::Budget spent(0);
  CHECK_THROWS_AS(server::touched_paths_by_git(repo.git_dir(), {cli.head()}, spent), server::BudgetExceeded);
}
