// laneguard report [RANGE] [--audit-log FILE...] [--out FILE] [--format html|json]: the agreement's
// effect over a range, as one self-contained HTML page or as JSON. Each commit is judged as `check`
// judges it (modes/range_judging.h, the one evaluator) and streamed through the aggregator
// (report/aggregate.h) with the server's audit records; nothing of a commit is kept but counts.
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "core/evaluate.h"
#include "core/landing.h"
#include "core/wording.h"
#include "facts/identity.h"
#include "git/ai_notes.h"
#include "git/line_counts.h"
#include "git/promotion_scan.h"
#include "git/repository.h"
#include "git/rev_list.h"
#include "git/worktree_agreement.h"
#include "modes/modes.h"
#include "modes/range_judging.h"
#include "report/aggregate.h"
#include "report/report_html.h"
#include "report/report_json.h"
#include "server/audit_read.h"
#include "server/introducer_store.h"
#include "util/error.h"

namespace laneguard {
namespace {

struct ReportCommandOptions {
  std::string agreement_path;
  std::string format = "html";
  std::string out;
  std::vector<std::string> audit_logs;
  std::vector<std::string> revisions;
};

bool is_file(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// The lane a person is a member of first, in the agreement's order; "" for none.
std::string lane_of(const Agreement& agreement, const Person* person) {
  if (!person) return "";
  for (const Lane& lane : agreement.lanes)
    if (agreement.is_member(lane, person->key)) return lane.key;
  return "";
}

report::ReportContext context_of(const git::Repository& repo, const Agreement& agreement,
                                 const ReportCommandOptions& opt, const std::vector<std::string>& range) {
  report::ReportContext c;
  c.repository = repo.workdir().value_or(repo.git_dir());
  while (c.repository.size() > 1 && c.repository.back() == '/') c.repository.pop_back();
  c.range = range.empty() ? std::vector<std::string>{"HEAD"} : range;
  c.audit_logs = opt.audit_logs;
  c.agreement_source = agreement.source;
  c.agreement_name = agreement.name;
  for (const ProtectedArea& a : agreement.areas) {
    report::ReportContext::Area area;
    area.name = a.name;
    for (const PathPattern& p : a.paths) area.paths.push_back(p.text());
    std::vector<const Lane*> owners;
    for (const std::string& key : a.owners)
      if (const Lane* lane = agreement.lane(key)) owners.push_back(lane);
    area.requirement = area_requirement_text(a, owners, false);
    if (a.ai_approvals && *a.ai_approvals != a.approvals)
      area.requirement += " (" + std::to_string(*a.ai_approvals) + " when AI-assisted)";
    c.areas.push_back(std::move(area));
  }
  for (const Lane& lane : agreement.lanes) c.lanes.emplace_back(lane.key, lane.members);
  c.generated = std::time(nullptr);
  return c;
}

int run_report(const ReportCommandOptions& opt) {
  if (opt.format != "html" && opt.format != "json")
    throw UsageError("--format " + opt.format + ": report writes html or json");
  git::Repository repo = git::Repository::open_from_environment();
  Agreement agreement = load_agreement_for_worktree(
      opt.agreement_path.empty() ? std::nullopt : std::optional<std::string>(opt.agreement_path));
  std::vector<std::string> revisions = opt.revisions;
  baseline_range(repo, agreement, revisions);
  std::optional<std::string> adopted = agreement_path_in_repo(repo, agreement);
  const std::string agreement_file = adopted.value_or(".laneguard.toml");

  std::vector<std::string> area_names, lane_keys;
  for (const ProtectedArea& a : agreement.areas) area_names.push_back(a.name);
  for (const Lane& l : agreement.lanes) lane_keys.push_back(l.key);
  report::Aggregator aggregator(area_names, lane_keys);

  // The audit logs: those named, else the repository's own when it is a server's.
  ReportCommandOptions named = opt;
  if (named.audit_logs.empty())
    if (std::string own = server::audit_log_path(repo); is_file(own)) named.audit_logs.push_back(own);
  server::AuditReader audit;
  audit.decision = [&](const server::AuditEntry& e) { aggregator.add_decision(e); };
  audit.landing = [&](const server::LandingEntry& e) { aggregator.add_landing(e); };
  for (const std::string& path : named.audit_logs) audit.read_file(path);
  for (const std::string& w : audit.warnings) std::cerr << "laneguard: warning: " << w << "\n";

  // On the server, when each commit was first pushed (its introducer record), looked up a batch at a time.
  std::optional<server::IntroducerStore> introducers;
  if (server::IntroducerStore store = server::IntroducerStore::for_repository(repo); is_file(store.path()))
    introducers.emplace(std::move(store));
  std::vector<report::CommitSample> batch;
  auto flush = [&] {
    if (introducers) {
      std::vector<std::string> ids;
      for (const auto& s : batch) ids.push_back(s.id);
      auto when = introducers->introduced_at(ids);
      for (auto& s : batch)
        if (auto it = when.find(s.id); it != when.end()) s.introduced = it->second;
    }
    for (const auto& s : batch) aggregator.add_commit(s);
    batch.clear();
  };

  PathIndex index(agreement);
  Context context{.trust_claims = true, .where = Context::Where::check, .paths = &index};
  git::PromotionScanner promotions(repo, agreement);
  git::RevisionWalk walk(repo, revisions);
  git::AiNotes notes(repo.get(), agreement.ai);
  std::optional<server::ApprovalStore> pushed = pushed_approvals(repo);
  for (std::string id; walk.next(id);) {
    Change change;
    change.id = id;
    change.commits.push_back(repo.commit_facts(id));
    CommitFacts& c = change.commits.back();
    notes.attach(c);
    if (needs_line_counts(agreement, change)) {
      change.lines = git::changed_lines(repo.get(), c.parents.empty() ? std::nullopt : std::optional(c.parents.front()), id);
      change.lines_counted = true;
    }
    promotions.scan(c);
    report::CommitSample s;
    s.changes_agreement = std::binary_search(c.paths.begin(), c.paths.end(), agreement_file);
    if (adopted) exempt_adoption(repo, *adopted, c);
    change.approvals = commit_approvals(c, agreement, pushed);
    Judgement j = evaluate(agreement, change, context);

    s.id = c.id;
    s.parents = c.parents;
    s.subject = c.subject;
    const Person* author = resolve_person(agreement, c.author);
    s.author = author ? author->key : c.author.display();
    s.lane = lane_of(agreement, author);
    s.author_time = c.author_time;
    s.committer_time = c.committer_time;
    s.changes_something = c.is_merge() ? !c.own_paths().empty() : !c.paths.empty() || s.changes_agreement;
    for (const AreaStatus& a : j.areas)
      if (a.area.rfind("lane:", 0) != 0 && std::find(s.areas.begin(), s.areas.end(), a.area) == s.areas.end())
        s.areas.push_back(a.area);
    for (const AiVerdict& v : j.ai)
      if (v.commit == c.id) {
        s.ai = v.verdict;
        for (const AiEvidence& e : v.evidence) s.ai_sources.push_back(e.source);
      }
    for (const Finding& f : j.findings)
      if (f.severity == Severity::block) s.blocking.emplace_back(f.rule, f.area);
    batch.push_back(std::move(s));
    if (batch.size() >= 256) flush();
  }
  flush();

  report::Summary summary = aggregator.finish();
  report::ReportContext ctx = context_of(repo, agreement, named, opt.revisions);
  ctx.warnings = audit.warnings;
  std::ostringstream text;
  if (opt.format == "json") report::write_report_json(text, summary, ctx);
  else report::write_report_html(text, summary, ctx);
  if (opt.out.empty() || opt.out == "-") {
    std::cout << text.str();
    std::cout.flush();
    if (!std::cout) throw GitError(std::string("cannot write the report to standard output: ") + std::strerror(errno));
  } else {
    std::ofstream file(opt.out, std::ios::binary | std::ios::trunc);
    if (file) file << text.str();
    if (file) file.close();
    if (!file) throw GitError("cannot write the report to " + opt.out + ": " + std::strerror(errno));
    std::cerr << "laneguard: report of " << summary.commits << " commits and " << summary.decisions
              << " audit decisions written to " << opt.out << "\n";
  }
  return kExitOk;
}

}  // namespace

void register_report(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<ReportCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Show the agreement's effect over a range: who changes protected code, AI labelling, blocked pushes, "
                "break glass, waits (one HTML page, or JSON)");
  cmd->add_option("--agreement", opt->agreement_path, "Agreement file (default: .laneguard.toml at the repository root, else the embedded default)");
  cmd->add_option("--audit-log", opt->audit_logs,
                  "A server audit log to add (repeatable; default: this repository's own when it is a server's)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--out", opt->out, "Write the report to FILE (default: standard output)");
  cmd->add_option("--format", opt->format, "html (one self-contained page) or json")->capture_default_str();
  cmd->allow_extras();
  cmd->footer("RANGE: anything git rev-list accepts to select commits (A..B, main, --since=...), as for check; default HEAD\n"
              "(after [agreement] since when the agreement sets it).");
  cmd->callback([opt, cmd, &exit_code] {
    opt->revisions = cmd->remaining();
    exit_code = run_report(*opt);
  });
}

}  // namespace laneguard
