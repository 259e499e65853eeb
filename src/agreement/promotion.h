// [promotion]: production is a rebuild, never a promoted prototype. What the agreement says about
// code that moves from the lanes that prototype (the PM lane) into paths another lane owns.
#pragma once
#include <string>
#include <vector>

namespace laneguard {

struct PromotionSettings {
  bool enabled = false;                  // the table is present (and not `enabled = false`)
  std::vector<std::string> from_lanes;   // lane keys whose files are prototypes
  // A near copy: at least `min_lines` consecutive non-trivial lines (whitespace-normalised; blank
  // lines, braces, comments and imports ignored) that also stand in a from-lane file, or at least
  // `min_share` of a file's added non-trivial lines (when it adds at least `min_lines` of them).
  int min_lines = 6;
  double min_share = 0.6;
  enum class Level { notice, warn, block } severity = Level::block;
  int approvals = 1;                     // from the destination's lane, for a declared promotion
  std::string trailer = "Promoted-from";  // the trailer that declares it: `Promoted-from: prototypes/checkout/`
  int line = 0;                          // where the table starts, for lint and explain
};

}  // namespace laneguard
