// Which element of a caller's array holds an object id: an open-addressed table of 4-byte
// positions, the ids themselves staying in the caller's elements. At most half full, that is 8 to
// 16 bytes an entry where an unordered_map<git_oid, uint32_t> costs about 56 (a node, a bucket):
// the commit graph and the prototype index keep one entry for every commit or blob a walk meets,
// so this is most of what they grow by over a long history.
//
// The caller says how to read the id at a position (`id_of`); a position handed to insert() must
// hold that id before the next call.
#pragma once
#include <git2.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

#include "git/oid_hash.h"

namespace laneguard::git {

class IdIndex {
 public:
  std::size_t size() const { return size_; }

  // The position holding `id`, or nullopt.
  template <class IdOf>
  std::optional<std::uint32_t> find(const git_oid& id, IdOf&& id_of) const {
    if (slots_.empty()) return std::nullopt;
    for (std::size_t i = home(id);; i = (i + 1) & mask()) {
      std::uint32_t s = slots_[i];
      if (s == kEmpty) return std::nullopt;
      if (git_oid_equal(&id_of(s - 1), &id)) return s - 1;
    }
  }

  // The position holding `id`; when there is none, `position` is recorded for it and the second
  // member is true (the caller then puts the id there).
  template <class IdOf>
  std::pair<std::uint32_t, bool> insert(const git_oid& id, std::uint32_t position, IdOf&& id_of) {
    if ((size_ + 1) * 2 > slots_.size()) grow(id_of);
    for (std::size_t i = home(id);; i = (i + 1) & mask()) {
      std::uint32_t s = slots_[i];
      if (s == kEmpty) {
        slots_[i] = position + 1;
        ++size_;
        return {position, true};
      }
      if (git_oid_equal(&id_of(s - 1), &id)) return {s - 1, false};
    }
  }

  void clear() {
    slots_.clear();
    slots_.shrink_to_fit();
    size_ = 0;
  }

 private:
  static constexpr std::uint32_t kEmpty = 0;  // slots hold position + 1
  std::size_t mask() const { return slots_.size() - 1; }
  std::size_t home(const git_oid& id) const { return OidHash{}(id) & mask(); }

  template <class IdOf>
  void grow(IdOf& id_of) {
    std::vector<std::uint32_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, kEmpty);
    for (std::uint32_t s : old) {
      if (s == kEmpty) continue;
      std::size_t i = home(id_of(s - 1));
      while (slots_[i] != kEmpty) i = (i + 1) & mask();
      slots_[i] = s;
    }
  }

  std::vector<std::uint32_t> slots_;
  std::size_t size_ = 0;
};

}  // namespace laneguard::git
