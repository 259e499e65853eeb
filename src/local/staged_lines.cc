#include "local/staged_lines.h"

#include <algorithm>

#include "core/landing.h"
#include "git/line_counts.h"

namespace laneguard::local {

void add_staged_tier_facts(const Agreement& agreement, git_repository* repo, const StagedChange& staged,
                           Change& change) {
  const bool lines = needs_line_counts(agreement, change);
  if (!lines && !tiers_judge_landing(agreement)) return;
  git::IndexPtr index = open_index(repo, index_file_from_env());
  for (CommitFacts& c : change.commits) {
    c.path_entries.clear();
    for (const std::string& p : c.paths) {
      PathEntry e;
      if (const git_index_entry* at = git_index_get_bypath(index.get(), p.c_str(), 0)) {
        e.mode = at->mode;
        std::copy(at->id.id, at->id.id + 20, e.id.begin());
      }
      c.path_entries.push_back(e);
    }
  }
  if (!lines) return;
  change.lines = git::staged_lines(repo, staged.head, index.get());
  change.lines_counted = true;
}

}  // namespace laneguard::local
