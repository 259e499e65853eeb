#include "git/tree_diff.h"

#include <algorithm>
#include <cstring>

#include "git/handle.h"

namespace laneguard::git {
namespace {

bool is_tree(const git_tree_entry* e) { return git_tree_entry_type(e) == GIT_OBJECT_TREE; }

// git's tree order: names compared bytewise, a tree's name as if it ended in '/'.
int compare_entries(const git_tree_entry* a, const git_tree_entry* b) {
  const char* na = git_tree_entry_name(a);
  const char* nb = git_tree_entry_name(b);
  size_t la = std::strlen(na), lb = std::strlen(nb);
  size_t n = std::min(la, lb);
  if (int r = std::memcmp(na, nb, n)) return r;
  unsigned ca = n < la ? static_cast<unsigned char>(na[n]) : (is_tree(a) ? '/' : 0);
  unsigned cb = n < lb ? static_cast<unsigned char>(nb[n]) : (is_tree(b) ? '/' : 0);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

// One recursive walk over two trees; `prefix` is the directory being compared, with a trailing
// '/' unless it is the root. It grows and shrinks in place so paths are built without churn.
class Differ {
 public:
  Differ(git_repository* repo, std::vector<std::string>& out) : repo_(repo), out_(out) {}

  void trees(const git_tree* before, const git_tree* after) {
    size_t nb = before ? git_tree_entrycount(before) : 0;
    size_t na = after ? git_tree_entrycount(after) : 0;
    size_t i = 0, j = 0;
    while (i < nb || j < na) {
      const git_tree_entry* b = i < nb ? git_tree_entry_byindex(before, i) : nullptr;
      const git_tree_entry* a = j < na ? git_tree_entry_byindex(after, j) : nullptr;
      int c = !a ? -1 : !b ? 1 : compare_entries(b, a);
      if (c < 0) {
        one_side(b);
        ++i;
      } else if (c > 0) {
        one_side(a);
        ++j;
      } else {
        both(b, a);
        ++i;
        ++j;
      }
    }
  }

 private:
  TreePtr subtree(const git_tree_entry* e) {
    git_tree* t = nullptr;
    check(git_tree_lookup(&t, repo_, git_tree_entry_id(e)), "reading tree " + prefix_ + git_tree_entry_name(e));
    return TreePtr(t);
  }

  // Enters the directory of entry `e` for the duration of `body`.
  template <typename Body>
  void descend(const git_tree_entry* e, Body body) {
    size_t len = prefix_.size();
    prefix_ += git_tree_entry_name(e);
    prefix_ += '/';
    body();
    prefix_.resize(len);
  }

  void emit(const git_tree_entry* e) {
    out_.emplace_back();
    std::string& p = out_.back();
    const char* name = git_tree_entry_name(e);
    p.reserve(prefix_.size() + std::strlen(name));
    p += prefix_;
    p += name;
  }

  // An entry present on one side only: a leaf, or every leaf under a directory.
  void one_side(const git_tree_entry* e) {
    if (!is_tree(e)) return emit(e);
    TreePtr t = subtree(e);
    descend(e, [&] { trees(nullptr, t.get()); });
  }

  void both(const git_tree_entry* b, const git_tree_entry* a) {
    if (git_oid_equal(git_tree_entry_id(b), git_tree_entry_id(a)) &&
        git_tree_entry_filemode(b) == git_tree_entry_filemode(a))
      return;
    if (!is_tree(b)) return emit(a);  // same name, both leaves: modified or type-changed
    if (git_oid_equal(git_tree_entry_id(b), git_tree_entry_id(a))) return;
    TreePtr tb = subtree(b), ta = subtree(a);
    descend(a, [&] { trees(tb.get(), ta.get()); });
  }

  git_repository* repo_;
  std::vector<std::string>& out_;
  std::string prefix_;
};

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

TreePtr parent_tree(const git_commit* commit, unsigned index) {
  git_commit* parent = nullptr;
  check(git_commit_parent(&parent, commit, index),
        "reading parent " + std::to_string(index + 1) + " of commit " + oid_hex(*git_commit_id(commit)));
  CommitPtr owned(parent);
  git_tree* t = nullptr;
  check(git_commit_tree(&t, parent), "reading the tree of commit " + oid_hex(*git_commit_id(parent)));
  return TreePtr(t);
}

}  // namespace

void diff_tree_paths(git_repository* repo, const git_tree* before, const git_tree* after,
                     std::vector<std::string>& out) {
  Differ(repo, out).trees(before, after);
}

TouchedPaths touched_paths(git_repository* repo, const git_commit* commit) {
  git_tree* t = nullptr;
  check(git_commit_tree(&t, commit), "reading the tree of commit " + oid_hex(*git_commit_id(commit)));
  TreePtr tree(t);
  unsigned parents = git_commit_parentcount(commit);

  TouchedPaths result;
  TreePtr first = parents > 0 ? parent_tree(commit, 0) : nullptr;
  diff_tree_paths(repo, first.get(), tree.get(), result.paths);
  sort_unique(result.paths);
  if (parents < 2 || result.paths.empty()) return result;

  // A path is brought in when some other parent has exactly the merge's entry there, i.e. the
  // path is absent from the diff between that parent and the merge.
  std::vector<bool> taken(result.paths.size(), false);
  std::vector<std::string> differs;
  for (unsigned k = 1; k < parents; ++k) {
    TreePtr other = parent_tree(commit, k);
    differs.clear();
    diff_tree_paths(repo, other.get(), tree.get(), differs);
    sort_unique(differs);
    for (size_t i = 0; i < result.paths.size(); ++i)
      if (!taken[i] && !std::binary_search(differs.begin(), differs.end(), result.paths[i])) taken[i] = true;
  }
  for (size_t i = 0; i < result.paths.size(); ++i)
    if (taken[i]) result.brought_in.push_back(result.paths[i]);
  return result;
}

}  // namespace laneguard::git
