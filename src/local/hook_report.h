// How every local hook answers: JSON on stdout when asked, otherwise the findings as text on stderr
// (where git shows them), colour as git decides it (report/output.h); exit 1 when a finding blocks.
#pragma once
#include <string>

#include "report/output.h"
#include "report/report.h"

namespace laneguard::local {

// `hint` closes the text report (how to skip, what the server will do). Returns the exit status.
// `out`: --color and --quiet as given to the hook command.
int emit_hook_report(const Report& report, Format format, const std::string& title, const std::string& hint,
                     const OutputOptions& out);

}  // namespace laneguard::local
