// Which protected areas cover a path and which lane owns it, for runs that ask about many paths
// (every path of every commit of a `check`, a push, a pull request). Same answers as
// areas_covering() and owner_of() (agreement/path_index_test.cc compares them on generated
// agreements and paths), faster: each pattern's part that depends on the directory alone
// (PathPattern::covers_directory) is computed once per directory and remembered, so a path costs
// one lookup of its directory and the test of its name. Paths that are not plain ASCII, or that
// have an empty component, are matched pattern by pattern as before.
//
// The index refers to the agreement's patterns: the agreement must outlive it and not change.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "agreement/agreement.h"

namespace laneguard {

class PathIndex {
 public:
  explicit PathIndex(const Agreement& agreement);
  PathIndex(const PathIndex&) = delete;
  PathIndex& operator=(const PathIndex&) = delete;

  const Agreement& agreement() const { return agreement_; }

  // areas_covering(agreement, path).
  std::vector<AreaMatch> areas_covering(std::string_view path);
  // The indices (into agreement.areas) of the areas covering `path`, ascending, appended to `out`.
  void area_indices(std::string_view path, std::vector<std::size_t>& out);
  bool protected_path(std::string_view path);  // !areas_covering(path).empty()
  // owner_of(agreement, path).
  Ownership owner_of(std::string_view path);

 private:
  // One path being matched: `bits` (a bit per pattern, set when the pattern covers the path's
  // directory) and `dir_len`, or no bits: match each pattern whole.
  struct Probe {
    std::string_view path;
    const std::vector<std::uint64_t>* bits = nullptr;
    std::size_t dir_len = 0;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  Probe probe(std::string_view path);
  bool hit(const Probe& p, std::size_t pattern) const;
  std::size_t first_hit(const Probe& p, std::size_t begin, std::size_t end) const;  // end: none

  const Agreement& agreement_;
  std::vector<const PathPattern*> patterns_;  // every area's paths in order, then every lane's owns
  std::vector<bool> may_match_name_;          // parallel to patterns_
  std::vector<std::size_t> area_begin_;       // area a: patterns_[area_begin_[a], area_begin_[a + 1])
  std::vector<std::size_t> lane_begin_;       // lane l: patterns_[lane_begin_[l], lane_begin_[l + 1])
  std::unordered_map<std::string, std::vector<std::uint64_t>, Hash, std::equal_to<>> dirs_;
  std::size_t max_dirs_ = 0;  // dirs_ is emptied when it reaches this (memory stays bounded)
};

}  // namespace laneguard
