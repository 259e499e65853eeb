#include "agreement/path_index.h"

#include <algorithm>

namespace laneguard {

PathIndex::PathIndex(const Agreement& agreement) : agreement_(agreement) {
  for (const ProtectedArea& area : agreement.areas) {
    area_begin_.push_back(patterns_.size());
    for (const PathPattern& p : area.paths) patterns_.push_back(&p);
  }
  area_begin_.push_back(patterns_.size());
  for (const Lane& lane : agreement.lanes) {
    lane_begin_.push_back(patterns_.size());
    for (const PathPattern& p : lane.owns) patterns_.push_back(&p);
  }
  lane_begin_.push_back(patterns_.size());
  for (const PathPattern* p : patterns_) may_match_name_.push_back(p->may_match_name());
  // About 16 MiB of bits at most, and no more than 65,536 directories.
  std::size_t words = std::max<std::size_t>(1, (patterns_.size() + 63) / 64);
  max_dirs_ = std::clamp<std::size_t>((std::size_t{1} << 21) / words, 256, 65536);
}

PathIndex::Probe PathIndex::probe(std::string_view path) {
  std::optional<std::size_t> split = PathPattern::split_point(path);
  if (!split) return {path, nullptr, 0};
  const std::size_t slash = *split;
  std::string_view dir = path.substr(0, slash);
  auto it = dirs_.find(dir);
  if (it == dirs_.end()) {
    if (dirs_.size() >= max_dirs_) dirs_.clear();
    std::vector<std::uint64_t> bits((patterns_.size() + 63) / 64);
    for (std::size_t j = 0; j < patterns_.size(); ++j)
      if (patterns_[j]->covers_directory(dir)) bits[j >> 6] |= std::uint64_t{1} << (j & 63);
    it = dirs_.emplace(std::string(dir), std::move(bits)).first;
  }
  return {path, &it->second, slash};
}

bool PathIndex::hit(const Probe& p, std::size_t j) const {
  if (!p.bits) return patterns_[j]->matches(p.path);
  if (((*p.bits)[j >> 6] >> (j & 63)) & 1) return true;
  return may_match_name_[j] && patterns_[j]->matches_ascii_name(p.path, p.dir_len);  // probe(): ASCII
}

std::size_t PathIndex::first_hit(const Probe& p, std::size_t begin, std::size_t end) const {
  for (std::size_t j = begin; j < end; ++j)
    if (hit(p, j)) return j;
  return end;
}

void PathIndex::area_indices(std::string_view path, std::vector<std::size_t>& out) {
  Probe p = probe(path);
  for (std::size_t a = 0; a + 1 < area_begin_.size(); ++a)
    if (first_hit(p, area_begin_[a], area_begin_[a + 1]) != area_begin_[a + 1]) out.push_back(a);
}

std::vector<AreaMatch> PathIndex::areas_covering(std::string_view path) {
  std::vector<AreaMatch> out;
  Probe p = probe(path);
  for (std::size_t a = 0; a + 1 < area_begin_.size(); ++a) {
    std::size_t j = first_hit(p, area_begin_[a], area_begin_[a + 1]);
    if (j != area_begin_[a + 1]) out.push_back({&agreement_.areas[a], patterns_[j]});
  }
  return out;
}

bool PathIndex::protected_path(std::string_view path) {
  Probe p = probe(path);
  for (std::size_t a = 0; a + 1 < area_begin_.size(); ++a)
    if (first_hit(p, area_begin_[a], area_begin_[a + 1]) != area_begin_[a + 1]) return true;
  return false;
}

// As owner_of() in agreement.cc, with hit() for matches().
Ownership PathIndex::owner_of(std::string_view path) {
  Ownership out;
  Probe p = probe(path);
  int best = 0;
  for (std::size_t l = 0; l + 1 < lane_begin_.size(); ++l) {
    const Lane& lane = agreement_.lanes[l];
    const PathPattern* lane_best = nullptr;
    for (std::size_t j = lane_begin_[l]; j < lane_begin_[l + 1]; ++j)
      if ((!lane_best || patterns_[j]->specificity() > lane_best->specificity()) && hit(p, j)) lane_best = patterns_[j];
    if (!lane_best) continue;
    if (!out.lane || lane_best->specificity() > best) {
      out.lane = &lane;
      out.pattern = lane_best;
      out.tied.clear();
      best = lane_best->specificity();
    } else if (lane_best->specificity() == best) {
      out.tied.push_back(&lane);
    }
  }
  return out;
}

}  // namespace laneguard
