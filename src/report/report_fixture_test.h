// A hand-built Report for the formatter tests: a blocking finding on two paths, a warning with no
// area, a notice with no path, and text that tries to break out of each format.
#pragma once
#include "core/finding.h"

namespace laneguard::testing {

inline Report sample_report() {
  Report report;
  report.commits = 3;
  report.paths = 4;
  Finding self;
  self.rule = "self-approval";
  self.severity = Severity::block;
  self.commit = "pull request #12";
  self.area = "payments";
  self.paths = {"src/payments/charge.py", "src/payments/my file,v2:%.py"};
  self.people = {"pat"};
  self.message = "payments needs 1 approval from engineering; pat approved but is an author.";
  self.fix = "Ask erin or eli (not pat) to approve the pull request.";
  report.findings.push_back(self);
  Finding warn;
  warn.rule = "unverified-approval";
  warn.severity = Severity::warn;
  warn.commit = "0123456789abcdef0123456789abcdef01234567";
  warn.paths = {"README.md"};
  warn.people = {"Mallory <m@evil.test>"};
  warn.message = "line one\nline two\r\n::set-env name=X::pwned | <script>alert(1)</script> *bold* 100%";
  warn.fix = "";
  report.findings.push_back(warn);
  Finding notice;
  notice.rule = "stale-approval";
  notice.severity = Severity::notice;
  notice.commit = "pull request #12";
  notice.people = {"eli"};
  notice.message = "eli approved before the latest push.";
  notice.fix = "Ask eli to approve again.";
  report.findings.push_back(notice);
  AreaStatus payments;
  payments.change = "pull request #12";
  payments.area = "payments";
  payments.paths = {"src/payments/charge.py"};
  payments.requirement = "1 approval from engineering (2 when AI-assisted)";
  payments.discarded = {"pat (an author of the change)"};
  payments.missing = "1 more approval from engineering";
  report.areas.push_back(payments);
  AreaStatus auth;
  auth.change = "pull request #12";
  auth.area = "auth|n";
  auth.paths = {"src/auth/login.py"};
  auth.requirement = "1 approval from engineering";
  auth.approved_by = {"erin"};
  auth.satisfied = true;
  report.areas.push_back(auth);
  return report;
}

}  // namespace laneguard::testing
