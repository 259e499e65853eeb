// Raw tree objects by id, for the tree differ: read from packs by PackReader (falling back to
// libgit2's object database), both cached so that the trees of a commit's parent, read again for
// the next commit of a walk, are not read twice.
#pragma once
#include <git2.h>

#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "git/pack_reader.h"
#include "git/oid_hash.h"

namespace laneguard::git {

class TreeReader {
 public:
  // `object_dirs`: extra object directories beyond the repository's own (hook quarantine).
  TreeReader(git_repository* repo, const std::vector<std::string>& object_dirs);
  // For another handle on the same repository (another thread): its pack reader shares
  // `files_of`'s mappings (PackReader), with `limits` of its own.
  TreeReader(git_repository* repo, const TreeReader& files_of, PackReaderLimits limits);

  // The raw content of tree `id`. Throws GitError when it is missing or not a tree.
  std::shared_ptr<const std::string> tree(const git_oid& id);

  // The pack reader behind it (Repository also serves libgit2's reads from it).
  PackReader& packs() { return packs_; }

 private:
  std::shared_ptr<const std::string> read(const git_oid& id);  // tree() without the front cache

  using Map = std::unordered_map<git_oid, std::shared_ptr<const std::string>, OidHash, OidEq>;
  // The trees returned last, by id, direct-mapped: a walk reads most trees twice in a row (as a
  // commit's tree, then as its child's parent tree; a merge's sides again), and a hit here skips
  // the pack index search and the pack reader's cache lookups. Holds references only.
  struct Recent {
    git_oid id{};
    std::shared_ptr<const std::string> data;
  };
  static constexpr size_t kRecentSlots = 4096;
  std::vector<Recent> front_ = std::vector<Recent>(kRecentSlots);

  git_repository* repo_;
  PackReader packs_;
  Map recent_, older_;
  size_t recent_bytes_ = 0;
};

}  // namespace laneguard::git
