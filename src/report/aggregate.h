// `laneguard report`'s numbers: a pure aggregation (no I/O) of what `check` judges over a range,
// commit by commit, and of the server's audit records, into per-area, per-period counts a team lead
// reads in a minute (report/report_html.h draws them, report/report_json.h writes them as data).
//
// Memory: commits stream through add_commit() and only counts are kept per area and day, plus one
// 8-byte wait per change (for the distribution) and the few slowest changes; the audit records
// keep, per commit they name, when it was first seen and when it landed.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "server/audit_log.h"

namespace laneguard::report {

// One judged commit, made by modes/report.cc from the facts and judgement `check` computes.
struct CommitSample {
  std::string id;                    // 40 hex
  std::vector<std::string> parents;  // 40 hex each, first parent first
  std::string subject;
  std::string author;                // person key, else the identity as written
  std::string lane;                  // the author's lane key; "" when the author is in no lane
  std::int64_t author_time = 0, committer_time = 0;
  bool changes_something = true;     // false: a merge with no change of its own (counted nowhere)
  std::vector<std::string> areas;    // the protected areas its own paths touch (none: unprotected)
  // The commit's AI verdict (core/finding.h AiVerdict): labelled, declared-none, unlabelled, unknown;
  // and where each piece of AI evidence came from (marker, git-ai, agent-trace...).
  std::string ai = "unknown";
  std::vector<std::string> ai_sources;
  // Blocking findings `check` gives it today (rule, area): what landed that the agreement would stop.
  std::vector<std::pair<std::string, std::string>> blocking;
  bool changes_agreement = false;        // it changes the agreement file
  std::optional<std::int64_t> introduced;  // server: when it was first pushed (the introducer record)
};

// The AI involvement of a set of changes.
struct AiCounts {
  std::size_t labelled = 0, declared_none = 0, unlabelled = 0, unknown = 0;
  std::size_t stopped = 0;  // audit: commits of rejected pushes blocked as unlabeled-ai
};

// One period (a week from its Monday, "2026-11-30", or a month, "2026-11") of one area.
struct PeriodCounts {
  std::string period;
  std::map<std::string, std::size_t> by_lane;  // lane key ("" none) -> changes
  AiCounts ai;
  std::map<std::string, std::size_t> blocked;  // audit: rule -> rejected pushes it blocked
  std::size_t overrides = 0;                    // audit: break glass
};

struct AreaSummary {
  std::string area;  // protected area name; kUnprotected for changes outside every area
  std::size_t changes = 0;
  std::map<std::string, std::size_t> by_lane;
  AiCounts ai;
  std::map<std::string, std::size_t> blocked;           // audit: rule -> rejected pushes
  std::map<std::string, std::size_t> history_findings;  // rule -> landed commits check blocks
  std::vector<PeriodCounts> periods;                     // every period of the report, in order
};
inline constexpr const char* kUnprotected = "(outside protected areas)";

struct OverrideRecord {
  std::int64_t time = 0;
  std::string by, reason;
  bool accepted = false;             // the override was allowed (the push went through)
  std::vector<std::string> refs;
  std::size_t commits = 0;
  std::vector<std::string> rules;    // the rules it overrode (findings it turned into warnings)
};

struct PusherCounts {
  std::string pusher;
  std::size_t accepted = 0, rejected = 0, overrides = 0;
};

// The wait from a change's first appearance to its landing on a protected branch.
struct WaitRecord {
  std::string id, subject, author;
  std::vector<std::string> areas;
  std::int64_t from = 0, to = 0;  // first appearance, landing (seconds since the epoch)
  bool from_server = false;       // first appearance from the server's records, not the commit date
  bool to_server = false;         // landing from the audit log, not history
  std::int64_t seconds() const { return to > from ? to - from : 0; }
};
struct WaitBucket {
  std::string label;         // "under 1 hour", "1-4 hours"...
  std::int64_t upper = 0;    // seconds; the last bucket has none (0)
  std::size_t changes = 0;
};
struct WaitSummary {
  std::size_t changes = 0, from_server = 0, to_server = 0;
  std::int64_t median = 0, p90 = 0, max = 0;  // seconds
  std::vector<WaitBucket> buckets;
  std::vector<WaitRecord> slowest;  // slowest first, at most kSlowest
};
inline constexpr std::size_t kSlowest = 10;

struct AgreementChange {
  std::string id, subject, author;
  std::int64_t time = 0;
};

struct Summary {
  std::string period_kind;           // "week" or "month" (a span over 16 weeks is shown by month)
  std::vector<std::string> periods;  // every period from the first record to the last
  std::int64_t first_time = 0, last_time = 0;
  std::size_t commits = 0;           // commits walked
  std::size_t changes = 0;           // of them with a change of their own
  std::size_t protected_changes = 0; // of them touching a protected area
  std::vector<std::string> lanes;    // lane keys in the agreement's order, then "" (no lane) when seen
  std::vector<AreaSummary> areas;    // the agreement's areas in order, then kUnprotected
  AiCounts ai;                       // every change
  std::map<std::string, std::size_t> ai_evidence;  // source -> pieces of AI evidence
  // Audit.
  std::size_t decisions = 0, accepted = 0, rejected = 0, landed = 0, not_landed = 0, pending = 0;
  std::map<std::string, std::size_t> blocked;  // rule -> rejected pushes it blocked
  std::vector<OverrideRecord> overrides;       // oldest first
  std::vector<PusherCounts> pushers;           // most decisions first
  WaitSummary wait;
  std::vector<AgreementChange> agreement_changes;  // oldest first
};

class Aggregator {
 public:
  // `areas`: the agreement's protected area names; `lanes`: its lane keys (both in its order).
  Aggregator(std::vector<std::string> areas, std::vector<std::string> lanes);

