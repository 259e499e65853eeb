// PLACEHOLDER until this part is built: every function throws. Replace the whole file.
#include "facts/identity.h"
#include <stdexcept>
#define LG_TODO throw std::logic_error(std::string("not built yet: ") + __func__)
namespace laneguard {
std::string Identity::display() const { LG_TODO; }
std::optional<Identity> parse_identity(std::string_view) { LG_TODO; }
const Person* resolve_person(const Agreement&, const Identity&) { LG_TODO; }
bool iequals(std::string_view, std::string_view) { LG_TODO; }
std::string to_lower(std::string_view) { LG_TODO; }
}  // namespace laneguard
