// GitHub's facts about a pull request, from the files a workflow has at hand: the event payload
// ($GITHUB_EVENT_PATH for pull_request, pull_request_target and pull_request_review events), the
// list-reviews REST response (GET /repos/O/R/pulls/N/reviews) and, optionally, the list-commits
// response (GET /repos/O/R/pulls/N/commits) that maps commit authors and committers to logins.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "ci/pull_request.h"

namespace laneguard::ci {

// `source` names the file in messages. Missing pull_request fields: UsageError naming them.
// The sender of an `opened`, `synchronize` or `reopened` pull_request(_target) event pushed (or
// opened) the pull request: a pusher. A pull_request_review event's sender is the reviewer: not.
// A merge_group event: UsageError asking for the pull request (read_github_merge_group).
PullRequest read_github_event(const nlohmann::json& event, const std::string& source);

// Whether `event` is a merge_group event payload.
bool is_github_merge_group(const nlohmann::json& event);
// The pull request number a merge group's queue branch names
// (`refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>`). Not such a branch: UsageError.
std::string merge_group_pull_number(const nlohmann::json& event, const std::string& source);
// A merge group (GitHub's merge queue): what lands is base_sha..head_sha of the group, judged under
// the base's agreement. `pulls` are the pull requests it holds, in queue order (each GET
// /repos/O/R/pulls/N, or any payload's `pull_request` object, with the file it came from); the one
// the queue branch names must be among them, last. Each keeps its own head, which its reviews must
// name. Refused (UsageError): the queue branch's pull request missing or not last, a pull request
// listed twice, or one based on another branch than the group's.
MergeGroup read_github_merge_group(const nlohmann::json& event, const std::string& source,
                                   const std::vector<std::pair<nlohmann::json, std::string>>& pulls);
// Appends the reviews (user.login, state, commit_id, submitted_at). Not a list: UsageError; so is a
// review whose pull_request_url names another pull request than `pr` (files paired wrongly).
void add_github_reviews(PullRequest& pr, const nlohmann::json& reviews, const std::string& source);
// Adds author.login and committer.login of every commit to pr.pushers (GitHub's own "web-flow"
// committer, which signs web edits and merges, is not a person and is skipped).
void add_github_commits(PullRequest& pr, const nlohmann::json& commits, const std::string& source);

}  // namespace laneguard::ci
