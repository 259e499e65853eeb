#include "report/report.h"

#include "util/error.h"

namespace laneguard {

Format parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "sarif") return Format::sarif;
  if (name == "github") return Format::github;
  if (name == "markdown") return Format::markdown;
  throw UsageError("unknown format '" + std::string(name) + "' (expected text, json, sarif, github or markdown)");
}

void write_report(std::ostream& out, const Report& report, Format format, const ReportOptions& options) {
  switch (format) {
    case Format::text: return write_text(out, report, options);
    case Format::json: return write_json(out, report);
    case Format::sarif: return write_sarif(out, report);
    case Format::github: return write_github(out, report);
    case Format::markdown: return write_markdown(out, report, options);
  }
}

}  // namespace laneguard
