// The trailer parser (facts/trailers.cc): any commit message gives trailers whose keys are git's
// `[A-Za-z0-9-]+` and whose values are unfolded (no line break). The differential comparison with
// `git log --format=%(trailers)` on this corpus is tests/fuzz/trailers_vs_git.sh.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "facts/trailers.h"
#include "fuzz.h"

// With LANEGUARD_FUZZ_PRINT set, each input's trailers are printed to stdout as git prints
// `%(trailers:only,unfold)%x00` ("Key: value" lines, then a NUL and a newline): trailers_vs_git.sh.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool print = std::getenv("LANEGUARD_FUZZ_PRINT") != nullptr;
  auto trailers = laneguard::parse_trailers(laneguard::fuzz::bytes(data, size));
  if (print) {
    std::string out;
    for (const auto& t : trailers) out += t.key + ": " + t.value + "\n";
    out += std::string(1, '\0') + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
  }
  for (const laneguard::Trailer& t : trailers) {
    laneguard::fuzz::require(!t.key.empty(), "a trailer has a key");
    for (char c : t.key)
      laneguard::fuzz::require((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-',
                               "a trailer key is [A-Za-z0-9-]+");
    laneguard::fuzz::require(t.value.find('\n') == std::string::npos, "a trailer value is unfolded");
    laneguard::fuzz::require(laneguard::trailer_key_is(t, t.key), "a key is its own key");
  }
  return 0;
}
