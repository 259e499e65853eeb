// Which commits a revision expression selects, decided by git itself: `git rev-list ARGS` runs
// in a subprocess (same repository, same work tree) and its ids are read one at a time, so every
// syntax git has (`A...B`, `X^!`, `X^-2`, `X^@`, `--all`, `--branches=GLOB`, `--not`, `--since`,
// `-- PATHS`) means what it means to git, and a range git refuses is refused with git's reason.
// Replace refs are ignored (GIT_NO_REPLACE_OBJECTS), as laneguard reads commits without them: an
// audit sees the commits as stored.
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace laneguard::git {

class GitProcess;
class Repository;

class RevisionWalk {
 public:
  // Starts the walk. `args` are rev-list arguments; none selects HEAD. An option that would
  // change what rev-list prints (--objects, --format, --parents, --count...) is a UsageError
  // before git runs.
  RevisionWalk(const Repository& repo, const std::vector<std::string>& args);
  ~RevisionWalk();
  RevisionWalk(const RevisionWalk&) = delete;
  RevisionWalk& operator=(const RevisionWalk&) = delete;

  // The next commit id (hex), in git rev-list's order; false at the end. Git refusing the
  // arguments: UsageError "git rev-list ...: fatal: ..." (with a hint in a shallow clone).
  bool next(std::string& id);

 private:
  [[noreturn]] void fail();
  std::unique_ptr<GitProcess> git_;
  bool shallow_ = false;
  bool done_ = false;
};

// True when `args` name no revision (only options such as --no-merges or --max-count=5, and
// paths after `--`): `check` then applies its default range.
bool names_no_revision(const std::vector<std::string>& args);

}  // namespace laneguard::git
