#include "core/promotion.h"

#include <algorithm>
#include <cstdio>

#include "core/wording.h"
#include "util/text.h"

namespace laneguard {
namespace {

int share_percent(const CopyEvidence& c) { return c.added ? (c.matched * 100 + c.added / 2) / c.added : 0; }

bool share_crosses(const PromotionSettings& s, const CopyEvidence& c) {
  return c.added >= s.min_lines && static_cast<double>(c.matched) >= s.min_share * c.added;
}

std::string span(const LineSpan& l) {
  return l.first == l.last ? "line " + std::to_string(l.first)
                           : "lines " + std::to_string(l.first) + "-" + std::to_string(l.last);
}

// The value names the path itself or a directory above it ("prototypes/checkout/", "prototypes/checkout").
bool covers(std::string value, const std::string& path) {
  value = std::string(trim(value));
  while (value.size() > 1 && value.back() == '/') value.pop_back();
  while (!value.empty() && value.front() == '/') value.erase(0, 1);
  if (value.empty()) return false;
  if (value == path) return true;
  return path.size() > value.size() && path.compare(0, value.size(), value) == 0 && path[value.size()] == '/';
}

// The sources a file's evidence names: the exact copy's, the long runs', else the share's.
std::vector<std::string> sources_of(const PromotionSettings& s, const CopyEvidence& c) {
  std::vector<std::string> out;
  if (!c.exact_source.empty()) return {c.exact_source};
  for (const CopiedRun& r : c.runs)
    if (r.length >= s.min_lines) out.push_back(r.source);
  if (out.empty())
    for (const auto& [source, n] : c.sources) out.push_back(source);
  return out;
}

}  // namespace

bool is_promotion(const PromotionSettings& s, const CopyEvidence& c) {
  if (!c.exact_source.empty()) return true;
  for (const CopiedRun& r : c.runs)
    if (r.length >= s.min_lines) return true;
  return share_crosses(s, c);
}

std::vector<Promotion> find_promotions(const Agreement& agreement, const Change& change, PathIndex& paths) {
  std::vector<Promotion> out;
  const PromotionSettings& s = agreement.promotion;
  if (!s.enabled || change.net_effect) return out;
  std::vector<std::string> declarations;
  for (const CommitFacts& c : change.commits)
    for (const Trailer& t : c.trailers)
      if (trailer_key_is(t, s.trailer) && !trim(t.value).empty()) declarations.push_back(std::string(trim(t.value)));
  for (const CommitFacts& c : change.commits) {
    Promotion p;
    p.commit = &c;
    p.declarations = declarations;
    for (const CopyEvidence& e : c.copies) {
      if (!is_promotion(s, e)) continue;
      Ownership own = paths.owner_of(e.path);
      if (!own.lane || std::find(s.from_lanes.begin(), s.from_lanes.end(), own.lane->key) != s.from_lanes.end())
        continue;  // not another lane's path (the adapter only reports those; the evaluator is sure)
      p.files.push_back(&e);
      if (std::find(p.to_lanes.begin(), p.to_lanes.end(), own.lane) == p.to_lanes.end()) p.to_lanes.push_back(own.lane);
      for (std::string& src : sources_of(s, e)) p.sources.push_back(std::move(src));
    }
    if (p.files.empty()) continue;
    std::sort(p.sources.begin(), p.sources.end());
    p.sources.erase(std::unique(p.sources.begin(), p.sources.end()), p.sources.end());
    for (const std::string& src : p.sources)
      if (std::none_of(declarations.begin(), declarations.end(), [&](const std::string& d) { return covers(d, src); }))
        p.undeclared.push_back(src);
    out.push_back(std::move(p));
  }
  return out;
}

Severity promotion_severity(const PromotionSettings& s) {
  switch (s.severity) {
    case PromotionSettings::Level::notice: return Severity::notice;
    case PromotionSettings::Level::warn: return Severity::warn;
    case PromotionSettings::Level::block: break;
  }
  return Severity::block;
}

std::vector<std::string> promotion_evidence(const PromotionSettings& s, const Promotion& p) {
  std::vector<std::string> out;
  for (const CopyEvidence* e : p.files) {
    if (!e->exact_source.empty()) {
      out.push_back(e->path + (e->moved ? " is " + e->exact_source + " moved (the same content)"
                                        : " is a copy of " + e->exact_source + " (the same content)"));
      continue;
    }
    std::vector<std::string> runs;
    for (const CopiedRun& r : e->runs)
      if (r.length >= s.min_lines)
        runs.push_back(span(r.lines) + " copy " + r.source + " " + span(r.source_lines) + " (" +
                       std::to_string(r.length) + " lines)");
    if (!runs.empty()) {
      out.push_back(e->path + " " + join_words(runs));
      continue;
    }
    std::vector<std::string> from;
    for (const auto& [src, n] : e->sources) from.push_back(src + " (" + std::to_string(n) + ")");
    std::string s2 = e->path + ": " + std::to_string(e->matched) + " of its " + std::to_string(e->added) +
                     " added lines (" + std::to_string(share_percent(*e)) + "%) stand in " + join_words(from);
    std::vector<std::string> shorter;
    for (const CopiedRun& r : e->runs) shorter.push_back(span(r.lines) + " as " + r.source + " " + span(r.source_lines));
    if (!shorter.empty()) s2 += ", " + join_words(shorter);
    out.push_back(s2);
  }
  return out;
}

namespace {
std::string lanes_words(const std::vector<std::string>& keys) {
  return (keys.size() == 1 ? "the " + keys.front() + " lane" : "the " + join_words(keys) + " lanes");
}
std::string to_words(const Promotion& p) {
  std::vector<std::string> keys;
  for (const Lane* l : p.to_lanes) keys.push_back(l->key);
  return join_words(keys);
}
std::string evidence_text(const Agreement& a, const Promotion& p) {
  std::string s;
  for (const std::string& e : promotion_evidence(a.promotion, p)) s += (s.empty() ? "" : "; ") + e;
  return s;
}
// "prototypes/checkout/" when every source lies in one directory, else the files.
std::string suggested_declaration(const Promotion& p) {
  const std::vector<std::string>& src = p.undeclared.empty() ? p.sources : p.undeclared;
  std::string dir = src.front().substr(0, src.front().rfind('/') + 1);
  bool same = !dir.empty() && std::all_of(src.begin(), src.end(), [&](const std::string& x) {
    return x.compare(0, dir.size(), dir) == 0;
  });
  return same ? dir : src.front();
}
}  // namespace

std::string promotion_message(const Agreement& a, const Promotion& p) {
  return "Prototype code from " + lanes_words(a.promotion.from_lanes) + " comes into " + to_words(p) +
         "'s paths: " + evidence_text(a, p) +
         ". Production is a rebuild, never a promoted prototype: the prototype informs the build, its code is not "
         "the starting point.";
}

std::string promotion_fix(const Agreement& a, const Promotion& p, const std::string& approvers) {
  const PromotionSettings& s = a.promotion;
  std::string fix = "Rebuild it: write the production code anew from what the prototype showed, and leave " +
                    join_words(p.undeclared.empty() ? p.sources : p.undeclared) +
                    " where it is. If promoting it is a decision the team made, say so in the commit message (`" +
                    s.trailer + ": " + suggested_declaration(p) + "`)";
  if (s.approvals > 0)
    fix += " and get " + std::to_string(s.approvals) + " approval" + (s.approvals == 1 ? "" : "s") + " from " +
           to_words(p) + (approvers.empty() ? "" : " (" + approvers + ")");
  return fix + ".";
}

std::string declared_promotion_message(const Agreement& a, const Promotion& p, const std::string& missing) {
  return "Declared promotion of prototype code (" + a.promotion.trailer + ": " + join_words(p.declarations) +
         ") into " + to_words(p) + "'s paths needs " + missing + ": " + evidence_text(a, p) + ".";
}

std::string accepted_promotion_message(const Agreement& a, const Promotion& p, const std::vector<std::string>& approved_by) {
  std::string s = "Promotion accepted: declared (" + a.promotion.trailer + ": " + join_words(p.declarations) + ")";
  if (!approved_by.empty()) s += " and approved by " + join_words(approved_by) + " (" + to_words(p) + ")";
  return s + ": " + evidence_text(a, p) + ".";
}

}  // namespace laneguard

