#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "server/audit_log.h"

using namespace laneguard;
using namespace laneguard::server;

TEST_CASE("audit log: one JSON line per decision, with what the SPEC asks") {
  AuditEntry e;
  e.time = 0;
  e.pusher = "erin";
  e.pusher_source = "GL_USERNAME";
  e.refs.push_back({"refs/heads/main", std::string(40, 'a'), std::string(40, 'b'), true, 2});
  e.commits = {std::string(40, 'c'), std::string(40, 'd')};
  e.accepted = false;
  e.override_reason = "INC-1: line\nbreak";
  Finding f;
  f.rule = "self-approval";
  f.message = "pat approved\ntheir own change";
  e.findings.push_back(f);
  std::string line = audit_json_line(e);
  REQUIRE(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
  auto j = nlohmann::json::parse(line);
  CHECK(j["time"] == "1970-01-01T00:00:00Z");
  CHECK(j["pusher"] == "erin");
  CHECK(j["verdict"] == "reject");
  CHECK(j["refs"][0]["ref"] == "refs/heads/main");
  CHECK(j["refs"][0]["old"] == std::string(40, 'a'));
  CHECK(j["refs"][0]["protected"] == true);
  CHECK(j["commits"].size() == 2);
  CHECK(j["findings"][0]["rule"] == "self-approval");
  CHECK(j["override"]["reason"] == "INC-1: line\nbreak");
  CHECK(j["override"]["accepted"] == false);
}

TEST_CASE("audit log: concurrent appends from several processes all arrive whole") {
  char buf[] = "/tmp/lg-audit-test-XXXXXX";
  std::string dir = ::mkdtemp(buf);
  std::string path = dir + "/sub/audit.log";
  const int kWriters = 5, kEach = 200;
  std::vector<pid_t> children;
  for (int w = 0; w < kWriters; ++w) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      for (int i = 0; i < kEach; ++i) {
        AuditEntry e;
        e.pusher = "w" + std::to_string(w);
        e.commits.assign(50, std::string(40, 'a' + w));  // long lines
        append_audit(path, e);
      }
      ::_exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) ::waitpid(pid, nullptr, 0);
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);  // throws on an interleaved line
    CHECK(j["commits"].size() == 50);
    ++n;
  }
  CHECK(n == kWriters * kEach);
  std::filesystem::remove_all(dir);
}

TEST_CASE("audit log: an accepted decision is pending, and a landing line settles it without a verdict") {
  AuditEntry e;
  e.time = 0;
  e.refs.push_back({"refs/heads/main", std::string(40, 'a'), std::string(40, 'b'), true, 1});
  e.push_id = "0123456789abcdef0123456789abcdef";
  e.accepted = true;
  auto j = nlohmann::json::parse(audit_json_line(e));
  CHECK(j["push"] == e.push_id);
  CHECK(j["landing"] == "pending");
  e.accepted = false;  // a rejected push never lands: no landing at all
  j = nlohmann::json::parse(audit_json_line(e));
  CHECK_FALSE(j.contains("landing"));
  CHECK_FALSE(j.contains("push"));

  LandingEntry l;
  l.time = 60;
  l.push_id = e.push_id;
  l.by = "reconcile";
  l.pusher = "erin";
  l.refs = e.refs;
  l.refs.push_back({"refs/heads/pm/x", std::string(40, '0'), std::string(40, 'c'), false, 0});
  l.ref_landed = {false, true};
  l.landed = true;
  l.introducers_taken_back = 3;
  std::string line = landing_json_line(l);
  CHECK(line.find('\n') == line.size() - 1);
  j = nlohmann::json::parse(line);
  CHECK_FALSE(j.contains("verdict"));
  CHECK(j["time"] == "1970-01-01T00:01:00Z");
  CHECK(j["landing"] == "landed");
  CHECK(j["by"] == "reconcile");
  CHECK(j["refs"][0]["landed"] == false);
  CHECK(j["refs"][1]["landed"] == true);
  CHECK(j["refs"][1]["ref"] == "refs/heads/pm/x");
  CHECK(j["introducers_taken_back"] == 3);
  CHECK(j["approvals_taken_back"] == 0);
  l.landed = false;
  CHECK(nlohmann::json::parse(landing_json_line(l))["landing"] == "not-landed");
}
