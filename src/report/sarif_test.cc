#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "report/report.h"
#include "report/report_fixture_test.h"

using nlohmann::json;

namespace {
json sarif_of(const laneguard::Report& report) {
  std::ostringstream out;
  laneguard::write_sarif(out, report);
  return json::parse(out.str());
}

// The fields SARIF 2.1.0 requires and GitHub code scanning reads, checked here by hand (the SARIF
// multitool's schema and GitHub rules run on real output in tests/ci_sarif_validate_test.sh): a
// location on every result (GitHub refuses a result without one), each rule's explanation in the
// document (help.text, help.markdown, fullDescription), no URI that points nowhere.
void check_sarif_shape(const json& doc) {
  REQUIRE(doc.is_object());
  CHECK(doc.at("$schema").get<std::string>().find("sarif-2.1.0") != std::string::npos);
  CHECK(doc.at("version") == "2.1.0");
  REQUIRE(doc.at("runs").is_array());
  REQUIRE(doc["runs"].size() == 1);
  const json& run = doc["runs"][0];
  const json& driver = run.at("tool").at("driver");
  CHECK(driver.at("name") == "laneguard");
  CHECK(driver.at("version") == LANEGUARD_VERSION);
  CHECK_FALSE(driver.contains("informationUri"));  // laneguard has no public page: none made up
  CHECK(!driver.at("semanticVersion").get<std::string>().empty());
  std::set<std::string> rule_ids;
  for (const json& rule : driver.at("rules")) {
    std::string id = rule.at("id");
    CHECK(rule_ids.insert(id).second);
    CHECK(!rule.at("shortDescription").at("text").get<std::string>().empty());
    CHECK(!rule.at("fullDescription").at("text").get<std::string>().empty());
    CHECK(rule.at("help").at("text").get<std::string>().find("How to get the change through: ") != std::string::npos);
    CHECK(rule.at("help").at("markdown").get<std::string>().find("**How to get the change through:**") != std::string::npos);
    CHECK_FALSE(rule.contains("helpUri"));
    std::string level = rule.at("defaultConfiguration").at("level");
    CHECK((level == "error" || level == "warning" || level == "note"));
  }
  for (const json& result : run.at("results")) {
    std::string id = result.at("ruleId");
    CHECK(rule_ids.count(id) == 1);
    CHECK(driver["rules"][result.at("ruleIndex").get<int>()]["id"] == id);
    std::string level = result.at("level");
    CHECK((level == "error" || level == "warning" || level == "note"));
    CHECK(!result.at("message").at("text").get<std::string>().empty());
    CHECK(result.at("partialFingerprints").is_object());
    REQUIRE(result.contains("locations"));
    REQUIRE(result["locations"].size() >= 1);
    for (const json& location : result["locations"]) {
      CHECK(!location.at("physicalLocation").at("artifactLocation").at("uri").get<std::string>().empty());
      CHECK(location["physicalLocation"].at("region").at("startLine").get<int>() >= 1);
    }
  }
}
}  // namespace

TEST_CASE("sarif: required fields, levels, one result per path, and rules for every result") {
  json doc = sarif_of(laneguard::testing::sample_report());
  check_sarif_shape(doc);
  const json& results = doc["runs"][0]["results"];
  REQUIRE(results.size() == 4);  // 2 paths + 1 path + 1 pathless notice
  CHECK(results[0]["ruleId"] == "self-approval");
  CHECK(results[0]["level"] == "error");
  CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/payments/charge.py");
  // A URI reference: the space and the percent sign are encoded.
  CHECK(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/payments/my%20file,v2:%25.py");
  CHECK(results[0]["message"]["text"].get<std::string>().find("Fix: Ask erin or eli") != std::string::npos);
  CHECK(results[0]["partialFingerprints"] != results[1]["partialFingerprints"]);
  CHECK(results[2]["level"] == "warning");
  CHECK(results[3]["level"] == "note");
  // The pathless notice sits on the agreement file.
  CHECK(results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == ".laneguard.toml");
  CHECK(results[3]["properties"]["located"] == "agreement");
  CHECK(doc["runs"][0]["tool"]["driver"]["rules"].size() == 3);
}

TEST_CASE("sarif: fingerprints are stable across runs and pushes: an empty report is still valid") {
  auto report = laneguard::testing::sample_report();
  json first = sarif_of(report);
  report.findings[0].commit = "pull request #12 after another push";
  json second = sarif_of(report);
  CHECK(first["runs"][0]["results"][0]["partialFingerprints"] == second["runs"][0]["results"][0]["partialFingerprints"]);
  json empty = sarif_of(laneguard::Report{});
  check_sarif_shape(empty);
  CHECK(empty["runs"][0]["results"].empty());
  CHECK(empty["runs"][0]["tool"]["driver"]["rules"].empty());
}

TEST_CASE("sarif: a finding with no path is located on the agreement that judged: rules explain themselves") {
  laneguard::Report report;
  report.agreement_path = "config/team agreement.toml";
  laneguard::Finding f;
  f.rule = "stale-approval";
  f.severity = laneguard::Severity::notice;
  f.message = "eli approved before the latest push.";
  report.findings.push_back(f);
  json doc = sarif_of(report);
  check_sarif_shape(doc);
  CHECK(doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "config/team%20agreement.toml");
  const json& rule = doc["runs"][0]["tool"]["driver"]["rules"][0];
  CHECK(rule["fullDescription"]["text"].get<std::string>().find("dismiss_stale") != std::string::npos);
  CHECK(rule["help"]["markdown"].get<std::string>().find("`laneguard rules stale-approval`") != std::string::npos);
}

TEST_CASE("sarif: bytes that are not UTF-8 in a path do not break the document") {
  laneguard::Report report;
  laneguard::Finding f;
  f.rule = "unlabeled-ai";
  f.paths = {"src/auth/caf\xe9.py"};
  f.message = "bad \xff byte";
  report.findings.push_back(f);
  json doc = sarif_of(report);
  check_sarif_shape(doc);
  CHECK(doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/auth/caf%E9.py");
}
