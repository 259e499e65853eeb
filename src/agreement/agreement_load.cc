// PLACEHOLDER until this part is built: every function throws. Replace the whole file.
#include "agreement/agreement.h"
#include <stdexcept>
#define LG_TODO throw std::logic_error(std::string("not built yet: ") + __func__)
namespace laneguard {
Agreement parse_agreement(std::string_view, const std::string&) { LG_TODO; }
Agreement load_agreement_file(const std::string&) { LG_TODO; }
Agreement load_default_agreement() { LG_TODO; }
}  // namespace laneguard
