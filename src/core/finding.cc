#include "core/finding.h"

#include <algorithm>

namespace laneguard {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::notice: return "notice";
    case Severity::warn: return "warn";
    case Severity::block: return "block";
  }
  return "block";
}

bool Report::blocks() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::block; });
}

}  // namespace laneguard
