#include "ci/pr_repository.h"

#include <algorithm>
#include <map>
#include <optional>

#include "git/handle.h"
#include "git/replay.h"
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

// A queue that squashes or rebases writes new commits along the group's first parents, which no
// pull request's head reaches. Such a commit is pull request k's when it is exactly k's work put on
// its parent: one of k's commits, with the same author and message, picked onto it (rebase), or k's
// head merged into it in one commit that changes something (squash). It then changes nothing k's
// reviewers did not see there; anything else stays unclaimed (judged with no approvals).
void assign_rewritten(const git::Repository& repo, const MergeGroup& group, const std::vector<std::vector<std::string>>& own,
                      GroupCommits& out, const std::map<std::string, std::size_t>& at) {
  // The group's first parents from its head down to its base, oldest first.
  std::vector<std::size_t> chain;
  for (auto it = at.find(group.head); it != at.end();) {
    chain.push_back(it->second);
    const CommitFacts& c = out.commits[it->second];
    it = c.parents.empty() ? at.end() : at.find(c.parents.front());
  }
  std::reverse(chain.begin(), chain.end());
  bool any = false;
  for (std::size_t i : chain) any = any || (out.owner[i] < 0 && !out.commits[i].is_merge());
  if (!any) return;
  std::optional<git::Replay> replay;
  std::vector<std::vector<CommitFacts>> originals(group.pulls.size());  // read when first needed
  std::vector<bool> read(group.pulls.size(), false), squashed(group.pulls.size(), false);
  for (std::size_t i : chain) {
    const CommitFacts& rewritten = out.commits[i];
    if (out.owner[i] >= 0 || rewritten.is_merge() || rewritten.parents.empty()) continue;
    if (!replay) replay.emplace(repo);
    const std::string& parent = rewritten.parents.front();
    for (std::size_t k = 0; k < group.pulls.size() && out.owner[i] < 0; ++k) {
      if (!read[k]) {
        for (const std::string& id : own[k]) originals[k].push_back(repo.commit_facts(id));
        read[k] = true;
      }
      for (const CommitFacts& original : originals[k]) {
        if (original.parents.size() != 1 || original.message != rewritten.message || original.author.name != rewritten.author.name ||
            original.author.email != rewritten.author.email) {
          continue;
        }
        if (replay->picked_tree(original.id, parent) == rewritten.tree) {
          out.owner[i] = static_cast<int>(k);
          break;
        }
      }
    }
    for (std::size_t k = 0; k < group.pulls.size() && out.owner[i] < 0; ++k) {
      if (squashed[k] || rewritten.paths.empty()) continue;
      if (replay->merged_tree(parent, group.pulls[k].head) == rewritten.tree) {
        out.owner[i] = static_cast<int>(k);
        squashed[k] = true;
      }
    }
  }
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
  // Each pull request's own commits (its head's, not the base's), for the rewritten ones below.
  std::vector<std::vector<std::string>> own(group.pulls.size());
  for (std::size_t k = 0; k < group.pulls.size(); ++k) {
    own[k] = repo.commits_between(group.pulls[k].head, {group.base});
    for (const std::string& id : own[k]) {
      auto it = at.find(id);
      if (it != at.end() && out.owner[it->second] < 0) out.owner[it->second] = static_cast<int>(k);
    }
  }
  assign_rewritten(repo, group, own, out, at);
  return out;
}

Agreement base_agreement(const git::Repository& repo, const std::string& base, const std::string& explicit_file) {
  if (!explicit_file.empty()) return load_named_agreement(explicit_file, "named by --agreement");
  std::optional<std::string> text = repo.read_file_at(base, ".laneguard.toml");
  if (!text) return load_default_agreement();
  return parse_agreement(*text, short_id(base) + ":.laneguard.toml");
}

}  // namespace laneguard::ci
