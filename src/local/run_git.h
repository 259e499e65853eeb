// Running git itself, for the rare cases libgit2 cannot read (a split or sparse index).
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace laneguard::local {

// Runs `git ARGS...` with extra environment variables, returns its stdout. A non-zero exit or a
// failure to start: GitError with git's stderr.
std::string run_git(const std::vector<std::string>& args,
                    const std::vector<std::pair<std::string, std::string>>& env = {});

}  // namespace laneguard::local
