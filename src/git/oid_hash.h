// Hashing and comparing object ids for unordered containers keyed by git_oid: an id is already a
// uniform hash, so its first bytes are the bucket.
#pragma once
#include <git2.h>

#include <cstddef>
#include <cstring>

namespace laneguard::git {

struct OidHash {
  std::size_t operator()(const git_oid& id) const {
    std::size_t h;
    std::memcpy(&h, id.id, sizeof h);
    return h;
  }
};

struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b); }
};

}  // namespace laneguard::git
