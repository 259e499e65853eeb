#include "git/tree_diff.h"

#include <algorithm>
#include <cstring>

#include "git/handle.h"

namespace laneguard::git {
namespace {

constexpr uint32_t kTypeMask = 0170000, kTreeMode = 0040000;

// One entry of a raw tree object: "<octal mode> <name>\0<20-byte id>".
struct Entry {
  uint32_t mode = 0;
  const char* name = nullptr;
  size_t len = 0;
  const unsigned char* id = nullptr;
  bool is_tree() const { return (mode & kTypeMask) == kTreeMode; }
};

class Entries {
 public:
  Entries() = default;
  Entries(const std::string& raw, const git_oid& tree) : p_(raw.data()), end_(raw.data() + raw.size()), tree_(tree) {}
  // Reads the next entry into `e`; false at the end.
  bool next(Entry& e) {
    if (p_ >= end_) return false;
    uint32_t mode = 0;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '7') mode = mode * 8 + uint32_t(*p_++ - '0');
    if (p_ >= end_ || *p_++ != ' ') corrupt();
    const char* name = p_;
    const char* nul = static_cast<const char*>(std::memchr(p_, '\0', size_t(end_ - p_)));
    if (!nul || end_ - nul < 21) corrupt();
    e = {mode, name, size_t(nul - name), reinterpret_cast<const unsigned char*>(nul + 1)};
    p_ = nul + 21;
    return true;
  }

 private:
  [[noreturn]] void corrupt() const { throw GitError("corrupt tree object " + oid_hex(tree_)); }
  const char* p_ = nullptr;
  const char* end_ = nullptr;
  git_oid tree_{};
};

// git's tree order: names compared bytewise, a tree's name as if it ended in '/'.
int compare(const Entry& a, const Entry& b) {
  size_t n = std::min(a.len, b.len);
  if (int r = std::memcmp(a.name, b.name, n)) return r;
  unsigned ca = n < a.len ? static_cast<unsigned char>(a.name[n]) : (a.is_tree() ? '/' : 0);
  unsigned cb = n < b.len ? static_cast<unsigned char>(b.name[n]) : (b.is_tree() ? '/' : 0);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

git_oid oid_of(const Entry& e) {
  git_oid id;
  git_oid_fromraw(&id, e.id);
  return id;
}

// One recursive walk over two trees; `prefix_` is the directory being compared, with a trailing
// '/' unless it is the root. It grows and shrinks in place so paths are built without churn.
class Differ {
 public:
  Differ(TreeReader& trees, std::vector<std::string>& out) : trees_(trees), out_(out) {}

  void trees(const git_oid* before, const git_oid* after) {
    std::shared_ptr<const std::string> rb, ra;
    Entries b, a;
    if (before) b = Entries(*(rb = trees_.tree(*before)), *before);
    if (after) a = Entries(*(ra = trees_.tree(*after)), *after);
    Entry eb, ea;
    bool hb = before && b.next(eb), ha = after && a.next(ea);
    while (hb || ha) {
      int c = !ha ? -1 : !hb ? 1 : compare(eb, ea);
      if (c < 0) {
        one_side(eb, true);
        hb = b.next(eb);
      } else if (c > 0) {
        one_side(ea, false);
        ha = a.next(ea);
      } else {
        both(eb, ea);
        hb = b.next(eb);
        ha = a.next(ea);
      }
    }
  }

 private:
  template <typename Body>
  void descend(const Entry& e, Body body) {
    size_t len = prefix_.size();
    prefix_.append(e.name, e.len);
    prefix_ += '/';
    body();
    prefix_.resize(len);
  }

  void emit(const Entry& e) {
    out_.emplace_back();
    std::string& p = out_.back();
    p.reserve(prefix_.size() + e.len);
    p += prefix_;
    p.append(e.name, e.len);
  }

  // An entry present on one side only: a leaf, or every leaf under a directory.
  void one_side(const Entry& e, bool before) {
    if (!e.is_tree()) return emit(e);
    git_oid id = oid_of(e);
    descend(e, [&] { before ? trees(&id, nullptr) : trees(nullptr, &id); });
  }

  void both(const Entry& b, const Entry& a) {
    bool same_id = std::memcmp(b.id, a.id, GIT_OID_RAWSZ) == 0;
    if (same_id && b.mode == a.mode) return;
    if (!b.is_tree()) return emit(a);  // same name, both leaves: modified or type-changed
    if (same_id) return;
    git_oid ib = oid_of(b), ia = oid_of(a);
    descend(a, [&] { trees(&ib, &ia); });
  }

  TreeReader& trees_;
  std::vector<std::string>& out_;
  std::string prefix_;
};

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

git_oid parent_tree_id(git_repository* repo, const git_commit* commit, unsigned index) {
  git_commit* parent = nullptr;
  check(git_commit_lookup(&parent, repo, git_commit_parent_id(commit, index)),
        "reading parent " + std::to_string(index + 1) + " of commit " + oid_hex(*git_commit_id(commit)));
  CommitPtr owned(parent);
  return *git_commit_tree_id(parent);
}

}  // namespace

void diff_tree_paths(TreeReader& trees, const git_oid* before, const git_oid* after, std::vector<std::string>& out) {
  Differ(trees, out).trees(before, after);
}

TouchedPaths touched_paths(git_repository* repo, TreeReader& trees, const git_commit* commit) {
  const git_oid* tree = git_commit_tree_id(commit);
  unsigned parents = git_commit_parentcount(commit);

  TouchedPaths result;
  git_oid first;
  if (parents > 0) first = parent_tree_id(repo, commit, 0);
  diff_tree_paths(trees, parents > 0 ? &first : nullptr, tree, result.paths);
  sort_unique(result.paths);
  if (parents < 2 || result.paths.empty()) return result;

  // A path is brought in when some other parent has exactly the merge's entry there, i.e. the
  // path is absent from the diff between that parent and the merge.
  std::vector<bool> taken(result.paths.size(), false);
  std::vector<std::string> differs;
  for (unsigned k = 1; k < parents; ++k) {
    git_oid other = parent_tree_id(repo, commit, k);
    differs.clear();
    diff_tree_paths(trees, &other, tree, differs);
    sort_unique(differs);
    for (size_t i = 0; i < result.paths.size(); ++i)
      if (!taken[i] && !std::binary_search(differs.begin(), differs.end(), result.paths[i])) taken[i] = true;
  }
  for (size_t i = 0; i < result.paths.size(); ++i)
    if (taken[i]) result.brought_in.push_back(result.paths[i]);
  return result;
}

}  // namespace laneguard::git
