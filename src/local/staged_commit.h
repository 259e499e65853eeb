// The commit a `git commit` is about to make, as the evaluator's CommitFacts: the staged paths, the
// local user as author and committer, and (commit-msg) the message as git will store it.
#pragma once
#include <string>
#include <string_view>

#include "facts/change.h"
#include "local/hook_env.h"
#include "local/staged.h"

namespace laneguard::local {

inline constexpr const char* kStagedId = "staged changes";

// Pure. `message` is the cleaned message (empty at pre-commit: no trailers exist yet).
CommitFacts staged_commit(const StagedChange& staged, const LocalUser& user, std::string_view message);

}  // namespace laneguard::local
