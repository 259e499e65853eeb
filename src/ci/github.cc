#include "ci/github.h"

#include <algorithm>

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

}  // namespace

PullRequest read_github_event(const nlohmann::json& event, const std::string& source) {
  const nlohmann::json* pull = find_path(event, "pull_request");
  if (pull == nullptr || !pull->is_object()) {
    throw UsageError(source + ": not a pull_request event payload (no `pull_request` object); run on "
                              "`pull_request`, `pull_request_target` or `pull_request_review` events");
  }
  std::string where = source + ": pull_request";
  PullRequest pr;
  pr.provider = "github";
  pr.id = "pull request #" + require_string(*pull, "number", where);
  pr.author = require_string(*pull, "user.login", where);
  pr.base = require_string(*pull, "base.sha", where);
  pr.head = require_string(*pull, "head.sha", where);
  pr.base_ref = optional_string(*pull, "base.ref", where);
  pr.title = optional_string(*pull, "title", where);
  if (const nlohmann::json* labels = find_path(*pull, "labels")) {
    if (!labels->is_array()) throw UsageError(where + ".labels: expected a list");
    for (const nlohmann::json& label : *labels) {
      add_unique(pr.labels, label.is_string() ? label.get<std::string>()
                                              : optional_string(label, "name", where + ".labels"));
    }
  }
  pr.reviews_name_commits = true;
  return pr;
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
