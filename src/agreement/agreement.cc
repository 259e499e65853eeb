// Lookups on a loaded agreement: people by identity, lanes, protected branches, who owns a
// path, which protected areas cover it, and the non-fatal notes `laneguard lint` prints.
#include "agreement/agreement.h"

#include <algorithm>
#include <set>

#include "agreement/text.h"

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

bool overlap(const PathPattern& a, const PathPattern& b) {
  std::string sa = sample_path(a.text()), sb = sample_path(b.text());
  return (a.matches(sb) && b.matches(sb)) || (a.matches(sa) && b.matches(sa));
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

}  // namespace

std::vector<LintNote> lint_notes(const Agreement& a) {
  std::vector<LintNote> notes;

  // Ties: two lanes own overlapping paths with equally specific patterns; owner_of cannot decide.
  for (size_t i = 0; i < a.lanes.size(); ++i)
    for (size_t j = i + 1; j < a.lanes.size(); ++j)
      for (const auto& p : a.lanes[i].owns)
        for (const auto& q : a.lanes[j].owns) {
          if (p.specificity() != q.specificity()) continue;
          bool same = a.case_sensitive ? p.text() == q.text() : iequals(p.text(), q.text());
          if (!same && !overlap(p, q)) continue;
          std::string how = same ? "both own " + std::string("\"") + p.text() + "\""
                                 : "own overlapping paths with equally specific patterns \"" + p.text() +
                                       "\" and \"" + q.text() + "\"";
          notes.push_back({a.lanes[j].pos, "lanes " + a.lanes[i].key + " and " + a.lanes[j].key + " " + how +
                                               "; the tie goes to " + a.lanes[i].key +
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
      if (p.matches(sample) && !owner_of(a, sample).lane)
        notes.push_back({area.pos, "protected area \"" + area.name + "\": no lane owns \"" + p.text() +
                                       "\" (for example " + sample + ")"});
    }
  }

  std::stable_sort(notes.begin(), notes.end(), [](const LintNote& x, const LintNote& y) {
    return x.pos.line != y.pos.line ? x.pos.line < y.pos.line : x.pos.column < y.pos.column;
  });
  return notes;
}

}  // namespace laneguard
