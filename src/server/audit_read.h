// Reading the audit log back (server/audit_log.h writes it): `laneguard report` streams each line
// as a decision or as the line that settles a pending push.
//
// A line that is not a record is an error naming the file and line, except the last line of a file
// when it has no newline: a decision being written right now (or cut off by a full disk, which the
// writer cuts off again under its lock), skipped with a warning.
#pragma once
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "server/audit_log.h"

namespace laneguard::server {

struct AuditReader {
  std::function<void(const AuditEntry&)> decision;
  std::function<void(const LandingEntry&)> landing;
  std::vector<std::string> warnings;  // "FILE:LINE: ..." for each torn last line skipped
  std::size_t lines = 0;              // records read

  // Reads `path` (GitError when it cannot be opened or read, or a line is not a record).
  void read_file(const std::string& path);
  // The same from a stream; `name` names it in messages.
  void read(std::istream& in, const std::string& name);
};

// One line of the log -> a decision or a settling line; UsageError-free: throws GitError with
// `where` ("FILE:LINE") when the line is not a record.
void parse_audit_line(const std::string& line, const std::string& where, AuditReader& reader);

// "2025-01-31T12:00:00Z" -> seconds since the epoch; -1 when it is not that shape.
std::time_t parse_utc(const std::string& text);

}  // namespace laneguard::server
