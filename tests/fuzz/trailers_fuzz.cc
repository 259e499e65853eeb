// The trailer parser (facts/trailers.cc): any commit message gives trailers whose keys are git's
// `[A-Za-z0-9-]+` and whose values are unfolded (no line break). The differential comparison with
// `git log --format=%(trailers)` on this corpus is tests/fuzz/trailers_vs_git.sh.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "facts/trailers.h"
#include "fuzz.h"

namespace {
std::string render(const std::vector<laneguard::Trailer>& trailers) {
  std::string out;
  for (const auto& t : trailers) out += t.key + ": " + t.value + "\n";
  return out;
}
}  // namespace

// With LANEGUARD_FUZZ_PRINT set, `fuzz_trailers FILE...` does not fuzz: it prints each file's
// trailers as git prints `%(trailers:only,unfold)%x00` ("Key: value" lines, a NUL, a newline), in
// order, and exits. tests/fuzz/trailers_vs_git.sh compares that with git.
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  if (!std::getenv("LANEGUARD_FUZZ_PRINT")) return 0;
  for (int i = 1; i < *argc; ++i) {
    std::ifstream in((*argv)[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", (*argv)[i]);
      std::exit(2);
    }
    std::string message((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string out = render(laneguard::parse_trailers(message)) + std::string(1, '\0') + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  std::exit(0);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto trailers = laneguard::parse_trailers(laneguard::fuzz::bytes(data, size));
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
