// PLACEHOLDER until this part is built: every function throws. Replace the whole file.
#include "core/evaluate.h"
#include <stdexcept>
#define LG_TODO throw std::logic_error(std::string("not built yet: ") + __func__)
namespace laneguard {
Judgement evaluate(const Agreement&, const Change&, const Context&) { LG_TODO; }
void apply_override(const Agreement&, const std::string&, const std::string&, std::vector<Finding>&) { LG_TODO; }
}  // namespace laneguard
