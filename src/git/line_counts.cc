#include "git/line_counts.h"

#include <algorithm>
#include <map>

#include "git/handle.h"

namespace laneguard::git {
namespace {

using PatchPtr = Handle<git_patch, git_patch_free>;

TreePtr tree_of(git_repository* repo, const std::optional<std::string>& commit) {
  if (!commit) return TreePtr();
  git_oid oid;
  check(git_oid_fromstr(&oid, commit->c_str()), "reading commit id " + *commit);
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, repo, &oid), "reading commit " + *commit);
  CommitPtr owned(c);
  git_tree* t = nullptr;
  check(git_commit_tree(&t, c), "reading the tree of " + *commit);
  return TreePtr(t);
}

git_diff_options options() {
  git_diff_options o;
  git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
  o.flags = GIT_DIFF_NORMAL | GIT_DIFF_IGNORE_SUBMODULES;
  o.context_lines = 0;
  o.interhunk_lines = 0;
  return o;
}

std::vector<PathLines> count(git_diff* diff) {
  std::vector<PathLines> out;
  const std::size_t n = git_diff_num_deltas(diff);
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff, i);
    PathLines pl;
    pl.path = d->new_file.path ? d->new_file.path : d->old_file.path;
    git_patch* p = nullptr;
    check(git_patch_from_diff(&p, diff, i), "counting the changed lines of " + pl.path);
    PatchPtr patch(p);
    std::size_t added = 0, deleted = 0;
    if (patch) check(git_patch_line_stats(nullptr, &added, &deleted, patch.get()), "counting lines of " + pl.path);
    pl.lines = added + deleted;
    out.push_back(std::move(pl));
  }
  std::sort(out.begin(), out.end(), [](const PathLines& a, const PathLines& b) { return a.path < b.path; });
  return out;
}

}  // namespace

std::vector<PathLines> changed_lines(git_repository* repo, const std::optional<std::string>& from,
                                     const std::string& to) {
  TreePtr a = tree_of(repo, from), b = tree_of(repo, to);
  git_diff_options o = options();
  git_diff* d = nullptr;
  check(git_diff_tree_to_tree(&d, repo, a.get(), b.get(), &o), "diffing " + to);
  DiffPtr diff(d);
  return count(diff.get());
}

std::vector<PathLines> landing_lines(git_repository* repo, const std::optional<std::string>& from, const std::string& to,
                                     const std::vector<CommitFacts>& commits) {
  if (from) return changed_lines(repo, from, to);
  std::map<std::string, std::uint64_t> sum;
  for (const CommitFacts& c : commits) {
    if (c.is_merge()) continue;
    std::optional<std::string> parent;
    if (!c.parents.empty()) parent = c.parents.front();
    for (PathLines& pl : changed_lines(repo, parent, c.id)) sum[pl.path] += pl.lines;
  }
  std::vector<PathLines> out;
  for (auto& [path, lines] : sum) out.push_back({path, lines});
  return out;
}

std::vector<PathLines> staged_lines(git_repository* repo, const std::optional<std::string>& head, git_index* index) {
  TreePtr a = tree_of(repo, head);
  git_diff_options o = options();
  git_diff* d = nullptr;
  check(git_diff_tree_to_index(&d, repo, a.get(), index, &o), "diffing the staged changes");
  DiffPtr diff(d);
  return count(diff.get());
}

}  // namespace laneguard::git
