#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "report/report.h"
#include "report/report_fixture_test.h"

namespace {
std::vector<std::string> lines_of(const laneguard::Report& report) {
  std::ostringstream out;
  laneguard::write_github(out, report);
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}
}  // namespace

TEST_CASE("github format: one annotation per finding, escaped as the actions toolkit escapes") {
  auto lines = lines_of(laneguard::testing::sample_report());
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] ==
        "::error file=src/payments/charge.py,title=laneguard self-approval (payments)::payments needs 1 approval from "
        "engineering; pat approved but is an author.%0AAlso: src/payments/my file,v2:%25.py%0APeople: pat%0AFix: Ask "
        "erin or eli (not pat) to approve the pull request.");
  // Line breaks in the data cannot start a new command; properties escape : and ,.
  CHECK(lines[1] ==
        "::warning file=README.md,title=laneguard unverified-approval::line one%0Aline two%0D%0A::set-env name=X::pwned | "
        "<script>alert(1)</script> *bold* 100%25%0APeople: Mallory <m@evil.test>");
  CHECK(lines[2] == "::notice title=laneguard stale-approval::eli approved before the latest push.%0APeople: eli%0AFix: Ask eli to approve again.");
  laneguard::Report odd;
  laneguard::Finding f;
  f.rule = "lane-crossing";
  f.area = "lane:eng, core";
  f.paths = {"a:b,c%d\ne.py"};
  f.message = "m";
  odd.findings.push_back(f);
  CHECK(lines_of(odd)[0] == "::error file=a%3Ab%2Cc%25d%0Ae.py,title=laneguard lane-crossing (lane%3Aeng%2C core)::m");
}

TEST_CASE("github format: the areas in a log group, and a closing line: nothing else starts with ::") {
  auto lines = lines_of(laneguard::testing::sample_report());
  auto group = std::find(lines.begin(), lines.end(), "::group::laneguard: protected areas");
  REQUIRE(group != lines.end());
  CHECK(*(group + 1) ==
        "  payments: 1 approval from engineering (2 when AI-assisted); approved by: nobody; not counted: pat (an author "
        "of the change); missing: 1 more approval from engineering");
  CHECK(*(group + 2) == "  auth|n: 1 approval from engineering; approved by: erin; satisfied");
  CHECK(*(group + 3) == "::endgroup::");
  CHECK(lines.back() == "laneguard: 3 commits, 4 paths judged; blocked (1 blocking finding, 1 warning)");
  for (const std::string& line : lines) {
    if (line.rfind("::", 0) != 0) continue;
    bool known = line.rfind("::error ", 0) == 0 || line.rfind("::warning ", 0) == 0 || line.rfind("::notice ", 0) == 0 ||
                 line.rfind("::group::", 0) == 0 || line == "::endgroup::";
    CHECK_MESSAGE(known, line);
  }
  CHECK(lines_of(laneguard::Report{}).back() == "laneguard: 0 commits, 0 paths judged; ok (no blocking findings)");
}
