// AI markers (facts/ai_markers.cc): line 1 is the author, line 2 the committer ("Name <email>"),
// then co-authors one a line up to an empty line, then the commit message. An identity that is an
// AI tool's is always reported as a marker. Issue 10 defect 7 (40,000 co-author trailers, quadratic)
// is a regression input in regressions/ai_markers/.
#include <cstdint>

#include "agreement/agreement.h"
#include "facts/ai_markers.h"
#include "facts/identity.h"
#include "facts/trailers.h"
#include "fuzz.h"

using namespace laneguard;

namespace {
Identity identity(std::string_view line) {
  if (auto id = parse_identity(line)) return *id;
  return Identity{std::string(line), "", ""};
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const AiSettings settings;
  std::string_view text = fuzz::bytes(data, size);
  auto take_line = [&text]() {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    return line;
  };
  Identity author = identity(take_line());
  Identity committer = identity(take_line());
  std::vector<Identity> co_authors;
  while (!text.empty()) {
    std::string_view line = take_line();
    if (line.empty()) break;
    co_authors.push_back(identity(line));
  }
  // The co-authors a commit really declares come from its trailers, as the change builder reads them.
  for (const Trailer& t : parse_trailers(text))
    if (trailer_key_is(t, "Co-authored-by"))
      if (auto id = parse_identity(t.value)) co_authors.push_back(*id);
  auto markers = find_ai_markers(author, committer, co_authors, text, settings);
  if (is_ai_identity(author, settings) || is_ai_identity(committer, settings))
    fuzz::require(!markers.empty(), "an AI author or committer is a marker");
  return 0;
}
