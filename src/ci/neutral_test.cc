#include "ci/neutral.h"

#include <doctest/doctest.h>

#include "ci/json_file.h"
#include "util/error.h"

using laneguard::ci::parse_json;

TEST_CASE("ci neutral: the documented format") {
  auto pr = laneguard::ci::read_neutral(parse_json(R"({
    "number": 42, "author": "pat", "labels": ["ai-assisted"], "base": "main", "head": "HEAD",
    "base_ref": "main", "pushers": ["pat", "sam", "pat"],
    "reviews": [{"user": "erin", "commit": "abc"}, {"user": "eli", "state": "changes_requested"}]})", "pr.json"),
                                        "pr.json");
  CHECK(pr.provider == "neutral");
  CHECK(pr.id == "pull request #42");
  CHECK(pr.author == "pat");
  CHECK(pr.labels == std::vector<std::string>{"ai-assisted"});
  CHECK(pr.base == "main");
  CHECK(pr.head == "HEAD");
  CHECK(pr.pushers == std::vector<std::string>{"pat", "sam"});
  REQUIRE(pr.reviews.size() == 2);
  CHECK(pr.reviews[0].state == "APPROVED");
  CHECK(pr.reviews[0].commit_id == "abc");
  CHECK(pr.reviews[1].state == "CHANGES_REQUESTED");
  CHECK(laneguard::ci::read_neutral(parse_json(R"({"id": "change I8f3a", "author": "pat", "base": "a", "head": "b"})", "p"), "p").id ==
        "change I8f3a");
}

TEST_CASE("ci neutral: what is missing is named") {
  CHECK_THROWS_WITH_AS(laneguard::ci::read_neutral(parse_json(R"({"number": 1, "base": "a", "head": "b"})", "pr.json"), "pr.json"),
                       "pr.json: missing `author`", laneguard::UsageError);
  CHECK_THROWS_WITH_AS(laneguard::ci::read_neutral(parse_json(R"({"author": "pat", "base": "a", "head": "b"})", "pr.json"), "pr.json"),
                       "pr.json: missing `id` or `number`", laneguard::UsageError);
  CHECK_THROWS_WITH_AS(laneguard::ci::read_neutral(parse_json(R"({"number": 1, "author": "pat", "base": "a", "head": "b", "labels": "x"})", "pr.json"), "pr.json"),
                       doctest::Contains("`labels`: expected a list of strings"), laneguard::UsageError);
  CHECK_THROWS_AS(laneguard::ci::read_neutral(parse_json("[]", "pr.json"), "pr.json"), laneguard::UsageError);
}
