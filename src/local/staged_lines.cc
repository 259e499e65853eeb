#include "local/staged_lines.h"

#include "core/landing.h"
#include "git/line_counts.h"

namespace laneguard::local {

void add_staged_lines(const Agreement& agreement, git_repository* repo, const StagedChange& staged, Change& change) {
  if (!needs_line_counts(agreement, change)) return;
  git::IndexPtr index = open_index(repo, index_file_from_env());
  change.lines = git::staged_lines(repo, staged.head, index.get());
  change.lines_counted = true;
}

}  // namespace laneguard::local
