// What tiers (agreement/tiers.h) need to know of the staged change beyond its paths: which staged
// paths are deletions (a deleted test is no companion), from the index's entries, when a tier has a
// companion or changelog item; and the line counts, asked of git/line_counts.h only when a limit on
// lines applies to the change (it reads the staged blobs).
#pragma once
#include <git2.h>

#include "agreement/agreement.h"
#include "facts/change.h"
#include "local/staged.h"

namespace laneguard::local {

void add_staged_tier_facts(const Agreement& agreement, git_repository* repo, const StagedChange& staged, Change& change);

}  // namespace laneguard::local
