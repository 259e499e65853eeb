#include "git/tree_diff.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "agreement/unicode_fold.h"
#include "git/handle.h"
#include "git/merge_paths.h"
#include "git/oid_hash.h"
#include "util/text.h"

namespace laneguard::git {
namespace {

constexpr uint32_t kTypeMask = 0170000, kTreeMode = 0040000;

// One entry of a raw tree object: "<octal mode> <name>\0<20-byte id>".
struct Entry {
  uint32_t mode = 0;
  const char* name = nullptr;
  size_t len = 0;
  const unsigned char* id = nullptr;
  const char* start = nullptr;  // where the entry begins in the raw tree (its mode)
  bool is_tree() const { return (mode & kTypeMask) == kTreeMode; }
};

class Entries {
 public:
  Entries() = default;
  Entries(const std::string& raw, const git_oid& tree) : p_(raw.data()), end_(raw.data() + raw.size()), tree_(tree) {}
  // Reads the next entry into `e`; false at the end.
  bool next(Entry& e) {
    if (p_ >= end_) return false;
    const char* start = p_;
    uint32_t mode = 0;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '7') mode = mode * 8 + uint32_t(*p_++ - '0');
    if (p_ >= end_ || *p_++ != ' ') corrupt();
    const char* name = p_;
    const char* nul = static_cast<const char*>(std::memchr(p_, '\0', size_t(end_ - p_)));
    if (!nul || end_ - nul < 21) corrupt();
    e = {mode, name, size_t(nul - name), reinterpret_cast<const unsigned char*>(nul + 1), start};
    p_ = nul + 21;
    return true;
  }
  const char* end() const { return end_; }
  // Continues at `at`, an entry's start in the same raw tree.
  void seek(const char* at) { p_ = at; }

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

using OidSet = std::unordered_set<git_oid, OidHash, OidEq>;

// A walk over two trees with an explicit stack (one frame per directory being compared), so that
// depth costs heap, not stack. `prefix_` is the directory of the top frame, with a trailing '/'
// unless it is the root; it grows and shrinks in place so paths are built without churn.
// A tree already open on the same side further up the current path is refused: an id is the hash
// of the content, so no real repository holds a tree inside itself, but a corrupt pack index can
// name one (found by fuzzing: the stack grew without end, past 2 GiB).
class Differ {
 public:
  Differ(TreeReader& trees, std::vector<std::string>& out, const std::vector<std::string>* only,
         std::vector<LeafEntry>* after_entries = nullptr, std::vector<LeafEntry>* before_entries = nullptr,
         const RootNames* roots = nullptr)
      : trees_(trees), out_(out), only_(only), after_entries_(after_entries), before_entries_(before_entries),
        roots_(roots) {
    prefix_.reserve(256);  // one allocation for most walks' deepest path
    stack_.reserve(16);
  }

  void run(const git_oid* before, const git_oid* after) {
    push(before, after);
    while (!stack_.empty()) {
      Frame& f = stack_.back();
      if (f.in_step && f.hb && f.ha) skip_identical(f);
      if (!f.hb && !f.ha) {
        prefix_.resize(f.prefix_len);
        if (stack_.size() > kScannedDepth) {
          if (f.has_before) open_before_.erase(f.before);
          if (f.has_after) open_after_.erase(f.after);
        }
        stack_.pop_back();
        continue;
      }
      int c = !f.ha ? -1 : !f.hb ? 1 : compare(f.eb, f.ea);
      // Advance the frame before acting: acting may push a frame and invalidate `f`.
      Entry eb = f.eb, ea = f.ea;
      if (c <= 0) f.hb = f.b.next(f.eb);
      if (c >= 0) f.ha = f.a.next(f.ea);
      f.in_step = c == 0;
      if (c < 0) one_side(eb, true);
      else if (c > 0) one_side(ea, false);
      else both(eb, ea);
    }
  }

 private:
  struct Frame {
    std::shared_ptr<const std::string> rb, ra;  // keep the raw trees alive while iterating
    Entries b, a;
    Entry eb, ea;
    bool hb = false, ha = false;
    bool in_step = true;    // both sides start at entries in the same place: skip_identical may apply
    size_t prefix_len = 0;  // prefix_ to restore when this frame is done
    bool has_before = false, has_after = false;
    git_oid before{}, after{};  // the trees open on each side, erased from open_* on pop
  };

  void push(const git_oid* before, const git_oid* after, size_t restore_len = 0) {
    Frame f;
    f.prefix_len = restore_len;
    if (before && is_open(*before, true)) cycle(*before);
    if (after && is_open(*after, false)) cycle(*after);
    if (before) f.b = Entries(*(f.rb = trees_.tree(*before)), *before);
    if (after) f.a = Entries(*(f.ra = trees_.tree(*after)), *after);
    f.hb = before && f.b.next(f.eb);
    f.ha = after && f.a.next(f.ea);
    const bool deep = stack_.size() >= kScannedDepth;
    if (before) {
      f.has_before = true;
      f.before = *before;
      if (deep) open_before_.insert(*before);
    }
    if (after) {
      f.has_after = true;
      f.after = *after;
      if (deep) open_after_.insert(*after);
    }
    stack_.push_back(std::move(f));
  }

