// prototype-promotion for a commit not made yet (pre-commit, commit-msg): the staged blobs of the
// commit's paths against HEAD's tree, through the same scanner as every other mode.
#pragma once
#include <optional>
#include <string>

#include "agreement/agreement.h"
#include "facts/change.h"
#include "git/repository.h"

namespace laneguard::local {

// Fills commit.copies (commit from staged_commit: paths, HEAD as its parent). `index_file` as for
// open_index. Nothing without a [promotion] table.
void scan_staged_promotions(const git::Repository& repo, const Agreement& agreement,
                            const std::optional<std::string>& index_file, CommitFacts& commit);

}  // namespace laneguard::local
