#include "report/report_html.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "report/svg_chart.h"

namespace laneguard::report {

namespace {

const char* kStyle = R"(
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1d2430;--muted:#5b6675;--line:#d8dde4;--card:#f4f6f9;
--c0:#2f6fdb;--c1:#e0792b;--c2:#3a9d5d;--c3:#c4455b;--c4:#8a5cc2;--c5:#9a7b2f;--c6:#2a9ea6;--c7:#7b8794}
@media (prefers-color-scheme:dark){:root{--bg:#14181f;--fg:#e6e9ee;--muted:#a3adba;--line:#343c48;--card:#1e242d;
--c0:#6c9ff0;--c1:#f0a35e;--c2:#6cc98c;--c3:#ef7d8f;--c4:#b995e8;--c5:#d2b35e;--c6:#5fcdd4;--c7:#a9b3bf}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px;background:var(--bg);color:var(--fg);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.25em;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:1.05em;margin:18px 0 6px}
p.meta,p.note{color:var(--muted);margin:2px 0}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:140px}
.card .n{font-size:1.6em;font-weight:600}.card .t{color:var(--muted);font-size:.9em}
table{border-collapse:collapse;margin:6px 0 12px;font-size:.93em}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th{background:var(--card)}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em}
svg.chart{max-width:100%;height:auto;display:block;margin:6px 0}
svg .grid{stroke:var(--line);stroke-width:1}
svg text{fill:var(--fg);font-size:11px}svg text.axis{fill:var(--muted)}
.series0{fill:var(--c0)}.series1{fill:var(--c1)}.series2{fill:var(--c2)}.series3{fill:var(--c3)}
.series4{fill:var(--c4)}.series5{fill:var(--c5)}.series6{fill:var(--c6)}.series7{fill:var(--c7)}
.area{break-inside:avoid}
@media print{body{max-width:none;padding:0;font-size:11pt}h2{break-after:avoid}.card{border-color:#999}}
)";

std::string num(std::size_t n) { return std::to_string(n); }

std::string utc(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

std::string lane_name(const std::string& lane) { return lane.empty() ? "no lane" : lane; }

std::string percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

class Page {
 public:
  explicit Page(std::ostream& out) : out_(out) {}
  Page& raw(const std::string& s) {
    out_ << s;
    return *this;
  }
  Page& text(const std::string& s) {
    out_ << html_escape(s);
    return *this;
  }
  void card(const std::string& id, const std::string& n, const std::string& what) {
    raw("<div class=\"card\" id=\"" + id + "\"><div class=\"n\">").text(n).raw("</div><div class=\"t\">").text(what).raw("</div></div>");
  }
  // A table: `id`, its header cells, then rows of cells; a cell starting with '#' is a number.
  void table(const std::string& id, const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows,
             const std::string& data_attrs = "") {
    raw("<table id=\"" + id + "\"" + data_attrs + "><thead><tr>");
    for (const std::string& h : head) raw("<th>").text(h).raw("</th>");
    raw("</tr></thead><tbody>");
    for (const auto& row : rows) {
      raw("<tr>");
      for (std::size_t i = 0; i < row.size(); ++i) {
        const std::string& cell = row[i];
        std::string col = i < head.size() ? head[i] : "";
        if (!cell.empty() && cell[0] == '#')
          raw("<td class=\"num\" data-col=\"").text(col).raw("\">").text(cell.substr(1)).raw("</td>");
        else
          raw("<td data-col=\"").text(col).raw("\">").text(cell).raw("</td>");
      }
      raw("</tr>");
    }
    raw("</tbody></table>");
  }

 private:
  std::ostream& out_;
};

std::vector<std::string> ai_row(const std::string& name, const AiCounts& a) {
  return {name, "#" + num(a.labelled), "#" + num(a.declared_none), "#" + num(a.unlabelled), "#" + num(a.unknown), "#" + num(a.stopped)};
}
const std::vector<std::string> kAiHead = {"area", "labelled", "declared none", "unlabelled (landed)", "no AI evidence",
                                          "unlabelled, stopped"};

// The rules a lead asks about first, then any other the records hold.
std::vector<std::string> rule_order(const std::map<std::string, std::size_t>& seen) {
  std::vector<std::string> rules = {"self-approval", "missing-approval", "unlabeled-ai", "prototype-promotion"};
  for (const auto& [r, n] : seen)
    if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
  return rules;
}

}  // namespace

void write_report_html(std::ostream& out, const Summary& s, const ReportContext& c) {
  Page p(out);
  std::string title = "laneguard report" + (c.agreement_name.empty() ? "" : ": " + c.agreement_name);
  p.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"color-scheme\" content=\"light dark\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        "<title>")
      .text(title)
      .raw("</title><style>")
      .raw(kStyle)
      .raw("</style></head><body>\n<h1>")
      .text(title)
      .raw("</h1>\n<p class=\"meta\">Repository <code>")
      .text(c.repository)
      .raw("</code>, range <code>");
  for (std::size_t i = 0; i < c.range.size(); ++i) p.text((i ? " " : "") + c.range[i]);
  p.raw("</code>; ").text(s.first_time ? utc(s.first_time) + " to " + utc(s.last_time) + ", by " + s.period_kind : "no records");
  p.raw("</p><p class=\"meta\">Agreement <code>").text(c.agreement_source).raw("</code>; ");
  if (c.audit_logs.empty()) p.raw("history only (no server audit log: give <code>--audit-log FILE</code> for pushes, break glass and landing times)");
  else {
    p.raw("audit logs ");
    for (std::size_t i = 0; i < c.audit_logs.size(); ++i) p.raw(i ? ", <code>" : "<code>").text(c.audit_logs[i]).raw("</code>");
  }
  p.raw("; generated ").text(utc(c.generated)).raw("</p>\n");
  for (const std::string& w : c.warnings) p.raw("<p class=\"note\">Warning: ").text(w).raw("</p>");

  // At a glance.
  p.raw("<div class=\"cards\" id=\"summary\">");
  p.card("card-changes", num(s.changes), "changes (" + num(s.commits) + " commits)");
  p.card("card-protected", num(s.protected_changes), "changed protected code");
  std::size_t ai_total = s.ai.labelled + s.ai.unlabelled;
  p.card("card-ai", percent(s.ai.labelled, ai_total),
         "of AI-assisted changes that landed were labelled (" + num(s.ai.labelled) + " of " + num(ai_total) + "); " +
             num(s.ai.stopped) + " unlabelled stopped");
  p.card("card-blocked", num(s.rejected), "pushes blocked (" + num(s.decisions) + " decisions)");
  p.card("card-overrides", num(s.overrides.size()), "break-glass overrides");
  p.card("card-wait", s.wait.changes ? duration_text(s.wait.median) : "-", "median wait to land");
  p.raw("</div>\n");

  // Changes by lane, per area.
  p.raw("<h2 id=\"lanes\">Who changes what: changes by lane</h2><p class=\"note\">Each change counted once in every protected "
        "area it touches, by its author's lane, per ")
      .text(s.period_kind)
      .raw(".</p>");
  std::vector<std::string> lane_head = {"area", "changes"};
  for (const std::string& l : s.lanes) lane_head.push_back(lane_name(l));
  std::vector<std::vector<std::string>> lane_rows;
  for (const AreaSummary& a : s.areas) {
    std::vector<std::string> row = {a.area, "#" + num(a.changes)};
    for (const std::string& l : s.lanes) row.push_back("#" + num(a.by_lane.count(l) ? a.by_lane.at(l) : 0));
    lane_rows.push_back(std::move(row));
  }
  p.table("lanes-table", lane_head, lane_rows);
  for (std::size_t i = 0; i < s.areas.size(); ++i) {
    const AreaSummary& a = s.areas[i];
    if (a.changes == 0) continue;
    std::vector<ChartSeries> series;
    for (const std::string& l : s.lanes) {
      ChartSeries cs{lane_name(l), {}};
      for (const PeriodCounts& pc : a.periods) cs.values.push_back(static_cast<double>(pc.by_lane.count(l) ? pc.by_lane.at(l) : 0));
      series.push_back(std::move(cs));
    }
    std::vector<std::string> labels;
    for (const PeriodCounts& pc : a.periods) labels.push_back(pc.period);
    p.raw("<div class=\"area\"><h3>").text(a.area).raw("</h3>");
    p.raw(stacked_columns("chart-lanes-" + std::to_string(i), "changes to " + a.area + " by lane per " + s.period_kind, labels, series));
    p.raw("</div>");
  }

  // AI involvement.
  p.raw("<h2 id=\"ai\">AI involvement</h2><p class=\"note\">Labelled: an AI label trailer; declared none: the label's none "
        "value; unlabelled (landed): AI evidence and no label, in history; unlabelled, stopped: commits of pushes the server "
        "rejected as unlabeled-ai.</p>");
  std::vector<std::vector<std::string>> ai_rows;
  for (const AreaSummary& a : s.areas) ai_rows.push_back(ai_row(a.area, a.ai));
  ai_rows.push_back(ai_row("all changes", s.ai));
  p.table("ai-table", kAiHead, ai_rows);
  {
    std::vector<std::string> labels = s.periods;
    std::vector<ChartSeries> series = {{"labelled", {}}, {"declared none", {}}, {"unlabelled (landed)", {}}, {"unlabelled, stopped", {}}};
    for (std::size_t k = 0; k < labels.size(); ++k) {
      AiCounts sum;
      for (const AreaSummary& a : s.areas) {
        const AiCounts& x = a.periods[k].ai;
        sum.labelled += x.labelled, sum.declared_none += x.declared_none, sum.unlabelled += x.unlabelled, sum.stopped += x.stopped;
      }
      series[0].values.push_back(static_cast<double>(sum.labelled));
      series[1].values.push_back(static_cast<double>(sum.declared_none));
      series[2].values.push_back(static_cast<double>(sum.unlabelled));
      series[3].values.push_back(static_cast<double>(sum.stopped));
    }
    p.raw(stacked_columns("chart-ai", "AI involvement per " + s.period_kind + " (changes counted in each area they touch)", labels, series));
  }
  if (!s.ai_evidence.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& [source, n] : s.ai_evidence) rows.push_back({source, "#" + num(n)});
    p.raw("<h3>AI evidence by source</h3>");
    p.table("ai-evidence-table", {"source", "pieces of evidence"}, rows);
  }

  // Blocked attempts.
  p.raw("<h2 id=\"blocked\">Blocked attempts by rule</h2>");
  if (c.audit_logs.empty()) p.raw("<p class=\"note\">No audit log: pushes the server stopped are not known.</p>");
  {
    std::vector<std::string> rules = rule_order(s.blocked);
    std::vector<double> values;
    for (const std::string& r : rules) values.push_back(static_cast<double>(s.blocked.count(r) ? s.blocked.at(r) : 0));
    p.raw("<p class=\"note\">Rejected pushes that each rule blocked (a push blocked by two rules counts for both).</p>");
    p.raw(horizontal_bars("chart-blocked", "rejected pushes by rule", rules, values));
    std::vector<std::string> head = {"area"};
    head.insert(head.end(), rules.begin(), rules.end());
    std::vector<std::vector<std::string>> rows;
    for (const AreaSummary& a : s.areas) {
      std::vector<std::string> row = {a.area};
      for (const std::string& r : rules) row.push_back("#" + num(a.blocked.count(r) ? a.blocked.at(r) : 0));
      rows.push_back(std::move(row));
    }
    p.table("blocked-table", head, rows);
    std::map<std::string, std::size_t> history;
    for (const AreaSummary& a : s.areas)
      for (const auto& [r, n] : a.history_findings) history[r] += n;
    if (!history.empty()) {
      std::vector<std::string> hrules = rule_order(history);
      std::vector<std::string> hhead = {"area"};
      for (const std::string& r : hrules)
        if (history.count(r)) hhead.push_back(r);
      std::vector<std::vector<std::string>> hrows;
      for (const AreaSummary& a : s.areas) {
        std::vector<std::string> row = {a.area};
        for (std::size_t k = 1; k < hhead.size(); ++k)
          row.push_back("#" + num(a.history_findings.count(hhead[k]) ? a.history_findings.at(hhead[k]) : 0));
        hrows.push_back(std::move(row));
      }
      p.raw("<h3>In history</h3><p class=\"note\">Landed commits that <code>laneguard check</code> blocks on history alone: "
            "approved in ways history does not show (the pusher's approval, an approval push when the report does not run on "
            "the server), from before the agreement, or let through by break glass.</p>");
      p.table("history-findings-table", hhead, hrows);
    }
  }

  // Break glass.
  p.raw("<h2 id=\"overrides\">Break glass</h2>");
  if (s.overrides.empty()) p.raw("<p class=\"note\">No override in the audit records.</p>");
  else {
    std::vector<std::vector<std::string>> rows;
    for (const OverrideRecord& o : s.overrides) {
      std::string refs, rules;
      for (const std::string& r : o.refs) refs += (refs.empty() ? "" : ", ") + r;
      for (const std::string& r : o.rules) rules += (rules.empty() ? "" : ", ") + r;
      rows.push_back({utc(o.time), o.by, o.reason, o.accepted ? "accepted" : "refused", refs, rules, "#" + num(o.commits)});
    }
    p.table("overrides-table", {"when", "who", "why", "override", "refs", "rules overridden", "commits"}, rows);
  }
  if (!s.pushers.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const PusherCounts& u : s.pushers)
      rows.push_back({u.pusher.empty() ? "(unknown)" : u.pusher, "#" + num(u.accepted), "#" + num(u.rejected), "#" + num(u.overrides)});
    p.raw("<h3>Pushers</h3>");
    p.table("pushers-table", {"pusher", "accepted", "rejected", "break glass"}, rows);
    p.raw("<p class=\"note\">Accepted pushes: ").text(num(s.landed) + " landed, " + num(s.not_landed) + " did not land, " +
                                                      num(s.pending) + " pending.").raw("</p>");
  }

