// The paths a commit touches, computed from tree entries alone (never reads a blob): entries are
// compared by oid and mode, and only subtrees whose oids differ are opened.
#pragma once
#include <git2.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/commit_graph.h"
#include "git/tree_reader.h"

namespace laneguard::git {

// Appends to `out` every leaf path (blob, symlink, gitlink) that differs between the trees
// `before` and `after` ("a/b/c", raw bytes), like `git diff-tree -r --no-renames --name-only`.
// Either may be nullptr (the empty tree). A blob turning into a directory yields the blob's path
// and every path under the directory. Order: git's tree order, not sorted.
// `only` (sorted, optional): report only these leaf paths, and open only the subtrees that hold
// one of them, so the cost follows the paths asked about rather than the size of the difference.
// Iterative: a tree as deep as git allows does not exhaust the stack.
void diff_tree_paths(TreeReader& trees, const git_oid* before, const git_oid* after, std::vector<std::string>& out,
                     const std::vector<std::string>* only = nullptr);
struct LeafEntry;
// Which directories at the root a diff opens (PathPattern::root_component() of the patterns whose
// paths are wanted): one whose name has a non-ASCII byte or equals one of `names` ignoring ASCII
// case. Files at the root are always compared.
struct RootNames {
  std::vector<std::string> names;
  bool opens(std::string_view name) const;
};
// The same, with each path's entry in `after` (mode 0: not there) appended to `after_entries`
// (parallel to what is appended to `out`): what entry_at(after, path) would say, without the lookup;
// and, given `before_entries`, its entry in `before` appended there likewise. Given `roots`, only the
// root directories it opens are compared (the paths below the others are left out).
void diff_tree_paths(TreeReader& trees, const git_oid* before, const git_oid* after, std::vector<std::string>& out,
                     std::vector<LeafEntry>& after_entries, std::vector<LeafEntry>* before_entries = nullptr,
                     const RootNames* roots = nullptr);

// The tree id of commit `commit` (read through libgit2's commit cache; no path is diffed).
git_oid commit_tree_id(git_repository* repo, const git_oid& commit);

// One leaf entry of a tree: its mode (0 when the path is missing or is a directory) and id.
struct LeafEntry {
  uint32_t mode = 0;
  git_oid id{};
  bool exists() const { return mode != 0; }
  bool operator==(const LeafEntry& o) const { return mode == o.mode && (mode == 0 || git_oid_equal(&id, &o.id)); }
};

// The leaf entry at `path` in tree `root` (nullptr: the empty tree).
LeafEntry entry_at(TreeReader& trees, const git_oid* root, std::string_view path);

struct TouchedPaths {
  std::vector<std::string> paths;        // against the first parent (root: the empty tree); sorted
  std::vector<LeafEntry> entries;        // parallel to paths: each one's entry in the commit's tree
  std::vector<LeafEntry> before_entries; // parallel to paths: each one's entry in the first parent's tree
  std::optional<git_oid> parent_tree;    // the first parent's tree (nullopt: a root commit)
  std::vector<std::string> brought_in;   // merges: see CommitFacts::brought_in; sorted
  std::vector<unsigned> brought_from;    // parallel to brought_in: the parent index (1-based beyond the first)
  std::vector<std::string> clean_merged; // merges: see CommitFacts::clean_merged; sorted
};

// What `commit` changes, as documented for CommitFacts::paths, brought_in and clean_merged.
// `graph` answers merge bases for merges (git/commit_graph.h).
TouchedPaths touched_paths(git_repository* repo, TreeReader& trees, CommitGraph& graph, const git_commit* commit);

}  // namespace laneguard::git
