#include "report/ai_verdicts.h"

#include "report/json_writer.h"

namespace laneguard {

nlohmann::json ai_verdict_json(const AiVerdict& v) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const AiEvidence& e : v.evidence)
    evidence.push_back({{"source", e.source}, {"text", e.text}, {"tool", e.tool}, {"model", e.model}, {"paths", e.paths}});
  return {{"commit", v.commit}, {"verdict", v.verdict}, {"labels", v.labels}, {"evidence", evidence}};
}

void append_ai_verdict_json(std::string& out, const AiVerdict& v) {
  JsonObjectWriter o(out, -1);
  o.member("commit", v.commit);
  std::string evidence = "[";
  for (std::size_t i = 0; i < v.evidence.size(); ++i) {
    const AiEvidence& e = v.evidence[i];
    if (i) evidence += ',';
    JsonObjectWriter w(evidence, -1);
    w.member("model", e.model);
    w.member("paths", e.paths);
    w.member("source", e.source);
    w.member("text", e.text);
    w.member("tool", e.tool);
    w.end();
  }
  evidence += ']';
  o.member_raw("evidence", evidence);
  o.member("labels", v.labels);
  o.member("verdict", v.verdict);
  o.end();
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
