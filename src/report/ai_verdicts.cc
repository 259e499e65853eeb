#include "report/ai_verdicts.h"

namespace laneguard {

nlohmann::json ai_verdict_json(const AiVerdict& v) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const AiEvidence& e : v.evidence)
    evidence.push_back({{"source", e.source}, {"text", e.text}, {"tool", e.tool}, {"model", e.model}, {"paths", e.paths}});
  return {{"commit", v.commit}, {"verdict", v.verdict}, {"labels", v.labels}, {"evidence", evidence}};
}

std::string ai_verdict_line(const AiVerdict& v) {
  std::string s = "ai: " + v.verdict;
  std::string sep = ": ";
  for (const std::string& l : v.labels) s += sep + l, sep = "; ";
  constexpr std::size_t kShown = 5;
  for (std::size_t i = 0; i < v.evidence.size() && i < kShown; ++i) s += sep + v.evidence[i].text, sep = "; ";
  if (v.evidence.size() > kShown) s += " (+" + std::to_string(v.evidence.size() - kShown) + " more)";
  return s;
}

}  // namespace laneguard