namespace laneguard {

std::string describe_promotion(const Agreement& a, const Lane* owner) {
  const PromotionSettings& s = a.promotion;
  if (!s.enabled || !owner) return "";
  bool from = std::find(s.from_lanes.begin(), s.from_lanes.end(), owner->key) != s.from_lanes.end();
  char share[16];
  std::snprintf(share, sizeof share, "%d%%", static_cast<int>(s.min_share * 100 + 0.5));
  std::string measure = "a move or exact copy, " + std::to_string(s.min_lines) +
                        " consecutive non-trivial lines, or " + share + " of a file's added lines";
  std::string severity = s.severity == PromotionSettings::Level::block  ? "blocks"
                         : s.severity == PromotionSettings::Level::warn ? "warns"
                                                                        : "is a notice";
  std::string approvals = s.approvals == 0 ? "" : " and " + std::to_string(s.approvals) + " approval" +
                                                      (s.approvals == 1 ? "" : "s") + " from the destination's lane";
  if (from)
    return "prototype code (" + owner->key + " is a prototype lane): copying it into another lane's paths (" + measure +
           ") is a promotion, which " + severity + " unless the commit declares it (" + s.trailer + ": PATH)" +
           approvals;
  return "production code for promotion: code copied here from " + join_words(s.from_lanes) + "'s files (" + measure +
         ") " + severity + " unless the commit declares it (" + s.trailer + ": PATH)" +
         (s.approvals == 0 ? "" : " and has " + std::to_string(s.approvals) + " approval" +
                                      (s.approvals == 1 ? "" : "s") + " from " + owner->key);
}

}  // namespace laneguard
