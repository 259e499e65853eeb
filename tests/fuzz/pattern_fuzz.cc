// Path patterns (agreement/pattern*.cc): the first line is a pattern, every further line a path.
// A pattern either compiles or is refused with std::invalid_argument; matching never fails, and a
// case-sensitive match is a case-insensitive one too (folding widens a pattern without a negated
// class), and a case-insensitive match ignores the case of the path's ASCII letters.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "agreement/pattern.h"
#include "fuzz.h"

using laneguard::PathPattern;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto lines = laneguard::fuzz::lines(laneguard::fuzz::bytes(data, size));
  if (lines.empty()) return 0;
  std::optional<PathPattern> exact, folded;
  try {
    exact = PathPattern::compile(lines[0], true);
  } catch (const std::invalid_argument&) {
  }
  try {
    folded = PathPattern::compile(lines[0], false);
  } catch (const std::invalid_argument&) {
  }
  laneguard::fuzz::require(exact.has_value() == folded.has_value(), "case folding does not change validity");
  if (!exact) return 0;
  (void)exact->specificity();
  // A negated class is left out of the superset invariant: a case-insensitive class is folded
  // as a set before it is negated, so `x[!b]` does not take `xB` although the case-sensitive
  // pattern does. What holds for every pattern: a case-insensitive match does not depend on the
  // case of the path's ASCII letters.
  const bool negated_class = lines[0].find("[!") != std::string_view::npos || lines[0].find("[^") != std::string_view::npos;
  for (size_t i = 1; i < lines.size(); ++i) {
    bool m = exact->matches(lines[i]);
    bool f = folded->matches(lines[i]);
    if (!negated_class) laneguard::fuzz::require(!m || f, "a case-sensitive match is a case-insensitive match");
    std::string swapped(lines[i]);
    for (char& c : swapped)
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) c = static_cast<char>(c ^ 0x20);
    laneguard::fuzz::require(folded->matches(swapped) == f, "a case-insensitive match ignores the path's case");
  }
  return 0;
}
