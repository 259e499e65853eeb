#include "report/aggregate.h"

#include <doctest/doctest.h>

using namespace laneguard;
using namespace laneguard::report;

namespace {

std::string id(char c) { return std::string(40, c); }
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kMonday = 1764547200;  // 2025-12-01 00:00 UTC, a Monday

CommitSample commit(char c, std::vector<std::string> parents, std::int64_t committed, std::string lane = "engineering",
                    std::vector<std::string> areas = {}) {
  CommitSample s;
  s.id = id(c);
  s.parents = std::move(parents);
  s.subject = std::string("commit ") + c;
  s.author = lane == "pm" ? "pat" : "erin";
  s.lane = std::move(lane);
  s.author_time = committed - 3600;
  s.committer_time = committed;
  s.areas = std::move(areas);
  return s;
}

const WaitRecord* wait_of(const Summary& s, char c) {
  for (const WaitRecord& w : s.wait.slowest)
    if (w.id == id(c)) return &w;
  return nullptr;
}

}  // namespace

TEST_CASE("report aggregate: history alone, a change lands when the tip's first-parent line takes it") {
  // x - y - m (tip, main)          m merges s2, whose branch s1 - s2 started at x
  //  \         /
  //   s1 - s2
  Aggregator agg({"auth"}, {"pm", "engineering"});
  const std::int64_t t = kMonday;
  agg.add_commit(commit('m', {id('y'), id('2')}, t + 10 * 3600));
  agg.add_commit(commit('2', {id('1')}, t + 5 * 3600, "pm", {"auth"}));
  agg.add_commit(commit('y', {id('x')}, t + 4 * 3600));
  agg.add_commit(commit('1', {id('x')}, t + 3 * 3600, "pm"));
  agg.add_commit(commit('x', {}, t));
  Summary s = agg.finish();
  CHECK(s.commits == 5);
  // Side commits land with the merge (10 h), the first-parent line when committed; every author
  // date is an hour before its commit date.
  REQUIRE(wait_of(s, '1'));
  CHECK(wait_of(s, '1')->to == t + 10 * 3600);
  CHECK(wait_of(s, '1')->seconds() == 8 * 3600);
  CHECK(wait_of(s, '2')->to == t + 10 * 3600);
  CHECK(wait_of(s, 'y')->to == t + 4 * 3600);
  CHECK(wait_of(s, 'y')->seconds() == 3600);
  CHECK(wait_of(s, 'x')->seconds() == 3600);
  CHECK_FALSE(wait_of(s, 'x')->to_server);
  CHECK(s.wait.slowest.front().seconds() == 8 * 3600);  // slowest first
  CHECK(s.wait.max == 8 * 3600);
  CHECK(s.wait.median == 3600);
  CHECK(s.wait.buckets[0].changes == 0);  // under 1 hour
  CHECK(s.wait.buckets[1].changes == 3);  // 1-4 hours: x, y, m
  CHECK(s.wait.buckets[3 - 1].changes == 2);  // 4-24 hours: s1, s2
}

TEST_CASE("report aggregate: changes per area, lane and week, AI verdicts and the agreement file's changes") {
  Aggregator agg({"auth", "billing"}, {"pm", "engineering"});
  CommitSample a = commit('a', {id('b')}, kMonday + 8 * kDay, "pm", {"auth"});
  a.ai = "labelled";
  a.ai_sources = {"marker", "git-ai"};
  CommitSample b = commit('b', {id('c')}, kMonday + 2 * kDay, "engineering", {"auth", "billing"});
  b.ai = "unlabelled";
  b.ai_sources = {"marker"};
  b.blocking = {{"unlabeled-ai", "auth"}, {"unlabeled-ai", "billing"}};
  CommitSample c = commit('c', {}, kMonday, "", {});
  c.changes_agreement = true;
  c.ai = "declared-none";
  CommitSample merge = commit('d', {id('c'), id('a')}, kMonday + 9 * kDay);
  merge.changes_something = false;
  agg.add_commit(merge);
  agg.add_commit(a);
  agg.add_commit(b);
  agg.add_commit(c);
  Summary s = agg.finish();
  CHECK(s.commits == 4);
  CHECK(s.changes == 3);
  CHECK(s.protected_changes == 2);
  CHECK(s.period_kind == "week");
  CHECK(s.periods == std::vector<std::string>{"2025-12-01", "2025-12-08"});
  CHECK(s.lanes == std::vector<std::string>{"pm", "engineering", ""});
  REQUIRE(s.areas.size() == 3);
  CHECK(s.areas[0].area == "auth");
  CHECK(s.areas[0].changes == 2);
  CHECK(s.areas[0].by_lane.at("pm") == 1);
  CHECK(s.areas[0].by_lane.at("engineering") == 1);
  CHECK(s.areas[0].periods[0].by_lane.at("engineering") == 1);
  CHECK(s.areas[0].periods[1].by_lane.at("pm") == 1);
  CHECK(s.areas[0].ai.labelled == 1);
  CHECK(s.areas[0].ai.unlabelled == 1);
  CHECK(s.areas[0].history_findings.at("unlabeled-ai") == 1);
  CHECK(s.areas[1].area == "billing");
  CHECK(s.areas[1].changes == 1);
  CHECK(s.areas[2].area == kUnprotected);
  CHECK(s.areas[2].by_lane.at("") == 1);
  CHECK(s.ai.labelled == 1);
  CHECK(s.ai.unlabelled == 1);
  CHECK(s.ai.declared_none == 1);
  CHECK(s.ai_evidence.at("marker") == 2);
  CHECK(s.ai_evidence.at("git-ai") == 1);
  REQUIRE(s.agreement_changes.size() == 1);
  CHECK(s.agreement_changes[0].id == id('c'));
}

