// laneguard pre-push REMOTE URL: for refs pushed to protected branches, the verdict the server will
// give (trailers taken as stated: a laptop cannot authenticate anyone), before the push leaves.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include "git/worktree_agreement.h"
#include "core/evaluate.h"
#include "core/landing.h"
#include "git/line_counts.h"
#include "core/net_effect.h"
#include "git/landed.h"
#include "git/promotion_scan.h"
#include "facts/approvals.h"
#include "local/hook_env.h"
#include "local/push.h"
#include "local/remote_approvals.h"
#include "local/hook_report.h"
#include "modes/local_hook.h"
#include "modes/modes.h"
#include "report/report.h"

namespace laneguard {
namespace {

struct PrePushOptions {
  std::string remote;
  std::string url;
  std::string agreement_path;
  std::string format = "text";
  OutputOptions out;
};

// The agreement as the server will see it: .laneguard.toml in refs/remotes/REMOTE/BRANCH when
// there is one, else the working tree's (or --agreement).
Agreement agreement_for(const git::Repository& repo, const PrePushOptions& opt, const std::string& branch) {
  if (opt.agreement_path.empty() && !opt.remote.empty()) {
    std::string tracking = "refs/remotes/" + opt.remote + "/" + branch;
    if (auto text = repo.read_file_at(tracking, kAgreementFileName))
      return parse_agreement(*text, tracking + ":" + kAgreementFileName);
  }
  return load_agreement_for_worktree(opt.agreement_path.empty() ? std::nullopt
                                                                : std::optional<std::string>(opt.agreement_path));
}

Finding ref_finding(const char* rule, const std::string& ref, std::string message, std::string fix) {
  Finding f;
  f.rule = rule;
  f.severity = Severity::block;
  f.commit = ref;
  f.message = std::move(message);
  f.fix = std::move(fix);
  return f;
}

int run_pre_push(const PrePushOptions& opt) {
  if (local::skip_requested("pre-push")) return kExitOk;
  Format format = parse_format(opt.format);
  // A file named on the command line must exist even when nothing is judged (missing: exit 3).
  if (!opt.agreement_path.empty()) load_named_agreement(opt.agreement_path, "named by --agreement");
  git::Repository repo = local::open_local_repository();
  std::vector<local::PushUpdate> updates;
  if (auto from_framework = local::push_update_from_pre_commit_env()) updates.push_back(*from_framework);
  else updates = local::parse_push_updates(std::cin);
  std::string remote = opt.remote;
  if (remote.empty())
    if (const char* r = std::getenv("PRE_COMMIT_REMOTE_NAME")) remote = r;

  // You, as the server will see you when you push.
  local::LocalUser user = local::local_user(repo);
  Identity pusher = user.committer;
  if (const char* name = std::getenv("LANEGUARD_PUSHER"); name && *name) pusher.username = name;
  Approval pusher_approval;
  pusher_approval.who = pusher;
  pusher_approval.source = ApprovalSource::pusher;
  pusher_approval.authenticated = true;
  pusher_approval.note = "your push (" + pusher.display() + ")";

  Report report;
  std::set<std::string> paths, judged;
  std::set<std::string> approval_problems;
  std::string sources;
  PrePushOptions effective = opt;
  effective.remote = remote;
  for (const local::PushUpdate& u : updates) {
    std::optional<std::string> branch = u.remote_branch();
    if (!branch) continue;  // tags and other refs: not branches the agreement protects
    Agreement agreement = agreement_for(repo, effective, *branch);
    if (!agreement.is_protected_branch(*branch)) continue;  // feature branches pass
    if (sources.find(agreement.source) == std::string::npos) sources += (sources.empty() ? "" : ", ") + agreement.source;
    if (u.deletes()) {
      report.findings.push_back(ref_finding(rule::kProtectedRefDeletion, u.remote_ref,
                                            "This push deletes the protected branch " + *branch + ".",
                                            "Protected branches are not deleted by a push; ask the repository's "
                                            "administrators if it really must go."));
      continue;
    }
    if (local::rewrites_history(repo, u)) {
      report.findings.push_back(ref_finding(
          rule::kNonFastForward, u.remote_ref,
          "This push rewrites the protected branch " + *branch + ": " + u.remote_sha.substr(0, 12) +
              " would no longer be part of its history.",
          "Rebase onto the remote branch (git pull --rebase " + (remote.empty() ? std::string("REMOTE") : remote) +
              " " + *branch + ") and push without --force."));
    }
    // The server's model (docs/server.md): trailers are claims; the pusher (you) approves commits
    // someone else introduced, and is an author of the commits this push introduces.
    Context context{.trust_claims = false, .where = Context::Where::server};
    auto is_protected = [&](const std::string& b) { return agreement.is_protected_branch(b); };
    std::vector<std::string> landed = local::pushed_commits(repo, u, remote, is_protected);
    std::vector<std::string> protected_tips;
    for (const auto& [name, tip] : local::remote_tracking_branches(repo, remote))
      if (is_protected(name)) protected_tips.push_back(tip);
    local::RemoteApprovals pushed_approvals(repo, agreement, remote, protected_tips);
    std::vector<std::string> introduced = local::new_to_remote(repo, u, remote);
    std::set<std::string> introduced_set(introduced.begin(), introduced.end());
    git::PromotionScanner promotions(repo, agreement);
    std::optional<git::NetEffect> net;
    if (!u.creates() && repo.resolve_commit(u.remote_sha) && !git::judged_line(repo, u.remote_sha, u.local_sha, landed))
      net.emplace(repo, u.remote_sha, u.local_sha, [&](const std::string& p) { return is_guarded(agreement, p); });
    auto as_pushed = [&](Change& change, bool introduces) {
      if (introduces) change.extra_authors.push_back({pusher, ExtraAuthorRole::pusher});
      else change.approvals.push_back(pusher_approval);
      for (Approval& a : trailer_approvals(change.commits.front(), agreement.review)) change.approvals.push_back(a);
    };
    // The push to this branch as one change, as the server judges it (core/landing.h).
    const bool judge_landing = tiers_judge_landing(agreement);
    std::vector<CommitFacts> landing;
    for (const std::string& id : landed) {
      if (!judged.insert(id).second) continue;
      Change change;
      change.id = id;
      change.commits.push_back(repo.commit_facts(id));
      change.extent = Extent::commit;
      const CommitFacts& c = change.commits.back();
      if (net) net->add(c);
      if (judge_landing) landing.push_back(landing_facts(c));
      promotions.scan(change.commits.back());
      as_pushed(change, introduced_set.count(id) > 0);
      paths.insert(c.paths.begin(), c.paths.end());
      Judgement j = evaluate(agreement, change, context);
      // Approvals by push on the remote (read only when something would block): a commit the
      // remote has already, approved by someone else with `laneguard approve`.
      if (j.findings.end() != std::find_if(j.findings.begin(), j.findings.end(),
                                           [](const Finding& f) { return f.severity == Severity::block; }) &&
          !introduced_set.count(id)) {
        std::vector<Approval> more = pushed_approvals.of(id);
        if (!more.empty()) {
          change.approvals.insert(change.approvals.end(), more.begin(), more.end());
          j = evaluate(agreement, change, context);
        }
      }
      if (!j.findings.empty()) report.titles.emplace_back(id, c.subject + " (" + c.author.display() + ")");
      for (Finding& f : j.findings) report.findings.push_back(std::move(f));
      for (AreaStatus& a : j.areas) report.areas.push_back(std::move(a));
      ++report.commits;
    }
    if (!landing.empty()) {
      std::vector<ExtraAuthor> by;
      if (!introduced.empty()) by.push_back({pusher, ExtraAuthorRole::pusher});
      Change change = landing_change(u.local_sha, std::move(landing), std::move(by));
      if (needs_line_counts(agreement, change)) {
        std::optional<std::string> from;
        if (!u.creates() && repo.resolve_commit(u.remote_sha)) from = u.remote_sha;
        change.lines = git::landing_lines(repo.get(), from, u.local_sha, change.commits);
        change.lines_counted = true;
      }
      Judgement j = evaluate(agreement, change, context);
      if (!j.findings.empty() && std::none_of(report.titles.begin(), report.titles.end(), [&](const auto& t) { return t.first == u.local_sha; }))
        report.titles.emplace_back(u.local_sha, "this push to " + *branch + " as one change");
      for (Finding& f : j.findings) report.findings.push_back(std::move(f));
    }
    if (!pushed_approvals.problem().empty()) approval_problems.insert(pushed_approvals.problem());
    if (net)
      if (auto unexplained = net->unexplained(); !unexplained.empty()) {
        Change change = net_effect_change(repo.commit_facts(u.local_sha), std::move(unexplained));
        as_pushed(change, true);
        Judgement j = evaluate(agreement, change, context);
        for (Finding& f : j.findings) report.findings.push_back(std::move(f));
        for (AreaStatus& a : j.areas) report.areas.push_back(std::move(a));
      }
  }
  report.paths = paths.size();
  for (const std::string& p : approval_problems) std::cerr << "laneguard pre-push: could not read the approvals by push: " << p << "\n";

  return local::emit_hook_report(
      report, format, "laneguard pre-push",
      report.blocks() ? "The server will refuse this push for the same reasons (agreement: " + sources + "). " +
                            local::skip_hint("git push --no-verify")
                      : "Warnings only: the push goes ahead (agreement: " + sources + ").", opt.out);
}

}  // namespace

void register_pre_push(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<PrePushOptions>();
  CLI::App* cmd = app.add_subcommand(
      "pre-push", "Git pre-push hook: the verdict the server will give on pushes to protected branches");
  cmd->add_option("remote", opt->remote, "The remote's name (or URL when pushing to a URL)");
  cmd->add_option("url", opt->url, "The remote's URL");
  cmd->add_option("--agreement", opt->agreement_path,
                  "Agreement file (default: .laneguard.toml of the remote-tracking branch, else the working tree's)");
  cmd->add_option("--format", opt->format, "text (to stderr) or json (to stdout)")->capture_default_str();
  add_color_options(cmd, opt->out);
  add_quiet_option(cmd, opt->out, "only blocking findings (nothing when the change goes ahead)");
  cmd->callback([opt, &exit_code] { run_local_hook("pre-push", "git push --no-verify", exit_code, [&] { return run_pre_push(*opt); }); });
}

}  // namespace laneguard
