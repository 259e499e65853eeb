// The paths a commit touches, computed from tree entries alone (never reads a blob): entries are
// compared by oid and mode, and only subtrees whose oids differ are opened.
#pragma once
#include <git2.h>

#include <string>
#include <vector>

#include "git/tree_reader.h"

namespace laneguard::git {

// Appends to `out` every leaf path (blob, symlink, gitlink) that differs between the trees
// `before` and `after` ("a/b/c", raw bytes), like `git diff-tree -r --no-renames --name-only`.
// Either may be nullptr (the empty tree). A blob turning into a directory yields the blob's path
// and every path under the directory. Order: git's tree order, not sorted.
void diff_tree_paths(TreeReader& trees, const git_oid* before, const git_oid* after, std::vector<std::string>& out);

struct TouchedPaths {
  std::vector<std::string> paths;       // against the first parent (root: the empty tree); sorted
  std::vector<std::string> brought_in;  // merges: paths whose entry equals another parent's; sorted
};

// What `commit` changes, as documented for CommitFacts::paths and CommitFacts::brought_in.
TouchedPaths touched_paths(git_repository* repo, TreeReader& trees, const git_commit* commit);

}  // namespace laneguard::git
