// The AI verdicts of a report (core/finding.h AiVerdict) as every format shows them: the same
// object in JSON and SARIF, a line under the commit in text.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/finding.h"

namespace laneguard {

// {"commit", "evidence": [{"model", "paths", "source", "text", "tool"}], "labels", "verdict"}.
nlohmann::json ai_verdict_json(const AiVerdict& verdict);
// The same object, compact, appended to `out` as ai_verdict_json(verdict).dump(-1, ' ', false,
// error_handler_t::replace) writes it (report/json_writer.h): JSON reports write one per commit.
void append_ai_verdict_json(std::string& out, const AiVerdict& verdict);

// Worth showing: any verdict but "unknown" (a commit with neither evidence nor a label).
inline bool shown(const AiVerdict& verdict) { return verdict.verdict != "unknown"; }

// "ai: unlabelled: co-author \"Claude <noreply@anthropic.com>\"; git-ai: 42 lines of ..."
std::string ai_verdict_line(const AiVerdict& verdict);

}  // namespace laneguard
