// laneguard check [--agreement FILE] [--format F] [RANGE...]: audit the commits of a revision range.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <memory>
#include <unordered_set>

#include "git/worktree_agreement.h"
#include "git/ai_notes.h"
#include "core/evaluate.h"
#include "core/landing.h"
#include "core/net_effect.h"
#include "facts/approvals.h"
#include "git/landed.h"
#include "git/line_counts.h"
#include "git/promotion_scan.h"
#include "git/repository.h"
#include "git/rev_list.h"
#include "modes/modes.h"
#include "modes/range_judging.h"
#include "report/output.h"
#include "report/report.h"
#include "server/approval_store.h"
#include "report/stream.h"
#include "util/pipeline.h"

namespace laneguard {
namespace {

struct CheckOptions {
  std::string agreement_path;
  std::string format = "text";
  OutputOptions out;
  std::vector<std::string> revisions;  // git rev-list arguments in order (options included), then `--` PATHS
};

// `A..B` (one argument, two dots): the range lands B on A, and its net effect is judged from
// merge-base(A, B) to B. Other selections are sets of commits, judged one by one.
struct LandedRange {
  std::optional<std::string> from;  // nullopt: unrelated histories (the empty tree)
  std::string to;
};

std::optional<LandedRange> landed_range(const git::Repository& repo, const std::vector<std::string>& ranges) {
  if (ranges.size() != 1) return std::nullopt;
  const std::string& r = ranges.front();
  auto dots = r.find("..");
  if (dots == std::string::npos || r.compare(dots, 3, "...") == 0) return std::nullopt;
  std::string left = r.substr(0, dots), right = r.substr(dots + 2);
  auto a = repo.resolve_commit(left.empty() ? "HEAD" : left);
  auto b = repo.resolve_commit(right.empty() ? "HEAD" : right);
  if (!a || !b) return std::nullopt;  // rev_list reports the unknown revision
  return LandedRange{repo.merge_base(*a, *b), *b};
}

int run_check(const CheckOptions& opt) {
  Format format = parse_format(opt.format);
  git::Repository repo = git::Repository::open_from_environment();
  Agreement agreement = load_agreement_for_worktree(
      opt.agreement_path.empty() ? std::nullopt : std::optional<std::string>(opt.agreement_path));

  std::vector<std::string> revisions = opt.revisions;
  std::string baseline_hint = baseline_range(repo, agreement, revisions);
  std::optional<std::string> adopted = agreement_path_in_repo(repo, agreement);

  ReportOptions ro;
  ro.title = "laneguard check";
  ro.color = format == Format::text && want_color(opt.out, STDOUT_FILENO);
  ro.quiet = opt.out.quiet;
  ro.hint = "agreement: " + agreement.source + baseline_hint;

  // Each commit's findings are written as soon as it is judged and nothing of it is kept: memory
  // stays flat however long the history (report/stream.h). Distinct paths are counted by a 64-bit
  // hash of each (a collision among a million paths has odds of about 1 in 10^7).
  PathIndex index(agreement);      // the judging side's (a PathIndex remembers what it matched)
  PathIndex net_index(agreement);  // the reading side's
  Context context;
  context.trust_claims = true;
  context.where = Context::Where::check;
  context.paths = &index;
  std::optional<LandedRange> landed = landed_range(repo, opt.revisions);
  std::optional<git::NetEffect> net;
  if (landed)
    net.emplace(repo, landed->from, landed->to, [&](const std::string& p) { return is_guarded(net_index, p); });
  git::RevisionWalk walk(repo, revisions);
  git::AiNotes notes(repo.get(), agreement.ai);  // AI attribution in git notes ([ai] notes_refs)
  std::unique_ptr<ReportStream> out = make_report_stream(std::cout, format, ro);
  std::unordered_set<uint64_t> paths;
  std::size_t commits = 0;
  // On the server (a record database beside the repository): the approvals given by push count too,
  // beside the trailers.
  std::optional<server::ApprovalStore> pushed = pushed_approvals(repo);
  auto judge = [&](Change& change) {
    const CommitFacts& c = change.commits.front();
    if (!change.net_effect && change.extent != Extent::landing) change.approvals = commit_approvals(c, agreement, pushed);
    else change.approvals = trailer_approvals(c, agreement.review);
    Judgement j = evaluate(agreement, change, context);
    Report part;
    if (j.findings.empty()) {
    } else if (change.extent == Extent::landing) {
      part.titles.emplace_back(change.id, "the range " + opt.revisions.front() + " as one change (" +
                                              std::to_string(change.commits.size()) + " commits)");
    } else {
      part.titles.emplace_back(c.id, c.subject + " (" + c.author.display() + ")");
    }
    part.findings = std::move(j.findings);
    part.areas = std::move(j.areas);
    part.ai = std::move(j.ai);
    out->add(std::move(part));
  };
  // A landed range is one change: tiers' rules of the whole judge it at the end (core/landing.h);
  // any other selection is judged commit by commit, each commit whole.
  std::optional<std::vector<CommitFacts>> landing;
  if (landed && tiers_judge_landing(agreement)) landing.emplace();
  // Reading (the walk, each commit's facts) on one thread, judging and writing on this one
  // (util/pipeline.h): the same changes in the same order as serially. prototype-promotion reads
  // the blobs of changed files (one scanner indexes the prototype files once for the whole walk):
  // when the agreement has that rule, the scan is a third stage between the two, on a thread and a
  // handle on the repository of its own (a Repository is one thread's). Everything a stage touches
  // (the reading side: repo, net, notes, landing; the scanning side: its handle, promotions, paths)
  // is its own until the pipeline ends.
  bool threaded = thread_count(repo.config_string("laneguard.threads")) > 1;
  bool scan_apart = threaded && agreement.promotion.enabled;
  std::optional<git::Repository> scan_handle;
  // The scan reads most blobs once, and no trees on a walk down one line of history (the reading
  // side's diff hands it each path's entries on both sides): a small cache of delta bases does
  // (measured on bench/check.sh: 4 MiB as fast as 32, 5 MiB less memory); the pack files' pages
  // are shared with the reading side's handle (Repository::reopen).
  if (scan_apart) scan_handle.emplace(repo.reopen({.cache_bytes = std::size_t(4) << 20}));
  const git::Repository& scanning = scan_apart ? *scan_handle : repo;
  std::optional<git::PromotionScanner> promotions(std::in_place, scanning, agreement);
  auto scan = [&](Change& change) {
    promotions->scan(change.commits.back());
    // The adoption commit explains its own creation of the agreement file in the net effect (read
    // before this), but is not judged on it.
    if (adopted) exempt_adoption(scanning, *adopted, change.commits.back());
    for (const std::string& p : change.commits.back().paths) paths.insert(std::hash<std::string>{}(p));
  };
  // The walk is over: what only it needed goes before the last commits are judged (a root commit
  // of 50,000 files is judged last, and its findings are the largest).
  auto scan_done = [&] {
    promotions.reset();
    scanning.trees().packs().release();
  };
  auto read = [&](auto&& emit) {
    for (std::string id; walk.next(id);) {
      Change change;
      change.id = id;
      change.commits.push_back(repo.commit_facts(id));
      notes.attach(change.commits.back());
      if (landed) change.extent = Extent::commit;
      if (landing) landing->push_back(landing_facts(change.commits.back()));
      if (!landed && needs_line_counts(agreement, change)) {
        const CommitFacts& c = change.commits.back();
        change.lines =
            git::changed_lines(repo.get(), c.parents.empty() ? std::nullopt : std::optional(c.parents.front()), id);
        change.lines_counted = true;
      }
      if (net) net->add(change.commits.back());
      if (!scan_apart) scan(change);
      emit(std::move(change));
    }
    if (scan_apart) {
      repo.trees().packs().release();
    } else {
      scan_done();
    }
  };
  auto consume = [&](Change& change) {
    judge(change);
    ++commits;
  };
  // Up to 512 commits queued after reading (the reader runs ahead while the scanner indexes the
  // prototype files of the first tree: measured 7-16% less time on the bench histories than 64),
  // and no more than 262,144 paths in all (a history of 50,000-file commits queues a few).
  auto by_paths = bound_by(
      [](const Change& change) {
        std::size_t n = 1;
        for (const CommitFacts& c : change.commits) n += c.paths.size();
        return n;
      },
      std::size_t(1) << 18);
  if (!scan_apart) {
    pipeline<Change>(threaded, 512, read, consume, by_paths);
  } else {
    pipeline<Change>(
        true, 64,
        [&](auto&& emit) {
          pipeline<Change>(
              true, 512, read,
              [&](Change& change) {
                scan(change);
                emit(std::move(change));
              },
              by_paths);
          scan_done();
        },
        consume, by_paths);
  }
  if (landing && !landing->empty()) {
    Change change = landing_change(landed->to, std::move(*landing), {});
    if (needs_line_counts(agreement, change)) {
      change.lines = git::landing_lines(repo.get(), landed->from, landed->to, change.commits);
      change.lines_counted = true;
    }
    judge(change);
  }
  if (net) {
    if (auto unexplained = net->unexplained(); !unexplained.empty()) {
      Change change = net_effect_change(repo.commit_facts(landed->to), std::move(unexplained));
      judge(change);
    }
  }
  out->finish(commits, paths.size());
  std::cout.flush();
  return out->blocks() ? kExitBlocked : kExitOk;
}

}  // namespace

void register_check(CLI::App& app, int& exit_code, std::vector<std::string> after_dashdash) {
  auto opt = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Judge the commits of a revision range (audit; trailers taken as stated)");
  cmd->add_option("--agreement", opt->agreement_path, "Agreement file (default: .laneguard.toml at the repository root, else the embedded default)");
  cmd->add_option("--format", opt->format, "text, json, jsonl (one finding per line), sarif, github, markdown or codequality (GitLab)")->capture_default_str();
  add_color_options(cmd, opt->out);
  add_quiet_option(cmd, opt->out, "only blocking findings (nothing when none blocks); text only");
  // Everything else, in order, is git rev-list's: revisions (A..B, A...B, X^!, --all, --not ...),
  // commit-selecting options (--no-merges, --since=...), and `-- PATHS`.
  cmd->allow_extras();
  cmd->footer("REVISIONS: anything git rev-list accepts to select commits (A..B, A...B, ^A, X^!, X^@, --all, --branches,\n"
              "--not, --no-merges, --first-parent, -- PATHS), with git's meaning; default HEAD.");
  cmd->callback([opt, cmd, &exit_code, tail = std::move(after_dashdash)] {
    opt->revisions = cmd->remaining();
    opt->revisions.insert(opt->revisions.end(), tail.begin(), tail.end());
    exit_code = run_check(*opt);
  });
}

}  // namespace laneguard
