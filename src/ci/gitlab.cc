#include "ci/gitlab.h"

#include <algorithm>

#include "ci/json_file.h"
#include "util/error.h"

namespace laneguard::ci {
namespace {

std::string env_value(const Environment& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? std::string() : it->second;
}

std::string trim(std::string s) {
  auto first = s.find_first_not_of(" \t");
  auto last = s.find_last_not_of(" \t");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (value.empty()) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

// The first non-empty of the JSON fields, then the variables.
std::string first_of(const nlohmann::json& mr, std::initializer_list<const char*> fields, const std::string& where,
                     const Environment& env, std::initializer_list<const char*> variables) {
  if (!mr.is_null()) {
    for (const char* field : fields) {
      std::string value = optional_string(mr, field, where);
      if (!value.empty()) return value;
    }
  }
  for (const char* variable : variables) {
    std::string value = env_value(env, variable);
    if (!value.empty()) return value;
  }
  return {};
}

}  // namespace

const std::vector<std::string>& gitlab_variables() {
  static const std::vector<std::string> names{
      "CI_MERGE_REQUEST_IID",           "CI_MERGE_REQUEST_LABELS",
      "CI_MERGE_REQUEST_DIFF_BASE_SHA", "CI_MERGE_REQUEST_TARGET_BRANCH_SHA",
      "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA",
      "CI_COMMIT_SHA"};
  return names;
}

PullRequest read_gitlab_merge_request(const nlohmann::json& mr, const std::string& source, const Environment& env) {
  if (!mr.is_null() && !mr.is_object()) {
    throw UsageError(source + ": expected the merge request object, found a JSON " + std::string(mr.type_name()));
  }
  PullRequest pr;
  pr.provider = "gitlab";
  pr.reviews_name_commits = false;
  std::string iid = first_of(mr, {"iid"}, source, env, {"CI_MERGE_REQUEST_IID"});
  if (iid.empty()) throw UsageError(source + ": no merge request number (`iid`, or CI_MERGE_REQUEST_IID)");
  pr.id = "merge request !" + iid;
  pr.author = mr.is_null() ? std::string() : optional_string(mr, "author.username", source);
  if (pr.author.empty()) {
    throw UsageError(source + ": the merge request's author is unknown (`author.username`): pass the merge "
                              "request JSON with --merge-request");
  }
  // The base: the target branch's tip (its agreement judges), else the merge base.
  pr.base = first_of(mr, {"diff_refs.start_sha"}, source, env,
                     {"CI_MERGE_REQUEST_TARGET_BRANCH_SHA", "CI_MERGE_REQUEST_DIFF_BASE_SHA"});
  if (pr.base.empty()) pr.base = first_of(mr, {"diff_refs.base_sha"}, source, env, {});
  if (pr.base.empty()) {
    throw UsageError(source + ": no base commit (`diff_refs.start_sha`, or CI_MERGE_REQUEST_DIFF_BASE_SHA)");
  }
  // The head: the source branch's tip (in a merged-results pipeline CI_COMMIT_SHA is the merge).
  pr.head = first_of(mr, {"diff_refs.head_sha", "sha"}, source, env,
                     {"CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", "CI_COMMIT_SHA"});
  if (pr.head.empty()) throw UsageError(source + ": no head commit (`sha`, or CI_COMMIT_SHA)");
  pr.title = mr.is_null() ? std::string() : optional_string(mr, "title", source);
  pr.base_ref = first_of(mr, {"target_branch"}, source, env, {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME"});
  const nlohmann::json* labels = mr.is_null() ? nullptr : find_path(mr, "labels");
  if (labels != nullptr) {
    if (!labels->is_array()) throw UsageError(source + ": labels: expected a list");
    for (const nlohmann::json& label : *labels) {
      add_unique(pr.labels, label.is_string() ? label.get<std::string>() : optional_string(label, "name", source));
    }
  } else {
    std::string list = env_value(env, "CI_MERGE_REQUEST_LABELS");
    std::size_t start = 0;
    while (start <= list.size() && !list.empty()) {
      std::size_t comma = list.find(',', start);
      add_unique(pr.labels, trim(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return pr;
}

void add_gitlab_approvals(PullRequest& pr, const nlohmann::json& approvals, const std::string& source) {
  if (!approvals.is_object()) {
    throw UsageError(source + ": expected the merge request approvals object, found a JSON " +
                     std::string(approvals.type_name()));
  }
  const nlohmann::json* approved_by = find_path(approvals, "approved_by");
  if (approved_by == nullptr) return;
  if (!approved_by->is_array()) throw UsageError(source + ": approved_by: expected a list");
  for (const nlohmann::json& entry : *approved_by) {
    Review review;
    review.state = "APPROVED";
    review.login = optional_string(entry, "user.username", source);
    if (review.login.empty()) review.login = optional_string(entry, "username", source);
    review.submitted_at = optional_string(entry, "approved_at", source);
    if (!review.login.empty()) pr.reviews.push_back(std::move(review));
  }
}

}  // namespace laneguard::ci
