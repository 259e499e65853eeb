#include "server/audit_read.h"

#include <doctest/doctest.h>

#include <sstream>

#include "util/error.h"

using namespace laneguard;
using namespace laneguard::server;

TEST_CASE("audit read: the writer's lines read back as decisions and landings") {
  AuditEntry e;
  e.time = 1738324800;  // 2025-01-31T12:00:00Z
  e.pusher = "erin";
  e.refs.push_back({"refs/heads/main", std::string(40, 'a'), std::string(40, 'b'), true, 1});
  e.commits = {std::string(40, 'b')};
  e.accepted = true;
  e.push_id = std::string(32, 'f');
  e.override_reason = "INC-1: \"quoted\"\nand a newline";
  e.override_accepted = true;
  Finding f;
  f.rule = "self-approval";
  f.severity = Severity::warn;
  f.area = "auth";
  f.commit = std::string(40, 'b');
  e.findings.push_back(f);
  LandingEntry l;
  l.time = e.time + 1;
  l.push_id = e.push_id;
  l.landed = true;
  l.refs = e.refs;
  l.ref_landed = {true};
  std::istringstream in(audit_json_line(e) + "\n" + landing_json_line(l));
  AuditReader r;
  std::vector<AuditEntry> decisions;
  std::vector<LandingEntry> landings;
  r.decision = [&](const AuditEntry& d) { decisions.push_back(d); };
  r.landing = [&](const LandingEntry& d) { landings.push_back(d); };
  r.read(in, "audit.log");
  CHECK(r.lines == 2);
  CHECK(r.warnings.empty());
  REQUIRE(decisions.size() == 1);
  CHECK(decisions[0].time == e.time);
  CHECK(decisions[0].pusher == "erin");
  CHECK(decisions[0].accepted);
  CHECK(decisions[0].push_id == e.push_id);
  CHECK(decisions[0].override_reason == e.override_reason);
  CHECK(decisions[0].override_accepted);
  REQUIRE(decisions[0].findings.size() == 1);
  CHECK(decisions[0].findings[0].severity == Severity::warn);
  CHECK(decisions[0].findings[0].area == "auth");
  CHECK(decisions[0].refs[0].is_protected);
  REQUIRE(landings.size() == 1);
  CHECK(landings[0].landed);
  CHECK(landings[0].push_id == e.push_id);
  CHECK(landings[0].ref_landed == std::vector<bool>{true});
}

TEST_CASE("audit read: an invalid line is an error naming file and line, a torn last line a warning") {
  AuditEntry e;
  e.time = 0;
  std::string good = audit_json_line(e);
  {
    std::istringstream in(good + "{\"time\": 3\n" + good);
    AuditReader r;
    CHECK_THROWS_WITH_AS(r.read(in, "a.log"), doctest::Contains("a.log:2: not an audit record"), GitError);
  }
  {
    std::istringstream in(good + "\n" + good + "{\"time\":\"2025-");
    AuditReader r;
    r.read(in, "a.log");
    CHECK(r.lines == 2);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("a.log:4: the last line is incomplete") == 0);
  }
  {
    std::istringstream in("{\"time\":\"2025-01-31T12:00:00Z\",\"verdict\":\"maybe\"}\n");
    AuditReader r;
    CHECK_THROWS_WITH_AS(r.read(in, "b.log"), doctest::Contains("b.log:1: not an audit record (\"verdict\" is \"maybe\""), GitError);
  }
  CHECK(parse_utc("2025-01-31T12:00:00Z") == 1738324800);
  CHECK(parse_utc("yesterday") == -1);
}
