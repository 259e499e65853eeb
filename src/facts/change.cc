#include "facts/change.h"

#include <algorithm>

namespace laneguard {

std::vector<std::string> CommitFacts::own_paths() const {
  if (all_own()) return paths;
  std::vector<std::string> own;
  for (const std::string& p : paths)
    if (is_own(p)) own.push_back(p);
  return own;
}

bool CommitFacts::is_own(const std::string& path) const {
  return !std::binary_search(brought_in.begin(), brought_in.end(), path) &&
         !std::binary_search(clean_merged.begin(), clean_merged.end(), path);
}

std::string CommitFacts::origin_of(const std::string& path) const {
  if (!is_merge()) return "";
  auto it = std::lower_bound(brought_in.begin(), brought_in.end(), path);
  if (it != brought_in.end() && *it == path) {
    size_t i = static_cast<size_t>(it - brought_in.begin());
    unsigned k = i < brought_from.size() ? brought_from[i] : 1;
    std::string parent = k < parents.size() ? parents[k].substr(0, 12) : "?";
    return "brought in from parent " + std::to_string(k + 1) + " (" + parent + ")";
  }
  if (std::binary_search(clean_merged.begin(), clean_merged.end(), path)) return "merged cleanly";
  return "changed by the merge itself";
}

}  // namespace laneguard
