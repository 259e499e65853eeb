// Tiers' definitions of done and size limits (agreement/tiers.h): part of the evaluator
// (core/evaluate.h), pure. Which rules apply depends on what the change is of what lands
// (Change::extent): trailers are judged per commit; companions, changelogs and size limits on all
// that lands together (a pull request, a push to a branch, the commit a local hook sees), so that
// splitting a change into commits changes nothing.
#pragma once
#include <set>
#include <span>
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "agreement/path_index.h"
#include "core/finding.h"
#include "facts/change.h"

namespace laneguard {

namespace rule {
inline constexpr const char* kDefinitionOfDone = "definition-of-done";
inline constexpr const char* kOversizedChange = "oversized-change";
}  // namespace rule

Severity severity_of(TierSeverity s);

// `judged[i]`: the paths commit i is judged on (a merge's own change), viewed where they are kept.
using JudgedPaths = std::vector<std::span<const std::string>>;

// Which judged paths are in which tier.
struct TierHits {
  // paths[t]: every commit's paths in tier t (agreement.tiers order), sorted and unique.
  std::vector<std::vector<std::string>> paths;
  // per_commit[t][i]: commit i's, in judged order; empty for a change of one commit (its own are
  // paths[t]: not kept twice). of_commit() reads either.
  std::vector<std::vector<std::vector<std::string>>> per_commit;
  const std::vector<std::string>& of_commit(std::size_t t, std::size_t i) const {
    return per_commit.empty() ? paths[t] : per_commit[t][i];
  }
};
TierHits tier_hits(const Agreement& agreement, const JudgedPaths& judged);

// Who the change is by, as the evaluator resolved its authors.
struct DoneAuthors {
  const std::set<std::string>* people;     // person keys of every author
  const std::vector<std::string>* labels;  // for Finding::people
};

// `message_known`: false at pre-commit (no message yet: trailers are not judged).

// The definition of done's items and the size limits of every tier the change touches, as
// findings (`definition-of-done`, one per item that is missing; `oversized-change`, one per tier).
void judge_definition_of_done(const Agreement& agreement, const Change& change,
                              const JudgedPaths& judged, const TierHits& hits,
                              const DoneAuthors& authors, PathIndex& index, bool message_known,
                              std::vector<Finding>& out);

}  // namespace laneguard
