// The git half of the prototype-promotion rule: reads the blobs a commit adds to other lanes'
// paths and finds where they copy the prototype lanes' files (facts/promotion.h). The judgement
// (thresholds, declaration, approvals) is the evaluator's (core/promotion.h).
//
// Cost: only commits that change a file another lane owns are read, and of those only that
// file's old and new blobs. The prototype lanes' files are indexed once (each blob read once, its
// line hashes kept) and the scanner follows the walk from tree to tree by diffing trees, so a
// push or range of many commits reads each prototype blob once. On the server the index of the
// pushed branch's tree is kept between pushes (save/load), keyed by tree id.
#pragma once
#include <git2.h>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "agreement/agreement.h"
#include "agreement/path_index.h"
#include "facts/change.h"
#include "git/line_index.h"
#include "git/id_index.h"
#include "git/repository.h"
#include "git/tree_diff.h"

namespace laneguard::git {

class PromotionScanner {
 public:
  PromotionScanner(const Repository& repo, const Agreement& agreement);
  PromotionScanner(const PromotionScanner&) = delete;
  PromotionScanner& operator=(const PromotionScanner&) = delete;

  // The agreement has a [promotion] table: scanning does something.
  bool active() const { return active_; }

  // Fills commit.copies for a commit of the repository: its own paths (a merge's own change)
  // against its first parent's tree (a root commit: the empty tree).
  void scan(CommitFacts& commit);
  // The same for a commit not made yet (pre-commit, commit-msg): `after[i]` is commit.paths[i]'s
  // staged entry, `parent` the tree it will have as parent (nullopt: none).
  void scan(CommitFacts& commit, const std::optional<git_oid>& parent, const std::vector<LeafEntry>& after);

  // Server: the index of the prototype files of a tree, kept in `file` between pushes. load()
  // starts from it when it is readable and of this format (else from nothing: correct, slower);
  // save() writes it atomically for tree `at` (a tree the server keeps: the branch's old tip).
  void load(const std::string& file);
  void save(const std::string& file, const git_oid& at);

  // What the last scans read, for tests and the benchmark.
  struct Stats {
    std::size_t source_blobs_read = 0;
    std::size_t destination_blobs_read = 0;
    std::size_t trees_followed = 0;
  };
  const Stats& stats() const { return stats_; }
  // For tests: prune (the index's versions no tree holds) once it has this many places, not the
  // default's 131,072 (0: at every commit).
  void set_prune_floor(std::size_t places) { prune_floor_ = places; }

 private:
  struct Blob {
    git_oid id{};
    int file = -1;                    // in lines_, once read
    int counted = -1;                 // in lines_ once, dropped since (prune()): restored when read again
    std::vector<std::string> where;   // from-lane paths holding it now (the current tree, the commit)
  };
  bool is_source(const std::string& path);
  bool is_destination(const std::string& path);
  std::uint32_t blob_of(const git_oid& id);
  void place(const std::string& path, const git_oid& id);    // a source path now holds blob `id`
  void unplace(const std::string& path);                     // a source path is gone
  void move_to(const std::optional<git_oid>& tree);          // the sources of `tree`
  // The same when the sources describe `commit`'s own tree: its paths are what differ.
  bool step_back(const CommitFacts& commit, const std::optional<git_oid>& parent);
  void scan_at(CommitFacts& commit, const std::optional<git_oid>& parent, const std::vector<LeafEntry>& after,
               bool stepped);
  LineIndex::FileLines lines_of(std::uint32_t blob);             // reads and indexes it on first use
  // Frees the lines of blobs no source path holds now, once the index has doubled since the last
  // time: a walk over a long history keeps what its current tree holds, not every version it met.
  void prune();
  std::size_t places_after_prune_ = 0;
  std::size_t prune_floor_;
  std::string read_blob(const git_oid& id);
  // commit.paths[i]'s entry in the tree `parent` (the commit's first parent's): from the commit's
  // facts when the reader kept them (CommitFacts::path_entries_before), else looked up.
  LeafEntry entry_before(const CommitFacts& commit, const std::optional<git_oid>& parent, std::size_t i);
  void find_copies(CommitFacts& commit, const std::optional<git_oid>& parent, const std::vector<std::size_t>& dests,
                   const std::vector<LeafEntry>& after);

  const Repository& repo_;
  const Agreement& agreement_;
  bool active_ = false;
  PathIndex paths_;
  LineIndex lines_;
  std::deque<Blob> blobs_;  // grows without copying or a doubled reserve
  IdIndex blob_index_;  // id -> blobs_ position
  auto blob_id() const {
    return [this](std::uint32_t b) -> const git_oid& { return blobs_[b].id; };
  }
  // The root directories that can hold a prototype lane's file, when every pattern of those lanes
  // names its first component (`prototypes/**`): the tree walks open no others.
  std::optional<RootNames> source_roots_;
  std::unordered_map<std::string, std::uint32_t> sources_;  // from-lane path -> blob, in tree at_
  bool placed_ = false;            // sources_ describes at_
  std::optional<git_oid> at_;      // nullopt: the empty tree
  std::vector<std::uint32_t> file_blob_;  // lines_ file -> blob
  std::vector<std::uint32_t> unread_;     // blobs placed at a source path before being read
  git_odb* odb_ = nullptr;
  OdbPtr odb_owner_;
  Stats stats_;
};

}  // namespace laneguard::git
