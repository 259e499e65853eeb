// Lookups on the agreement's tiers, and the words that describe them.
#include "agreement/tiers.h"

#include <algorithm>

namespace laneguard {

const Tier* tier_of(const std::vector<Tier>& tiers, std::string_view path) {
  const Tier* best = nullptr;
  int best_score = 0;
  for (const Tier& t : tiers)
    for (const PathPattern& p : t.paths)
      if ((!best || p.specificity() > best_score) && p.matches(path)) {
        best = &t;
        best_score = p.specificity();
      }
  return best;
}

bool tiers_count_lines(const std::vector<Tier>& tiers) {
  return std::any_of(tiers.begin(), tiers.end(), [](const Tier& t) { return t.size.max_lines > 0; });
}

namespace {

// Appends a value to a pattern literally: every character a pattern reads specially is escaped.
void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || c == '!' || c == '#' || c == ' ') out += '\\';
    out += c;
  }
}

constexpr std::string_view kPlaceholders[] = {"dir", "name", "stem", "ext"};

}  // namespace

bool companion_placeholders_valid(std::string_view pattern, std::string* bad) {
  for (std::size_t open = pattern.find('{'); open != std::string_view::npos; open = pattern.find('{', open + 1)) {
    std::size_t close = pattern.find('}', open);
    std::string_view word = close == std::string_view::npos ? pattern.substr(open) : pattern.substr(open + 1, close - open - 1);
    if (close == std::string_view::npos ||
        std::find(std::begin(kPlaceholders), std::end(kPlaceholders), word) == std::end(kPlaceholders)) {
      if (bad) *bad = close == std::string_view::npos ? std::string(word) : "{" + std::string(word) + "}";
      return false;
    }
  }
  return true;
}

std::string companion_pattern(std::string_view pattern, std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::string_view dir = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::size_t dot = name.rfind('.');
  bool has_ext = dot != std::string_view::npos && dot > 0;
  std::string_view stem = has_ext ? name.substr(0, dot) : name;
  std::string_view ext = has_ext ? name.substr(dot + 1) : std::string_view();
  std::string out;
  out.reserve(pattern.size() + path.size() + 2);
  bool any = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      std::size_t close = pattern.find('}', i);
      std::string_view word = pattern.substr(i + 1, close - i - 1);
      std::string_view value = word == "dir" ? dir : word == "name" ? name : word == "stem" ? stem : ext;
      append_escaped(out, value);
      any = true;
      i = close;
      continue;
    }
    out += pattern[i];
  }
  // A root file's {dir} is empty: "{dir}/x" reads "/x", the top-level x.
  while (out.size() > 1 && out[0] == '/' && out[1] == '/') out.erase(0, 1);
  if (any && (out.empty() || out.front() != '/')) out.insert(0, "/");
  return out;
}

static std::string join_or(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? (i + 1 == v.size() ? " or " : ", ") : "") + v[i];
  return out;
}

std::string done_item_text(const DoneItem& item) {
  if (!item.name.empty()) return item.name;
  switch (item.kind) {
    case DoneItem::Kind::trailer:
      return "a " + item.trailer + ": trailer in every commit";
    case DoneItem::Kind::changelog: {
      std::vector<std::string> paths;
      for (const PathPattern& p : item.changelog) paths.push_back(p.text());
      return "a changelog entry (" + join_or(paths) + ")";
    }
    case DoneItem::Kind::companion: {
      std::vector<std::string> fors;
      for (const PathPattern& p : item.for_paths) fors.push_back(p.text());
      return "companion files (" + (fors.empty() ? std::string("each file") : join_or(fors)) + " needs " +
             join_or(item.companions) + ")";
    }
  }
  return "";
}

std::string tier_review_text(const TierReview& review) {
  if (review.approvals <= 0) return "no review";
  std::string n = std::to_string(review.approvals) + " approval" + (review.approvals == 1 ? "" : "s");
  if (review.anyone) return n + " from anyone other than the change's authors";
  std::string lanes;
  for (std::size_t i = 0; i < review.lanes.size(); ++i)
    lanes += (i ? (i + 1 == review.lanes.size() ? " and " : ", ") : "") + review.lanes[i];
  return n + " from " + lanes;
}

}  // namespace laneguard
