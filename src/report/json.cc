// --format json: exactly one JSON document (SPEC section 5).
#include <nlohmann/json.hpp>

#include "report/report.h"
#include "util/utf8.h"

namespace laneguard {

static nlohmann::json strings(const std::vector<std::string>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (const std::string& s : v) a.push_back(valid_utf8(s));
  return a;
}

void write_json(std::ostream& out, const Report& report) {
  nlohmann::json doc;
  doc["verdict"] = report.blocks() ? "block" : "allow";
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : report.findings) {
    findings.push_back({{"rule", f.rule},
                        {"severity", severity_name(f.severity)},
                        {"commit", valid_utf8(f.commit)},
                        {"area", f.area.empty() ? nlohmann::json(nullptr) : nlohmann::json(valid_utf8(f.area))},
                        {"paths", strings(f.paths)},
                        {"people", strings(f.people)},
                        {"message", valid_utf8(f.message)},
                        {"fix", valid_utf8(f.fix)}});
  }
  doc["findings"] = findings;
  nlohmann::json areas = nlohmann::json::array();
  for (const AreaStatus& a : report.areas) {
    areas.push_back({{"change", valid_utf8(a.change)},
                     {"area", valid_utf8(a.area)},
                     {"paths", strings(a.paths)},
                     {"requirement", valid_utf8(a.requirement)},
                     {"approved_by", strings(a.approved_by)},
                     {"discarded", strings(a.discarded)},
                     {"missing", valid_utf8(a.missing)},
                     {"satisfied", a.satisfied}});
  }
  doc["areas"] = areas;
  doc["stats"] = {{"commits", report.commits}, {"paths", report.paths}};
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace laneguard
