#include "core/net_effect.h"

namespace laneguard {

bool is_guarded(const Agreement& agreement, const std::string& path) {
  if (!areas_covering(agreement, path).empty()) return true;
  Ownership own = owner_of(agreement, path);
  return own.lane && own.lane->outsider_approvals > 0;
}

bool is_guarded(PathIndex& index, const std::string& path) {
  if (index.protected_path(path)) return true;
  Ownership own = index.owner_of(path);
  return own.lane && own.lane->outsider_approvals > 0;
}

Change net_effect_change(CommitFacts last, std::vector<std::string> unexplained) {
  Change change;
  change.id = last.id;
  change.net_effect = true;
  last.paths = std::move(unexplained);
  last.brought_in.clear();
  last.brought_from.clear();
  last.clean_merged.clear();
  change.commits.push_back(std::move(last));
  return change;
}

}  // namespace laneguard
