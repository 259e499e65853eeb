#include "git/landed.h"

#include <algorithm>
#include <unordered_set>

#include "git/commit_graph.h"

#include "git/tree_diff.h"

namespace laneguard::git {
namespace {

git_oid to_oid(const std::string& hex) {
  git_oid id;
  if (git_oid_fromstr(&id, hex.c_str()) < 0) throw GitError("not an object id: " + hex);
  return id;
}

// The commit's tree, without computing its touched paths (commit_facts would classify a merge).
git_oid tree_of(const Repository& repo, const std::string& commit) {
  return commit_tree_id(repo.get(), to_oid(commit));
}

}  // namespace

std::vector<std::string> landed_commits(const Repository& repo, const std::string& new_tip,
                                        const std::optional<std::string>& old_tip,
                                        const std::vector<std::string>& protected_tips) {
  return repo.commits_between(new_tip, landed_hidden(old_tip, protected_tips));
}

std::vector<std::string> landed_hidden(const std::optional<std::string>& old_tip,
                                       const std::vector<std::string>& protected_tips) {
  std::vector<std::string> hidden = protected_tips;
  if (old_tip) hidden.push_back(*old_tip);
  return hidden;
}

NetEffect::NetEffect(const Repository& repo, const std::optional<std::string>& from, const std::string& to,
                     const std::function<bool(const std::string&)>& guarded)
    : repo_(repo) {
  TreeReader& trees = repo.trees();
  git_oid to_tree = tree_of(repo, to);
  std::optional<git_oid> from_tree;
  if (from) from_tree = tree_of(repo, *from);
  if (from_tree && git_oid_equal(&*from_tree, &to_tree)) return;
  std::vector<std::string> changed;
  std::vector<LeafEntry> entries;  // at `to`, from the diff itself (no lookup per path)
  diff_tree_paths(trees, from_tree ? &*from_tree : nullptr, &to_tree, changed, entries);
  std::vector<std::pair<std::string, LeafEntry>> net;
  for (size_t i = 0; i < changed.size(); ++i)
    if (guarded(changed[i])) net.emplace_back(std::move(changed[i]), entries[i]);
  std::sort(net.begin(), net.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  // A path reported twice (a blob that became a directory: its own path once) keeps one entry.
  net.erase(std::unique(net.begin(), net.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
            net.end());
  net_.reserve(net.size());
  want_.reserve(net.size());
  for (auto& [p, e] : net) {
    net_.push_back(std::move(p));
    want_.push_back(e);
  }
  explained_.assign(net_.size(), false);
  left_ = net_.size();
}

void NetEffect::add(const CommitFacts& judged) {
  if (left_ == 0) return;
  TreeReader& trees = repo_.trees();
  git_oid tree = to_oid(judged.tree);
  // The entries the commit's own diff found, when its reader kept them; else looked up.
  const bool known = judged.path_entries.size() == judged.paths.size();
  auto entry_of = [&](size_t k) {
    if (!known) return entry_at(trees, &tree, judged.paths[k]);
    LeafEntry e;
    e.mode = judged.path_entries[k].mode;
    if (e.mode) git_oid_fromraw(&e.id, judged.path_entries[k].id.data());
    return e;
  };
  auto n = net_.begin();
  for (size_t k = 0; k < judged.paths.size(); ++k) {  // both sorted: walk them together
    const std::string& p = judged.paths[k];
    n = std::lower_bound(n, net_.end(), p);
    if (n == net_.end()) break;
    if (*n != p) continue;
    size_t i = static_cast<size_t>(n - net_.begin());
    if (explained_[i]) continue;
    if (entry_of(k) == want_[i]) {
      explained_[i] = true;
      --left_;
    }
  }
}

std::vector<std::string> NetEffect::unexplained() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < net_.size(); ++i)
    if (!explained_[i]) out.push_back(net_[i]);
  return out;
}

bool judged_line(const Repository& repo, const std::optional<std::string>& from, const std::string& to,
                 const std::vector<std::string>& judged) {
  std::unordered_set<std::string> left(judged.begin(), judged.end());
  if (left.size() != judged.size() || left.empty()) return false;
  CommitGraph& graph = repo.commit_graph();
  git_oid at = to_oid(to);
  std::optional<git_oid> bottom;
  if (from) bottom = to_oid(*from);
  for (;;) {
    if (left.erase(oid_hex(at)) != 1) return false;  // not judged (or twice on the line)
    std::vector<git_oid> parents = graph.parents_of(at);
    if (parents.empty()) return !from && left.empty();
    if (parents.size() != 1) return false;
    at = parents.front();
    if (bottom && git_oid_equal(&at, &*bottom)) return left.empty();
    if (left.empty()) return false;  // the line goes on below the judged commits
  }
}

std::vector<std::string> unexplained_paths(const Repository& repo, const std::optional<std::string>& from,
                                           const std::string& to, const std::vector<CommitFacts>& judged,
                                           const std::function<bool(const std::string&)>& guarded) {
  std::vector<std::string> ids;
  ids.reserve(judged.size());
  for (const CommitFacts& c : judged) ids.push_back(c.id);
  if (judged_line(repo, from, to, ids)) return {};
  NetEffect net(repo, from, to, guarded);
  for (const CommitFacts& c : judged) net.add(c);
  return net.unexplained();
}

}  // namespace laneguard::git
