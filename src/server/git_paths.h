// Touched paths of many ordinary (non-merge) commits at once, from git itself:
// `git diff-tree --stdin -r --raw -z --no-renames --root --always`, run in the hook's repository
// (it inherits the quarantine variables git gives the hook, so it sees the pushed objects).
//
// Why not libgit2: libgit2 1.5 re-applies whole delta chains for every tree it reads (its pack
// cache keeps chain bases only), which makes a 5,000-commit push on a 50,000-file tree 4-5x
// slower than git. The paths are git's own, which is also what the differential tests compare
// Repository::commit_facts against. Merges still go through commit_facts (brought_in).
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "server/budget.h"

namespace laneguard::server {

// commit id -> touched paths against its first parent (root commit: every path), sorted, unique.
// Every id in `ids` gets an entry. Throws GitError when git fails or its output does not match
// the commits asked for, BudgetExceeded (after killing git) when the budget runs out.
std::unordered_map<std::string, std::vector<std::string>> touched_paths_by_git(
    const std::string& git_dir, const std::vector<std::string>& ids, const Budget& budget);

}  // namespace laneguard::server
