// Which agreement applies to a command run in a working tree (check, the local hooks, explain):
// `--agreement FILE` when given, else .laneguard.toml at the repository root, else the embedded
// default. (The server and CI never read the working tree: see SPEC section 4.)
#pragma once
#include <optional>
#include <string>

#include "agreement/agreement.h"

namespace laneguard {

inline constexpr const char* kAgreementFileName = ".laneguard.toml";

// The top of the working tree containing `start` (like `git rev-parse --show-toplevel`), with no
// trailing '/'; nullopt outside a repository or in a bare one.
std::optional<std::string> worktree_root(const std::string& start = ".");

// The .laneguard.toml path at the root of the working tree containing `start` when that file
// exists; nullopt otherwise.
std::optional<std::string> worktree_agreement_path(const std::string& start = ".");

// Loads the agreement for a working tree. An explicit path that cannot be read or is invalid,
// or an invalid .laneguard.toml, throws AgreementError (never silently falls back).
Agreement load_agreement_for_worktree(const std::optional<std::string>& explicit_path,
                                      const std::string& start = ".");

}  // namespace laneguard
