#include "ci/github.h"

#include <doctest/doctest.h>

#include "ci/json_file.h"
#include "util/error.h"

using laneguard::ci::parse_json;

namespace {
// Trimmed from a real pull_request "synchronize" payload (field names and nesting as GitHub sends them).
const char* kEvent = R"({
  "action": "synchronize",
  "number": 42,
  "pull_request": {
    "url": "https://api.github.com/repos/acme/checkout/pulls/42",
    "id": 1811111111,
    "number": 42,
    "state": "open",
    "title": "Add OAuth login",
    "user": {"login": "pat", "id": 101, "type": "User"},
    "labels": [{"id": 1, "name": "ai-assisted", "color": "ededed", "default": false},
               {"id": 2, "name": "needs-review", "color": "ff0000", "default": false}],
    "head": {"label": "acme:pat/oauth", "ref": "pat/oauth", "sha": "8f0c3f5a9b1e2d3c4b5a69788796a5b4c3d2e1f0",
             "user": {"login": "acme"}, "repo": {"full_name": "acme/checkout"}},
    "base": {"label": "acme:main", "ref": "main", "sha": "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
             "user": {"login": "acme"}, "repo": {"full_name": "acme/checkout"}},
    "draft": false
  },
  "repository": {"full_name": "acme/checkout"},
  "sender": {"login": "pat"}
})";

// The list-reviews response: GET /repos/acme/checkout/pulls/42/reviews.
const char* kReviews = R"([
  {"id": 80, "node_id": "PRR_1", "user": {"login": "erin", "id": 102, "type": "User"},
   "body": "LGTM", "state": "APPROVED", "html_url": "https://github.com/acme/checkout/pull/42#pullrequestreview-80",
   "pull_request_url": "https://api.github.com/repos/acme/checkout/pulls/42", "author_association": "MEMBER",
   "submitted_at": "2024-05-01T17:04:03Z", "commit_id": "8f0c3f5a9b1e2d3c4b5a69788796a5b4c3d2e1f0"},
  {"id": 81, "node_id": "PRR_2", "user": null, "body": "", "state": "COMMENTED",
   "submitted_at": "2024-05-01T17:05:00Z", "commit_id": "8f0c3f5a9b1e2d3c4b5a69788796a5b4c3d2e1f0"},
  {"id": 82, "user": {"login": "eli"}, "body": "", "state": "changes_requested",
   "submitted_at": "2024-05-01T17:06:00Z", "commit_id": null}
])";

// The list-commits response: GET /repos/acme/checkout/pulls/42/commits.
const char* kCommits = R"([
  {"sha": "7e0c", "commit": {"author": {"name": "Pat", "email": "1234+pat@users.noreply.github.com", "date": "2024-05-01T16:00:00Z"},
                             "committer": {"name": "GitHub", "email": "noreply@github.com", "date": "2024-05-01T16:00:00Z"},
                             "message": "Add OAuth login"},
   "author": {"login": "pat"}, "committer": {"login": "web-flow"}, "parents": [{"sha": "0a1b"}]},
  {"sha": "8f0c", "commit": {"author": {"name": "Sam", "email": "sam@contractor.test"},
                             "committer": {"name": "Sam", "email": "sam@contractor.test"}, "message": "Fix"},
   "author": {"login": "sam-contractor"}, "committer": {"login": "sam-contractor"}, "parents": [{"sha": "7e0c"}]},
  {"sha": "9a9a", "commit": {"author": {"name": "Unknown", "email": "x@y.test"}}, "author": null, "committer": null}
])";
}  // namespace

