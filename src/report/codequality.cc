// --format codequality: GitLab's Code Quality report, which a job hands over with
// `artifacts:reports:codequality` so that findings show in the merge request widget and on the
// diff. A JSON list of {description, check_name, fingerprint, severity, location: {path, lines}}.
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace laneguard {
namespace {

// GitLab's severities: info, minor, major, critical, blocker.
const char* severity_of(Severity severity) {
  switch (severity) {
    case Severity::block: return "blocker";
    case Severity::warn: return "minor";
    case Severity::notice: return "info";
  }
  return "blocker";
}

}  // namespace

void write_codequality(std::ostream& out, const Report& report) {
  nlohmann::json issues = nlohmann::json::array();
  for (const Finding& finding : report.findings) {
    std::string description = finding.message;
    if (!finding.fix.empty()) description += " Fix: " + finding.fix;
    std::vector<std::string> paths = finding.paths;
    bool on_agreement = paths.empty();
    if (on_agreement) paths.push_back(report.agreement_path.empty() ? ".laneguard.toml" : report.agreement_path);
    for (const std::string& path : paths) {
      issues.push_back({{"type", "issue"},
                        {"check_name", "laneguard/" + finding.rule},
                        {"description", description},
                        {"categories", {"Style"}},
                        {"severity", severity_of(finding.severity)},
                        {"fingerprint", finding_fingerprint(finding, on_agreement ? "" : path)},
                        {"location", {{"path", path}, {"lines", {{"begin", 1}}}}}});
    }
  }
  out << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace laneguard