  // Waits.
  p.raw("<h2 id=\"wait\">Waiting: first appearance to landing</h2><p class=\"note\">From a change's introduction on the server ");
  p.text("(" + num(s.wait.from_server) + " of " + num(s.wait.changes) + "), else its author date, to its landing on the protected "
         "branch: the audit log's landing (" + num(s.wait.to_server) + "), else when the first commit of the branch's first-parent "
         "line that contains it was committed.");
  p.raw("</p>");
  p.raw("<div class=\"cards\" id=\"wait-figures\">");
  p.card("wait-median", s.wait.changes ? duration_text(s.wait.median) : "-", "median");
  p.card("wait-p90", s.wait.changes ? duration_text(s.wait.p90) : "-", "90th percentile");
  p.card("wait-max", s.wait.changes ? duration_text(s.wait.max) : "-", "longest");
  p.raw("</div>");
  {
    std::vector<std::string> labels;
    std::vector<double> values;
    for (const WaitBucket& b : s.wait.buckets) {
      labels.push_back(b.label);
      values.push_back(static_cast<double>(b.changes));
    }
    p.raw(horizontal_bars("chart-wait", "changes by wait", labels, values));
    std::vector<std::vector<std::string>> rows;
    for (const WaitRecord& w : s.wait.slowest) {
      std::string areas;
      for (const std::string& a : w.areas) areas += (areas.empty() ? "" : ", ") + a;
      rows.push_back({w.id.substr(0, 12), w.subject, w.author, areas.empty() ? kUnprotected : areas, duration_text(w.seconds()),
                      utc(w.from) + (w.from_server ? " (server)" : " (commit)"), utc(w.to) + (w.to_server ? " (server)" : " (history)")});
    }
    p.raw("<h3>Slowest changes</h3>");
    p.table("slowest-table", {"commit", "subject", "author", "areas", "wait", "first seen", "landed"}, rows);
  }

  // The agreement.
  p.raw("<h2 id=\"agreement\">The agreement in force</h2>");
  {
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : c.areas) {
      std::string paths;
      for (const std::string& x : a.paths) paths += (paths.empty() ? "" : " ") + x;
      rows.push_back({a.name, paths, a.requirement});
    }
    p.table("areas-table", {"protected area", "paths", "needs"}, rows);
    std::vector<std::vector<std::string>> lanes;
    for (const auto& [k, members] : c.lanes) {
      std::string m;
      for (const std::string& x : members) m += (m.empty() ? "" : ", ") + x;
      lanes.push_back({k, m});
    }
    p.table("lanes-members-table", {"lane", "members"}, lanes);
    std::vector<std::vector<std::string>> changes;
    for (const AgreementChange& a : s.agreement_changes) changes.push_back({utc(a.time), a.id.substr(0, 12), a.author, a.subject});
    p.raw("<h3>When it changed</h3>");
    if (changes.empty()) p.raw("<p class=\"note\">No commit in the range changes the agreement file.</p>");
    else p.table("agreement-changes-table", {"when", "commit", "author", "subject"}, changes);
  }
  p.raw("\n</body></html>\n");
}

}  // namespace laneguard::report
