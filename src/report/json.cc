// --format json: exactly one JSON document (SPEC section 5).
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace laneguard {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one.
static std::size_t utf8_sequence(const std::string& s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  unsigned char c1 = byte(i + 1);
  if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
  if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
  if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
  if (c == 0xF4 && c1 >= 0x90) return 0;  // beyond U+10FFFF
  return n;
}

// Paths and messages may hold bytes that are not UTF-8: each invalid byte becomes U+FFFD so the
// document stays valid JSON. Valid text (nearly always) is returned as is.
static std::string valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t n = utf8_sequence(s, i);
    if (n == 0) break;
    i += n;
  }
  if (i == s.size()) return s;
  std::string out = s.substr(0, i);
  while (i < s.size()) {
    std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

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
                     {"requirement", a.requirement},
                     {"approved_by", strings(a.approved_by)},
                     {"discarded", strings(a.discarded)},
                     {"missing", a.missing},
                     {"satisfied", a.satisfied}});
  }
  doc["areas"] = areas;
  doc["stats"] = {{"commits", report.commits}, {"paths", report.paths}};
  out << doc.dump(2) << "\n";
}

}  // namespace laneguard
