// What lands together as one change (Extent::landing, facts/change.h): a push to one branch, a
// landed range `check A..B`, built from the commits already judged one by one, for the rules that
// judge the whole (tiers' companions, changelogs and size limits, core/definition_of_done.h).
// Pure.
#pragma once
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "facts/change.h"

namespace laneguard {

// Whether any tier has a rule of the whole: only then is a landing worth building.
bool tiers_judge_landing(const Agreement& agreement);

// Whether the change needs its lines counted (Change::lines): a tier it touches limits changed lines
// and one of its authors (commit author, committer, co-author, extra author) is in that limit's
// lanes. Counting reads blobs, so adapters ask this first.
bool needs_line_counts(const Agreement& agreement, const Change& change);

// Keeps what the rules of the whole read of a commit (paths, entries, authors), not its message.
CommitFacts landing_facts(const CommitFacts& commit);

// `id`: the tip that lands (findings name it). `extra`: who brought the commits (introducers).
Change landing_change(std::string id, std::vector<CommitFacts> commits, std::vector<ExtraAuthor> extra);

}  // namespace laneguard
