// The staged change's line counts, for tiers that limit changed lines (agreement/tiers.h): asked of
// git/line_counts.h only when the agreement sets such a limit (it reads the staged blobs).
#pragma once
#include <git2.h>

#include "agreement/agreement.h"
#include "facts/change.h"
#include "local/staged.h"

namespace laneguard::local {

void add_staged_lines(const Agreement& agreement, git_repository* repo, const StagedChange& staged, Change& change);

}  // namespace laneguard::local
