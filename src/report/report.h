// Printing reports: adapters from a Report to text, JSON (SPEC section 5), JSON lines, SARIF,
// GitHub workflow commands and Markdown. No judgement happens here. A report produced piece by
// piece (check over a history) goes through report/stream.h instead of being collected.
#pragma once
#include <ostream>
#include <string>
#include <string_view>

#include "core/finding.h"

namespace laneguard {

enum class Format { text, json, jsonl, sarif, github, markdown, codequality };
Format parse_format(std::string_view name);  // UsageError for an unknown name

struct ReportOptions {
  bool color = false;       // text only: ANSI colour (callers decide: modes/output.h)
  bool quiet = false;       // text only: blocking findings alone; nothing at all when none blocks
  std::string title;        // "laneguard check", "laneguard pre-receive"...
  std::string hint;         // a closing line for text output, e.g. how to skip locally
  // markdown: each area row also names the change it belongs to (a merge group's pull requests,
  // judged each on its own, may touch the same area)
  bool area_changes = false;
};

void write_report(std::ostream& out, const Report& report, Format format, const ReportOptions& options);

// Per format (report/FORMAT.cc).
void write_text(std::ostream& out, const Report& report, const ReportOptions& options);
void write_json(std::ostream& out, const Report& report);
void write_jsonl(std::ostream& out, const Report& report);  // one finding per line
void write_sarif(std::ostream& out, const Report& report);
void write_github(std::ostream& out, const Report& report);
void write_markdown(std::ostream& out, const Report& report, const ReportOptions& options);
// GitLab's Code Quality report (artifacts:reports:codequality): the findings in the merge request
// widget and the diff. A finding that names no path sits on the agreement file, as in SARIF.
void write_codequality(std::ostream& out, const Report& report);

// A stable fingerprint across pushes: the same rule, area, path and people is the same alert
// (SARIF's partialFingerprints, Code Quality's fingerprint).
std::string finding_fingerprint(const Finding& finding, const std::string& path);

}  // namespace laneguard
