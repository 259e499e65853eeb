// Lookups on a loaded agreement: people by identity, lanes, protected branches, who owns a
// path, which protected areas cover it, and the non-fatal notes `laneguard lint` prints.
#include "agreement/agreement.h"

#include <algorithm>
#include <unordered_map>
#include <tuple>
#include <set>

#include "util/text.h"

namespace laneguard {

const Person* Agreement::person(std::string_view key) const {
  for (const auto& p : people)
    if (p.key == key) return &p;
  return nullptr;
}

const Person* Agreement::person_by_email(std::string_view email) const {
  std::string e = lower(trim(email));
  if (e.empty()) return nullptr;
  for (const auto& p : people)
    for (const auto& pe : p.emails)
      if (pe == e) return &p;
  return nullptr;
}

const Person* Agreement::person_by_username(std::string_view username) const {
  std::string_view u = trim(username);
  if (u.empty()) return nullptr;
  for (const auto& p : people)
    for (const auto& pu : p.usernames)
      if (iequals(pu, u)) return &p;
  return nullptr;
}

const Lane* Agreement::lane(std::string_view key) const {
  for (const auto& l : lanes)
    if (l.key == key) return &l;
  return nullptr;
}

bool Agreement::is_member(const Lane& l, std::string_view person_key) const {
  return std::find(l.members.begin(), l.members.end(), person_key) != l.members.end();
}

bool Agreement::is_protected_branch(std::string_view branch) const {
  if (branch.rfind("refs/heads/", 0) == 0) branch.remove_prefix(11);
  if (branch.empty()) return false;
  for (const auto& p : protected_branch_patterns)
    if (p.matches(branch)) return true;
  return false;
}

Ownership owner_of(const Agreement& agreement, std::string_view path) {
  Ownership out;
  int best = 0;
  for (const auto& lane : agreement.lanes) {
    const PathPattern* lane_best = nullptr;
    for (const auto& p : lane.owns)
      if ((!lane_best || p.specificity() > lane_best->specificity()) && p.matches(path)) lane_best = &p;
    if (!lane_best) continue;
    if (!out.lane || lane_best->specificity() > best) {
      out.lane = &lane;
      out.pattern = lane_best;
      out.tied.clear();
      best = lane_best->specificity();
    } else if (lane_best->specificity() == best) {
      out.tied.push_back(&lane);
    }
  }
  return out;
}

std::vector<AreaMatch> areas_covering(const Agreement& agreement, std::string_view path) {
  std::vector<AreaMatch> out;
  for (const auto& area : agreement.areas)
    for (const auto& p : area.paths)
      if (p.matches(path)) {
        out.push_back({&area, &p});
        break;
      }
  return out;
}

void protect_agreement_file(Agreement& a) {
  static constexpr const char* kFile = ".laneguard.toml";
  std::vector<std::string> with_members;
  for (const auto& lane : a.lanes)
    if (!lane.members.empty()) with_members.push_back(lane.key);
  if (with_members.empty()) return;
  for (const auto& area : a.areas) {
    bool covers = std::any_of(area.paths.begin(), area.paths.end(), [](const PathPattern& p) { return p.matches(kFile); });
    bool every_lane = std::all_of(with_members.begin(), with_members.end(), [&](const std::string& l) {
      return std::find(area.owners.begin(), area.owners.end(), l) != area.owners.end();
    });
    if (covers && every_lane) return;
  }
  ProtectedArea area;
  area.name = kAgreementAreaName;
  area.paths.push_back(PathPattern::compile(std::string("/") + kFile, false));
  area.owners = with_members;
  area.approvals = 1;
  area.ai = AiPolicy::label;
  area.builtin = "the agreement file is always protected: a change to it needs an approval from every lane "
                 "with members, whatever the agreement says";
  a.areas.push_back(std::move(area));
}

namespace {

// A concrete path a pattern matches, for probing overlaps ("src/**/x.py" -> "src/x/x.py").
std::string sample_path(const std::string& pattern) {
  std::string s = pattern;
  if (!s.empty() && s.front() == '\\') s.erase(0, 1);
  while (!s.empty() && s.front() == '/') s.erase(0, 1);
  bool dir = !s.empty() && s.back() == '/';
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '*' || c == '?') {
      while (i + 1 < s.size() && s[i + 1] == '*') ++i;
      out += "x";
    } else if (c == '[') {
      size_t end = s.find(']', i + 2);
      if (end == std::string::npos) {
        out += c;
        continue;
      }
      char first = s[i + 1] == '!' || s[i + 1] == '^' ? 'x' : s[i + 1];
      out += first == '!' ? 'x' : first;
      i = end;
    } else if (c == '\\' && i + 1 < s.size()) {
      out += s[++i];
    } else {
      out += c;
    }
  }
  if (dir || out.empty()) out += "x";
  return out;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}


