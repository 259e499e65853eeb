#include "ci/gitlab.h"

#include <doctest/doctest.h>

#include "ci/json_file.h"
#include "util/error.h"

using laneguard::ci::Environment;
using laneguard::ci::parse_json;

namespace {
// Trimmed from GET /projects/:id/merge_requests/:iid (field names and nesting as GitLab returns them).
const char* kMergeRequest = R"({
  "id": 93, "iid": 7, "project_id": 3, "title": "Add OAuth login", "state": "opened",
  "target_branch": "main", "source_branch": "pat/oauth",
  "author": {"id": 5, "username": "pat", "name": "Pat", "state": "active"},
  "labels": ["ai-generated", "backend"],
  "sha": "8f0c3f5a9b1e2d3c4b5a69788796a5b4c3d2e1f0",
  "merge_commit_sha": null,
  "diff_refs": {"base_sha": "1111111111111111111111111111111111111111",
                "head_sha": "8f0c3f5a9b1e2d3c4b5a69788796a5b4c3d2e1f0",
                "start_sha": "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"},
  "web_url": "https://gitlab.example.com/acme/checkout/-/merge_requests/7"
})";

// GET /projects/:id/merge_requests/:iid/approvals.
const char* kApprovals = R"({
  "id": 93, "iid": 7, "project_id": 3, "title": "Add OAuth login", "state": "opened",
  "approved": true, "approvals_required": 1, "approvals_left": 0,
  "approved_by": [{"user": {"id": 6, "username": "erin", "name": "Erin", "state": "active"}},
                  {"user": {"id": 5, "username": "pat", "name": "Pat", "state": "active"}}]
})";
}  // namespace

TEST_CASE("ci gitlab: the merge request JSON gives iid, author, labels, target tip and head") {
  auto pr = laneguard::ci::read_gitlab_merge_request(parse_json(kMergeRequest, "mr.json"), "mr.json", {});
  CHECK(pr.provider == "gitlab");
  CHECK(pr.id == "merge request !7");
  CHECK(pr.author == "pat");
  CHECK(pr.labels == std::vector<std::string>{"ai-generated", "backend"});
  CHECK(pr.base == "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");  // the target branch's tip: its agreement
  CHECK(pr.head == "8f0c3f5a9b1e2d3c4b5a69788796a5b4c3d2e1f0");
  CHECK(pr.base_ref == "main");
  CHECK(pr.title == "Add OAuth login");
  CHECK_FALSE(pr.reviews_name_commits);
}

TEST_CASE("ci gitlab: approvals become APPROVED reviews by username") {
  auto pr = laneguard::ci::read_gitlab_merge_request(parse_json(kMergeRequest, "mr.json"), "mr.json", {});
  laneguard::ci::add_gitlab_approvals(pr, parse_json(kApprovals, "approvals.json"), "approvals.json");
  REQUIRE(pr.reviews.size() == 2);
  CHECK(pr.reviews[0].login == "erin");
  CHECK(pr.reviews[0].state == "APPROVED");
  CHECK(pr.reviews[1].login == "pat");
  CHECK_THROWS_WITH_AS(laneguard::ci::add_gitlab_approvals(pr, parse_json("[]", "a.json"), "a.json"),
                       doctest::Contains("expected the merge request approvals object"), laneguard::UsageError);
}

TEST_CASE("ci gitlab: CI_MERGE_REQUEST_* variables fill what the JSON lacks") {
  auto mr = parse_json(R"({"author": {"username": "pat"}})", "mr.json");
  Environment env{{"CI_MERGE_REQUEST_IID", "9"},
                  {"CI_MERGE_REQUEST_LABELS", "ai-assisted, backend,,"},
                  {"CI_MERGE_REQUEST_DIFF_BASE_SHA", "1111111111111111111111111111111111111111"},
                  {"CI_COMMIT_SHA", "2222222222222222222222222222222222222222"},
                  {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"}};
  auto pr = laneguard::ci::read_gitlab_merge_request(mr, "mr.json", env);
  CHECK(pr.id == "merge request !9");
  CHECK(pr.labels == std::vector<std::string>{"ai-assisted", "backend"});
  CHECK(pr.base == "1111111111111111111111111111111111111111");
  CHECK(pr.head == "2222222222222222222222222222222222222222");
  CHECK(pr.base_ref == "main");
  // In a merged-results pipeline CI_COMMIT_SHA is the merge: the source branch's sha wins.
  env["CI_MERGE_REQUEST_SOURCE_BRANCH_SHA"] = "3333333333333333333333333333333333333333";
  CHECK(laneguard::ci::read_gitlab_merge_request(mr, "mr.json", env).head == "3333333333333333333333333333333333333333");
}

TEST_CASE("ci gitlab: without the author nobody can tell a self-approval: an error, not a guess") {
  Environment env{{"CI_MERGE_REQUEST_IID", "9"}, {"CI_MERGE_REQUEST_DIFF_BASE_SHA", "1"}, {"CI_COMMIT_SHA", "2"}};
  CHECK_THROWS_WITH_AS(laneguard::ci::read_gitlab_merge_request(nlohmann::json(), "variables", env),
                       doctest::Contains("author is unknown"), laneguard::UsageError);
}
