// The change a commit is about to record (pre-commit, commit-msg): HEAD's tree against the index
// git is committing. git hands hooks that index in GIT_INDEX_FILE (a temporary one for
// `git commit PATH`, index.lock for `git commit -a`); libgit2's git_repository_index ignores it, so
// the index is opened by path. Paths come from index entries' ids and modes: no blob is read.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "git/handle.h"

namespace laneguard::local {

struct StagedChange {
  std::optional<std::string> head;  // HEAD's commit id; nullopt on an unborn branch
  std::optional<std::string> branch;  // short name of the branch HEAD points to ("main")
  // Added, modified (content or mode), deleted and type-changed paths, as
  // `git diff --cached --name-only --no-renames` lists them: sorted, unique.
  std::vector<std::string> paths;
};

// The index a hook should read: $GIT_INDEX_FILE when set (relative to the working directory, as git
// gives it), else nullopt (the repository's own index).
std::optional<std::string> index_file_from_env();

// Opens the index at `index_file`, or the repository's index when nullopt.
git::IndexPtr open_index(git_repository* repo, const std::optional<std::string>& index_file);

// What git would list: from the index file directly (skipping every directory whose cache-tree
// id equals HEAD's tree there), or from git itself when the index uses a format this reader does
// not handle (split or sparse index; libgit2 1.5 cannot read those either).
StagedChange staged_change(git_repository* repo, const std::optional<std::string>& index_file);

// The staged content of `path` (stage 0), or nullopt when the index has no such entry.
std::optional<std::string> staged_content(git_repository* repo, git_index* index, const std::string& path);

}  // namespace laneguard::local
