// `laneguard report`'s page: one self-contained HTML file (inline CSS and SVG charts, no script,
// nothing fetched), readable offline and printable, light and dark (prefers-color-scheme). Every
// text from the repository or the audit log is escaped. Tables and charts carry ids and data-*
// attributes (docs/reference.md) so that tests and scripts can read the numbers back.
#pragma once
#include <ostream>

#include "report/aggregate.h"
#include "report/report_json.h"

namespace laneguard::report {

void write_report_html(std::ostream& out, const Summary& summary, const ReportContext& context);

}  // namespace laneguard::report
