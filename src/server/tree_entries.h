// Tree entries git cannot check out (hole: a pushed tree that leaves a branch impossible to
// clone). Pure: judged on the paths a commit touches, which name every entry it adds.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "agreement/agreement.h"
#include "facts/change.h"
#include "git/repository.h"

namespace laneguard::server {

// Why a repository path holds an entry no checkout can write, or nullopt when it is fine:
// an empty component (an entry named "" or holding '/'), ".", "..", ".git" in any case, and the
// names Windows and macOS read as ".git" (trailing dots or spaces, "git~1", ignorable code points
// such as U+200C inside it), or a NUL byte.
std::optional<std::string> bad_tree_entry(std::string_view path);

// A directory pattern (`billing/`, `**/billing/**`) covers a symlink or a submodule at that path:
// a checkout puts a directory's worth of content there. For each touched path of `commit` that
// such a pattern of `agreement` would cover as a directory and that is a symlink or a submodule in
// the commit or its first parent, adds "PATH/" to commit.paths (kept sorted and unique).
void add_directory_like_entries(const git::Repository& repo, const Agreement& agreement, CommitFacts& commit);

}  // namespace laneguard::server
