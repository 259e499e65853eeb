// Identities as git writes them ("Name <email>") and their resolution to the agreement's people.
#include "facts/identity.h"

#include "agreement/agreement.h"

namespace laneguard {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Trimmed, with every run of whitespace inside collapsed to one space.
std::string squeeze(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (char c : s) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string Identity::display() const {
  if (!email.empty()) return name.empty() ? "<" + email + ">" : name + " <" + email + ">";
  if (!username.empty()) return username;
  return name;
}

std::optional<Identity> parse_identity(std::string_view text) {
  std::size_t lt = text.find('<');
  if (lt == std::string_view::npos) return std::nullopt;
  std::size_t gt = text.find('>', lt + 1);
  if (gt == std::string_view::npos) return std::nullopt;
  Identity identity;
  identity.name = squeeze(text.substr(0, lt));
  identity.email = squeeze(text.substr(lt + 1, gt - lt - 1));
  if (identity.email.find(' ') != std::string::npos) return std::nullopt;  // not an address
  if (identity.name.empty() && identity.email.empty()) return std::nullopt;
  return identity;
}

Identity account_identity(std::string_view account) {
  Identity id;
  id.username = squeeze(account);
  if (id.username.find('@') != std::string::npos && id.username.find(' ') == std::string::npos)
    id.email = id.username;
  return id;
}

const Person* resolve_person(const Agreement& agreement, const Identity& identity) {
  if (!identity.email.empty())
    if (const Person* p = agreement.person_by_email(identity.email)) return p;
  if (!identity.username.empty())
    if (const Person* p = agreement.person_by_username(identity.username)) return p;
  return nullptr;
}

}  // namespace laneguard
