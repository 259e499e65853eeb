// A read-only view of git's index file (Documentation/gitformat-index.txt), versions 2 to 4, with
// its cache-tree (TREE extension). libgit2 1.5 parses every entry into the heap and hashes it,
// which costs more than git itself on a large index; the pre-commit hook only needs paths, modes
// and ids, and the cache-tree lets it skip every directory whose tree is unchanged.
#pragma once
#include <git2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace laneguard::local {

struct IndexEntry {
  std::string_view path;  // into IndexFile's storage
  std::uint32_t mode = 0;
  git_oid id{};
  int stage = 0;
};

// One directory of the cache-tree: valid when `entry_count >= 0`, and then `id` is the tree the
// index entries below it would write.
struct CacheTreeNode {
  std::string name;  // component relative to the parent; "" at the root
  int entry_count = -1;
  git_oid id{};
  std::vector<CacheTreeNode> children;
  const CacheTreeNode* child(std::string_view component) const;

  CacheTreeNode() = default;
  CacheTreeNode(CacheTreeNode&&) = default;
  CacheTreeNode& operator=(CacheTreeNode&&) = default;
  ~CacheTreeNode();  // iterative: a 200,000-deep tree must not overflow the stack going away
};

class IndexFile {
 public:
  // nullopt when the file uses what this reader does not handle (split index, sparse index,
  // another hash): the caller then asks libgit2. Unreadable or corrupt: GitError.
  static std::optional<IndexFile> read(const std::string& path);

  const std::vector<IndexEntry>& entries() const { return entries_; }  // sorted as git sorts them
  const CacheTreeNode* cache_tree() const { return cache_tree_ ? cache_tree_.get() : nullptr; }

 private:
  struct Mapping;
  std::shared_ptr<Mapping> data_;              // the file, mapped read-only
  std::vector<std::unique_ptr<std::string>> v4_paths_;  // version 4 paths are rebuilt
  std::vector<IndexEntry> entries_;
  std::unique_ptr<CacheTreeNode> cache_tree_;
};

}  // namespace laneguard::local
