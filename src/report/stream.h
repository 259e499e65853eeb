// Reports written while changes are judged: `check` over a whole history hands each commit's
// findings to a ReportStream and keeps nothing of them. text prints each commit's findings as they
// come and the totals at the end; json writes one document incrementally (findings as they come;
// the area statuses, which belong after them, spooled to an unlinked temporary file and copied in
// at the end); jsonl writes one finding per line. sarif, github and markdown put what is known only
// at the end before the findings: they collect the report and write it at finish().
#pragma once
#include <memory>
#include <ostream>

#include "core/finding.h"
#include "report/report.h"

namespace laneguard {

class ReportStream {
 public:
  virtual ~ReportStream() = default;
  // One part of the report: the findings, area statuses and titles of one or more changes
  // (`part.commits` and `part.paths` are ignored: finish() gives the totals). Text output groups
  // findings by commit within a part.
  void add(Report part);
  // The totals; closes the document. Nothing is written after it.
  void finish(std::size_t commits, std::size_t paths);
  bool blocks() const { return blocking_ > 0; }
  std::size_t blocking() const { return blocking_; }
  std::size_t warnings() const { return warnings_; }
  std::size_t notices() const { return notices_; }

 protected:
  virtual void write_part(const Report& printable_part) = 0;
  virtual void write_end(std::size_t commits, std::size_t paths) = 0;

 private:
  std::size_t blocking_ = 0, warnings_ = 0, notices_ = 0;
  bool finished_ = false;
};

std::unique_ptr<ReportStream> make_report_stream(std::ostream& out, Format format, const ReportOptions& options);

// Per format (report/text.cc, report/json.cc).
std::unique_ptr<ReportStream> make_text_stream(std::ostream& out, const ReportOptions& options);
std::unique_ptr<ReportStream> make_json_stream(std::ostream& out);
std::unique_ptr<ReportStream> make_jsonl_stream(std::ostream& out);

// Every string of `report` valid UTF-8 (each invalid sequence as U+FFFD): every format shows the
// bytes a repository holds the same way.
void make_printable(Report& report);

}  // namespace laneguard
