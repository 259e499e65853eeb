#include "core/landing.h"

#include <algorithm>

namespace laneguard {

bool tiers_judge_landing(const Agreement& agreement) {
  return std::any_of(agreement.tiers.begin(), agreement.tiers.end(), [](const Tier& t) {
    return t.size.any() || std::any_of(t.done.begin(), t.done.end(), [](const DoneItem& d) {
             return d.kind != DoneItem::Kind::trailer;
           });
  });
}

CommitFacts landing_facts(const CommitFacts& c) {
  CommitFacts out;
  out.id = c.id;
  out.author = c.author;
  out.committer = c.committer;
  out.co_authors = c.co_authors;
  out.parents = c.parents;
  out.paths = c.paths;
  out.path_entries = c.path_entries;
  out.brought_in = c.brought_in;
  out.brought_from = c.brought_from;
  out.clean_merged = c.clean_merged;
  return out;
}

Change landing_change(std::string id, std::vector<CommitFacts> commits, std::vector<ExtraAuthor> extra) {
  Change change;
  change.id = std::move(id);
  change.commits = std::move(commits);
  change.extra_authors = std::move(extra);
  change.extent = Extent::landing;
  return change;
}

}  // namespace laneguard
