// GitLab's facts about a merge request: the merge request JSON (GET
// /projects/:id/merge_requests/:iid), the approvals JSON (GET .../merge_requests/:iid/approvals) and
// the CI_MERGE_REQUEST_* variables of a merge request pipeline, which fill what the JSON lacks.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "ci/pull_request.h"

namespace laneguard::ci {

using Environment = std::map<std::string, std::string>;

// The variables read_gitlab_merge_request consults (the mode copies them from the environment).
const std::vector<std::string>& gitlab_variables();

// `merge_request` may be null (no file given): then the variables must say enough (iid, shas) and
// the author stays unknown, which is an error (UsageError): the author cannot approve their own MR.
PullRequest read_gitlab_merge_request(const nlohmann::json& merge_request, const std::string& source,
                                      const Environment& env);
// Appends one APPROVED review per approved_by[].user.username (approved_at when present). GitLab's
// approvals name no commit: "Remove all approvals when commits are added" is the platform's job.
void add_gitlab_approvals(PullRequest& pr, const nlohmann::json& approvals, const std::string& source);

}  // namespace laneguard::ci