  // Is tree `id` open on that side further up the current path? The first kScannedDepth frames are
  // looked at one by one (real trees are a few levels deep: no set to fill and empty for each
  // directory); frames below them are in a set, so a 20,000-level path is not quadratic.
  static constexpr size_t kScannedDepth = 32;
  bool is_open(const git_oid& id, bool before_side) const {
    const size_t scanned = std::min(stack_.size(), kScannedDepth);
    for (size_t i = 0; i < scanned; ++i) {
      const Frame& f = stack_[i];
      if (before_side ? f.has_before && git_oid_equal(&f.before, &id) : f.has_after && git_oid_equal(&f.after, &id))
        return true;
    }
    return before_side ? open_before_.count(id) > 0 : open_after_.count(id) > 0;
  }

  // Both sides' next entries start where the two raw trees' remaining bytes may agree (a frame's
  // start, or just past a name both have): every whole entry of the bytes they share is the same
  // entry on both sides, with nothing to report, so it is stepped over without parsing or comparing.
  // Most directories a commit touches differ in one entry or two: this is most of a walk's work.
  static void skip_identical(Frame& f) {
    const char* b = f.eb.start;
    const char* a = f.ea.start;
    const size_t nb = size_t(f.b.end() - b), na = size_t(f.a.end() - a);
    size_t same = 0;
    const size_t n = std::min(nb, na);
    constexpr size_t kBlock = 64;
    while (same + kBlock <= n && std::memcmp(b + same, a + same, kBlock) == 0) same += kBlock;
    while (same < n && b[same] == a[same]) ++same;
    if (same == nb && same == na) {  // the rest is the same on both sides
      f.hb = f.ha = false;
      return;
    }
    // The whole entries inside the shared bytes: "<mode> <name>\0" and a 20-byte id each.
    size_t skip = 0;
    while (skip < same) {
      const void* nul = std::memchr(b + skip, '\0', same - skip);
      if (!nul) break;
      size_t entry_end = size_t(static_cast<const char*>(nul) - b) + 21;
      if (entry_end > same) break;
      skip = entry_end;
    }
    if (skip == 0) return;
    f.b.seek(b + skip);
    f.a.seek(a + skip);
    f.hb = f.b.next(f.eb);
    f.ha = f.a.next(f.ea);
  }

  [[noreturn]] void cycle(const git_oid& id) const {
    std::string at = prefix_.empty() ? "the root" : "'" + prefix_.substr(0, prefix_.size() - 1) + "'";
    throw GitError("corrupt repository: tree " + oid_hex(id) + " contains itself (opened again at " + at +
                   "; a tree's id is the hash of its content, so the object store or a pack index is damaged)");
  }

  // Opens directory `e` (relative to prefix_) comparing `before` and `after` there.
  void descend(const Entry& e, const git_oid* before, const git_oid* after) {
    size_t len = prefix_.size();
    if (roots_ && len == 0 && !roots_->opens(std::string_view(e.name, e.len))) return;
    prefix_.append(e.name, e.len);
    prefix_ += '/';
    if (only_ && !wanted_below()) {
      prefix_.resize(len);
      return;
    }
    push(before, after, len);
  }

  // With `only`: does some wanted path lie below prefix_ (a directory, ending in '/')?
  bool wanted_below() const {
    auto it = std::lower_bound(only_->begin(), only_->end(), prefix_);
    return it != only_->end() && it->compare(0, prefix_.size(), prefix_) == 0;
  }

  static LeafEntry leaf_of(const Entry* e) {
    LeafEntry leaf;
    if (e) {
      leaf.mode = e->mode;
      git_oid_fromraw(&leaf.id, e->id);
    }
    return leaf;
  }

  // A leaf path that differs: `b` its entry on the before side, `a` on the after side (nullptr:
  // not there on that side); one of them is set, and names the path.
  void emit(const Entry* b, const Entry* a) {
    const Entry& e = a ? *a : *b;
    size_t len = prefix_.size();
    prefix_.append(e.name, e.len);
    if (!only_ || std::binary_search(only_->begin(), only_->end(), prefix_)) {
      out_.push_back(prefix_);
      if (after_entries_) after_entries_->push_back(leaf_of(a));
      if (before_entries_) before_entries_->push_back(leaf_of(b));
    }
    prefix_.resize(len);
  }

  // An entry present on one side only: a leaf, or every leaf under a directory.
  void one_side(const Entry& e, bool before) {
    if (!e.is_tree()) return before ? emit(&e, nullptr) : emit(nullptr, &e);
    git_oid id = oid_of(e);
    before ? descend(e, &id, nullptr) : descend(e, nullptr, &id);
  }

