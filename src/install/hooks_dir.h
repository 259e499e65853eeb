// Where git runs a repository's hooks, as git itself decides it.
#pragma once
#include <string>

#include "git/handle.h"

namespace laneguard::install {

// The directory git runs this repository's hooks from, asked of git (`git rev-parse --git-path
// hooks` in the working tree's root, a bare repository's directory), so that every place git reads
// core.hooksPath counts as git counts it: the repository's config, the global one (GIT_CONFIG_GLOBAL,
// ~/.gitconfig, XDG), the system one, `include`s, GIT_CONFIG_COUNT and `git -c`, `~/` expanded. A
// relative core.hooksPath is relative to where git runs hooks: the working tree's root (a bare
// repository's directory). Without core.hooksPath: the common git dir's hooks/ (worktrees share it).
std::string hooks_dir(git_repository* repo);

// Where git runs hooks from: the working tree's root, else (bare) the repository's directory; no
// trailing '/'.
std::string hooks_cwd(git_repository* repo);

}  // namespace laneguard::install
