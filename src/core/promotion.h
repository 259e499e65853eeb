// prototype-promotion, the pure half: which copies of prototype code (facts/promotion.h) are a
// promotion under the agreement's [promotion] table, whether the change declares them, and the
// words of the finding. The evaluator (core/evaluate.cc) counts the destination lane's approvals.
#pragma once
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "agreement/path_index.h"
#include "core/finding.h"
#include "facts/change.h"

namespace laneguard {

// True when the evidence is a promotion by the agreement's measure: an exact copy or a move, a run
// of at least min_lines, or at least min_share of the file's added lines (when it adds at least
// min_lines of them).
bool is_promotion(const PromotionSettings& settings, const CopyEvidence& copy);

// One commit's promotion.
struct Promotion {
  const CommitFacts* commit = nullptr;
  std::vector<const CopyEvidence*> files;  // the destination files that cross the measure
  std::vector<std::string> sources;        // the prototype files they come from, sorted
  std::vector<std::string> undeclared;     // of those, the ones no declaration covers
  std::vector<const Lane*> to_lanes;       // the lanes owning the destination files
  std::vector<std::string> declarations;   // the change's declaring trailer values
};

// Every promotion of the change (nothing for a net effect, or without a [promotion] table).
// A declaration `Promoted-from: VALUE` in any commit of the change covers a source path equal to
// VALUE or under the directory VALUE.
std::vector<Promotion> find_promotions(const Agreement& agreement, const Change& change, PathIndex& paths);

Severity promotion_severity(const PromotionSettings& settings);
// "src/cart.js lines 4-31 copy prototypes/checkout/cart.js lines 2-29 (22 lines)", one per file.
std::vector<std::string> promotion_evidence(const PromotionSettings& settings, const Promotion& p);
std::string promotion_message(const Agreement& agreement, const Promotion& p);
std::string promotion_fix(const Agreement& agreement, const Promotion& p, const std::string& approvers);
std::string declared_promotion_message(const Agreement& agreement, const Promotion& p, const std::string& missing);
std::string accepted_promotion_message(const Agreement& agreement, const Promotion& p,
                                       const std::vector<std::string>& approved_by);

}  // namespace laneguard

namespace laneguard {
// For `laneguard explain PATH`: what [promotion] means for a path owned by `owner` ("" when the
// agreement has no [promotion] table or the path belongs to no lane).
std::string describe_promotion(const Agreement& agreement, const Lane* owner);
}  // namespace laneguard
