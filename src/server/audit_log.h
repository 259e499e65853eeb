// The audit log: one JSON line per decision on a protected ref (git config `laneguard.auditLog`,
// else GIT_DIR/laneguard/audit.log), appended durably (server/append_file.h).
//
// {"time":"2025-01-31T12:00:00Z","pusher":"erin","pusher_source":"GL_USERNAME",
//  "refs":[{"ref":"refs/heads/main","old":"...","new":"...","protected":true,"commits":3}],
//  "commits":["<40 hex>",...],"verdict":"accept"|"reject","error":"...",
//  "override":{"reason":"INC-123: ...","by":"erin","accepted":true}|null,
//  "findings":[{"rule":...,"severity":...,"commit":...,"area":...,"paths":[...],"people":[...],"message":...}],
//  "approvals":[{"ref":"refs/laneguard/approvals/eli/<40 hex>","approver":"eli","person":"eli",
//                "commits":["<40 hex>",...],"withdrawn":false}]}   (approvals by push; recorded on accept)
// An accepted decision is pending until the refs say whether it landed (server/push_ledger.h):
//   its line adds "push":"<32 hex>","landing":"pending"; a later line settles it:
// {"time":...,"push":"<32 hex>","landing":"landed"|"not-landed","by":"post-receive"|"reconcile",
//  "pusher":"erin","refs":[{"ref":...,"old":...,"new":...,"landed":true}],
//  "introducers_taken_back":0,"approvals_taken_back":0}                 (no "verdict": not a decision)
#pragma once
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "git/repository.h"

namespace laneguard::server {

struct AuditRef {
  std::string ref, old_id, new_id;
  bool is_protected = false;
  std::size_t commits = 0;
};

// An approval by push in the decision (server/approval_push.h).
struct AuditApproval {
  std::string ref, approver, person;
  std::vector<std::string> commits;
  bool withdrawn = false;  // break glass removed what the ref recorded
};

struct AuditEntry {
  std::time_t time = std::time(nullptr);
  std::string pusher, pusher_source;
  std::vector<AuditRef> refs;
  std::vector<std::string> commits;  // judged
  bool accepted = false;
  std::string error;                 // the gate could not decide: why
  std::optional<std::string> override_reason;
  bool override_accepted = false;
  std::vector<Finding> findings;
  std::vector<AuditApproval> approvals;
  std::string push_id;               // accepted: the pending push (server/push_ledger.h)
};

// The line that settles a pending push.
struct LandingEntry {
  std::time_t time = std::time(nullptr);
  std::string push_id, by, pusher;
  bool landed = false;
  std::vector<AuditRef> refs;
  std::vector<bool> ref_landed;  // parallel to refs
  std::size_t introducers_taken_back = 0, approvals_taken_back = 0;
};
std::string landing_json_line(const LandingEntry& entry);

std::string audit_json_line(const AuditEntry& entry);  // one line, ending in "\n"
std::string audit_log_path(const git::Repository& repo);
void append_audit(const std::string& path, const AuditEntry& entry);

}  // namespace laneguard::server
