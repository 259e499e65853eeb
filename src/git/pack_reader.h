// Reads objects straight from a repository's pack files (idx v2, SHA-1), with a delta-base cache
// sized like git's (core.deltaBaseCacheLimit, 96 MiB). libgit2 1.5 keeps only 16 MiB of delta
// bases and empties that cache whenever it fills, so walking thousands of commits re-inflates the
// same delta chains over and over (git itself is as slow with a 16 MiB limit). Anything this reader
// does not handle (loose objects, other index versions, a corrupt entry) is left to libgit2.
#pragma once
#include <git2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace laneguard::git {

struct RawObject {
  git_object_t type = GIT_OBJECT_INVALID;
  std::shared_ptr<const std::string> data;
};

class PackReader {
 public:
  // Every pack in `object_dirs` and in the alternates they list (objects/info/alternates).
  explicit PackReader(const std::vector<std::string>& object_dirs);
  ~PackReader();
  PackReader(const PackReader&) = delete;
  PackReader& operator=(const PackReader&) = delete;

  // The object, or nullopt when no pack has it or its entry cannot be read here. Objects read
  // recently (and the delta bases they were built from) come from a cache.
  std::optional<RawObject> read(const git_oid& id);

  size_t pack_count() const { return packs_.size(); }

 private:
  struct Pack;
  struct Located {
    Pack* pack;
    uint64_t offset;
  };
  std::optional<Located> find(const git_oid& id);
  std::optional<RawObject> read_at(Pack& pack, uint64_t offset);
  bool inflate_into(const unsigned char* in, size_t in_len, uint64_t expected, std::string& out);

  std::vector<std::unique_ptr<Pack>> packs_;
  // Delta bases by (pack, offset): two generations, the older dropped when the newer fills half
  // the budget, so recently used bases survive.
  struct BaseKey {
    const Pack* pack;
    uint64_t offset;
    bool operator==(const BaseKey& o) const { return pack == o.pack && offset == o.offset; }
  };
  struct BaseKeyHash {
    size_t operator()(const BaseKey& k) const {
      uint64_t h = k.offset ^ (reinterpret_cast<uintptr_t>(k.pack) << 40);
      h ^= h >> 33;
      h *= 0xff51afd7ed558ccdULL;
      h ^= h >> 33;
      return static_cast<size_t>(h);
    }
  };
  using BaseMap = std::unordered_map<BaseKey, RawObject, BaseKeyHash>;
  BaseMap bases_, older_bases_;
  size_t bases_bytes_ = 0;
  const RawObject* cached_base(const BaseKey& key);
  void remember_base(const BaseKey& key, const RawObject& obj);

  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
};

// Applies a git delta to `base`; nullopt when the delta is malformed.
std::optional<std::string> apply_delta(const std::string& base, const unsigned char* delta, size_t len);

}  // namespace laneguard::git
