// The git side of a pull request: its commits (base..head) from the checked-out repository, and
// the agreement that judges it (the base's, never the head's); a merge group's commits, each
// with the pull request it came from.
#pragma once
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "ci/pull_request.h"
#include "facts/change.h"
#include "git/repository.h"

namespace laneguard::ci {

// Resolves pr.base and pr.head to 40-hex commit ids in place. A commit that is not in the clone
// (a shallow checkout, or a fork's head that was not fetched): GitError (exit 3) saying how much
// history to fetch (`fetch-depth: 0` for actions/checkout, GIT_DEPTH: 0 on GitLab).
void resolve_pr_commits(const git::Repository& repo, PullRequest& pr);

// commit_facts for every commit in base..head, oldest first. In a shallow clone whose history
// does not reach the merge base: GitError with the same advice.
std::vector<CommitFacts> pr_commit_facts(const git::Repository& repo, const PullRequest& pr);

// A merge group's commits (base..head, oldest first), each with the pull request it came from.
struct GroupCommits {
  std::vector<CommitFacts> commits;
  // Parallel to commits: the index in group.pulls of the pull request it belongs to, or -1 when
  // the head of no listed pull request reaches it (the queue's own merge commits, or a commit of a
  // pull request laneguard was not given: judged with no approvals).
  std::vector<int> owner;
};

// Resolves group.base, group.head and every listed pull request's head in place (one not in the
// clone: GitError saying what to fetch), then gives each commit of base..head to the first pull
// request in queue order whose head reaches it. A commit a squashing or rebasing queue wrote on
// the group's first parents is pull request k's when it is exactly k's work put on its parent:
// one of k's commits (same author and message) picked onto it, or k's head merged into it in one
// commit. Shallow clones: as pr_commit_facts.
GroupCommits assign_group_commits(const git::Repository& repo, MergeGroup& group);

// The agreement that judges the pull request: `explicit_file` when given, else `.laneguard.toml` in
// the base commit's tree, else the embedded default. Never the head's.
Agreement base_agreement(const git::Repository& repo, const std::string& base, const std::string& explicit_file);

// The advice appended to every "not in this clone" error.
std::string fetch_history_advice();

}  // namespace laneguard::ci
