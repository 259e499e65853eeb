// GitHub's facts about a pull request, from the files a workflow has at hand: the event payload
// ($GITHUB_EVENT_PATH for pull_request, pull_request_target and pull_request_review events), the
// list-reviews REST response (GET /repos/O/R/pulls/N/reviews) and, optionally, the list-commits
// response (GET /repos/O/R/pulls/N/commits) that maps commit authors and committers to logins.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "ci/pull_request.h"

namespace laneguard::ci {

// `source` names the file in messages. Missing pull_request fields: UsageError naming them.
PullRequest read_github_event(const nlohmann::json& event, const std::string& source);
// Appends the reviews (user.login, state, commit_id, submitted_at). Not a list: UsageError.
void add_github_reviews(PullRequest& pr, const nlohmann::json& reviews, const std::string& source);
// Adds author.login and committer.login of every commit to pr.pushers (GitHub's own "web-flow"
// committer, which signs web edits and merges, is not a person and is skipped).
void add_github_commits(PullRequest& pr, const nlohmann::json& commits, const std::string& source);

}  // namespace laneguard::ci
