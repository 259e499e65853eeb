// The provider-neutral input for any other platform (Gitea, Bitbucket, Azure DevOps, a script):
//
//   {"id": "pull request #42",          optional; else "pull request #<number>"
//    "number": 42,
//    "author": "pat",                   required: the account that opened it
//    "title": "Add OAuth login",         optional, for reports
//    "labels": ["ai-assisted"],
//    "base": "<sha or revision>",       required: the base branch's tip (its agreement judges)
//    "head": "<sha or revision>",       required
//    "base_ref": "main",
//    "pushers": ["pat"],                accounts that pushed commits to it
//    "reviews": [{"user": "erin", "state": "approved", "commit": "<sha>", "submitted_at": "..."}]}
//
// A review's state defaults to "approved"; a review that names a commit other than the head is stale.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "ci/pull_request.h"

namespace laneguard::ci {

PullRequest read_neutral(const nlohmann::json& input, const std::string& source);

}  // namespace laneguard::ci
