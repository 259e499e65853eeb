// PLACEHOLDER until this part is built: every function throws. Replace the whole file.
#include "agreement/agreement.h"
#include <stdexcept>
#define LG_TODO throw std::logic_error(std::string("not built yet: ") + __func__)
namespace laneguard {
const Person* Agreement::person(std::string_view) const { LG_TODO; }
const Person* Agreement::person_by_email(std::string_view) const { LG_TODO; }
const Person* Agreement::person_by_username(std::string_view) const { LG_TODO; }
const Lane* Agreement::lane(std::string_view) const { LG_TODO; }
bool Agreement::is_member(const Lane&, std::string_view) const { LG_TODO; }
bool Agreement::is_protected_branch(std::string_view) const { LG_TODO; }
std::vector<LintNote> lint_notes(const Agreement&) { LG_TODO; }
Ownership owner_of(const Agreement&, std::string_view) { LG_TODO; }
std::vector<AreaMatch> areas_covering(const Agreement&, std::string_view) { LG_TODO; }
}  // namespace laneguard
