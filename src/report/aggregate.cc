#include "report/aggregate.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/finding.h"

namespace laneguard::report {

namespace {

constexpr std::int64_t kDay = 86400;
// A span longer than this is shown by month, else by week.
constexpr std::int64_t kWeeksAtMost = 16;

std::int64_t day_of(std::int64_t t) { return t >= 0 ? t / kDay : -((-t + kDay - 1) / kDay); }

// Howard Hinnant's days-to-civil: days since 1970-01-01 -> year, month, day.
void civil(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

std::string date_of_day(std::int64_t day) {
  int y;
  unsigned m, d;
  civil(day, y, m, d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::int64_t monday_of(std::int64_t day) {
  std::int64_t weekday = ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; 0 = Monday
  return day - weekday;
}

std::string period_of(std::int64_t day, bool by_month) {
  std::string date = date_of_day(by_month ? day : monday_of(day));
  return by_month ? date.substr(0, 7) : date;
}

void add(AiCounts& to, const AiCounts& from) {
  to.labelled += from.labelled;
  to.declared_none += from.declared_none;
  to.unlabelled += from.unlabelled;
  to.unknown += from.unknown;
  to.stopped += from.stopped;
}

void count_verdict(AiCounts& ai, const std::string& verdict) {
  if (verdict == "labelled") ++ai.labelled;
  else if (verdict == "declared-none") ++ai.declared_none;
  else if (verdict == "unlabelled") ++ai.unlabelled;
  else ++ai.unknown;
}

template <class M>
void add_map(M& to, const M& from) {
  for (const auto& [k, v] : from) to[k] += v;
}

}  // namespace

std::string utc_date(std::int64_t t) { return date_of_day(day_of(t)); }

std::string duration_text(std::int64_t s) {
  char buf[32];
  if (s < 3600) std::snprintf(buf, sizeof buf, "%lld min", static_cast<long long>(s / 60));
  else if (s < 2 * kDay) std::snprintf(buf, sizeof buf, "%.1f h", static_cast<double>(s) / 3600);
  else std::snprintf(buf, sizeof buf, "%.1f d", static_cast<double>(s) / kDay);
  return buf;
}

Aggregator::Aggregator(std::vector<std::string> areas, std::vector<std::string> lanes)
    : area_order_(std::move(areas)), lane_order_(std::move(lanes)) {
  area_order_.push_back(kUnprotected);
}

Aggregator::AreaDays& Aggregator::area(const std::string& name) {
  bool known = std::find(area_order_.begin(), area_order_.end(), name) != area_order_.end();
  AreaDays& a = areas_[known ? name : kUnprotected];
  a.total.area = known ? name : kUnprotected;
  return a;
}

void Aggregator::note_time(std::int64_t t) {
  if (s_.first_time == 0 || t < s_.first_time) s_.first_time = t;
  if (t > s_.last_time) s_.last_time = t;
}

void Aggregator::add_decision(const server::AuditEntry& d) {
  ++s_.decisions;
  note_time(d.time);
  const std::int64_t day = day_of(d.time);
  PusherCounts& p = pushers_[d.pusher];
  p.pusher = d.pusher;
  (d.accepted ? p.accepted : p.rejected) += 1;
  (d.accepted ? s_.accepted : s_.rejected) += 1;
  for (const std::string& c : d.commits) {
    auto [it, added] = first_seen_.emplace(c, d.time);
    if (!added) it->second = std::min(it->second, static_cast<std::int64_t>(d.time));
  }
  if (d.accepted) {
    if (!d.push_id.empty()) {
      push_commits_[d.push_id] = d.commits;
    } else {
      // A decision from before pending pushes: accepted is landed, as far as the log tells.
      for (const std::string& c : d.commits) {
        auto [it, added] = landed_at_.emplace(c, d.time);
        if (!added) it->second = std::min(it->second, static_cast<std::int64_t>(d.time));
      }
    }
  }
  if (!d.accepted) {
    std::set<std::string> rules;
    std::set<std::pair<std::string, std::string>> rule_areas;
    std::map<std::string, std::set<std::string>> unlabelled;  // area -> commits
    for (const Finding& f : d.findings) {
      if (f.severity != Severity::block) continue;
      rules.insert(f.rule);
      rule_areas.emplace(f.rule, f.area);
      if (f.rule == rule::kUnlabeledAi) unlabelled[f.area].insert(f.commit);
    }
    for (const std::string& r : rules) ++s_.blocked[r];
    for (const auto& [r, a] : rule_areas) {
      AreaDays& ad = area(a);
      ++ad.total.blocked[r];
      ++ad.days[day].blocked[r];
    }
    for (const auto& [a, commits] : unlabelled) {
      AreaDays& ad = area(a);
      ad.total.ai.stopped += commits.size();
      ad.days[day].ai.stopped += commits.size();
      s_.ai.stopped += commits.size();
    }
  }
  if (d.override_reason) {
    ++p.overrides;
    OverrideRecord o;
    o.time = d.time;
    o.by = d.pusher;
    o.reason = *d.override_reason;
    o.accepted = d.override_accepted && d.accepted;
    o.commits = d.commits.size();
    for (const server::AuditRef& r : d.refs) o.refs.push_back(r.ref);
    std::set<std::string> rules, where;
    for (const Finding& f : d.findings)
      if (f.rule != rule::kOverride && f.severity != Severity::notice) {
        rules.insert(f.rule);
        where.insert(f.area);
      }
    o.rules.assign(rules.begin(), rules.end());
    if (where.empty()) where.insert("");
    for (const std::string& a : where) ++area(a).days[day].overrides;
    s_.overrides.push_back(std::move(o));
  }
}

void Aggregator::add_landing(const server::LandingEntry& l) {
  note_time(l.time);
  (l.landed ? s_.landed : s_.not_landed) += 1;
  // The decision may be in a later file: the landing waits with its push until the commits come.
  if (l.landed) push_landed_[l.push_id] = l.time;
  else push_landed_.erase(l.push_id), push_not_landed_.insert(l.push_id);
}

void Aggregator::settle_pushes() {
  for (const auto& [push, commits] : push_commits_) {
    auto landed = push_landed_.find(push);
    if (landed == push_landed_.end()) {
      if (!push_not_landed_.count(push)) ++s_.pending;
      continue;
    }
    for (const std::string& id : commits) {
      auto [it, added] = landed_at_.emplace(id, landed->second);
      if (!added) it->second = std::min(it->second, landed->second);
    }
  }
  push_commits_.clear();
  push_landed_.clear();
  push_not_landed_.clear();
  settled_ = true;
}

std::int64_t Aggregator::history_landing(const CommitSample& c) {
  bool on_line = first_commit_ || mainline_.erase(c.id) > 0;
  first_commit_ = false;
  std::int64_t landing = c.committer_time;
  if (auto it = pending_landing_.find(c.id); it != pending_landing_.end()) {
    if (!on_line) landing = it->second;
    pending_landing_.erase(it);
  }
  for (std::size_t i = 0; i < c.parents.size(); ++i) {
    if (on_line && i == 0) {
      mainline_.insert(c.parents[0]);
      continue;
    }
    auto [it, added] = pending_landing_.emplace(c.parents[i], landing);
    if (!added) it->second = std::min(it->second, landing);
  }
  return landing;
}

void Aggregator::add_commit(const CommitSample& c) {
  if (!settled_) settle_pushes();
  std::int64_t landing = history_landing(c);
  ++s_.commits;
  if (!c.changes_something) return;
  ++s_.changes;
  note_time(c.committer_time);
  const std::int64_t day = day_of(c.committer_time);
  lanes_seen_.insert(c.lane);
  count_verdict(s_.ai, c.ai);
  for (const std::string& source : c.ai_sources) ++s_.ai_evidence[source];
  std::vector<std::string> where = c.areas;
  if (where.empty()) where.push_back(kUnprotected);
  else ++s_.protected_changes;
  for (const std::string& name : where) {
    AreaDays& a = area(name);
    ++a.total.changes;
    ++a.total.by_lane[c.lane];
    count_verdict(a.total.ai, c.ai);
    DayCounts& dc = a.days[day];
    ++dc.by_lane[c.lane];
    count_verdict(dc.ai, c.ai);
  }
  for (const auto& [r, area_name] : c.blocking) ++area(area_name).total.history_findings[r];
  if (c.changes_agreement) s_.agreement_changes.push_back({c.id, c.subject, c.author, c.committer_time});

  WaitRecord w;
  w.id = c.id;
  w.subject = c.subject;
  w.author = c.author;
  w.areas = c.areas;
  if (c.introduced) {
    w.from = *c.introduced;
    w.from_server = true;
  } else if (auto it = first_seen_.find(c.id); it != first_seen_.end()) {
    w.from = it->second;
    w.from_server = true;
  } else {
    w.from = c.author_time;
  }
  if (auto it = landed_at_.find(c.id); it != landed_at_.end()) {
    w.to = it->second;
    w.to_server = true;
  } else {
    w.to = landing;
  }
  ++s_.wait.changes;
  s_.wait.from_server += w.from_server;
  s_.wait.to_server += w.to_server;
  waits_.push_back(w.seconds());
  auto slower = [](const WaitRecord& a, const WaitRecord& b) { return a.seconds() > b.seconds(); };
  if (s_.wait.slowest.size() < kSlowest || w.seconds() > s_.wait.slowest.back().seconds()) {
    auto at = std::upper_bound(s_.wait.slowest.begin(), s_.wait.slowest.end(), w, slower);
    s_.wait.slowest.insert(at, std::move(w));
    if (s_.wait.slowest.size() > kSlowest) s_.wait.slowest.pop_back();
  }
}

Summary Aggregator::finish() const {
  Summary s;
  if (!settled_) {  // no commit: the audit records alone
    Aggregator copy = *this;
    copy.settle_pushes();
    s = copy.s_;
  } else {
    s = s_;
  }
  const std::int64_t first = day_of(s.first_time), last = day_of(s.last_time);
  const bool by_month = s.first_time != 0 && last - first > kWeeksAtMost * 7;
  s.period_kind = by_month ? "month" : "week";
  if (s.first_time != 0)
    for (std::int64_t d = first; d <= last; ++d) {
      std::string p = period_of(d, by_month);
      if (s.periods.empty() || s.periods.back() != p) s.periods.push_back(std::move(p));
    }
  for (const std::string& lane : lane_order_)
    if (lanes_seen_.count(lane)) s.lanes.push_back(lane);
  if (lanes_seen_.count("")) s.lanes.push_back("");
  for (const std::string& name : area_order_) {
    auto it = areas_.find(name);
    AreaSummary a;
    a.area = name;
    std::map<std::string, PeriodCounts> periods;
    if (it != areas_.end()) {
      a = it->second.total;
      for (const auto& [day, dc] : it->second.days) {
        PeriodCounts& pc = periods[period_of(day, by_month)];
        add_map(pc.by_lane, dc.by_lane);
        add(pc.ai, dc.ai);
        add_map(pc.blocked, dc.blocked);
        pc.overrides += dc.overrides;
      }
    }
    if (name == kUnprotected && a.changes == 0 && a.blocked.empty() && periods.empty()) continue;
    for (const std::string& p : s.periods) {
      PeriodCounts pc = periods.count(p) ? periods[p] : PeriodCounts{};
      pc.period = p;
      a.periods.push_back(std::move(pc));
    }
    s.areas.push_back(std::move(a));
  }
  for (const auto& [name, p] : pushers_) s.pushers.push_back(p);
  std::stable_sort(s.pushers.begin(), s.pushers.end(), [](const PusherCounts& a, const PusherCounts& b) {
    return a.accepted + a.rejected > b.accepted + b.rejected;
  });
  std::stable_sort(s.overrides.begin(), s.overrides.end(),
                   [](const OverrideRecord& a, const OverrideRecord& b) { return a.time < b.time; });
  std::stable_sort(s.agreement_changes.begin(), s.agreement_changes.end(),
                   [](const AgreementChange& a, const AgreementChange& b) { return a.time < b.time; });

  std::vector<std::int64_t> waits = waits_;
  std::sort(waits.begin(), waits.end());
  auto at = [&](double q) { return waits[static_cast<std::size_t>(q * static_cast<double>(waits.size() - 1) + 0.5)]; };
  if (!waits.empty()) {
    s.wait.median = at(0.5);
    s.wait.p90 = at(0.9);
    s.wait.max = waits.back();
  }
  const std::int64_t h = 3600;
  s.wait.buckets = {{"under 1 hour", h, 0},         {"1-4 hours", 4 * h, 0}, {"4-24 hours", kDay, 0},
                    {"1-3 days", 3 * kDay, 0},     {"3-7 days", 7 * kDay, 0}, {"1-2 weeks", 14 * kDay, 0},
                    {"over 2 weeks", 0, 0}};
  for (std::int64_t w : waits) {
    for (WaitBucket& b : s.wait.buckets)
      if (b.upper == 0 || w < b.upper) {
        ++b.changes;
        break;
      }
  }
  return s;
}

}  // namespace laneguard::report
