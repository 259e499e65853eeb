// What a push changes in the server's history, asked of libgit2 directly: the tips of every ref
// before the push, fast-forwards, and what a merge brings in.
#pragma once
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "git/repository.h"

namespace laneguard::server {

// The commit every ref points to (tags peeled; refs to non-commits skipped), unique.
// branch_tips: the branches (refs/heads/*, short names) `accept` says yes to.
std::vector<std::string> ref_tips(const git::Repository& repo);
std::vector<std::string> branch_tips(const git::Repository& repo,
                                     const std::function<bool(const std::string& branch)>& accept);

// The branches `accept` says yes to, as (tip, short name) pairs sorted by tip.
std::vector<std::pair<std::string, std::string>> branches_by_tip(
    const git::Repository& repo, const std::function<bool(const std::string& branch)>& accept);

// The tips of every ref except those named in `except` ("refs/heads/main"), tags peeled.
std::vector<std::string> branch_and_other_tips_except(const git::Repository& repo,
                                                      const std::unordered_set<std::string>& except);

// The commit an object id peels to (a tag to its commit); "" when it is not a commit or is missing.
std::string peel_to_commit(const git::Repository& repo, const std::string& id);

// True when `descendant` == `ancestor` or has it in its history. Throws GitError when either is missing.
bool is_fast_forward(const git::Repository& repo, const std::string& ancestor, const std::string& descendant);

// The ref an update really moves: `ref` itself, or the end of its chain of symbolic refs
// (`refs/heads/trunk -> refs/heads/main` gives "refs/heads/main"; git follows the chain when it
// applies the push). A ref that does not exist is itself.
std::string resolve_symbolic_ref(const git::Repository& repo, const std::string& ref);

// The parents of a commit, first parent first. Throws GitError when it is missing.
std::vector<std::string> parents_of(const git::Repository& repo, const std::string& id);

}  // namespace laneguard::server
