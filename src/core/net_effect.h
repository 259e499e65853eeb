// A landed range's net effect (SPEC section 2), the pure half: which paths the agreement guards,
// and the Change that judges the paths no commit of the range explains.
#pragma once
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "agreement/path_index.h"
#include "facts/change.h"

namespace laneguard {

// True when a change to `path` is judged by some rule of the agreement: it lies in a protected
// area, or in a lane that asks outsiders for approval.
bool is_guarded(const Agreement& agreement, const std::string& path);
bool is_guarded(PathIndex& index, const std::string& path);  // the same, through the index

// The net-effect Change: `last` (the range's last commit, whose tree is the range's end) judged on
// `unexplained` alone, as its own change. Callers add extra authors (the pusher, the pull
// request's author) and approvals as their mode authenticates them.
Change net_effect_change(CommitFacts last, std::vector<std::string> unexplained);

}  // namespace laneguard
