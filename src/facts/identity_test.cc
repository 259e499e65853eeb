// Identities: parsing "Name <email>", display, and resolution to the agreement's people.
#include "facts/identity.h"

#include <doctest/doctest.h>

#include "agreement/agreement.h"

namespace laneguard {

TEST_CASE("identity: parse_identity") {
  auto jane = parse_identity("Jane Doe <jane@x.test>");
  REQUIRE(jane);
  CHECK(jane->name == "Jane Doe");
  CHECK(jane->email == "jane@x.test");
  CHECK(jane->username.empty());

  auto spaced = parse_identity("  Jane   Doe\t <  jane@x.test >  ");
  REQUIRE(spaced);
  CHECK(spaced->name == "Jane Doe");
  CHECK(spaced->email == "jane@x.test");

  auto no_name = parse_identity("<bot@x.test>");
  REQUIRE(no_name);
  CHECK(no_name->name.empty());
  CHECK(no_name->email == "bot@x.test");

  auto aider = parse_identity("aider (gpt-4o) <aider@aider.chat>");
  REQUIRE(aider);
  CHECK(aider->name == "aider (gpt-4o)");

  CHECK_FALSE(parse_identity("jane@x.test"));
  CHECK_FALSE(parse_identity("Jane Doe"));
  CHECK_FALSE(parse_identity("Jane <jane@x.test"));
  CHECK_FALSE(parse_identity(""));
  CHECK_FALSE(parse_identity("<>"));
  CHECK_FALSE(parse_identity("Jane <not an address>"));
}

TEST_CASE("identity: display") {
  CHECK(Identity{"Jane Doe", "jane@x.test", ""}.display() == "Jane Doe <jane@x.test>");
  CHECK(Identity{"", "jane@x.test", ""}.display() == "<jane@x.test>");
  CHECK(Identity{"", "", "jane"}.display() == "jane");
  CHECK(Identity{"Jane", "jane@x.test", "jdoe"}.display() == "Jane <jane@x.test>");
  CHECK(Identity{}.empty());
  CHECK_FALSE(Identity{"", "", "jane"}.empty());
}

TEST_CASE("identity: resolve_person by email (any case), then username") {
  Agreement agreement;
  Person erin;
  erin.key = "erin";
  erin.emails = {"erin@acme.test", "1234+erin@users.noreply.github.com"};
  erin.usernames = {"erin"};
  Person pat;
  pat.key = "pat";
  pat.emails = {"pat@acme.test"};
  pat.usernames = {"PatPM"};
  agreement.people = {erin, pat};

  auto key = [&](const Identity& who) {
    const Person* p = resolve_person(agreement, who);
    return p ? p->key : std::string("<nobody>");
  };
  CHECK(key({"Erin", "ERIN@Acme.Test", ""}) == "erin");
  CHECK(key({"", "1234+Erin@users.noreply.github.com", ""}) == "erin");
  CHECK(key({"", "", "patpm"}) == "pat");
  CHECK(key({"Pat", "pat-other@acme.test", "PATPM"}) == "pat");  // email unknown: username
  CHECK(key({"Erin", "erin@elsewhere.test", ""}) == "<nobody>");
  CHECK(key({"erin", "", ""}) == "<nobody>");  // a name alone identifies nobody
  CHECK(key({}) == "<nobody>");
}

TEST_CASE("identity: iequals and to_lower are ASCII") {
  CHECK(iequals("Reviewed-By", "reviewed-by"));
  CHECK_FALSE(iequals("Reviewed-By", "reviewed-b"));
  CHECK_FALSE(iequals("a", "b"));
  CHECK(iequals("", ""));
  CHECK(lower("MiXeD-Case@X.TEST") == "mixed-case@x.test");
  CHECK(lower("\xC3\x89") == "\xC3\x89");  // non-ASCII bytes untouched
  CHECK_FALSE(iequals("\xC3\x89", "\xC3\xA9"));
}

}  // namespace laneguard