// Lane patterns by the literal directories they start with ("src/auth/**" under "src/auth";
// "**/x", "*.py" and other unanchored or wildcard-led patterns at the root), so that lint asks
// only the patterns that could match a path instead of all of them: near-linear in the number of
// patterns instead of quadratic. Keys are lower-cased: a superset of the candidates whatever the
// case rule; matches() decides.
class LanePatternIndex {
 public:
  using Ref = std::pair<size_t, size_t>;  // lane, pattern

  explicit LanePatternIndex(const Agreement& a) : a_(a) {
    for (size_t i = 0; i < a.lanes.size(); ++i)
      for (size_t p = 0; p < a.lanes[i].owns.size(); ++p) buckets_[prefix_of(a.lanes[i].owns[p].text())].push_back({i, p});
  }

  // Every pattern that could match `path`, in lane order then pattern order.
  std::vector<Ref> candidates(std::string_view path) const {
    std::vector<Ref> out;
    std::string folded = lower(path);
    auto add = [&](const std::string& key) {
      if (auto it = buckets_.find(key); it != buckets_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    };
    add("");
    for (size_t slash = folded.find('/'); slash != std::string::npos; slash = folded.find('/', slash + 1))
      add(folded.substr(0, slash));
    add(folded);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // Whether any lane owns `path` (owner_of(...).lane, through the index).
  bool owned(std::string_view path) const {
    for (const auto& [i, p] : candidates(path))
      if (a_.lanes[i].owns[p].matches(path)) return true;
    return false;
  }

 private:
  static std::string prefix_of(std::string_view text) {
    std::string t = lower(text);
    bool anchored = !t.empty() && t.front() == '/';
    if (anchored) t.erase(0, 1);
    while (!t.empty() && t.back() == '/') t.pop_back();
    if (!anchored && t.find('/') == std::string::npos) return "";  // matches at any depth
    std::string prefix;
    size_t start = 0;
    for (size_t slash = t.find('/'); slash != std::string::npos; start = slash + 1, slash = t.find('/', start)) {
      std::string_view component(t.data() + start, slash - start);
      if (component.empty() || component.find_first_of("*?[\\") != std::string_view::npos) break;
      prefix += (prefix.empty() ? "" : "/") + std::string(component);
    }
    return prefix;
  }

  const Agreement& a_;
  std::unordered_map<std::string, std::vector<Ref>> buckets_;
};

}  // namespace

std::vector<LintNote> lint_notes(const Agreement& a) {
  std::vector<LintNote> notes;

  // An empty file is a valid agreement that protects nothing: the gate is off.
  bool own_areas = std::any_of(a.areas.begin(), a.areas.end(), [](const ProtectedArea& area) { return area.builtin.empty(); });
  if (!own_areas)
    notes.push_back({{1, 1}, "the agreement has no protected areas ([protected.*]): nothing is protected and every "
                             "change passes (the gate is off); `laneguard init --from NAME` starts from a ready one"});
  if (!a.version_stated)
    notes.push_back({{1, 1}, "no `version = 1` line: add it as the first key, so that a later laneguard reads this "
                             "file as version 1 of the schema"});

  // Ties: two lanes own overlapping paths with equally specific patterns; owner_of cannot decide.
  // Pairs are found through the index (patterns that could match each other's sample path) and
  // reported in the order the all-pairs loop would report them.
  const LanePatternIndex index(a);
  struct Tie {
    size_t i, p, j, q;  // lane i's pattern p and lane j's pattern q, i < j
    bool operator<(const Tie& o) const { return std::tie(i, j, p, q) < std::tie(o.i, o.j, o.p, o.q); }
  };
  std::set<Tie> ties;
  for (size_t j = 0; j < a.lanes.size(); ++j)
    for (size_t q = 0; q < a.lanes[j].owns.size(); ++q) {
      const PathPattern& pq = a.lanes[j].owns[q];
      std::string sample = sample_path(pq.text());
      if (!pq.matches(sample)) continue;
      for (const auto& [i, p] : index.candidates(sample)) {
        if (i == j) continue;
        const PathPattern& pp = a.lanes[i].owns[p];
        if (pp.specificity() != pq.specificity() || !pp.matches(sample)) continue;
        ties.insert(i < j ? Tie{i, p, j, q} : Tie{j, q, i, p});
      }
    }
  for (const Tie& t : ties) {
    const PathPattern& p = a.lanes[t.i].owns[t.p];
    const PathPattern& q = a.lanes[t.j].owns[t.q];
    bool same = a.case_sensitive ? p.text() == q.text() : iequals(p.text(), q.text());
    std::string how = same ? "both own " + std::string("\"") + p.text() + "\""
                           : "own overlapping paths with equally specific patterns \"" + p.text() + "\" and \"" +
                                 q.text() + "\"";
    notes.push_back({a.lanes[t.j].pos, "lanes " + a.lanes[t.i].key + " and " + a.lanes[t.j].key + " " + how +
                                           "; the tie goes to " + a.lanes[t.i].key +
                                           " (listed first): make one pattern more specific"});
  }

  // Lanes that must approve an area but have nobody who could.
  for (const auto& lane : a.lanes) {
    if (!lane.members.empty()) continue;
    std::vector<std::string> areas;
    for (const auto& area : a.areas)
      if (std::find(area.owners.begin(), area.owners.end(), lane.key) != area.owners.end())
        areas.push_back("\"" + area.name + "\"");
    if (!areas.empty())
      notes.push_back({lane.pos, "lane " + lane.key + " has no members but must approve changes to " +
                                     join(areas, ", ") + ": such changes cannot be approved until you add members"});
    else if (lane.outsider_approvals > 0)
      notes.push_back({lane.pos, "lane " + lane.key + " has no members but outsider_approvals = " +
                                     std::to_string(lane.outsider_approvals) +
                                     ": every change to its paths will be blocked"});
  }

  // People no lane lists: they can commit, but their approvals count nowhere.
  for (const auto& p : a.people) {
    bool member = std::any_of(a.lanes.begin(), a.lanes.end(), [&](const Lane& l) { return a.is_member(l, p.key); });
    if (!member)
      notes.push_back({p.pos, "person " + p.key + " is in no lane: their approvals count for no protected area"});
    if (p.emails.empty() && p.usernames.empty())
      notes.push_back({p.pos, "person " + p.key + " has no emails and no usernames: no commit or account can be matched to them"});
  }

  for (const auto& area : a.areas) {
    if (area.ai_approvals && *area.ai_approvals < area.approvals)
      notes.push_back({area.pos, "protected area \"" + area.name + "\": ai_approvals (" +
                                     std::to_string(*area.ai_approvals) + ") is lower than approvals (" +
                                     std::to_string(area.approvals) +
                                     "): AI-assisted changes would need fewer approvals than others"});
    if (area.ai_approvals && area.ai == AiPolicy::forbid)
      notes.push_back({area.pos, "protected area \"" + area.name +
                                     "\": ai_approvals has no effect when ai = \"forbid\""});
    for (const auto& p : area.paths) {
      std::string sample = sample_path(p.text());
      if (p.matches(sample) && !index.owned(sample))
        notes.push_back({area.pos, "protected area \"" + area.name + "\": no lane owns \"" + p.text() +
                                       "\" (for example " + sample + ")"});
    }
  }

  for (const Tier& tier : a.tiers)
    for (const std::string& key : tier.review.lanes)
      if (const Lane* lane = a.lane(key); lane && lane->members.empty() && tier.review.approvals > 0)
        notes.push_back({{tier.line, tier.column}, "tier \"" + tier.name + "\": its review needs lane " + key +
                                                       ", which has no members: nobody can give that review"});

  std::stable_sort(notes.begin(), notes.end(), [](const LintNote& x, const LintNote& y) {
    return x.pos.line != y.pos.line ? x.pos.line < y.pos.line : x.pos.column < y.pos.column;
  });
  return notes;
}

}  // namespace laneguard
