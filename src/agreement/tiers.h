// Tiers of software (`[[tier]]` in the agreement): which paths are a prototype, an internal tool
// or production, and for each its review, its definition of done and its size limits. Plain data
// and the lookups on it; judged in core/definition_of_done.h and core/evaluate.cc.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agreement/pattern.h"

namespace laneguard {

// How much a check of a tier weighs, as the agreement says it (`severity = "warn"`); the evaluator
// turns it into the finding's severity.
enum class TierSeverity { notice, warn, block };

// `[tier.review]`: how many approvals a change to the tier's code needs, and from whom: members of
// `lanes`, or (anyone) any person the agreement lists who is not an author of the change. Never an
// author, a bot or an AI, as for protected areas.
struct TierReview {
  int approvals = 0;               // 0: no review
  std::vector<std::string> lanes;  // lane keys; empty with anyone
  bool anyone = false;             // `from = "anyone"`
  TierSeverity severity = TierSeverity::block;
};

// One item of a tier's definition of done (`[[tier.done]]`): exactly one of
// - a companion: each changed file of the tier matching `for_paths` (and none of `except`) needs a
//   changed (not deleted) path matching one of `companions`, after placeholders are replaced by the
//   file's own: {dir} its directory, {name} its file name, {stem} the name without its last
//   extension, {ext} that extension (without the dot). With a placeholder a pattern is anchored at
//   the root; the file itself never counts as its own companion.
// - a trailer: every commit that changes the tier's code carries `trailer` with a value.
// - a changelog: the change also changes (not deletes) a path matching one of `changelog`.
struct DoneItem {
  enum class Kind { companion, trailer, changelog } kind = Kind::companion;
  std::string name;                    // for messages: `name = "..."`, else generated
  std::vector<PathPattern> for_paths;  // companion: which of the tier's files need one (default: all)
  std::vector<PathPattern> except;     // companion: files that need none (tests themselves)
  std::vector<std::string> companions; // companion: patterns with placeholders, validated at load
  std::string trailer;                 // trailer key, without ':'
  std::vector<PathPattern> changelog;  // changelog paths
  TierSeverity severity = TierSeverity::warn;
  int line = 0, column = 0;
};

// `[tier.size]`: limits on a change to the tier's code by a member of `lanes` (its author, a
// co-author, or whoever pushed or opened it), judged on the change as a whole. 0: no limit.
struct TierSize {
  std::vector<std::string> lanes;
  int max_files = 0;  // the tier's files the change touches
  int max_lines = 0;  // added plus deleted lines in those files
  int max_areas = 0;  // protected areas ([[protected]]) those files are in
  TierSeverity severity = TierSeverity::warn;
  bool any() const { return max_files > 0 || max_lines > 0 || max_areas > 0; }
};

struct Tier {
  std::string name;
  std::vector<PathPattern> paths;
  TierReview review;
  std::vector<DoneItem> done;
  TierSize size;
  int line = 0, column = 0;
};

// The tier a path is in: the tier whose matching pattern is the most specific (the first listed on
// a tie), nullptr when none matches.
const Tier* tier_of(const std::vector<Tier>& tiers, std::string_view path);

// Whether any tier limits changed lines (only then do adapters count them: it reads blobs).
bool tiers_count_lines(const std::vector<Tier>& tiers);

// A companion pattern with the placeholders of `path` filled in (each value escaped, so that a file
// named `a*b.cc` asks for exactly `a*b_test.cc`), and anchored at the root when it had any.
std::string companion_pattern(std::string_view pattern, std::string_view path);
// The placeholders a companion pattern may use; an unknown `{word}` is an error at load.
bool companion_placeholders_valid(std::string_view pattern, std::string* bad);

// "Rollback: trailer", "tests beside the code (src/**/*.cc needs {dir}/{stem}_test.cc or tests/**)".
std::string done_item_text(const DoneItem& item);
std::string tier_review_text(const TierReview& review);

}  // namespace laneguard