TEST_CASE("ci github: the event payload gives number, author, labels, base and head") {
  auto pr = laneguard::ci::read_github_event(parse_json(kEvent, "event.json"), "event.json");
  CHECK(pr.provider == "github");
  CHECK(pr.id == "pull request #42");
  CHECK(pr.author == "pat");
  CHECK(pr.labels == std::vector<std::string>{"ai-assisted", "needs-review"});
  CHECK(pr.base == "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
  CHECK(pr.head == "8f0c3f5a9b1e2d3c4b5a69788796a5b4c3d2e1f0");
  CHECK(pr.base_ref == "main");
  CHECK(pr.title == "Add OAuth login");
  CHECK(pr.reviews_name_commits);
}

TEST_CASE("ci github: reviews keep login, state (upper-cased), commit and time: a deleted user has none") {
  auto pr = laneguard::ci::read_github_event(parse_json(kEvent, "event.json"), "event.json");
  laneguard::ci::add_github_reviews(pr, parse_json(kReviews, "reviews.json"), "reviews.json");
  REQUIRE(pr.reviews.size() == 3);
  CHECK(pr.reviews[0].login == "erin");
  CHECK(pr.reviews[0].state == "APPROVED");
  CHECK(pr.reviews[0].commit_id == "8f0c3f5a9b1e2d3c4b5a69788796a5b4c3d2e1f0");
  CHECK(pr.reviews[0].submitted_at == "2024-05-01T17:04:03Z");
  CHECK(pr.reviews[1].login.empty());
  CHECK(pr.reviews[2].state == "CHANGES_REQUESTED");
  CHECK(pr.reviews[2].commit_id.empty());
}

TEST_CASE("ci github: commits map authors and committers to logins, without GitHub's web-flow") {
  auto pr = laneguard::ci::read_github_event(parse_json(kEvent, "event.json"), "event.json");
  laneguard::ci::add_github_commits(pr, parse_json(kCommits, "commits.json"), "commits.json");
  CHECK(pr.pushers == std::vector<std::string>{"pat", "sam-contractor"});
}

TEST_CASE("ci github: the wrong file says what was expected") {
  CHECK_THROWS_WITH_AS(laneguard::ci::read_github_event(parse_json(R"({"action": "push", "ref": "refs/heads/main"})", "ev.json"), "ev.json"),
                       doctest::Contains("not a pull_request event payload"), laneguard::UsageError);
  auto pr = laneguard::ci::read_github_event(parse_json(kEvent, "event.json"), "event.json");
  CHECK_THROWS_WITH_AS(laneguard::ci::add_github_reviews(pr, parse_json(kEvent, "event.json"), "event.json"),
                       doctest::Contains("event.json: expected the list-reviews response"), laneguard::UsageError);
  CHECK_THROWS_WITH_AS(laneguard::ci::read_github_event(parse_json(R"({"pull_request": {"number": 1, "user": {"login": "pat"}, "base": {"sha": "a"}}})", "ev.json"), "ev.json"),
                       doctest::Contains("missing `head.sha`"), laneguard::UsageError);
}

namespace {
// GitHub's merge_group example payload (octokit/webhooks), trimmed: the group of pull request #104.
const char* kMergeGroup = R"({
  "action": "checks_requested",
  "merge_group": {
    "head_sha": "2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d",
    "head_ref": "refs/heads/gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64",
    "base_sha": "380387fbc80638b734a49e1be1c4dfec1c01b33c",
    "base_ref": "refs/heads/main"
  },
  "repository": {"full_name": "octo-org/octo-repo"},
  "sender": {"login": "github-merge-queue[bot]"}
})";

nlohmann::json pull(int number, const std::string& base_ref = "main") {
  nlohmann::json event = parse_json(kEvent, "event.json");
  nlohmann::json pr = event["pull_request"];
  pr["number"] = number;
  pr["base"]["ref"] = base_ref;
  pr["head"]["sha"] = std::string(40, static_cast<char>('0' + number % 10));
  return pr;
}
}  // namespace

TEST_CASE("ci github: a merge group holds the pull requests given, in queue order, each with its own head") {
  using namespace laneguard::ci;
  nlohmann::json event = parse_json(kMergeGroup, "group.json");
  MergeGroup group = read_github_merge_group(event, "group.json", {{pull(101), "pull-101.json"}, {pull(104), "pull-104.json"}});
  CHECK(group.number == "104");
  CHECK(group.base == "380387fbc80638b734a49e1be1c4dfec1c01b33c");
  CHECK(group.head == "2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d");
  CHECK(group.base_ref == "main");
  CHECK(group.queue_ref == "gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64");
  REQUIRE(group.pulls.size() == 2);
  CHECK(group.pulls[0].id == "pull request #101");
  CHECK(group.pulls[0].queued_ahead_of == "104");
  CHECK(group.pulls[0].head == std::string(40, '1'));  // its own head: what its reviews name
  CHECK(group.pulls[0].base == group.base);
  CHECK(group.pulls[1].id == "pull request #104");
  CHECK(group.pulls[1].queued_ahead_of.empty());
  CHECK(group.pulls[1].current_head() == std::string(40, '4'));
}

TEST_CASE("ci github: a merge group's pull requests that do not fit it are refused") {
  using namespace laneguard::ci;
  nlohmann::json event = parse_json(kMergeGroup, "group.json");
  CHECK_THROWS_WITH_AS(read_github_merge_group(event, "group.json", {{pull(7), "pull.json"}}),
                       doctest::Contains("pull.json: this is pull request #7, but the merge group's queue branch names pull request #104"),
                       laneguard::UsageError);
  CHECK_THROWS_WITH_AS(read_github_merge_group(event, "group.json", {{pull(104), "a.json"}, {pull(101), "b.json"}}),
                       doctest::Contains("pull request #104 is not the last --pull-request"), laneguard::UsageError);
  CHECK_THROWS_WITH_AS(read_github_merge_group(event, "group.json", {{pull(101), "a.json"}, {pull(101), "b.json"}, {pull(104), "c.json"}}),
                       doctest::Contains("b.json: pull request #101 is listed twice"), laneguard::UsageError);
  CHECK_THROWS_WITH_AS(read_github_merge_group(event, "group.json", {{pull(101, "release"), "a.json"}, {pull(104), "c.json"}}),
                       doctest::Contains("a.json: pull request #101 is based on `release`, but the merge group merges into `main`"),
                       laneguard::UsageError);
}

TEST_CASE("ci github: reviews whose pull_request_url names another pull request are refused") {
  auto pr = laneguard::ci::read_github_event(parse_json(kEvent, "event.json"), "event.json");
  pr.number = "43";
  pr.id = "pull request #43";
  CHECK_THROWS_WITH_AS(laneguard::ci::add_github_reviews(pr, parse_json(kReviews, "reviews.json"), "reviews.json"),
                       doctest::Contains("reviews.json: these are the reviews of pull request #42 (pull_request_url), not of pull request #43"),
                       laneguard::UsageError);
}
