// Merge bases for a walk that asks for thousands of them (every merge of a `check`, a push or a
// pull request). libgit2 1.5's git_merge_bases starts a new revision walk each time and re-reads
// every commit it visits from the object database (no commit-graph support); this keeps each
// commit's parents and date once read, and runs git's own algorithm over them (paint down to the
// common ancestors, then drop those that are ancestors of others), so the answer is the set
// `git merge-base --all` gives (src/git/commit_graph_test.cc compares, criss-cross merges and
// skewed dates included).
#pragma once
#include <git2.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "git/id_index.h"

namespace laneguard::git {

class PackReader;  // git/pack_reader.h

class CommitGraph {
 public:
  // With `packs`, commits are read from the pack files and only their parents and committer date
  // parsed (what the walk needs); a commit the reader cannot serve, or whose header is not the
  // plain shape git writes, is read by libgit2 as without it.
  // Past `max_commits` remembered, the graph starts again between questions (memory stays
  // bounded; what is forgotten is read again when asked for).
  static constexpr std::size_t kMaxCommits = std::size_t{1} << 14;
  explicit CommitGraph(git_repository* repo, PackReader* packs = nullptr, std::size_t max_commits = kMaxCommits)
      : repo_(repo), packs_(packs), max_commits_(max_commits) {}
  CommitGraph(const CommitGraph&) = delete;
  CommitGraph& operator=(const CommitGraph&) = delete;

  // Every best common ancestor of `a` and `b`, newest first (empty: unrelated histories).
  // Throws GitError when a commit on the way cannot be read (a shallow clone's edge).
  std::vector<git_oid> merge_bases(const git_oid& a, const git_oid& b);
  // The commit's tree, from the same reading (a walk asks for each parent's tree and each merge
  // base's: every commit is read once). Throws GitError when the commit cannot be read.
  git_oid tree_of(const git_oid& commit);
  // The commit's parents, in order, from the same reading. Throws GitError as tree_of does.
  std::vector<git_oid> parents_of(const git_oid& commit);

 private:
  enum Flag : std::uint8_t { kParent1 = 1, kParent2 = 2, kStale = 4, kResult = 8 };
  struct Node {
    git_oid id{};
    git_oid tree{};
    std::int64_t time = 0;        // committer date, as git orders its walk
    std::uint32_t parents = 0;    // index into parents_ of the first parent
    std::uint32_t parent_count = 0;
    std::uint32_t queued = 0;     // entries in the current walk's queue
    bool parsed = false;
    std::uint8_t flags = 0;
  };

  std::vector<git_oid> find_merge_bases(const git_oid& a, const git_oid& b);
  std::uint32_t node(const git_oid& id);
  void parse(std::uint32_t n);
  // From the pack reader: false when it cannot serve the commit or its header is unusual.
  bool parse_raw(std::uint32_t n);
  void mark(std::uint32_t n, std::uint8_t flags);  // adds flags (remembered in marked_ for clearing)
  // git's paint_down_to_common: the common ancestors found (kResult), flags left on the nodes.
  std::vector<std::uint32_t> paint(std::uint32_t one, const std::vector<std::uint32_t>& twos);
  void clear_flags();
  void forget_if_full();  // between questions: starts again past max_commits_

  git_repository* repo_;
  PackReader* packs_;
  std::size_t max_commits_;
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> parents_;
  IdIndex index_;  // id -> nodes_ position
  std::vector<std::uint32_t> marked_;  // nodes with flags set, cleared after each question
};

}  // namespace laneguard::git