TEST_CASE("report aggregate: a span over 16 weeks is shown by month") {
  Aggregator agg({}, {});
  agg.add_commit(commit('a', {id('b')}, kMonday + 200 * kDay));
  agg.add_commit(commit('b', {}, kMonday));
  Summary s = agg.finish();
  CHECK(s.period_kind == "month");
  CHECK(s.periods.front() == "2025-12");
  CHECK(s.periods.back() == "2026-06");
  CHECK(s.periods.size() == 7);
}

TEST_CASE("report aggregate: audit decisions, break glass, landings and the server's times") {
  Aggregator agg({"auth"}, {"pm", "engineering"});
  auto finding = [](std::string rule, Severity sev, std::string commit, std::string area) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = sev;
    f.commit = std::move(commit);
    f.area = std::move(area);
    return f;
  };
  server::AuditEntry rejected;
  rejected.time = kMonday + 3600;
  rejected.pusher = "pat";
  rejected.commits = {id('a')};
  rejected.accepted = false;
  rejected.findings = {finding("self-approval", Severity::block, id('a'), "auth"),
                       finding("unlabeled-ai", Severity::block, id('a'), "auth"),
                       finding("unlabeled-ai", Severity::block, id('a'), "auth")};
  agg.add_decision(rejected);
  server::AuditEntry broke;
  broke.time = kMonday + 2 * 3600;
  broke.pusher = "erin";
  broke.commits = {id('a')};
  broke.accepted = true;
  broke.override_reason = "INC-7: <outage>";
  broke.override_accepted = true;
  broke.push_id = "p1";
  broke.refs = {{"refs/heads/main", id('0'), id('a'), true, 1}};
  broke.findings = {finding("self-approval", Severity::warn, id('a'), "auth"),
                    finding("override", Severity::notice, "", "")};
  agg.add_decision(broke);
  server::LandingEntry landed;
  landed.time = kMonday + 2 * 3600 + 5;
  landed.push_id = "p1";
  landed.landed = true;
  agg.add_landing(landed);
  server::AuditEntry pending;
  pending.time = kMonday + 3 * 3600;
  pending.pusher = "erin";
  pending.accepted = true;
  pending.push_id = "p2";
  agg.add_decision(pending);

  CommitSample a = commit('a', {id('b')}, kMonday + 3 * 3600, "pm", {"auth"});
  CommitSample b = commit('b', {}, kMonday, "engineering", {});
  b.introduced = kMonday - 3 * kDay;
  agg.add_commit(a);
  agg.add_commit(b);
  Summary s = agg.finish();
  CHECK(s.decisions == 3);
  CHECK(s.accepted == 2);
  CHECK(s.rejected == 1);
  CHECK(s.landed == 1);
  CHECK(s.pending == 1);
  CHECK(s.blocked.at("self-approval") == 1);
  CHECK(s.blocked.at("unlabeled-ai") == 1);  // one push, once per rule
  CHECK(s.areas[0].blocked.at("unlabeled-ai") == 1);
  CHECK(s.areas[0].ai.stopped == 1);         // one commit stopped
  CHECK(s.areas[0].periods[0].blocked.at("self-approval") == 1);
  CHECK(s.areas[0].periods[0].overrides == 1);
  REQUIRE(s.overrides.size() == 1);
  CHECK(s.overrides[0].by == "erin");
  CHECK(s.overrides[0].reason == "INC-7: <outage>");
  CHECK(s.overrides[0].accepted);
  CHECK(s.overrides[0].rules == std::vector<std::string>{"self-approval"});
  REQUIRE(s.pushers.size() == 2);
  CHECK(s.pushers[0].pusher == "erin");
  CHECK(s.pushers[0].overrides == 1);
  CHECK(s.pushers[1].rejected == 1);
  // a: first seen in the rejected push (1 h), landed with p1 (2 h + 5 s).
  const WaitRecord* w = wait_of(s, 'a');
  REQUIRE(w);
  CHECK(w->from_server);
  CHECK(w->to_server);
  CHECK(w->seconds() == 3600 + 5);
  // b: introduced 3 days before it was committed; no audit landing: history (its commit date).
  w = wait_of(s, 'b');
  REQUIRE(w);
  CHECK(w->from_server);
  CHECK_FALSE(w->to_server);
  CHECK(w->seconds() == 3 * kDay);
  CHECK(s.wait.from_server == 2);
  CHECK(s.wait.to_server == 1);
}

TEST_CASE("report aggregate: durations and dates as the page shows them") {
  CHECK(utc_date(kMonday) == "2025-12-01");
  CHECK(utc_date(0) == "1970-01-01");
  CHECK(duration_text(59 * 60) == "59 min");
  CHECK(duration_text(3 * 3600) == "3.0 h");
  CHECK(duration_text(3 * kDay) == "3.0 d");
}
