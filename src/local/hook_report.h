// How every local hook answers: JSON on stdout when asked, otherwise the findings as text on stderr
// (where git shows them), colour only on a terminal; exit 1 when a finding blocks.
#pragma once
#include <string>

#include "report/report.h"

namespace laneguard::local {

// `hint` closes the text report (how to skip, what the server will do). Returns the exit status.
int emit_hook_report(const Report& report, Format format, const std::string& title, const std::string& hint);

}  // namespace laneguard::local
