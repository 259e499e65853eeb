// `laneguard explain [--agreement FILE] [--format text|json] PATH...`: who owns a path, which
// protected areas cover it, and what a change there needs.
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "git/worktree_agreement.h"
#include "modes/explain_tier.h"
#include "core/promotion.h"
#include "modes/modes.h"
#include "util/error.h"

namespace laneguard {

namespace {

std::string join(const std::vector<std::string>& v, const std::string& sep, const std::string& last_sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i == 0 ? "" : i + 1 == v.size() ? last_sep : sep) + v[i];
  return out;
}

std::string plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string real(const std::string& p) {
  char buf[PATH_MAX];
  return ::realpath(p.c_str(), buf) ? std::string(buf) : p;
}

// Collapses "." and ".." and duplicate '/'; nullopt when ".." climbs above the start.
std::optional<std::string> normalize(const std::string& path) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    if (seg == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// Turns a command-line path into a repository-relative one, as git does with pathspecs: relative
// to the current directory inside a working tree, absolute paths inside the tree accepted.
std::string repo_relative(const std::string& arg, const std::optional<std::string>& root) {
  std::string path = arg;
  if (root) {
    std::string top = real(*root);
    if (!path.empty() && path.front() == '/') {
      std::string abs = real(path);
      if (abs == top) return "";
      if (abs.rfind(top + "/", 0) != 0) throw UsageError(arg + ": outside the repository at " + top);
      path = abs.substr(top.size() + 1);
    } else {
      std::string cwd = real(".");
      if (cwd.rfind(top + "/", 0) == 0) path = cwd.substr(top.size() + 1) + "/" + path;
    }
  }
  auto n = normalize(path);
  if (!n) throw UsageError(arg + ": outside the repository");
  return *n;
}

std::string ai_policy_name(AiPolicy p) {
  switch (p) {
    case AiPolicy::label: return "label";
    case AiPolicy::forbid: return "forbid";
    case AiPolicy::allow: return "allow";
  }
  return "label";
}

std::string members_of(const Agreement& a, const std::string& lane_key) {
  const Lane* lane = a.lane(lane_key);
  if (!lane || lane->members.empty()) return lane_key + " (no members yet: add them to the agreement)";
  return lane_key + " (" + join(lane->members, ", ", ", ") + ")";
}

// "1 approval from engineering, not from the change's authors; 2 when AI-assisted; ..."
std::string requirement(const Agreement& a, const ProtectedArea& area) {
  std::string s;
  int n = area.approvals;
  if (area.owners.size() == 1) {
    s = plural(n, "approval", "approvals") + " from " + area.owners[0];
  } else if (n <= static_cast<int>(area.owners.size())) {
    s = "an approval from each of " + join(area.owners, ", ", " and ");
  } else {
    s = std::to_string(n) + " approvals from members of " + join(area.owners, ", ", " and ") +
        ", at least one from each lane";
  }
  s += ", not from the change's authors";
  // With several owner lanes, one approval from each is the floor.
  int floor = area.owners.size() > 1 ? static_cast<int>(area.owners.size()) : 0;
  if (area.ai != AiPolicy::forbid && area.ai_approvals &&
      std::max(*area.ai_approvals, floor) != std::max(n, floor))
    s += "; " + std::to_string(std::max(*area.ai_approvals, floor)) + " when AI-assisted";
  std::string trailer = a.ai.label_trailers.empty() ? "Assisted-by" : a.ai.label_trailers.front();
  switch (area.ai) {
    case AiPolicy::label: s += "; AI help must be labelled with an " + trailer + ": trailer"; break;
    case AiPolicy::forbid: s += "; AI-assisted changes are not allowed here"; break;
    case AiPolicy::allow: s += "; AI help needs no label"; break;
  }
  if (a.ai.require_declaration) {
    std::string none = a.ai.none_values.empty() ? "none" : a.ai.none_values.front();
    s += "; every commit must declare AI help with an " + trailer + ": trailer (`" + trailer + ": " + none +
         "` when there was none)";
  }
  return s;
}

nlohmann::json explain_json(const Agreement& a, const std::string& path) {
  nlohmann::json j;
  j["path"] = path;
  Ownership o = owner_of(a, path);
  j["lane"] = o.lane ? nlohmann::json(o.lane->key) : nlohmann::json(nullptr);
  j["pattern"] = o.pattern ? nlohmann::json(o.pattern->text()) : nlohmann::json(nullptr);
  j["tied"] = nlohmann::json::array();
  for (const Lane* t : o.tied) j["tied"].push_back(t->key);
  j["areas"] = nlohmann::json::array();
  for (const auto& m : areas_covering(a, path)) {
    nlohmann::json area{{"name", m.area->name},         {"pattern", m.pattern->text()},
                        {"owners", m.area->owners},     {"approvals", m.area->approvals},
                        {"ai", ai_policy_name(m.area->ai)}, {"needs", requirement(a, *m.area)}};
    area["ai_approvals"] = m.area->ai_approvals ? nlohmann::json(*m.area->ai_approvals) : nlohmann::json(nullptr);
    if (!m.area->builtin.empty()) area["builtin"] = m.area->builtin;
    j["areas"].push_back(area);
  }
  j["outsider_approvals"] = o.lane ? o.lane->outsider_approvals : 0;
  j["tier"] = explain_tier_json(a, path);
  if (std::string p = describe_promotion(a, o.lane); !p.empty()) j["promotion"] = p;
  return j;
}

void explain_text(std::ostream& out, const Agreement& a, const std::string& path) {
  out << (path.empty() ? "." : path) << "\n";
  Ownership o = owner_of(a, path);
  if (!o.lane) {
    out << "  lane: none (no lane's `owns` matches it)\n";
  } else {
    out << "  lane: " << o.lane->key << " (owns \"" << o.pattern->text() << "\")\n";
    for (const Lane* t : o.tied)
      out << "  tie: " << t->key << " owns it with an equally specific pattern; " << o.lane->key
          << " wins because it is listed first (make one pattern more specific)\n";
  }
  auto areas = areas_covering(a, path);
  if (areas.empty()) out << "  protected: no (a change here needs no approval)\n";
  for (const auto& m : areas) {
    out << "  protected: " << m.area->name << " (matched \"" << m.pattern->text() << "\")\n";
    out << "    needs " << requirement(a, *m.area) << "\n";
    if (!m.area->builtin.empty()) out << "    why: " << m.area->builtin << "\n";
    for (const auto& owner : m.area->owners) out << "    approvers: " << members_of(a, owner) << "\n";
  }
  if (o.lane && o.lane->outsider_approvals > 0)
    out << "  lane rule: a change by someone outside " << o.lane->key << " needs "
        << plural(o.lane->outsider_approvals, "approval", "approvals") << " from " << members_of(a, o.lane->key)
        << " who are not its authors"
        << "\n";
  explain_tier_text(out, a, path);
  if (std::string p = describe_promotion(a, o.lane); !p.empty()) out << "  promotion: " << p << "\n";
}

}  // namespace

void register_explain(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("explain", "Who owns a path, which protected areas cover it, what a change there needs");
  auto agreement_file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto paths = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--agreement", *agreement_file, "The agreement file (default: .laneguard.toml at the repository root)");
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("PATH", *paths, "Paths, relative to the current directory")->required();
  cmd->callback([&exit_code, agreement_file, format, paths] {
    std::optional<std::string> explicit_path;
    if (!agreement_file->empty()) explicit_path = *agreement_file;
    Agreement a = load_agreement_for_worktree(explicit_path);
    auto root = worktree_root();
    std::vector<std::string> rel;
    for (const auto& p : *paths) rel.push_back(repo_relative(p, root));
    if (*format == "json") {
      nlohmann::json out{{"agreement", a.source}, {"paths", nlohmann::json::array()}};
      for (const auto& p : rel) out["paths"].push_back(explain_json(a, p));
      // Paths may hold any bytes: replaced the way every report replaces them (util/utf8.h).
      std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << "agreement: " << a.source;
      if (!explicit_path && a.source == "<embedded default>")
        std::cout << " (no " << kAgreementFileName << " at the repository root)";
      std::cout << "\n";
      for (const auto& p : rel) explain_text(std::cout, a, p);
    }
    exit_code = kExitOk;
  });
}

}  // namespace laneguard
