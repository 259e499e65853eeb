#include "server/audit_log.h"

#include <nlohmann/json.hpp>

#include "server/append_file.h"

namespace laneguard::server {

namespace {

std::string utc(std::time_t t) {
  char when[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return when;
}

// dump() escapes control characters, so the record is exactly one line.
std::string one_line(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string audit_json_line(const AuditEntry& e) {
  nlohmann::json j;
  j["time"] = utc(e.time);
  j["pusher"] = e.pusher;
  j["pusher_source"] = e.pusher_source;
  j["refs"] = nlohmann::json::array();
  for (const auto& r : e.refs)
    j["refs"].push_back({{"ref", r.ref}, {"old", r.old_id}, {"new", r.new_id}, {"protected", r.is_protected},
                         {"commits", r.commits}});
  j["commits"] = e.commits;
  j["verdict"] = e.accepted ? "accept" : "reject";
  if (!e.push_id.empty() && e.accepted) {
    j["push"] = e.push_id;
    j["landing"] = "pending";
  }
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
  return one_line(j);
}

std::string landing_json_line(const LandingEntry& e) {
  nlohmann::json j;
  j["time"] = utc(e.time);
  j["push"] = e.push_id;
  j["landing"] = e.landed ? "landed" : "not-landed";
  j["by"] = e.by;
  j["pusher"] = e.pusher;
  j["refs"] = nlohmann::json::array();
  for (std::size_t i = 0; i < e.refs.size(); ++i)
    j["refs"].push_back({{"ref", e.refs[i].ref}, {"old", e.refs[i].old_id}, {"new", e.refs[i].new_id},
                         {"landed", i < e.ref_landed.size() && e.ref_landed[i]}});
  j["introducers_taken_back"] = e.introducers_taken_back;
  j["approvals_taken_back"] = e.approvals_taken_back;
  return one_line(j);
}

std::string audit_log_path(const git::Repository& repo) {
  auto configured = repo.config_string("laneguard.auditLog");
  if (configured && !configured->empty()) return resolve_against(repo.git_dir(), *configured);
  return resolve_against(repo.git_dir(), "laneguard/audit.log");
}

void append_audit(const std::string& path, const AuditEntry& entry) { append_durably(path, audit_json_line(entry)); }

}  // namespace laneguard::server
