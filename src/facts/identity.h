// Identities as git writes them ("Name <email>") and their resolution to the agreement's people.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "util/text.h"  // iequals, lower: callers of identities compare with them

namespace laneguard {

struct Agreement;
struct Person;

struct Identity {
  std::string name;
  std::string email;     // as written; compare with iequals
  std::string username;  // a hosting account (pusher, PR login); empty when not known
  bool empty() const { return name.empty() && email.empty() && username.empty(); }
  std::string display() const;  // "Name <email>", or the username
};

// "Jane Doe <jane@x.test>" -> {Jane Doe, jane@x.test}. nullopt when there is no <email>.
std::optional<Identity> parse_identity(std::string_view text);

// A hosting account as the server or CI names it ("erin", or "erin@acme.test" where the platform
// authenticates by email, as REMOTE_USER may): matched against `usernames` and `emails` alike.
Identity account_identity(std::string_view account);

// The person an identity belongs to (email, else username), or nullptr.
const Person* resolve_person(const Agreement& agreement, const Identity& identity);

}  // namespace laneguard
