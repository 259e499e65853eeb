// `laneguard report --format json`: the aggregates of report/aggregate.h as one JSON document, for
// teams that chart elsewhere (docs/reference.md, "laneguard report", describes every member).
#pragma once
#include <ostream>

#include "report/aggregate.h"

namespace laneguard::report {

// What the report says about the agreement and the run, beside the aggregates.
struct ReportContext {
  std::string repository;            // the repository's directory
  std::vector<std::string> range;    // the revision arguments ("HEAD" when none)
  std::vector<std::string> audit_logs;
  std::string agreement_source, agreement_name;
  // The agreement in force: each area's name, paths and requirement ("1 approval from engineering").
  struct Area {
    std::string name;
    std::vector<std::string> paths;
    std::string requirement;
  };
  std::vector<Area> areas;
  std::vector<std::pair<std::string, std::vector<std::string>>> lanes;  // key -> members
  std::vector<std::string> warnings;  // audit lines skipped...
  std::int64_t generated = 0;         // seconds since the epoch
};

void write_report_json(std::ostream& out, const Summary& summary, const ReportContext& context);

}  // namespace laneguard::report
