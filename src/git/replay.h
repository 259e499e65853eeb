// What a merge queue that squashes or rebases writes, recomputed in memory: the tree of an
// automatic merge, and of a commit picked onto another. What libgit2 writes while merging (merged
// blobs, trees) goes to a backend in memory in front of the repository's object database, never
// to disk.
#pragma once
#include <git2.h>

#include <optional>
#include <string>

#include "git/repository.h"

namespace laneguard::git {

class Replay {
 public:
  // One per repository and run: the backend in memory stays in the repository's object database
  // (emptied when this is destroyed).
  explicit Replay(const Repository& repo);
  ~Replay();
  Replay(const Replay&) = delete;
  Replay& operator=(const Replay&) = delete;

  // The tree of the automatic merge of commits `ours` and `theirs` over their merge base (what
  // `git merge-tree --write-tree ours theirs` writes), or nullopt when it conflicts.
  std::optional<std::string> merged_tree(const std::string& ours, const std::string& theirs);
  // The tree of `commit` (not a merge) picked onto `onto` (`git cherry-pick`: its change against
  // its parent applied there), or nullopt when it conflicts.
  std::optional<std::string> picked_tree(const std::string& commit, const std::string& onto);

 private:
  const Repository& repo_;
  git_odb_backend* memory_ = nullptr;  // owned by the object database once added
  std::optional<std::string> write(git_index* index, const std::string& what);
};

}  // namespace laneguard::git
