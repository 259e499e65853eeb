#include "ci/github.h"

#include <algorithm>
#include <cctype>

#include "ci/json_file.h"
#include "util/error.h"

namespace laneguard::ci {
namespace {

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (value.empty()) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

const nlohmann::json& require_list(const nlohmann::json& json, const std::string& source, const char* what) {
  if (!json.is_array()) {
    throw UsageError(source + ": expected the " + what + " response (a JSON list), found a JSON " +
                     json.type_name());
  }
  return json;
}

// The pull request object's facts (the event's `pull_request`, or GET /repos/O/R/pulls/N).
PullRequest read_pull_object(const nlohmann::json& pull_object, const std::string& where_name) {
  const nlohmann::json* pull = &pull_object;
  std::string where = where_name;
  PullRequest pr;
  pr.provider = "github";
  pr.number = require_string(*pull, "number", where);
  pr.id = "pull request #" + pr.number;
  pr.author = require_string(*pull, "user.login", where);
  pr.base = require_string(*pull, "base.sha", where);
  pr.head = require_string(*pull, "head.sha", where);
  pr.base_ref = optional_string(*pull, "base.ref", where);
  pr.title = optional_string(*pull, "title", where);
  pr.head_ref = optional_string(*pull, "head.ref", where);
  if (const nlohmann::json* body = find_path(*pull, "body"); body && body->is_string()) pr.body = body->get<std::string>();
  if (const nlohmann::json* labels = find_path(*pull, "labels")) {
    if (!labels->is_array()) throw UsageError(where + ".labels: expected a list");
    for (const nlohmann::json& label : *labels) {
      add_unique(pr.labels, label.is_string() ? label.get<std::string>()
                                              : optional_string(label, "name", where + ".labels"));
    }
  }
  if (const nlohmann::json* assignees = find_path(*pull, "assignees"); assignees && assignees->is_array())
    for (const nlohmann::json& a : *assignees) add_unique(pr.assignees, optional_string(a, "login", where + ".assignees"));
  pr.reviews_name_commits = true;
  if (const nlohmann::json* draft = find_path(*pull, "draft")) pr.draft = draft->is_boolean() && draft->get<bool>();
  return pr;
}

}  // namespace

bool is_github_merge_group(const nlohmann::json& event) {
  const nlohmann::json* group = find_path(event, "merge_group");
  return group != nullptr && group->is_object() && find_path(event, "pull_request") == nullptr;
}

PullRequest read_github_event(const nlohmann::json& event, const std::string& source) {
  if (is_github_merge_group(event)) {
    throw UsageError(source + ": a merge_group event names its pull request only by the queue branch: pass "
                              "that pull request with --pull-request (gh api repos/OWNER/REPO/pulls/" +
                              merge_group_pull_number(event, source) + ")");
  }
  const nlohmann::json* pull = find_path(event, "pull_request");
  if (pull == nullptr || !pull->is_object()) {
    throw UsageError(source + ": not a pull_request event payload (no `pull_request` object); run on "
                              "`pull_request`, `pull_request_target`, `pull_request_review` or `merge_group` events");
  }
  PullRequest pr = read_pull_object(*pull, source + ": pull_request");
  // Whoever pushed (synchronize), opened or reopened it: GitHub names them as the sender. A review
  // event's sender is the reviewer, and a label's the labeller: not pushers.
  std::string action = optional_string(event, "action", source);
  if (find_path(event, "review") == nullptr &&
      (action == "opened" || action == "synchronize" || action == "reopened")) {
    add_unique(pr.pushers, optional_string(event, "sender.login", source));
  }
  return pr;
}

std::string merge_group_pull_number(const nlohmann::json& event, const std::string& source) {
  std::string ref = require_string(event, "merge_group.head_ref", source);
  static const std::string prefix = "refs/heads/gh-readonly-queue/";
  std::string name = ref.rfind(prefix, 0) == 0 ? ref.substr(prefix.size()) : std::string();
  // <base>/pr-<N>-<sha>: the base may hold slashes; the last component names the pull request.
  auto slash = name.rfind('/');
  std::string last = slash == std::string::npos ? std::string() : name.substr(slash + 1);
  std::string number;
  if (last.rfind("pr-", 0) == 0) {
    std::size_t i = 3;
    while (i < last.size() && std::isdigit(static_cast<unsigned char>(last[i]))) number += last[i++];
    if (i >= last.size() || last[i] != '-') number.clear();
  }
  if (number.empty()) {
    throw UsageError(source + ": merge_group.head_ref `" + ref + "` is not a merge queue branch "
                     "(refs/heads/gh-readonly-queue/BASE/pr-NUMBER-SHA)");
  }
  return number;
}

MergeGroup read_github_merge_group(const nlohmann::json& event, const std::string& source,
                                   const std::vector<std::pair<nlohmann::json, std::string>>& pulls) {
  MergeGroup group;
  group.number = merge_group_pull_number(event, source);
  std::string where = source + ": merge_group";
  group.base = require_string(event, "merge_group.base_sha", where);
  group.head = require_string(event, "merge_group.head_sha", where);
  group.base_ref = optional_string(event, "merge_group.base_ref", where);
  if (group.base_ref.rfind("refs/heads/", 0) == 0) group.base_ref = group.base_ref.substr(11);
  group.queue_ref = require_string(event, "merge_group.head_ref", where);
  if (group.queue_ref.rfind("refs/heads/", 0) == 0) group.queue_ref = group.queue_ref.substr(11);
  std::string fetch = "gh api repos/OWNER/REPO/pulls/" + group.number;
  for (const auto& [pull_json, pull_source] : pulls) {
    // The pull request: GET /repos/O/R/pulls/N, or an event payload holding it.
    const nlohmann::json* pull = &pull_json;
    if (const nlohmann::json* inner = find_path(pull_json, "pull_request"); inner && inner->is_object()) pull = inner;
    if (!pull->is_object() || find_path(*pull, "number") == nullptr) {
      throw UsageError(pull_source + ": expected a pull request (" + fetch + "), found " +
                       (pull->is_object() ? "an object without `number`" : std::string("a JSON ") + pull->type_name()));
    }
    PullRequest pr = read_pull_object(*pull, pull_source);
    for (const PullRequest& earlier : group.pulls) {
      if (earlier.id == pr.id) throw UsageError(pull_source + ": " + pr.id + " is listed twice with --pull-request");
    }
    if (!group.base_ref.empty() && !pr.base_ref.empty() && pr.base_ref != group.base_ref) {
      throw UsageError(pull_source + ": " + pr.id + " is based on `" + pr.base_ref + "`, but the merge group merges into `" +
                       group.base_ref + "`: it cannot be in this group");
    }
    pr.base = group.base;  // its commits in the group are those the group's base does not have
    pr.base_ref = group.base_ref.empty() ? pr.base_ref : group.base_ref;
    pr.queue_ref = group.queue_ref;
    group.pulls.push_back(std::move(pr));
  }
  std::string named = "pull request #" + group.number;
  auto it = std::find_if(group.pulls.begin(), group.pulls.end(), [&](const PullRequest& p) { return p.id == named; });
  if (it == group.pulls.end()) {
    std::string given = group.pulls.size() == 1 ? "this is " + group.pulls.front().id : "none of them is";
    throw UsageError((pulls.size() == 1 ? pulls.front().second : std::string("--pull-request")) + ": " + given +
                     ", but the merge group's queue branch names " + named + " (" + fetch + ")");
  }
  if (it + 1 != group.pulls.end()) {
    throw UsageError(it->id + " is not the last --pull-request: the merge group's queue branch names it, so it is "
                     "last in queue order (list the pull requests queued ahead of it first, in queue order)");
  }
  for (PullRequest& pr : group.pulls) {
    if (pr.id != named) pr.queued_ahead_of = group.number;
  }
  return group;
}

void add_github_reviews(PullRequest& pr, const nlohmann::json& reviews, const std::string& source) {
  for (const nlohmann::json& item : require_list(reviews, source, "list-reviews")) {
    if (!item.is_object()) throw UsageError(source + ": expected review objects in the list");
    Review review;
    review.login = optional_string(item, "user.login", source);  // a deleted account: null user
    review.state = optional_string(item, "state", source);
    std::transform(review.state.begin(), review.state.end(), review.state.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    review.commit_id = optional_string(item, "commit_id", source);
    review.submitted_at = optional_string(item, "submitted_at", source);
    review.bot = optional_string(item, "user.type", source) == "Bot";
    // GitHub names the pull request a review belongs to: a file paired with the wrong one is refused.
    std::string url = optional_string(item, "pull_request_url", source);
    if (!url.empty() && !pr.number.empty()) {
      std::string::size_type at = url.rfind("/pulls/");
      std::string of = at == std::string::npos ? std::string() : url.substr(at + 7);
      if (!of.empty() && of != pr.number) {
        throw UsageError(source + ": these are the reviews of pull request #" + of + " (pull_request_url), not of " +
                         pr.id + ": give each --pull-request its own --reviews, in the same order");
      }
    }
    pr.reviews.push_back(std::move(review));
  }
}

void add_github_commits(PullRequest& pr, const nlohmann::json& commits, const std::string& source) {
  for (const nlohmann::json& item : require_list(commits, source, "list-commits")) {
    if (!item.is_object()) throw UsageError(source + ": expected commit objects in the list");
    for (const char* who : {"author.login", "committer.login"}) {
      std::string login = optional_string(item, who, source);
      if (login == "web-flow") continue;
      add_unique(pr.pushers, login);
    }
  }
}

}  // namespace laneguard::ci
