// The pre-receive hook's stdin (server/ref_update.cc): "<old> <new> <ref>" lines. Any bytes are either
// ref updates with two object ids each, or a UsageError naming the line.
#include <cstdint>
#include <sstream>

#include "fuzz.h"
#include "server/ref_update.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in{std::string(laneguard::fuzz::bytes(data, size))};
  try {
    for (const auto& u : laneguard::server::parse_ref_updates(in)) {
      laneguard::fuzz::require(!u.ref.empty(), "an update names a ref");
      laneguard::fuzz::require(!(u.creates() && u.deletes()), "an update never both creates and deletes");
      if (auto branch = u.branch()) laneguard::fuzz::require(u.ref == "refs/heads/" + *branch, "a branch is under refs/heads/");
    }
  } catch (const laneguard::UsageError& e) {
    laneguard::fuzz::require(std::string_view(e.what()).substr(0, 11) == "stdin line ", "the error names the line");
  }
  return 0;
}
