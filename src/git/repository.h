// Facts from git through libgit2: revision ranges, commits and the paths they touch.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "facts/change.h"
#include "git/handle.h"
#include "git/pack_reader.h"

namespace laneguard::git {

class TreeReader;  // git/tree_reader.h
class CommitGraph;  // git/commit_graph.h

class Repository {
 public:
  // Discovers the repository from `path` (searching upwards, GIT_CEILING_DIRECTORIES honoured).
  // Not a repository: GitError "not a git repository: PATH". Ignores GIT_DIR and GIT_WORK_TREE:
  // commands use open_from_environment().
  static Repository discover(const std::string& path);
  // The repository git itself would use from the current directory (what `git rev-parse
  // --git-dir` and `--show-toplevel` print): $GIT_DIR when set (no search; the work tree is then
  // $GIT_WORK_TREE, else core.worktree, else the current directory unless core.bare), else
  // discovery upwards from ".", stopping at GIT_CEILING_DIRECTORIES and, unless
  // GIT_DISCOVERY_ACROSS_FILESYSTEM, at a file system boundary; linked worktrees through their
  // `commondir`. GIT_COMMON_DIR must agree with that (libgit2 cannot split a repository any other
  // way): GitError otherwise. `-C DIR` is main.cc's chdir before this.
  static Repository open_from_environment();
  // Opens the repository a hook runs in: $GIT_DIR (or "."), and makes the pushed objects in the
  // quarantine visible (GIT_QUARANTINE_PATH, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES,
  // C-quoted entries unquoted). Writes nothing.
  static Repository open_for_hook();
  // Another handle on the same repository, opened the same way (its git directory, the hook's
  // object directories, the work tree), with caches of its own: for reading on another thread
  // (a Repository is not to be used by two threads at once). Its pack reader shares this one's
  // mappings of the pack files (git/pack_reader.h), with `limits` of its own (for a handle that
  // reads less than a walk).
  Repository reopen(PackReaderLimits limits = {}) const;

  git_repository* get() const { return repo_.get(); }
  std::string git_dir() const;
  std::optional<std::string> workdir() const;  // nullopt for a bare repository

  // Commit ids selected by git revision arguments, exactly as `git rev-list ARGS` lists them (git
  // parses them: git/rev_list.h); no arguments means HEAD. Refused: UsageError with git's reason.
  std::vector<std::string> rev_list(const std::vector<std::string>& args) const;
  // True for a shallow clone (history cut at .git/shallow).
  bool is_shallow() const;

  // Commits reachable from `tip` but from none of `hidden` (40-hex ids), newest first.
  std::vector<std::string> commits_between(const std::string& tip, const std::vector<std::string>& hidden) const;

  // Resolves a revision to a 40-hex commit id; nullopt when it does not exist.
  std::optional<std::string> resolve_commit(const std::string& rev) const;

  // Everything the evaluator needs about one commit; paths computed without loading blobs.
  CommitFacts commit_facts(const std::string& id) const;

  // The content of PATH in the tree of commit REV, or nullopt when either is missing.
  std::optional<std::string> read_file_at(const std::string& rev, const std::string& path) const;

  // The best common ancestor of two commits (git merge-base A B), or nullopt when they share none.
  std::optional<std::string> merge_base(const std::string& a, const std::string& b) const;

  // The raw-tree reader the tree differ uses (cached; shared by every call on this repository).
  TreeReader& trees() const;
  // Merge bases for the merges commit_facts classifies (cached commits; shared likewise).
  CommitGraph& commit_graph() const;

  // A git config value (repository, then global/system), or nullopt.
  std::optional<std::string> config_string(const std::string& key) const;

 private:
  RepositoryPtr repo_;
  std::vector<std::string> object_dirs_;  // hook: quarantine and alternates added to the odb
  mutable std::shared_ptr<TreeReader> trees_;
  mutable std::shared_ptr<CommitGraph> graph_;
  mutable int shallow_ = -1;  // is_shallow(), asked of libgit2 once (it reads the file each time)
  // Creates trees_ and puts its pack reader in front of libgit2's object database (git/pack_reader.h).
  // `files_of`: a handle whose pack mappings the new reader shares (reopen()), with `limits`.
  void attach_pack_reader(const Repository* files_of = nullptr, PackReaderLimits limits = {});
  bool no_work_tree_ = false;  // opened from inside the git directory: git sees no work tree  // raw tree objects, read from packs directly
};

}  // namespace laneguard::git
