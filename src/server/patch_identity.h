// Rebased and cherry-picked commits (SPEC section 4): a commit patch-identical (`git patch-id
// --stable`) to one someone else introduced inherits that commit's introducer and authors; its new
// committer (the engineer who rebased a PM's commits) is not an author for that reason alone.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "git/repository.h"
#include "server/budget.h"

namespace laneguard::server {

// The stable patch id of a commit against its first parent (the empty tree for a root); "" for a
// merge or a commit that changes nothing.
std::string patch_id(const git::Repository& repo, const std::string& commit_id);

// Commits on the server that a push may have rebased or cherry-picked: reachable from `tips`
// (every ref before the push) but not from `hidden` (the updated branch's old tip and new tip),
// non-merges only, at most `limit`, newest first.
std::vector<std::string> rebase_candidates(const git::Repository& repo, const std::vector<std::string>& tips,
                                           const std::vector<std::string>& hidden, std::size_t limit);

// For each of `commits`, the first of `candidates` with the same patch id (commit -> original).
std::unordered_map<std::string, std::string> patch_identical(const git::Repository& repo,
                                                             const std::vector<std::string>& commits,
                                                             const std::vector<std::string>& candidates,
                                                             const Budget& budget);

}  // namespace laneguard::server
