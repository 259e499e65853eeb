#include "server/audit_log.h"

#include <nlohmann/json.hpp>

#include "server/append_file.h"

namespace laneguard::server {

std::string audit_json_line(const AuditEntry& e) {
  char when[32];
  std::tm tm{};
  gmtime_r(&e.time, &tm);
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  nlohmann::json j;
  j["time"] = when;
  j["pusher"] = e.pusher;
  j["pusher_source"] = e.pusher_source;
  j["refs"] = nlohmann::json::array();
  for (const auto& r : e.refs)
    j["refs"].push_back({{"ref", r.ref}, {"old", r.old_id}, {"new", r.new_id}, {"protected", r.is_protected},
                         {"commits", r.commits}});
  j["commits"] = e.commits;
  j["verdict"] = e.accepted ? "accept" : "reject";
  if (!e.error.empty()) j["error"] = e.error;
  if (e.override_reason)
    j["override"] = {{"reason", *e.override_reason}, {"by", e.pusher}, {"accepted", e.override_accepted}};
  else
    j["override"] = nullptr;
  j["findings"] = nlohmann::json::array();
  for (const auto& f : e.findings)
    j["findings"].push_back({{"rule", f.rule}, {"severity", severity_name(f.severity)}, {"commit", f.commit},
                             {"area", f.area}, {"paths", f.paths}, {"people", f.people}, {"message", f.message}});
  j["approvals"] = nlohmann::json::array();
  for (const auto& a : e.approvals)
    j["approvals"].push_back({{"ref", a.ref}, {"approver", a.approver}, {"person", a.person}, {"commits", a.commits},
                              {"withdrawn", a.withdrawn}});
  // dump() escapes control characters, so the record is exactly one line.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string audit_log_path(const git::Repository& repo) {
  auto configured = repo.config_string("laneguard.auditLog");
  if (configured && !configured->empty()) return resolve_against(repo.git_dir(), *configured);
  return resolve_against(repo.git_dir(), "laneguard/audit.log");
}

void append_audit(const std::string& path, const AuditEntry& entry) { append_durably(path, audit_json_line(entry)); }

}  // namespace laneguard::server
