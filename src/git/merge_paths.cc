#include "git/merge_paths.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "git/handle.h"

namespace laneguard::git {
namespace {

constexpr uint32_t kRegular = 0100644, kExecutable = 0100755;

bool is_regular(const LeafEntry& e) { return e.mode == kRegular || e.mode == kExecutable; }

std::vector<std::string> differing(TreeReader& trees, const git_oid* a, const git_oid* b,
                                   const std::vector<std::string>& only) {
  std::vector<std::string> out;
  diff_tree_paths(trees, a, b, out, &only);
  std::sort(out.begin(), out.end());
  return out;
}

bool contains(const std::vector<std::string>& sorted, const std::string& p) {
  return std::binary_search(sorted.begin(), sorted.end(), p);
}

// One other parent Pk, seen from the first parent P1 through their merge base(s).
struct Side {
  git_oid tree{};
  std::optional<git_oid> base_tree;       // nullopt: unrelated histories (the empty tree)
  std::vector<std::string> first_changed;  // P1 differs from the base
  std::vector<std::string> side_changed;   // Pk differs from the base
  std::vector<std::string> differs_from_merge;  // Pk differs from M
  std::vector<std::string> ambiguous;      // the merge bases disagree
};

Side read_side(TreeReader& trees, CommitGraph& graph, const git_oid& first,
               const git_oid& first_tree, const git_oid& side_commit, const git_oid& merge_tree,
               const std::vector<std::string>& paths) {
  Side s;
  s.tree = graph.tree_of(side_commit);
  std::vector<git_oid> bases;
  try {
    bases = graph.merge_bases(first, side_commit);
  } catch (const GitError& e) {
    throw GitError("finding the merge base of " + oid_hex(first) + " and " + oid_hex(side_commit) + ": " + e.what());
  }
  if (!bases.empty()) {
    // With several bases, which one is first does not matter: a path where they differ is
    // ambiguous (the merge's own change), and elsewhere they agree.
    s.base_tree = graph.tree_of(bases[0]);
    for (size_t i = 1; i < bases.size(); ++i) {
      git_oid other = graph.tree_of(bases[i]);
      for (auto& p : differing(trees, &*s.base_tree, &other, paths)) s.ambiguous.push_back(std::move(p));
    }
    std::sort(s.ambiguous.begin(), s.ambiguous.end());
  }
  const git_oid* base = s.base_tree ? &*s.base_tree : nullptr;
  // A side branch based on the first parent's tip (git merge --no-ff), or an old commit of the
  // first parent's history: one of the two diffs is empty without reading a tree.
  auto same = [&](const git_oid& t) { return base && git_oid_equal(base, &t); };
  if (!same(first_tree)) s.first_changed = differing(trees, base, &first_tree, paths);
  if (!same(s.tree)) s.side_changed = differing(trees, base, &s.tree, paths);
  s.differs_from_merge = differing(trees, &s.tree, &merge_tree, paths);
  return s;
}

struct BlobText {
  BlobPtr blob;
  git_merge_file_input input = GIT_MERGE_FILE_INPUT_INIT;
};

void load(git_repository* repo, const LeafEntry& e, const char* path, BlobText& out) {
  out.input.path = path;
  if (!e.exists()) return;  // added on both sides: an empty base, as git merges it
  git_blob* b = nullptr;
  check(git_blob_lookup(&b, repo, &e.id), std::string("reading ") + path + " (" + oid_hex(e.id) + ")");
  out.blob.reset(b);
  out.input.ptr = static_cast<const char*>(git_blob_rawcontent(b));
  out.input.size = static_cast<size_t>(git_blob_rawsize(b));
  out.input.mode = e.mode;
}

// The file mode of a three-way merge, or nullopt on a mode conflict.
std::optional<uint32_t> merged_mode(const LeafEntry& base, const LeafEntry& ours, const LeafEntry& theirs) {
  if (ours.mode == theirs.mode) return ours.mode;
  if (base.exists() && ours.mode == base.mode) return theirs.mode;
  if (base.exists() && theirs.mode == base.mode) return ours.mode;
  return std::nullopt;
}

// Both sides changed `path`: does the automatic three-way merge reproduce M's entry exactly?
bool merges_cleanly(git_repository* repo, TreeReader& trees, const Side& side, const git_oid& first_tree,
                    const git_oid& merge_tree, const std::string& path) {
  LeafEntry base = entry_at(trees, side.base_tree ? &*side.base_tree : nullptr, path);
  LeafEntry ours = entry_at(trees, &first_tree, path);
  LeafEntry theirs = entry_at(trees, &side.tree, path);
  LeafEntry merged = entry_at(trees, &merge_tree, path);
  if (!is_regular(ours) || !is_regular(theirs) || !is_regular(merged)) return false;
  if (base.exists() && !is_regular(base)) return false;
  auto mode = merged_mode(base, ours, theirs);
  if (!mode || *mode != merged.mode) return false;
  BlobText b, o, t, m;
  load(repo, base, path.c_str(), b);
  load(repo, ours, path.c_str(), o);
  load(repo, theirs, path.c_str(), t);
  load(repo, merged, path.c_str(), m);
  git_merge_file_result result{};
  git_merge_file_options opts = GIT_MERGE_FILE_OPTIONS_INIT;
  check(git_merge_file(&result, base.exists() ? &b.input : nullptr, &o.input, &t.input, &opts), "merging " + path);
  std::unique_ptr<git_merge_file_result, Deleter<git_merge_file_result, git_merge_file_result_free>> owned(&result);
  return result.automergeable && result.len == m.input.size &&
         (result.len == 0 || std::memcmp(result.ptr, m.input.ptr, result.len) == 0);
}

}  // namespace

void classify_merge_paths(git_repository* repo, TreeReader& trees, CommitGraph& graph, const git_commit* merge,
                          TouchedPaths& touched) {
  const unsigned parents = git_commit_parentcount(merge);
  const git_oid merge_tree = *git_commit_tree_id(merge);
  const git_oid first = *git_commit_parent_id(merge, 0);
  const git_oid first_tree = graph.tree_of(first);
  const std::vector<std::string>& paths = touched.paths;

  std::vector<Side> sides;  // sides[k - 1] is parent k
  for (unsigned k = 1; k < parents; ++k)
    sides.push_back(read_side(trees, graph, first, first_tree, *git_commit_parent_id(merge, k), merge_tree, paths));

  for (const std::string& p : paths) {
    std::optional<unsigned> from;
    for (unsigned k = 1; k < parents && !from; ++k) {
      const Side& s = sides[k - 1];
      if (contains(s.ambiguous, p) || contains(s.first_changed, p) || !contains(s.side_changed, p) ||
          contains(s.differs_from_merge, p))
        continue;
      // No other side changed it to something M does not have.
      bool others_agree = true;
      for (unsigned j = 1; j < parents; ++j) {
        const Side& o = sides[j - 1];
        if (j != k && contains(o.side_changed, p) && contains(o.differs_from_merge, p)) others_agree = false;
      }
      if (others_agree) from = k;
    }
    if (from) {
      touched.brought_in.push_back(p);
      touched.brought_from.push_back(*from);
      continue;
    }
    if (parents != 2) continue;
    const Side& s = sides[0];
    if (contains(s.ambiguous, p) || !contains(s.first_changed, p) || !contains(s.side_changed, p) ||
        !contains(s.differs_from_merge, p))
      continue;
    if (merges_cleanly(repo, trees, s, first_tree, merge_tree, p)) touched.clean_merged.push_back(p);
  }
}

}  // namespace laneguard::git
