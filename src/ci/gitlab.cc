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
      "CI_COMMIT_SHA",                  "CI_PIPELINE_SOURCE",
      "GITLAB_USER_LOGIN"};
  return names;
}

PullRequest read_gitlab_merge_request(const nlohmann::json& mr, const std::string& source, const Environment& env) {
  if (!mr.is_null() && !mr.is_object()) {
    throw UsageError(source + ": expected the merge request object, found a JSON " + std::string(mr.type_name()));
  }
  // The files people pass by mistake: a webhook payload, the approvals response.
  if (!mr.is_null()) {
    std::string kind = optional_string(mr, "object_kind", source);
    if (kind == "merge_request") {
      throw UsageError(source + ": this is a Merge Request Hook webhook payload (object_kind merge_request), not the "
                                "merge request: it has no author username and no diff refs. Pass the merge request "
                                "from the API instead: GET $CI_API_V4_URL/projects/$CI_MERGE_REQUEST_PROJECT_ID/"
                                "merge_requests/$CI_MERGE_REQUEST_IID (what ci/gitlab-laneguard.yml fetches)");
    }
    if (!kind.empty()) {
      throw UsageError(source + ": this is a GitLab webhook payload (object_kind " + kind + "), not the merge request: "
                                "pass GET /projects/:id/merge_requests/:iid");
    }
    if (find_path(mr, "approved_by") != nullptr || find_path(mr, "approval_rules_overwritten") != nullptr) {
      throw UsageError(source + ": this is an approvals response, not the merge request: pass it with --approvals "
                                "(GET .../merge_requests/:iid/approvals) and the merge request (GET "
                                ".../merge_requests/:iid) with --merge-request");
    }
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
  pr.head_ref = first_of(mr, {"source_branch"}, source, env, {"CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"});
  if (!mr.is_null())
    if (const nlohmann::json* d = find_path(mr, "description"); d && d->is_string()) pr.body = d->get<std::string>();
  if (!mr.is_null()) {
    if (const nlohmann::json* assignees = find_path(mr, "assignees"); assignees && assignees->is_array())
      for (const nlohmann::json& a : *assignees) {
        std::string login = optional_string(a, "username", source + ": assignees");
        if (!login.empty() && std::find(pr.assignees.begin(), pr.assignees.end(), login) == pr.assignees.end())
          pr.assignees.push_back(login);
      }
    for (const char* field : {"draft", "work_in_progress"}) {
      const nlohmann::json* value = find_path(mr, field);
      if (value != nullptr && value->is_boolean() && value->get<bool>()) pr.draft = true;
    }
  }
  // Who started this pipeline: a push to the source branch starts a merge request pipeline, so
  // GitLab names the pusher (Run pipeline on the merge request does too, naming whoever clicked:
  // counted all the same, docs/ci.md says so). Other sources (web, api, trigger) are not pushes.
  std::string pipeline_source = env_value(env, "CI_PIPELINE_SOURCE");
  if (pipeline_source == "merge_request_event" || pipeline_source == "push") {
    add_unique(pr.pushers, env_value(env, "GITLAB_USER_LOGIN"));
  }
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
  if (approved_by == nullptr) {
    // Not the approvals response: name what it is, rather than read it as nobody's approval.
    std::string what = "it has no `approved_by`";
    if (find_path(approvals, "approval_rules_overwritten") != nullptr || find_path(approvals, "rules") != nullptr) {
      what = "this is the approval_state response (GET .../merge_requests/:iid/approval_state): its approvals are "
             "per rule";
    } else if (find_path(approvals, "diff_refs") != nullptr || find_path(approvals, "author") != nullptr) {
      what = "this is the merge request itself (pass it with --merge-request)";
    } else if (!optional_string(approvals, "object_kind", source).empty()) {
      what = "this is a webhook payload (object_kind " + optional_string(approvals, "object_kind", source) + ")";
    }
    throw UsageError(source + ": expected the merge request approvals response (GET $CI_API_V4_URL/projects/"
                              "$CI_MERGE_REQUEST_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/approvals), but " +
                     what);
  }
  if (!approved_by->is_array()) throw UsageError(source + ": approved_by: expected a list");
  for (const nlohmann::json& entry : *approved_by) {
    Review review;
    review.state = "APPROVED";
    review.login = optional_string(entry, "user.username", source);
    if (review.login.empty()) review.login = optional_string(entry, "username", source);
    review.submitted_at = optional_string(entry, "approved_at", source);
    // GitLab's user objects carry `bot` for bot users (project and group access tokens, service accounts).
    const nlohmann::json* bot = find_path(entry, "user.bot");
    review.bot = bot && bot->is_boolean() && bot->get<bool>();
    if (!review.login.empty()) pr.reviews.push_back(std::move(review));
  }
}

}  // namespace laneguard::ci
