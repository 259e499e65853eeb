#include "report/report.h"

#include "util/error.h"
#include "util/utf8.h"

namespace laneguard {

Format parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "sarif") return Format::sarif;
  if (name == "github") return Format::github;
  if (name == "markdown") return Format::markdown;
  throw UsageError("unknown format '" + std::string(name) + "' (expected text, json, sarif, github or markdown)");
}

namespace {

void make_valid(std::string& s) { s = valid_utf8(s); }
void make_valid(std::vector<std::string>& v) {
  for (auto& s : v) make_valid(s);
}

// Paths, names and messages may hold any bytes a repository or pull request holds: every format
// shows them the same way, each invalid UTF-8 sequence as U+FFFD (util/utf8.h).
Report printable(const Report& report) {
  Report r = report;
  for (Finding& f : r.findings) {
    make_valid(f.commit);
    make_valid(f.area);
    make_valid(f.paths);
    make_valid(f.people);
    make_valid(f.message);
    make_valid(f.fix);
  }
  for (AreaStatus& a : r.areas) {
    make_valid(a.change);
    make_valid(a.area);
    make_valid(a.paths);
    make_valid(a.requirement);
    make_valid(a.approved_by);
    make_valid(a.discarded);
    make_valid(a.missing);
  }
  for (auto& [id, title] : r.titles) {
    make_valid(id);
    make_valid(title);
  }
  return r;
}

}  // namespace

void write_report(std::ostream& out, const Report& original, Format format, const ReportOptions& options) {
  const Report report = printable(original);
  switch (format) {
    case Format::text: return write_text(out, report, options);
    case Format::json: return write_json(out, report);
    case Format::sarif: return write_sarif(out, report);
    case Format::github: return write_github(out, report);
    case Format::markdown: return write_markdown(out, report, options);
  }
}

}  // namespace laneguard
