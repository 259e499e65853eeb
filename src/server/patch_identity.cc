#include "server/patch_identity.h"

namespace laneguard::server {
namespace {

git_oid parse_oid(const std::string& id) {
  git_oid oid;
  git::check(git_oid_fromstr(&oid, id.c_str()), "bad object id " + id);
  return oid;
}

}  // namespace

std::string patch_id(const git::Repository& repo, const std::string& commit_id) {
  git_oid oid = parse_oid(commit_id);
  git_commit* raw = nullptr;
  git::check(git_commit_lookup(&raw, repo.get(), &oid), "reading commit " + commit_id);
  git::CommitPtr commit(raw);
  if (git_commit_parentcount(commit.get()) > 1) return "";
  git_tree* t = nullptr;
  git::check(git_commit_tree(&t, commit.get()), "reading the tree of " + commit_id);
  git::TreePtr tree(t);
  git::TreePtr parent_tree;
  if (git_commit_parentcount(commit.get()) == 1) {
    git_commit* p = nullptr;
    git::check(git_commit_parent(&p, commit.get(), 0), "reading the parent of " + commit_id);
    git::CommitPtr parent(p);
    git_tree* pt = nullptr;
    git::check(git_commit_tree(&pt, parent.get()), "reading the parent tree of " + commit_id);
    parent_tree.reset(pt);
  }
  git_diff* d = nullptr;
  git::check(git_diff_tree_to_tree(&d, repo.get(), parent_tree.get(), tree.get(), nullptr),
             "diffing commit " + commit_id);
  git::DiffPtr diff(d);
  if (git_diff_num_deltas(diff.get()) == 0) return "";
  git_oid id;
  git::check(git_diff_patchid(&id, diff.get(), nullptr), "computing the patch id of " + commit_id);
  return git::oid_hex(id);
}

std::vector<std::string> rebase_candidates(const git::Repository& repo, const std::vector<std::string>& tips,
                                           const std::vector<std::string>& hidden, std::size_t limit) {
  std::vector<std::string> out;
  if (tips.empty() || limit == 0) return out;
  git_revwalk* raw = nullptr;
  git::check(git_revwalk_new(&raw, repo.get()), "cannot walk the history");
  git::RevwalkPtr walk(raw);
  git_revwalk_sorting(walk.get(), GIT_SORT_TIME);
  for (const auto& tip : tips) {
    git_oid oid = parse_oid(tip);
    git::check(git_revwalk_push(walk.get(), &oid), "cannot walk from " + tip);
  }
  for (const auto& h : hidden) {
    git_oid oid;
    if (git_oid_fromstr(&oid, h.c_str()) != 0) continue;
    if (git_revwalk_hide(walk.get(), &oid) != 0) git_error_clear();
  }
  git_oid oid;
  while (out.size() < limit && git_revwalk_next(&oid, walk.get()) == 0) {
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, repo.get(), &oid) != 0) continue;
    git::CommitPtr commit(c);
    if (git_commit_parentcount(commit.get()) <= 1) out.push_back(git::oid_hex(oid));
  }
  return out;
}

std::unordered_map<std::string, std::string> patch_identical(const git::Repository& repo,
                                                             const std::vector<std::string>& commits,
                                                             const std::vector<std::string>& candidates,
                                                             const Budget& budget) {
  std::unordered_map<std::string, std::string> out;
  if (commits.empty() || candidates.empty()) return out;
  std::unordered_map<std::string, std::string> by_patch;  // patch id -> first candidate
  for (const auto& c : candidates) {
    budget.check("comparing rebased commits");
    std::string id = patch_id(repo, c);
    if (!id.empty()) by_patch.emplace(id, c);
  }
  for (const auto& c : commits) {
    budget.check("comparing rebased commits");
    std::string id = patch_id(repo, c);
    if (id.empty()) continue;
    if (auto it = by_patch.find(id); it != by_patch.end() && it->second != c) out.emplace(c, it->second);
  }
  return out;
}

}  // namespace laneguard::server
