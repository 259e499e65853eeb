// PLACEHOLDER until this part is built: every function throws. Replace the whole file.
#include "facts/ai_markers.h"
#include "agreement/agreement.h"
#include <stdexcept>
#define LG_TODO throw std::logic_error(std::string("not built yet: ") + __func__)
namespace laneguard {
bool is_ai_identity(const Identity&, const AiSettings&) { LG_TODO; }
std::vector<std::string> find_ai_markers(const Identity&, const Identity&, const std::vector<Identity>&, std::string_view, const AiSettings&) { LG_TODO; }
}  // namespace laneguard
