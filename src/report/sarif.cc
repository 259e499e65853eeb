// --format sarif: SARIF 2.1.0 as GitHub code scanning accepts it (github/codeql-action/upload-sarif):
// one run, the tool's rules with their explanation carried in the document itself (help.text,
// help.markdown, fullDescription: laneguard has no public web page to point helpUri at), one result
// per finding and path, and a location on every result (GitHub refuses a result without one): a
// finding that names no path is placed on the agreement file that judged it.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "report/ai_verdicts.h"
#include <set>

#include "report/report.h"
#include "report/rule_catalog.h"

namespace laneguard {
namespace {

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";

const char* level_of(Severity severity) {
  switch (severity) {
    case Severity::block: return "error";
    case Severity::warn: return "warning";
    case Severity::notice: return "note";
  }
  return "error";
}

const char* default_level(const std::string& rule) {
  if (rule == "unverified-approval") return "warning";
  if (rule == "override" || rule == "stale-approval" || rule == "ai-approval-ignored") return "note";
  return "error";
}

// The rule's explanation as `laneguard rules RULE` prints it: what it means, when it fires, how to
// get a change through.
std::string help_text(const RuleInfo& rule) {
  return rule.short_description + "\n\nWhen: " + rule.full_description + "\n\nHow to get the change through: " +
         rule.help + "\n\n(`laneguard rules " + rule.id + "` prints this text.)";
}
std::string help_markdown(const RuleInfo& rule) {
  return "**" + rule.short_description + "**\n\n" + rule.full_description + "\n\n**How to get the change through:** " +
         rule.help + "\n\n`laneguard rules " + rule.id + "` prints this text.";
}

nlohmann::json rule_json(const RuleInfo& rule) {
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", {{"text", rule.short_description}}},
          {"fullDescription", {{"text", rule.full_description}}},
          {"help", {{"text", help_text(rule)}, {"markdown", help_markdown(rule)}}},
          {"defaultConfiguration", {{"level", default_level(rule.id)}}},
          {"properties", {{"tags", {"laneguard", "working-agreement"}}, {"precision", "very-high"}}}};
}

// artifactLocation.uri is a URI reference: percent-encode what is not allowed in a path.
std::string uri_of(const std::string& path) {
  static const std::string allowed = "-._~/!$&'()*+,;=:@";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) && c < 0x80) {
      out += static_cast<char>(c);
    } else if (allowed.find(static_cast<char>(c)) != std::string::npos) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string result_text(const Finding& finding) {
  std::string text = finding.message;
  if (!finding.fix.empty()) text += " Fix: " + finding.fix;
  return text;
}

}  // namespace

void write_sarif(std::ostream& out, const Report& report) {
  // Rules: every rule the findings use, in catalogue order, then unknown ones.
  std::set<std::string> used;
  for (const Finding& finding : report.findings) used.insert(finding.rule);
  nlohmann::json rules = nlohmann::json::array();
  std::vector<std::string> rule_ids;
  for (const RuleInfo& rule : rule_catalog()) {
    if (used.count(rule.id)) rule_ids.push_back(rule.id);
  }
  for (const std::string& id : used) {
    if (std::find(rule_ids.begin(), rule_ids.end(), id) == rule_ids.end()) rule_ids.push_back(id);
  }
  for (const std::string& id : rule_ids) rules.push_back(rule_json(rule_info(id)));
  auto rule_index = [&rule_ids](const std::string& id) {
    return static_cast<int>(std::find(rule_ids.begin(), rule_ids.end(), id) - rule_ids.begin());
  };

  nlohmann::json results = nlohmann::json::array();
  for (const Finding& finding : report.findings) {
    nlohmann::json base = {{"ruleId", finding.rule},
                           {"ruleIndex", rule_index(finding.rule)},
                           {"level", level_of(finding.severity)},
                           {"message", {{"text", result_text(finding)}}},
                           {"properties",
                            {{"commit", finding.commit},
                             {"area", finding.area},
                             {"people", finding.people},
                             {"fix", finding.fix},
                             {"severity", severity_name(finding.severity)}}}};
    auto located = [&](const std::string& path) {
      nlohmann::json result = base;
      result["locations"] = nlohmann::json::array(
          {{{"physicalLocation",
             {{"artifactLocation", {{"uri", uri_of(path)}, {"uriBaseId", "%SRCROOT%"}}}, {"region", {{"startLine", 1}}}}}}});
      return result;
    };
    if (finding.paths.empty()) {
      // No path of its own (a stale approval, a ref rule): on the agreement, which states the rule.
      nlohmann::json result = located(report.agreement_path.empty() ? ".laneguard.toml" : report.agreement_path);
      result["properties"]["located"] = "agreement";
      result["partialFingerprints"] = {{"laneguardFinding/v1", finding_fingerprint(finding, "")}};
      results.push_back(std::move(result));
      continue;
    }
    for (const std::string& path : finding.paths) {
      nlohmann::json result = located(path);
      result["partialFingerprints"] = {{"laneguardFinding/v1", finding_fingerprint(finding, path)}};
      results.push_back(std::move(result));
    }
  }

  nlohmann::json driver = {{"name", "laneguard"},
                           {"version", LANEGUARD_VERSION},
                           {"semanticVersion", LANEGUARD_VERSION},
                           {"rules", rules}};
  nlohmann::json ai = nlohmann::json::array();
  for (const AiVerdict& v : report.ai)
    if (shown(v)) ai.push_back(ai_verdict_json(v));
  nlohmann::json doc = {{"$schema", kSchema},
                        {"version", "2.1.0"},
                        {"runs", nlohmann::json::array({{{"tool", {{"driver", driver}}},
                                                         {"columnKind", "unicodeCodePoints"},
                                                         {"results", results},
                                                         {"properties", {{"ai", ai}}}}})}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace laneguard