  void both(const Entry& b, const Entry& a) {
    bool same_id = std::memcmp(b.id, a.id, GIT_OID_RAWSZ) == 0;
    if (same_id && b.mode == a.mode) return;
    if (!b.is_tree()) return emit(&b, &a);  // same name, both leaves: modified or type-changed
    if (same_id) return;
    git_oid ib = oid_of(b), ia = oid_of(a);
    descend(a, &ib, &ia);
  }

  TreeReader& trees_;
  std::vector<std::string>& out_;
  const std::vector<std::string>* only_;
  std::vector<LeafEntry>* after_entries_;
  std::vector<LeafEntry>* before_entries_;
  const RootNames* roots_;
  std::vector<Frame> stack_;
  OidSet open_before_, open_after_;  // the trees open on the stack below kScannedDepth, per side
  std::string prefix_;
};

// `v` in the order `order` gives (v[order[0]] first).
template <class T>
void reorder(std::vector<T>& v, const std::vector<size_t>& order) {
  std::vector<T> out;
  out.reserve(v.size());
  for (size_t i : order) out.push_back(std::move(v[i]));
  v = std::move(out);
}

// Paths sorted and unique, each entry kept beside its path (the first of equal paths stays). git's
// tree order is bytewise order but where a directory's name is a prefix of a sibling's ("a/x"
// before "a.b"): usually sorted already, and checking costs one pass.
// `before` (parallel to paths as well) follows the same order.
void sort_unique(std::vector<std::string>& paths, std::vector<LeafEntry>& entries, std::vector<LeafEntry>& before) {
  if (!std::is_sorted(paths.begin(), paths.end())) {
    std::vector<size_t> order(paths.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return paths[a] < paths[b]; });
    reorder(paths, order);
    reorder(entries, order);
    reorder(before, order);
  }
  size_t kept = 0;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (kept > 0 && paths[i] == paths[kept - 1]) continue;
    if (kept != i) {
      paths[kept] = std::move(paths[i]);
      entries[kept] = entries[i];
      before[kept] = before[i];
    }
    ++kept;
  }
  paths.resize(kept);
  entries.resize(kept);
  before.resize(kept);
}

git_oid parent_tree_id(CommitGraph& graph, const git_commit* commit, unsigned index) {
  try {
    return graph.tree_of(*git_commit_parent_id(commit, index));
  } catch (const GitError& e) {
    throw GitError("reading parent " + std::to_string(index + 1) + " of commit " + oid_hex(*git_commit_id(commit)) +
                   ": " + e.what());
  }
}

}  // namespace

void diff_tree_paths(TreeReader& trees, const git_oid* before, const git_oid* after, std::vector<std::string>& out,
                     const std::vector<std::string>* only) {
  if (only && only->empty()) return;
  Differ(trees, out, only).run(before, after);
}

bool RootNames::opens(std::string_view name) const {
  if (!is_ascii(name)) return true;
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return iequals(n, name); });
}

void diff_tree_paths(TreeReader& trees, const git_oid* before, const git_oid* after, std::vector<std::string>& out,
                     std::vector<LeafEntry>& after_entries, std::vector<LeafEntry>* before_entries,
                     const RootNames* roots) {
  Differ(trees, out, nullptr, &after_entries, before_entries, roots).run(before, after);
}

git_oid commit_tree_id(git_repository* repo, const git_oid& commit) {
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, repo, &commit), "reading commit " + oid_hex(commit));
  CommitPtr owned(c);
  return *git_commit_tree_id(c);
}

LeafEntry entry_at(TreeReader& trees, const git_oid* root, std::string_view path) {
  LeafEntry found;
  if (!root) return found;
  git_oid dir = *root;
  while (true) {
    size_t slash = path.find('/');
    std::string_view name = path.substr(0, slash);
    bool last = slash == std::string_view::npos;
    std::shared_ptr<const std::string> raw = trees.tree(dir);
    Entries entries(*raw, dir);
    Entry e;
    bool hit = false;
    while (entries.next(e)) {
      if (e.len != name.size() || std::memcmp(e.name, name.data(), e.len) != 0) continue;
      if (last ? e.is_tree() : !e.is_tree()) continue;  // a blob and a directory may share a name
      hit = true;
      break;
    }
    if (!hit) return found;
    if (last) {
      found.mode = e.mode;
      git_oid_fromraw(&found.id, e.id);
      return found;
    }
    git_oid_fromraw(&dir, e.id);
    path.remove_prefix(slash + 1);
  }
}

TouchedPaths touched_paths(git_repository* repo, TreeReader& trees, CommitGraph& graph, const git_commit* commit) {
  const git_oid* tree = git_commit_tree_id(commit);
  unsigned parents = git_commit_parentcount(commit);

  TouchedPaths result;
  git_oid first;
  if (parents > 0) {
    first = parent_tree_id(graph, commit, 0);
    result.parent_tree = first;
  }
  diff_tree_paths(trees, parents > 0 ? &first : nullptr, tree, result.paths, result.entries, &result.before_entries);
  sort_unique(result.paths, result.entries, result.before_entries);
  if (parents < 2 || result.paths.empty()) return result;
  classify_merge_paths(repo, trees, graph, commit, result);
  return result;
}

}  // namespace laneguard::git
