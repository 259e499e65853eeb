#include <doctest/doctest.h>

#include <sstream>

#include "server/ref_update.h"
#include "util/error.h"

using namespace laneguard::server;

TEST_CASE("ref updates: old new ref lines") {
  const std::string z(40, '0'), a(40, 'a'), b(40, 'b');
  std::istringstream in(z + " " + a + " refs/heads/release/1.2\n" + a + " " + b + " refs/tags/v1\n\n" + b + " " +
                        z + " refs/heads/main\r\n");
  auto updates = parse_ref_updates(in);
  REQUIRE(updates.size() == 3);
  CHECK(updates[0].creates());
  CHECK_FALSE(updates[0].deletes());
  CHECK(updates[0].branch() == std::optional<std::string>("release/1.2"));
  CHECK_FALSE(updates[1].branch().has_value());
  CHECK(updates[2].deletes());
  CHECK(updates[2].branch() == std::optional<std::string>("main"));
}

TEST_CASE("ref updates: a malformed line is an error naming it") {
  std::istringstream in("nonsense\n");
  CHECK_THROWS_AS(parse_ref_updates(in), laneguard::UsageError);
  std::istringstream extra(std::string(40, 'a') + " " + std::string(40, 'b') + " refs/heads/main junk\n");
  CHECK_THROWS_AS(parse_ref_updates(extra), laneguard::UsageError);
  std::istringstream upper(std::string(40, 'A') + " " + std::string(40, 'b') + " refs/heads/main\n");
  CHECK_THROWS_AS(parse_ref_updates(upper), laneguard::UsageError);
}

TEST_CASE("ref updates: both ids zero is refused, naming the line") {
  const std::string z(40, '0'), a(40, 'a');
  std::istringstream in(z + " " + a + " refs/heads/ok\n" + z + " " + z + " refs/heads/main\n");
  try {
    parse_ref_updates(in);
    FAIL("accepted a line with two zero ids");
  } catch (const laneguard::UsageError& e) {
    CHECK(std::string(e.what()).find("stdin line 2: both ids are zero") != std::string::npos);
  }
  std::istringstream sha256(std::string(64, '0') + " " + std::string(64, '0') + " refs/tags/v1\n");
  CHECK_THROWS_AS(parse_ref_updates(sha256), laneguard::UsageError);
}
