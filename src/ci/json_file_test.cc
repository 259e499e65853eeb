#include "ci/json_file.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "util/error.h"

using laneguard::ci::parse_json;

namespace {
std::string error_of(const std::string& text, const std::string& source = "reviews.json") {
  try {
    parse_json(text, source);
  } catch (const laneguard::UsageError& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("ci json: a malformed file is named with the line and column where it went wrong") {
  CHECK(error_of("[\n  {\"user\": {\"login\": \"erin\"},\n   \"state\" \"APPROVED\"}\n]").rfind("reviews.json:3:21: malformed JSON", 0) == 0);
  CHECK(error_of("{\"a\": 1,}").rfind("reviews.json:1:9: malformed JSON", 0) == 0);
  CHECK(error_of("").find("reviews.json:1:1: malformed JSON: the file is empty") == 0);
  CHECK(error_of("  \n ").find("malformed JSON: the file is empty") != std::string::npos);
  CHECK(error_of("[1, 2").rfind("reviews.json:1:", 0) == 0);
  // A truncated download (the network dropped mid-page) is not silently accepted.
  CHECK(error_of("[{\"user\": {\"login\": \"er").find("malformed JSON") != std::string::npos);
}

TEST_CASE("ci json: pages printed one after another by older `gh api --paginate` are joined") {
  auto joined = parse_json("[{\"id\": 1}, {\"id\": 2}]\n[{\"id\": 3}][]\n  [{\"id\": 4}]\n", "r.json");
  REQUIRE(joined.is_array());
  REQUIRE(joined.size() == 4);
  CHECK(joined[3]["id"] == 4);
  CHECK(parse_json("{\"a\": [1]}", "x").is_object());
  // Objects one after another are not pages of a list.
  CHECK(error_of("{\"a\": 1}{\"b\": 2}").find("several JSON documents") != std::string::npos);
  // A bad second page still names its position in the whole file.
  CHECK(error_of("[1]\n[2,,]").rfind("reviews.json:2:4: malformed JSON", 0) == 0);
}

TEST_CASE("ci json: a missing file is an I/O error naming it") {
  try {
    laneguard::ci::read_json_file("/nonexistent/event.json");
    FAIL("no error");
  } catch (const laneguard::GitError& e) {
    CHECK(std::string(e.what()).find("/nonexistent/event.json") != std::string::npos);
    CHECK(e.exit_code == laneguard::kExitGit);
  }
}

TEST_CASE("ci json: typed accessors name what is missing") {
  auto j = parse_json(R"({"pull_request": {"number": 12, "user": {"login": "pat"}, "title": null, "labels": 3}})", "e");
  CHECK(laneguard::ci::require_string(j, "pull_request.user.login", "e") == "pat");
  CHECK(laneguard::ci::require_string(j, "pull_request.number", "e") == "12");
  CHECK(laneguard::ci::optional_string(j, "pull_request.title", "e").empty());
  CHECK_THROWS_WITH_AS(laneguard::ci::require_string(j, "pull_request.base.sha", "e"), "e: missing `pull_request.base.sha`",
                       laneguard::UsageError);
  CHECK_THROWS_AS(laneguard::ci::optional_string(j, "pull_request.user", "e"), laneguard::UsageError);
}

TEST_CASE("ci json: a number too large for a double is malformed input with its position, not an I/O error") {
  // {"number": 1e999} escaped as nlohmann's out_of_range: exit 3 instead of exit 2.
  std::string e = error_of("{\"pull_request\": {\n  \"number\": 1e999}}", "event.json");
  CHECK(e.rfind("event.json:2:13: malformed JSON: number overflow parsing '1e999'", 0) == 0);
  try {
    parse_json("[1e999]", "x");
    FAIL("accepted 1e999");
  } catch (const laneguard::Error& err) {
    CHECK(err.exit_code == laneguard::kExitUsage);
  }
}

TEST_CASE("ci json: many documents one after another, and an error in a later one") {
  std::string pages;
  for (int i = 0; i < 20000; ++i) pages += "[" + std::to_string(i) + "]";
  auto joined = parse_json(pages, "p.json");
  REQUIRE(joined.size() == 20000);
  CHECK(joined[19999] == 19999);
  CHECK(parse_json("[1]" + std::string(200000, ' ') + "\n[2]", "p.json").size() == 2);
  // A long token after the first document: the old reader backed up from the end of that token
  // one byte at a time, re-parsing the prefix each time (quadratic: 40 KB took 18 s).
  CHECK(error_of("[1]\"" + std::string(40000, 'a') + "\"").find("only lists") != std::string::npos);
  CHECK(error_of("[1]\n[2,\n x]").rfind("reviews.json:3:2: malformed JSON", 0) == 0);
  CHECK(error_of("[1] {\"a\": 1}").find("only lists") != std::string::npos);
}
