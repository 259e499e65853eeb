// The agreement parser (agreement_load.cc on top of toml++): any bytes are either an Agreement or
// an AgreementError naming the file, line and column. Issue 10 defects 2 and 10 (a 50,000-deep
// table header, U+FE7F) are regression inputs in regressions/agreement/.
#include <cstdint>

#include "agreement/agreement.h"
#include "fuzz.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    laneguard::Agreement a = laneguard::parse_agreement(laneguard::fuzz::bytes(data, size), "fuzz.toml");
    (void)a;
  } catch (const laneguard::AgreementError& e) {
    laneguard::fuzz::require(e.file == "fuzz.toml", "an agreement error names the file");
  } catch (const laneguard::Error&) {
  }
  return 0;
}
