#include "core/landing.h"

#include <algorithm>

#include "facts/identity.h"

namespace laneguard {

bool tiers_judge_landing(const Agreement& agreement) {
  return std::any_of(agreement.tiers.begin(), agreement.tiers.end(), [](const Tier& t) {
    return t.size.any() || std::any_of(t.done.begin(), t.done.end(), [](const DoneItem& d) {
             return d.kind != DoneItem::Kind::trailer;
           });
  });
}

bool needs_line_counts(const Agreement& agreement, const Change& change) {
  if (!tiers_count_lines(agreement.tiers) || change.net_effect) return false;
  std::vector<const Identity*> ids;
  for (const CommitFacts& c : change.commits) {
    ids.push_back(&c.author);
    ids.push_back(&c.committer);
    for (const Identity& co : c.co_authors) ids.push_back(&co);
  }
  for (const ExtraAuthor& e : change.extra_authors) ids.push_back(&e.who);
  std::vector<std::string> people;
  for (const Identity* id : ids)
    if (const Person* p = resolve_person(agreement, *id)) people.push_back(p->key);
  for (const Tier& t : agreement.tiers) {
    if (t.size.max_lines <= 0) continue;
    bool by = false;
    for (const std::string& key : t.size.lanes)
      if (const Lane* lane = agreement.lane(key))
        for (const std::string& p : people) by = by || agreement.is_member(*lane, p);
    if (!by) continue;
    for (const CommitFacts& c : change.commits)
      for (const std::string& p : c.own_paths())
        if (tier_of(agreement.tiers, p) == &t) return true;
  }
  return false;
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
