// A merge's own change (SPEC section 2): for each path a merge changes against its first parent,
// whether it was brought in from another parent, merged cleanly from both sides, or changed by
// the merge itself. Reads tree entries, and blob contents only for paths both sides changed.
#pragma once
#include <git2.h>

#include "git/commit_graph.h"
#include "git/tree_diff.h"
#include "git/tree_reader.h"

namespace laneguard::git {

// For a merge M with first parent P1 and another parent Pk, B = merge-base(P1, Pk), a path of
// `touched.paths` (M differs from P1 there) is
// - brought in from Pk when only Pk's side changed it (P1 equals B there, Pk does not), M takes
//   Pk's entry exactly, and no other parent's side changed it to something else;
// - a clean merge when the merge has two parents, both sides changed it, and the automatic
//   three-way merge of the contents reproduces M's entry without conflict (the test of
//   `git show --remerge-diff`);
// - otherwise the merge's own change (a hand-resolved conflict, one side taken whole over the
//   other's change, an edit on top, an old version taken back, an octopus that differs from every
//   parent).
// With several merge bases (criss-cross), a path where the bases differ is the merge's own change.
// Fills touched.brought_in, brought_from and clean_merged; the rest of paths is the merge's own.
// Merge bases come from `graph` (one per run: it remembers the commits it has read).
void classify_merge_paths(git_repository* repo, TreeReader& trees, CommitGraph& graph, const git_commit* merge,
                          TouchedPaths& touched);

}  // namespace laneguard::git
