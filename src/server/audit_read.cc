#include "server/audit_read.h"

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "util/error.h"

namespace laneguard::server {

namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const json& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

Severity severity_of(const std::string& s) {
  if (s == "notice") return Severity::notice;
  if (s == "warn") return Severity::warn;
  return Severity::block;
}

std::vector<AuditRef> refs_of(const json& j, std::vector<bool>* landed) {
  std::vector<AuditRef> refs;
  auto it = j.find("refs");
  if (it == j.end() || !it->is_array()) return refs;
  for (const json& r : *it) {
    if (!r.is_object()) continue;
    AuditRef ref;
    ref.ref = str(r, "ref");
    ref.old_id = str(r, "old");
    ref.new_id = str(r, "new");
    ref.is_protected = r.value("protected", false);
    if (auto c = r.find("commits"); c != r.end() && c->is_number_unsigned()) ref.commits = c->get<std::size_t>();
    if (landed) landed->push_back(r.value("landed", false));
    refs.push_back(std::move(ref));
  }
  return refs;
}

}  // namespace

std::time_t parse_utc(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (!end || *end) return -1;
  return timegm(&tm);
}

void parse_audit_line(const std::string& line, const std::string& where, AuditReader& reader) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw GitError(where + ": not an audit record (not a JSON object); the audit log is one JSON object a line");
  std::time_t time = parse_utc(str(j, "time"));
  if (time < 0) throw GitError(where + ": not an audit record (no \"time\" of the form 2025-01-31T12:00:00Z)");
  std::string verdict = str(j, "verdict");
  if (verdict.empty()) {
    std::string landing = str(j, "landing");
    if (landing != "landed" && landing != "not-landed")
      throw GitError(where + ": not an audit record (neither a \"verdict\" nor a \"landing\" of landed or not-landed)");
    LandingEntry e;
    e.time = time;
    e.push_id = str(j, "push");
    e.by = str(j, "by");
    e.pusher = str(j, "pusher");
    e.landed = landing == "landed";
    e.refs = refs_of(j, &e.ref_landed);
    ++reader.lines;
    if (reader.landing) reader.landing(e);
    return;
  }
  if (verdict != "accept" && verdict != "reject")
    throw GitError(where + ": not an audit record (\"verdict\" is \"" + verdict + "\", not accept or reject)");
  AuditEntry e;
  e.time = time;
  e.pusher = str(j, "pusher");
  e.pusher_source = str(j, "pusher_source");
  e.refs = refs_of(j, nullptr);
  e.commits = strings(j, "commits");
  e.accepted = verdict == "accept";
  e.error = str(j, "error");
  if (str(j, "landing") == "pending") e.push_id = str(j, "push");
  if (auto o = j.find("override"); o != j.end() && o->is_object()) {
    e.override_reason = str(*o, "reason");
    e.override_accepted = o->value("accepted", false);
  }
  if (auto fs = j.find("findings"); fs != j.end() && fs->is_array())
    for (const json& f : *fs) {
      if (!f.is_object()) continue;
      Finding finding;
      finding.rule = str(f, "rule");
      finding.severity = severity_of(str(f, "severity"));
      finding.commit = str(f, "commit");
      finding.area = str(f, "area");
      finding.paths = strings(f, "paths");
      finding.people = strings(f, "people");
      finding.message = str(f, "message");
      e.findings.push_back(std::move(finding));
    }
  ++reader.lines;
  if (reader.decision) reader.decision(e);
}

void AuditReader::read(std::istream& in, const std::string& name) {
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = name + ":" + std::to_string(number);
    if (in.eof()) {  // the last line, with no newline: perhaps being written
      try {
        parse_audit_line(line, where, *this);
      } catch (const GitError& e) {
        warnings.push_back(where + ": the last line is incomplete (no newline; a decision still being written?), skipped");
      }
      return;
    }
    parse_audit_line(line, where, *this);
  }
  if (in.bad()) throw GitError("cannot read the audit log " + name + ": " + std::strerror(errno));
}

void AuditReader::read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GitError("cannot open the audit log " + path + ": " + std::strerror(errno));
  read(in, path);
}

}  // namespace laneguard::server
