#include "ci/pr_repository.h"

#include <algorithm>
#include <map>

#include "git/handle.h"
#include "util/error.h"

namespace laneguard::ci {
namespace {

bool is_shallow(const git::Repository& repo) { return git_repository_is_shallow(repo.get()) == 1; }

std::string short_id(const std::string& id) { return id.size() > 12 ? id.substr(0, 12) : id; }

// Whether base and head share a merge base this clone can see.
bool merge_base_present(const git::Repository& repo, const std::string& base, const std::string& head) {
  git_oid base_oid, head_oid, out;
  if (git_oid_fromstr(&base_oid, base.c_str()) < 0 || git_oid_fromstr(&head_oid, head.c_str()) < 0) return false;
  return git_merge_base(&out, repo.get(), &base_oid, &head_oid) == 0;
}

}  // namespace

std::string fetch_history_advice() {
  return "fetch the full history: with actions/checkout set `fetch-depth: 0`; on GitLab set the variable "
         "`GIT_DEPTH: 0`; elsewhere run `git fetch --unshallow` (and fetch the pull or merge request's head)";
}

void resolve_pr_commits(const git::Repository& repo, PullRequest& pr) {
  auto resolve = [&](std::string& rev, const char* what) {
    std::optional<std::string> id = repo.resolve_commit(rev);
    if (!id) {
      throw GitError("the " + std::string(what) + " commit " + rev + " of " + pr.id + " is not in this clone" +
                     (is_shallow(repo) ? " (it is a shallow clone)" : "") + ": " + fetch_history_advice());
    }
    rev = *id;
  };
  resolve(pr.base, "base");
  resolve(pr.head, "head");
}

std::vector<CommitFacts> pr_commit_facts(const git::Repository& repo, const PullRequest& pr) {
  bool shallow = is_shallow(repo);
  if (shallow && !merge_base_present(repo, pr.base, pr.head)) {
    throw GitError("this shallow clone does not reach where " + pr.id + " branched off " +
                   (pr.base_ref.empty() ? short_id(pr.base) : pr.base_ref) + ", so its commits cannot be told "
                   "apart from the base's: " + fetch_history_advice());
  }
  std::vector<std::string> ids;
  try {
    ids = repo.commits_between(pr.head, {pr.base});
  } catch (const GitError& e) {
    if (!shallow) throw;
    throw GitError(std::string(e.what()) + " (this is a shallow clone): " + fetch_history_advice());
  }
  std::reverse(ids.begin(), ids.end());  // oldest first, as the pull request shows them
  std::vector<CommitFacts> commits;
  commits.reserve(ids.size());
  for (const std::string& id : ids) commits.push_back(repo.commit_facts(id));
  return commits;
}

GroupCommits assign_group_commits(const git::Repository& repo, MergeGroup& group) {
  // The group as one pull request would be: its base, its head, its commits.
  PullRequest whole;
  whole.id = "the merge group " + group.queue_ref;
  whole.base = group.base;
  whole.head = group.head;
  whole.base_ref = group.base_ref;
  resolve_pr_commits(repo, whole);
  group.base = whole.base;
  group.head = whole.head;
  for (PullRequest& pr : group.pulls) {
    std::optional<std::string> id = repo.resolve_commit(pr.head);
    if (!id) {
      throw GitError("the head commit " + pr.head + " of " + pr.id + " is not in this clone: fetch it (`git fetch origin " +
                     "refs/pull/" + pr.number + "/head`; the action does) and " + fetch_history_advice());
    }
    pr.head = *id;
    pr.base = group.base;
  }
  GroupCommits out;
  out.commits = pr_commit_facts(repo, whole);
  std::map<std::string, std::size_t> at;  // commit id -> its index in out.commits
  for (std::size_t i = 0; i < out.commits.size(); ++i) at[out.commits[i].id] = i;
  out.owner.assign(out.commits.size(), -1);
  for (std::size_t k = 0; k < group.pulls.size(); ++k) {
    for (const std::string& id : repo.commits_between(group.pulls[k].head, {group.base})) {
      auto it = at.find(id);
      if (it != at.end() && out.owner[it->second] < 0) out.owner[it->second] = static_cast<int>(k);
    }
  }
  return out;
}

Agreement base_agreement(const git::Repository& repo, const std::string& base, const std::string& explicit_file) {
  if (!explicit_file.empty()) return load_named_agreement(explicit_file, "named by --agreement");
  std::optional<std::string> text = repo.read_file_at(base, ".laneguard.toml");
  if (!text) return load_default_agreement();
  return parse_agreement(*text, short_id(base) + ":.laneguard.toml");
}

}  // namespace laneguard::ci
