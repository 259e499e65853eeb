// Changed lines per path between two trees, for tiers that limit them (agreement/tiers.h): the
// only reader of blobs in a size check, so adapters call it only when a limit on lines is set.
// Counts as `git diff --numstat --no-renames` does (added plus deleted lines; a binary file 0).
#pragma once
#include <git2.h>

#include <optional>
#include <string>
#include <vector>

#include "facts/change.h"

namespace laneguard::git {

// Between the trees of commits `from` (nullopt: the empty tree) and `to`, sorted by path.
std::vector<PathLines> changed_lines(git_repository* repo, const std::optional<std::string>& from,
                                     const std::string& to);
// What lands: between `from` and `to` when the landing has a start, else (a new branch) the sum
// of each non-merge commit of `commits` against its first parent.
std::vector<PathLines> landing_lines(git_repository* repo, const std::optional<std::string>& from, const std::string& to,
                                     const std::vector<CommitFacts>& commits);
// Between the tree of commit `head` (nullopt: an unborn branch) and `index` (what a commit records).
std::vector<PathLines> staged_lines(git_repository* repo, const std::optional<std::string>& head, git_index* index);

}  // namespace laneguard::git
