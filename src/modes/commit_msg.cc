// laneguard commit-msg FILE: the staged change judged with its message as git will store it.
// Unlabelled AI help on protected code is rejected with the exact trailer to add; other blocking
// findings warn, or block under [local] mode = "block".
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "git/worktree_agreement.h"
#include "core/evaluate.h"
#include "local/staged_lines.h"
#include "facts/approvals.h"
#include "local/advice.h"
#include "local/hook_env.h"
#include "local/message.h"
#include "local/staged.h"
#include "local/staged_commit.h"
#include "local/staged_promotion.h"
#include "local/hook_report.h"
#include "modes/local_hook.h"
#include "modes/modes.h"
#include "report/report.h"

namespace laneguard {
namespace {

struct CommitMsgOptions {
  std::string file;
  std::string agreement_path;
  std::string format = "text";
  OutputOptions out;
};

std::string read_message(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GitError("cannot read the commit message " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_commit_msg(const CommitMsgOptions& opt) {
  if (local::skip_requested("commit-msg")) return kExitOk;
  Format format = parse_format(opt.format);
  // A file named on the command line must exist even when nothing is judged (missing: exit 3).
  if (!opt.agreement_path.empty()) load_named_agreement(opt.agreement_path, "named by --agreement");
  git::Repository repo = local::open_local_repository();
  std::string raw = read_message(opt.file);
  const char* editor = std::getenv("GIT_EDITOR");
  bool editor_used = !(editor && std::string(editor) == ":");
  local::MessageCleanup cleanup = local::cleanup_for(repo.config_string("commit.cleanup"),
                                                     repo.config_string("core.commentChar"), editor_used, raw);
  std::string message = local::clean_message(raw, cleanup);

  local::StagedChange staged = local::staged_change(repo.get(), local::index_file_from_env());
  Report report;
  if (staged.paths.empty()) {
    if (format == Format::json) write_report(std::cout, report, format, {});
    return kExitOk;
  }
  Agreement agreement = load_agreement_for_worktree(
      opt.agreement_path.empty() ? std::nullopt : std::optional<std::string>(opt.agreement_path));
  local::LocalUser user = local::local_user(repo);
  CommitFacts commit = local::staged_commit(staged, user, message);
  local::scan_staged_promotions(repo, agreement, local::index_file_from_env(), commit);

  Change change;
  change.id = commit.id;
  change.commits.push_back(commit);
  local::add_staged_tier_facts(agreement, repo.get(), staged, change);
  change.approvals = trailer_approvals(commit, agreement.review);
  Judgement j = evaluate(agreement, change, Context{.trust_claims = true, .where = Context::Where::local});

  local::AdviceContext ctx;
  ctx.hook = local::LocalHook::commit_msg;
  ctx.landing = local::landing_words(agreement, staged.branch);
  for (const Identity* id : {&user.author, &user.committer})
    if (const Person* p = resolve_person(agreement, *id))
      if (std::find(ctx.authors.begin(), ctx.authors.end(), p->key) == ctx.authors.end()) ctx.authors.push_back(p->key);
  ctx.message_file = opt.file;
  report.findings = local::local_findings(agreement, j, commit, ctx);
  report.areas = j.areas;
  report.commits = 1;
  report.paths = staged.paths.size();
  if (!report.findings.empty())
    report.titles.emplace_back(commit.id, "\"" + commit.subject + "\" by " + user.author.display());

  return local::emit_hook_report(report, format, "laneguard commit-msg",
                                 report.blocks() ? local::skip_hint("git commit --no-verify")
                                                 : "Warnings only: the commit goes ahead (agreement: " +
                                                       agreement.source + ").", opt.out);
}

}  // namespace

void register_commit_msg(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<CommitMsgOptions>();
  CLI::App* cmd = app.add_subcommand(
      "commit-msg", "Git commit-msg hook: rejects unlabelled AI help on protected code, with the trailer to add");
  cmd->add_option("file", opt->file, "The message file git passes to the hook (.git/COMMIT_EDITMSG)")->required();
  cmd->add_option("--agreement", opt->agreement_path,
                  "Agreement file (default: .laneguard.toml at the repository root, else the embedded default)");
  cmd->add_option("--format", opt->format, "text (to stderr) or json (to stdout)")->capture_default_str();
  add_color_options(cmd, opt->out);
  add_quiet_option(cmd, opt->out, "only blocking findings (nothing when the change goes ahead)");
  cmd->callback([opt, &exit_code] { run_local_hook("commit-msg", "git commit --no-verify", exit_code, [&] { return run_commit_msg(*opt); }); });
}

}  // namespace laneguard
