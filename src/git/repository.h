// Facts from git through libgit2: revision ranges, commits and the paths they touch.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "facts/change.h"
#include "git/handle.h"

namespace laneguard::git {

class TreeReader;  // git/tree_reader.h

class Repository {
 public:
  // Discovers the repository from `path` (like git does from the working directory).
  // Not a repository: GitError "not a git repository: PATH".
  static Repository discover(const std::string& path = ".");
  // Opens the repository a hook runs in: $GIT_DIR (or "."), and makes the pushed objects in the
  // quarantine visible (GIT_QUARANTINE_PATH, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES,
  // C-quoted entries unquoted). Writes nothing.
  static Repository open_for_hook();

  git_repository* get() const { return repo_.get(); }
  std::string git_dir() const;
  std::optional<std::string> workdir() const;  // nullopt for a bare repository

  // Commit ids selected by git revision-range arguments, as `git rev-list ARGS` would list them
  // (newest first): "A..B", "A...B", "^A", "B", "HEAD~3". Unknown revision: UsageError naming it.
  std::vector<std::string> rev_list(const std::vector<std::string>& args) const;

  // Commits reachable from `tip` but from none of `hidden` (40-hex ids), newest first.
  std::vector<std::string> commits_between(const std::string& tip, const std::vector<std::string>& hidden) const;

  // Resolves a revision to a 40-hex commit id; nullopt when it does not exist.
  std::optional<std::string> resolve_commit(const std::string& rev) const;

  // Everything the evaluator needs about one commit; paths computed without loading blobs.
  CommitFacts commit_facts(const std::string& id) const;

  // The content of PATH in the tree of commit REV, or nullopt when either is missing.
  std::optional<std::string> read_file_at(const std::string& rev, const std::string& path) const;

  // A git config value (repository, then global/system), or nullopt.
  std::optional<std::string> config_string(const std::string& key) const;

 private:
  RepositoryPtr repo_;
  std::vector<std::string> object_dirs_;  // hook: quarantine and alternates added to the odb
  mutable std::shared_ptr<TreeReader> trees_;  // raw tree objects, read from packs directly
};

}  // namespace laneguard::git
