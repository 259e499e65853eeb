#include "report/report_json.h"

#include <nlohmann/json.hpp>

namespace laneguard::report {

namespace {

using Json = nlohmann::ordered_json;

std::string utc(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Json ai_json(const AiCounts& a) {
  return Json{{"labelled", a.labelled}, {"declared_none", a.declared_none}, {"unlabelled", a.unlabelled},
              {"unknown", a.unknown}, {"stopped", a.stopped}};
}

template <class M>
Json counts(const M& m) {
  Json j = Json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

// Lanes by key; a change whose author is in no lane is under "(none)".
Json lanes_json(const std::map<std::string, std::size_t>& by_lane, const std::vector<std::string>& lanes) {
  Json j = Json::object();
  for (const std::string& lane : lanes) {
    auto it = by_lane.find(lane);
    j[lane.empty() ? "(none)" : lane] = it == by_lane.end() ? 0 : it->second;
  }
  return j;
}

}  // namespace

void write_report_json(std::ostream& out, const Summary& s, const ReportContext& c) {
  Json j;
  j["report"] = "laneguard report";
  j["generated"] = utc(c.generated);
  j["repository"] = c.repository;
  j["range"] = c.range;
  j["audit_logs"] = c.audit_logs;
  Json agreement;
  agreement["source"] = c.agreement_source;
  agreement["name"] = c.agreement_name;
  agreement["areas"] = Json::array();
  for (const auto& a : c.areas)
    agreement["areas"].push_back({{"name", a.name}, {"paths", a.paths}, {"requirement", a.requirement}});
  agreement["lanes"] = Json::object();
  for (const auto& [k, members] : c.lanes) agreement["lanes"][k] = members;
  agreement["changes"] = Json::array();
  for (const AgreementChange& a : s.agreement_changes)
    agreement["changes"].push_back({{"commit", a.id}, {"time", utc(a.time)}, {"author", a.author}, {"subject", a.subject}});
  j["agreement"] = agreement;
  j["span"] = {{"from", s.first_time ? utc(s.first_time) : ""}, {"to", s.last_time ? utc(s.last_time) : ""},
               {"period", s.period_kind}, {"periods", s.periods}};
  j["totals"] = {{"commits", s.commits},
                 {"changes", s.changes},
                 {"protected_changes", s.protected_changes},
                 {"ai", ai_json(s.ai)},
                 {"ai_evidence", counts(s.ai_evidence)}};
  Json areas = Json::array();
  for (const AreaSummary& a : s.areas) {
    Json area;
    area["area"] = a.area;
    area["changes"] = a.changes;
    area["by_lane"] = lanes_json(a.by_lane, s.lanes);
    area["ai"] = ai_json(a.ai);
    area["blocked"] = counts(a.blocked);
    area["history_findings"] = counts(a.history_findings);
    area["periods"] = Json::array();
    for (const PeriodCounts& p : a.periods)
      area["periods"].push_back({{"period", p.period},
                                 {"by_lane", lanes_json(p.by_lane, s.lanes)},
                                 {"ai", ai_json(p.ai)},
                                 {"blocked", counts(p.blocked)},
                                 {"overrides", p.overrides}});
    areas.push_back(std::move(area));
  }
  j["areas"] = std::move(areas);
  Json audit;
  audit["decisions"] = s.decisions;
  audit["accepted"] = s.accepted;
  audit["rejected"] = s.rejected;
  audit["landed"] = s.landed;
  audit["not_landed"] = s.not_landed;
  audit["pending"] = s.pending;
  audit["blocked"] = counts(s.blocked);
  audit["overrides"] = Json::array();
  for (const OverrideRecord& o : s.overrides)
    audit["overrides"].push_back({{"time", utc(o.time)}, {"by", o.by}, {"reason", o.reason}, {"accepted", o.accepted},
                                  {"refs", o.refs}, {"commits", o.commits}, {"rules", o.rules}});
  audit["pushers"] = Json::array();
  for (const PusherCounts& p : s.pushers)
    audit["pushers"].push_back(
        {{"pusher", p.pusher}, {"accepted", p.accepted}, {"rejected", p.rejected}, {"overrides", p.overrides}});
  j["audit"] = std::move(audit);
  Json wait;
  wait["changes"] = s.wait.changes;
  wait["from_server"] = s.wait.from_server;
  wait["to_server"] = s.wait.to_server;
  wait["median_seconds"] = s.wait.median;
  wait["p90_seconds"] = s.wait.p90;
  wait["max_seconds"] = s.wait.max;
  wait["buckets"] = Json::array();
  for (const WaitBucket& b : s.wait.buckets)
    wait["buckets"].push_back({{"label", b.label}, {"under_seconds", b.upper}, {"changes", b.changes}});
  wait["slowest"] = Json::array();
  for (const WaitRecord& w : s.wait.slowest)
    wait["slowest"].push_back({{"commit", w.id}, {"subject", w.subject}, {"author", w.author}, {"areas", w.areas},
                               {"from", utc(w.from)}, {"to", utc(w.to)}, {"seconds", w.seconds()},
                               {"from_server", w.from_server}, {"to_server", w.to_server}});
  j["wait"] = std::move(wait);
  j["warnings"] = c.warnings;
  out << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace laneguard::report
