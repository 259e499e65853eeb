#include "local/hook_report.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "util/error.h"

namespace laneguard::local {

int emit_hook_report(const Report& report, Format format, const std::string& title, const std::string& hint,
                     const OutputOptions& out) {
  if (format != Format::text) {
    write_report(std::cout, report, format, {});
    std::cout.flush();
  } else if (!report.findings.empty()) {
    ReportOptions ro;
    ro.title = title;
    ro.color = want_color(out, STDERR_FILENO);
    ro.quiet = out.quiet;
    ro.hint = hint;
    write_report(std::cerr, report, Format::text, ro);
  }
  return report.blocks() ? kExitBlocked : kExitOk;
}

}  // namespace laneguard::local