  // The audit records first (any order), then the commits.
  void add_decision(const server::AuditEntry& decision);
  void add_landing(const server::LandingEntry& landing);
  // In the walk's order, newest first: the first commit is the range's tip, whose first-parent line
  // is the protected branch (history alone: a change lands when the first commit of that line that
  // contains it was committed).
  void add_commit(const CommitSample& commit);

  Summary finish() const;

 private:
  struct DayCounts {
    std::map<std::string, std::size_t> by_lane;
    AiCounts ai;
    std::map<std::string, std::size_t> blocked;
    std::size_t overrides = 0;
  };
  struct AreaDays {
    AreaSummary total;
    std::map<std::int64_t, DayCounts> days;  // days since the epoch
  };
  AreaDays& area(const std::string& name);
  void note_time(std::int64_t t);
  std::int64_t history_landing(const CommitSample& c);

  std::vector<std::string> area_order_, lane_order_;
  std::map<std::string, AreaDays> areas_;
  Summary s_;
  std::unordered_set<std::string> lanes_seen_;
  std::vector<std::int64_t> waits_;
  std::unordered_map<std::string, std::int64_t> first_seen_;  // audit: commit -> first decision naming it
  std::unordered_map<std::string, std::int64_t> landed_at_;   // audit: commit -> when its push landed
  std::unordered_map<std::string, std::vector<std::string>> push_commits_;  // pending push -> commits
  std::unordered_map<std::string, std::int64_t> push_landed_;    // push -> when it landed
  std::unordered_set<std::string> push_not_landed_;
  bool settled_ = false;
  void settle_pushes();  // the audit's pushes -> landed_at_ (once, before the first commit)
  std::map<std::string, PusherCounts> pushers_;
  // History landing: the tip's first-parent line ahead of the walk, and the earliest landing of a
  // descendant for commits off that line (both hold only the walk's frontier).
  bool first_commit_ = true;
  std::unordered_set<std::string> mainline_;
  std::unordered_map<std::string, std::int64_t> pending_landing_;
};

// Seconds since the epoch -> "2026-11-30" (UTC).
std::string utc_date(std::int64_t t);
// "3 h", "2.5 d", "45 min".
std::string duration_text(std::int64_t seconds);

}  // namespace laneguard::report
