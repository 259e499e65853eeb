// --format github: GitHub Actions workflow commands. Each finding becomes an annotation
// (`::error file=PATH,title=laneguard RULE::message`), escaped as actions/toolkit escapes them:
// data: % CR LF; properties: also : and ,. Protected areas go in a collapsed log group.
#include "report/report.h"

namespace laneguard {
namespace {

std::string escape_data(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(const std::string& s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

// A plain log line must not become a command: no line breaks inside, and it never starts with "::".
std::string plain(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

const char* command_of(Severity severity) {
  switch (severity) {
    case Severity::block: return "error";
    case Severity::warn: return "warning";
    case Severity::notice: return "notice";
  }
  return "error";
}

std::string join(const std::vector<std::string>& items, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < items.size(); ++i) out += (i > from ? ", " : "") + items[i];
  return out;
}

}  // namespace

void write_github(std::ostream& out, const Report& report) {
  std::size_t blocking = 0, warnings = 0;
  for (const Finding& finding : report.findings) {
    if (finding.severity == Severity::block) ++blocking;
    if (finding.severity == Severity::warn) ++warnings;
    std::string properties;
    if (!finding.paths.empty()) properties += "file=" + escape_property(finding.paths.front()) + ",";
    std::string title = "laneguard " + finding.rule + (finding.area.empty() ? "" : " (" + finding.area + ")");
    properties += "title=" + escape_property(title);
    std::string message = finding.message;
    if (finding.paths.size() > 1) message += "\nAlso: " + join(finding.paths, 1);
    if (!finding.people.empty()) message += "\nPeople: " + join(finding.people);
    if (!finding.fix.empty()) message += "\nFix: " + finding.fix;
    out << "::" << command_of(finding.severity) << " " << properties << "::" << escape_data(message) << "\n";
  }
  if (!report.areas.empty()) {
    out << "::group::laneguard: protected areas\n";
    for (const AreaStatus& area : report.areas) {
      std::string line = "  " + area.area + ": " + area.requirement + "; approved by: " +
                         (area.approved_by.empty() ? std::string("nobody") : join(area.approved_by));
      if (!area.discarded.empty()) line += "; not counted: " + join(area.discarded);
      line += area.satisfied ? "; satisfied" : "; missing: " + area.missing;
      out << plain(line) << "\n";
    }
    out << "::endgroup::\n";
  }
  out << "laneguard: " << report.commits << " commit" << (report.commits == 1 ? "" : "s") << ", " << report.paths
      << " path" << (report.paths == 1 ? "" : "s") << " judged; "
      << (blocking ? "blocked (" + std::to_string(blocking) + " blocking finding" + (blocking == 1 ? "" : "s")
                   : std::string("ok (no blocking findings"))
      << (warnings ? ", " + std::to_string(warnings) + " warning" + (warnings == 1 ? "" : "s") : std::string())
      << ")\n";
}

}  // namespace laneguard
