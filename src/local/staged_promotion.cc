#include "local/staged_promotion.h"

#include "git/commit_graph.h"
#include "git/promotion_scan.h"
#include "local/staged.h"

namespace laneguard::local {

void scan_staged_promotions(const git::Repository& repo, const Agreement& agreement,
                            const std::optional<std::string>& index_file, CommitFacts& commit) {
  git::PromotionScanner scanner(repo, agreement);
  if (!scanner.active() || commit.paths.empty()) return;
  git::IndexPtr index = open_index(repo.get(), index_file);
  std::vector<git::LeafEntry> after(commit.paths.size());
  for (std::size_t i = 0; i < commit.paths.size(); ++i)
    if (const git_index_entry* e = git_index_get_bypath(index.get(), commit.paths[i].c_str(), 0)) {
      after[i].mode = e->mode;
      after[i].id = e->id;
    }
  std::optional<git_oid> parent;
  if (!commit.parents.empty()) {
    git_oid head;
    git_oid_fromstr(&head, commit.parents.front().c_str());
    parent = repo.commit_graph().tree_of(head);
  }
  scanner.scan(commit, parent, after);
}

}  // namespace laneguard::local
