// Reads objects straight from a repository's pack files (idx v2, SHA-1), with its own delta-base
// cache. libgit2 1.5 keeps only 16 MiB of delta bases and empties that cache whenever it fills, so
// walking thousands of commits re-inflates the same delta chains over and over (git itself is as
// slow with a 16 MiB limit). Memory stays bounded however long the walk (PackReaderLimits): the
// cache holds at most `cache_bytes`, and once the mapped .idx and .pack files' touched pages reach
// `mapped_bytes` they are handed back to the kernel (they stay in the page cache). Anything this
// reader does not handle (loose objects, other index versions, a corrupt entry) is left to libgit2.
#pragma once
#include <git2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "git/flat_table.h"

namespace laneguard::git {

struct RawObject {
  git_object_t type = GIT_OBJECT_INVALID;
  std::shared_ptr<const std::string> data;
};

// Measured with bench/check-memory.sh (50,000 commits, 50,000-file tree): 32 MiB of delta bases
// with every 8th depth kept costs no time against keeping every base in 256 MiB; 32 MiB of mapped
// pages covers the hot part of a 600,000-object index (16 MiB made the walk 1.5x slower).
struct PackReaderLimits {
  size_t cache_bytes = size_t(32) << 20;   // delta bases and recent objects kept
  size_t mapped_bytes = size_t(32) << 20;  // touched pages of the mapped files before they are handed back
  uint32_t checkpoint = 8;                 // of a rebuilt delta chain, one result in this many depths kept
};

class PackReader {
 public:
  // Every pack in `object_dirs` and in the alternates they list (objects/info/alternates).
  explicit PackReader(const std::vector<std::string>& object_dirs, PackReaderLimits limits = {});
  // A reader of the packs `files_of` reads, for another thread: the files' mappings are shared
  // (each page is in this process's memory once, however many readers touch it); the cache, the
  // accounting of touched pages and the inflater are its own. Packs added since are not seen.
  PackReader(const PackReader& files_of, PackReaderLimits limits);
  ~PackReader();
  PackReader(const PackReader&) = delete;
  PackReader& operator=(const PackReader&) = delete;

  // The object, or nullopt when no pack has it or its entry cannot be read here. Objects read
  // recently (and the delta bases they were built from) come from a cache.
  std::optional<RawObject> read(const git_oid& id);
  // Whether a pack here has the object (its entry may still be unreadable here).
  bool has(const git_oid& id) { return find(id).has_value(); }

  size_t pack_count() const { return packs_.size(); }
  // What the cache holds now, for tests: its bytes and entries.
  size_t cached_bytes() const { return bases_bytes_ + older_bytes_; }
  size_t cached_entries() const { return bases_.size() + older_bases_.size(); }
  // How often the mapped pages were handed back, for tests.
  size_t pages_dropped() const { return drops_; }
  // Empties the cache and hands every mapped page back, for when a walk is over and what follows
  // reads little (check judging the last commits it read): later reads work, from nothing.
  void release();

 private:
  struct Pack;
  struct Located {
    Pack* pack;
    uint64_t offset;
  };
  std::optional<Located> find(const git_oid& id);
  std::optional<RawObject> read_at(Pack& pack, uint64_t offset);
  // Inflates exactly `expected` bytes into `out`; `consumed` gets the compressed bytes read.
  bool inflate_into(const unsigned char* in, size_t in_len, uint64_t expected, std::string& out, size_t& consumed);

  explicit PackReader(PackReaderLimits limits);  // no packs yet: what both constructors share
  PackReaderLimits limits_;
  std::vector<std::unique_ptr<Pack>> packs_;
  // Delta bases by (pack, offset), with their depth (deltas applied since a whole object): two
  // generations, the older dropped when the newer fills half the budget, so recently used bases
  // survive. Of a chain rebuilt, only the result, its base and every `checkpoint`-th depth are kept
  // (pack_reader.cc says why).
  struct BaseKey {
    const Pack* pack = nullptr;
    uint64_t offset = 0;
    bool operator==(const BaseKey& o) const { return pack == o.pack && offset == o.offset; }
  };
  struct BaseKeyHash {
    size_t operator()(const BaseKey& k) const {
      uint64_t h = k.offset ^ (uint64_t(reinterpret_cast<uintptr_t>(k.pack)) << 40);
      h ^= h >> 33;
      h *= 0xff51afd7ed558ccdULL;
      h ^= h >> 33;
      return static_cast<size_t>(h);
    }
  };
  struct Cached {
    RawObject object;
    uint32_t depth = 0;
  };
  using BaseMap = FlatTable<BaseKey, Cached, BaseKeyHash>;
  BaseMap bases_, older_bases_;
  // For each generation one bit per slot of the key's hash (its top kMaybeBits bits), set for each
  // key it holds. Most steps down a delta chain miss the cache, and a miss found here costs two
  // reads of 64 KiB tables that stay in the processor's cache instead of two hash-table probes
  // (measured: the probes were 13% of a merge-heavy check).
  static constexpr unsigned kMaybeBits = 19;
  using MaybeSet = std::vector<uint64_t>;
  MaybeSet maybe_ = MaybeSet((size_t(1) << kMaybeBits) / 64), older_maybe_ = maybe_;
  static size_t maybe_slot(const BaseKey& k) { return BaseKeyHash{}(k) >> (64 - kMaybeBits); }
  static bool has_slot(const MaybeSet& set, size_t s) { return (set[s / 64] >> (s % 64)) & 1; }
  bool maybe_cached(const BaseKey& k) const {
    size_t s = maybe_slot(k);
    return has_slot(maybe_, s) || has_slot(older_maybe_, s);
  }
  size_t bases_bytes_ = 0, older_bytes_ = 0;
  size_t drops_ = 0;
  const Cached* cached_base(const BaseKey& key);
  void remember_base(const BaseKey& key, const RawObject& obj, uint32_t depth);

  // Bytes of the mappings touched since their pages were last handed back, in blocks of 64 KiB.
  size_t touched_ = 0;
  void account(Pack& pack);  // adds what `pack` touched; hands the pages back past mapped_bytes
  void drop_pages();         // hands every mapping's pages back

  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
};

// Puts `reader` in front of libgit2's own backends in `odb` (ahead of its loose and pack backends):
// every object libgit2 reads (commits, the agreement's blob) comes from the same mappings and cache
// as the trees, so libgit2 maps no pack window and no .idx of its own for them. What `reader`
// does not have or cannot read falls through to libgit2. The backend keeps `reader` alive.
void add_pack_reader_backend(git_odb* odb, std::shared_ptr<PackReader> reader);

// Applies a git delta to `base`; nullopt when the delta is malformed.
std::optional<std::string> apply_delta(const std::string& base, const unsigned char* delta, size_t len);

}  // namespace laneguard::git
