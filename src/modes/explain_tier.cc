#include "modes/explain_tier.h"

namespace laneguard {
namespace {

const char* severity_word(TierSeverity s) {
  switch (s) {
    case TierSeverity::notice: return "notice";
    case TierSeverity::warn: return "warn";
    case TierSeverity::block: return "block";
  }
  return "block";
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// The pattern that put the path in the tier (the most specific of the tier's).
std::string matched(const Tier& t, const std::string& path) {
  const PathPattern* best = nullptr;
  for (const PathPattern& p : t.paths)
    if ((!best || p.specificity() > best->specificity()) && p.matches(path)) best = &p;
  return best ? best->text() : "";
}

std::string item_kind(const DoneItem& d) {
  switch (d.kind) {
    case DoneItem::Kind::companion: return "companion";
    case DoneItem::Kind::trailer: return "trailer";
    case DoneItem::Kind::changelog: return "changelog";
  }
  return "";
}

// Whether the item asks anything of `path` (a companion's for/except).
bool applies(const DoneItem& d, const std::string& path) {
  if (d.kind != DoneItem::Kind::companion) return true;
  auto any = [&](const std::vector<PathPattern>& ps) {
    for (const PathPattern& p : ps)
      if (p.matches(path)) return true;
    return false;
  };
  return (d.for_paths.empty() || any(d.for_paths)) && !any(d.except);
}

std::string size_text(const TierSize& s) {
  std::vector<std::string> limits;
  if (s.max_files) limits.push_back(std::to_string(s.max_files) + " files");
  if (s.max_lines) limits.push_back(std::to_string(s.max_lines) + " changed lines");
  if (s.max_areas) limits.push_back(std::to_string(s.max_areas) + " protected area" + (s.max_areas == 1 ? "" : "s"));
  return "a change by " + join(s.lanes, " or ") + " may touch at most " + join(limits, ", ") + " of this tier (" +
         severity_word(s.severity) + "; judged on what lands as a whole)";
}

}  // namespace

void explain_tier_text(std::ostream& out, const Agreement& a, const std::string& path) {
  const Tier* t = tier_of(a.tiers, path);
  if (!t) {
    if (!a.tiers.empty()) out << "  tier: none (no tier's paths match it)\n";
    return;
  }
  out << "  tier: " << t->name << " (matched \"" << matched(*t, path) << "\")\n";
  out << "    review: " << tier_review_text(t->review);
  if (t->review.approvals > 0)
    out << (t->review.anyone ? "" : ", never from its authors") << " (" << severity_word(t->review.severity) << ")";
  out << "\n";
  if (t->done.empty()) out << "    definition of done: nothing beyond the review\n";
  for (const DoneItem& d : t->done) {
    out << "    done: " << done_item_text(d) << " (" << severity_word(d.severity) << ")";
    if (d.kind == DoneItem::Kind::companion) {
      if (!applies(d, path)) {
        out << ": not asked of this file\n";
        continue;
      }
      std::vector<std::string> wanted;
      for (const std::string& c : d.companions) {
        std::string w = companion_pattern(c, path);
        if (w.size() > 1 && w.front() == '/') w.erase(0, 1);
        wanted.push_back(w);
      }
      out << ": a change to this file also changes " << join(wanted, " or ");
    }
    out << "\n";
  }
  if (t->size.any()) out << "    size: " << size_text(t->size) << "\n";
}

nlohmann::json explain_tier_json(const Agreement& a, const std::string& path) {
  const Tier* t = tier_of(a.tiers, path);
  if (!t) return nullptr;
  nlohmann::json j{{"name", t->name}, {"pattern", matched(*t, path)}};
  j["review"] = {{"approvals", t->review.approvals},
                 {"from", t->review.anyone ? nlohmann::json("anyone") : nlohmann::json(t->review.lanes)},
                 {"severity", severity_word(t->review.severity)},
                 {"needs", tier_review_text(t->review)}};
  j["done"] = nlohmann::json::array();
  for (const DoneItem& d : t->done) {
    nlohmann::json item{{"kind", item_kind(d)}, {"what", done_item_text(d)}, {"severity", severity_word(d.severity)}};
    if (d.kind == DoneItem::Kind::companion) {
      item["applies"] = applies(d, path);
      nlohmann::json wanted = nlohmann::json::array();
      for (const std::string& c : d.companions) {
        std::string w = companion_pattern(c, path);
        if (w.size() > 1 && w.front() == '/') w.erase(0, 1);
        wanted.push_back(w);
      }
      item["companions"] = wanted;
    } else if (d.kind == DoneItem::Kind::trailer) {
      item["trailer"] = d.trailer;
    } else {
      nlohmann::json paths = nlohmann::json::array();
      for (const PathPattern& p : d.changelog) paths.push_back(p.text());
      item["changelog"] = paths;
    }
    j["done"].push_back(item);
  }
  if (t->size.any())
    j["size"] = {{"lanes", t->size.lanes},           {"max_files", t->size.max_files},
                 {"max_lines", t->size.max_lines},   {"max_areas", t->size.max_areas},
                 {"severity", severity_word(t->size.severity)}};
  else
    j["size"] = nullptr;
  return j;
}

}  // namespace laneguard
