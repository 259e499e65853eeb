#include "local/advice.h"

#include <algorithm>
#include <optional>
#include <set>

#include "core/wording.h"
#include "facts/ai_markers.h"
#include "facts/identity.h"

namespace laneguard::local {

namespace {

bool is_approval_rule(const std::string& rule) {
  return rule == rule::kMissingApproval || rule == rule::kSelfApproval || rule == rule::kLaneCrossing;
}

// Rules that depend on the message, which pre-commit has not seen yet.
bool needs_message(const std::string& rule) {
  return is_approval_rule(rule) || rule == rule::kUnlabeledAi || rule == rule::kMissingAiDeclaration ||
         rule == rule::kPrototypePromotion;  // the message may declare it
}

// A lane rule's finding names its area "lane KEY", its AreaStatus "lane:KEY".
std::optional<std::string> lane_of(const std::string& area) {
  for (const char* prefix : {"lane:", "lane "})
    if (area.rfind(prefix, 0) == 0) return area.substr(5);
  return std::nullopt;
}

const AreaStatus* status_for(const Judgement& j, const std::string& area) {
  auto lane = lane_of(area);
  for (const AreaStatus& s : j.areas)
    if (s.area == area || (lane && lane_of(s.area) == lane)) return &s;
  return nullptr;
}

// Members of the lanes that can approve the area, minus the change's own authors.
std::vector<std::string> approvers_for(const Agreement& agreement, const std::string& area,
                                       const std::vector<std::string>& authors) {
  std::vector<std::string> lanes;
  if (auto lane = lane_of(area)) {
    lanes.push_back(*lane);
  } else {
    for (const ProtectedArea& a : agreement.areas)
      if (a.name == area) lanes = a.owners;
  }
  std::vector<std::string> out;
  for (const std::string& key : lanes)
    if (const Lane* lane = agreement.lane(key))
      for (const std::string& m : lane->members)
        if (std::find(authors.begin(), authors.end(), m) == authors.end() &&
            std::find(out.begin(), out.end(), m) == out.end())
          out.push_back(m);
  return out;
}

std::string will_need_message(const Agreement& agreement, const Judgement& j, const Finding& f,
                              const AdviceContext& ctx) {
  const AreaStatus* st = status_for(j, f.area);
  if (!st) return "Before this lands on " + ctx.landing + ": " + f.message;
  std::string need = st->missing.empty() ? st->requirement : st->missing;
  if (st->approved_by.empty())
    if (auto at = need.find(" more approval"); at != std::string::npos) need.erase(at, 5);
  std::string s = "Before this lands on " + ctx.landing + " it needs " + need;
  std::vector<std::string> who = approvers_for(agreement, f.area, ctx.authors);
  if (!who.empty()) s += " (" + join_words(who, "or") + ")";
  if (f.rule == rule::kLaneCrossing) {
    std::string lane = lane_of(f.area).value_or(f.area);
    s += ": " + lane + " owns these paths and " +
         (ctx.authors.empty() ? std::string("you are") : join_words(ctx.authors) + (ctx.authors.size() == 1 ? " is" : " are")) +
         " not a member.";
  } else {
    s += ": it changes " + f.area + ".";
  }
  return s;
}

bool message_has_approval(const CommitFacts& c, const Agreement& agreement) {
  for (const Trailer& t : c.trailers)
    for (const std::string& key : agreement.review.approval_trailers)
      if (trailer_key_is(t, key)) return true;
  return false;
}

std::string retry_hint(const AdviceContext& ctx) {
  if (ctx.message_file.empty()) return "";
  return " Your message is kept: `git commit -e -F " + ctx.message_file + "` starts from it.";
}

}  // namespace

std::vector<Finding> local_findings(const Agreement& agreement, const Judgement& judgement, const CommitFacts& commit,
                                    const AdviceContext& ctx) {
  const bool block_mode = agreement.local_mode == LocalMode::block;
  std::vector<Finding> out;
  for (Finding f : judgement.findings) {
    if (ctx.hook == LocalHook::pre_commit) {
      if (is_approval_rule(f.rule)) {
        f.message = will_need_message(agreement, judgement, f, ctx);
        f.severity = Severity::warn;
      } else if (needs_message(f.rule)) {
        f.severity = Severity::warn;  // the message may still carry the label
        f.message += " Say so in the commit message.";
      } else if (f.severity == Severity::block && !block_mode) {
        f.severity = Severity::warn;
      }
    } else {
      if (f.rule == rule::kUnlabeledAi) {
        f.severity = Severity::block;
        f.fix = "Add this trailer as the last paragraph of the commit message: `" +
                exact_label_trailer(commit, agreement.ai) + "` (name the model you used, e.g. `" +
                (agreement.ai.label_trailers.empty() ? std::string("Assisted-by") : agreement.ai.label_trailers.front()) +
                ": Claude:opus-4`)." + retry_hint(ctx);
      } else if (is_approval_rule(f.rule)) {
        // pre-commit already said what approvals the change will need; repeat it only when the
        // message gives approvals that do not count, or when it blocks.
        if (!block_mode && !message_has_approval(commit, agreement)) continue;
        if (!block_mode) {
          f.severity = Severity::warn;
          f.message = "Before this lands on " + ctx.landing + ": " + f.message;
        }
      } else if (f.severity == Severity::block && !block_mode) {
        f.severity = Severity::warn;
      } else if (f.severity == Severity::block) {
        f.fix += retry_hint(ctx);
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::string exact_label_trailer(const CommitFacts& c, const AiSettings& ai) {
  std::string key = ai.label_trailers.empty() ? "Assisted-by" : ai.label_trailers.front();
  std::vector<const Identity*> ids = {&c.author, &c.committer};
  for (const Identity& co : c.co_authors) ids.push_back(&co);
  for (const Identity* id : ids) {
    if (id->empty() || !is_ai_identity(*id, ai)) continue;
    std::string name = id->name;
    std::string tool, model;
    if (auto open = name.find('('); open != std::string::npos) {
      auto close = name.find(')', open);
      std::string inside = name.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
      std::string before = name.substr(0, open);
      while (!before.empty() && before.back() == ' ') before.pop_back();
      if (lower(inside) == "aider") tool = "aider";       // "Pat (aider)": aider wrote as Pat
      else { tool = before; model = inside; }                  // "aider (gpt-4o)"
    } else {
      auto space = name.find(' ');
      tool = name.substr(0, space);
      if (space != std::string::npos) model = lower(name.substr(space + 1));
    }
    for (char& ch : model)
      if (ch == ' ') ch = '-';
    if (tool.empty()) continue;
    return key + ": " + tool + (model.empty() ? "" : ":" + model);
  }
  auto markers = find_ai_markers(c.author, c.committer, c.co_authors, c.message, ai);
  std::string label = suggested_label(markers, ai);  // "Assisted-by: Claude:MODEL" or "...: TOOL:MODEL"
  if (label.size() > 6 && label.compare(label.size() - 6, 6, ":MODEL") == 0 &&
      label.find(": TOOL:") == std::string::npos)
    label.erase(label.size() - 6);
  return label;
}

std::vector<Finding> ai_reminders(const Agreement& agreement, const CommitFacts& commit) {
  std::set<std::string> label_areas, forbid_areas;
  std::vector<std::string> label_paths, forbid_paths;
  for (const std::string& path : commit.paths)
    for (const AreaMatch& m : areas_covering(agreement, path)) {
      if (m.area->ai == AiPolicy::label) {
        label_areas.insert(m.area->name);
        label_paths.push_back(path);
      } else if (m.area->ai == AiPolicy::forbid) {
        forbid_areas.insert(m.area->name);
        forbid_paths.push_back(path);
      }
    }
  auto unique = [](std::vector<std::string> v) {
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  };
  std::vector<Finding> out;
  std::string key = agreement.ai.label_trailers.empty() ? "Assisted-by" : agreement.ai.label_trailers.front();
  if (!label_areas.empty()) {
    Finding f;
    f.rule = "ai-label";
    f.severity = Severity::notice;
    f.commit = commit.id;
    f.area = join_words({label_areas.begin(), label_areas.end()});
    f.paths = unique(label_paths);
    f.message = "If AI helped with this change, label it: the agreement asks for a label on AI-assisted changes to " +
                f.area + ".";
    f.fix = "Add `" + key + ": TOOL:MODEL` (e.g. `" + key + ": Claude:opus-4`) as the last paragraph of the commit message.";
    if (agreement.ai.require_declaration) {
      std::string none = agreement.ai.none_values.empty() ? "none" : agreement.ai.none_values.front();
      f.message += " Every commit here must declare it either way.";
      f.fix += " Without AI help: `" + key + ": " + none + "`.";
    }
    out.push_back(std::move(f));
  }
  if (!forbid_areas.empty()) {
    Finding f;
    f.rule = "ai-label";
    f.severity = Severity::notice;
    f.commit = commit.id;
    f.area = join_words({forbid_areas.begin(), forbid_areas.end()});
    f.paths = unique(forbid_paths);
    f.message = "The agreement forbids AI-generated changes to " + f.area + ".";
    f.fix = "Write this part without AI assistance.";
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace laneguard::local
