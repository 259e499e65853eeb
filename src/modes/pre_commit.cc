// laneguard pre-commit: what the staged change will need before it can land on a protected branch.
// Warns by default; blocks under [local] mode = "block". Lints a staged .laneguard.toml.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "git/worktree_agreement.h"
#include "core/evaluate.h"
#include "local/staged_lines.h"
#include "local/advice.h"
#include "local/hook_env.h"
#include "local/staged.h"
#include "local/staged_commit.h"
#include "local/staged_promotion.h"
#include "local/hook_report.h"
#include "modes/local_hook.h"
#include "modes/modes.h"
#include "report/report.h"

namespace laneguard {
namespace {

struct PreCommitOptions {
  std::string agreement_path;
  std::string format = "text";
  OutputOptions out;
};

std::vector<std::string> person_keys(const Agreement& agreement, const local::LocalUser& user) {
  std::vector<std::string> keys;
  for (const Identity* id : {&user.author, &user.committer})
    if (const Person* p = resolve_person(agreement, *id))
      if (std::find(keys.begin(), keys.end(), p->key) == keys.end()) keys.push_back(p->key);
  return keys;
}

// A staged .laneguard.toml that would not load is a mistake best caught before it is committed.
void lint_staged_agreement(const git::Repository& repo, const local::StagedChange& staged, Report& report) {
  if (!std::binary_search(staged.paths.begin(), staged.paths.end(), std::string(kAgreementFileName))) return;
  git::IndexPtr index = local::open_index(repo.get(), local::index_file_from_env());
  std::optional<std::string> text = local::staged_content(repo.get(), index.get(), kAgreementFileName);
  if (!text) return;  // deleted: the embedded default will apply
  std::string source = std::string(kAgreementFileName) + " (staged)";
  try {
    Agreement staged_agreement = parse_agreement(*text, source);
    for (const LintNote& note : lint_notes(staged_agreement)) {
      Finding f;
      f.rule = "agreement-lint";
      f.severity = Severity::notice;
      f.commit = local::kStagedId;
      f.paths = {kAgreementFileName};
      f.message = AgreementError::format(kAgreementFileName, note.pos.line, note.pos.column, note.message);
      report.findings.push_back(std::move(f));
    }
  } catch (const AgreementError& e) {
    Finding f;
    f.rule = rule::kAgreementError;
    f.severity = Severity::block;
    f.commit = local::kStagedId;
    f.paths = {kAgreementFileName};
    f.message = "The staged agreement is invalid: " + std::string(e.what());
    f.fix = "Fix it and `git add " + std::string(kAgreementFileName) + "` again (`laneguard lint " +
            kAgreementFileName + "` checks the file).";
    report.findings.push_back(std::move(f));
  }
}

int run_pre_commit(const PreCommitOptions& opt) {
  if (local::skip_requested("pre-commit")) return kExitOk;
  Format format = parse_format(opt.format);
  // A file named on the command line is read first: missing, it fails (exit 3) even with nothing staged.
  std::optional<Agreement> named;
  if (!opt.agreement_path.empty()) named = load_named_agreement(opt.agreement_path, "named by --agreement");
  git::Repository repo = local::open_local_repository();
  local::StagedChange staged = local::staged_change(repo.get(), local::index_file_from_env());
  Report report;
  lint_staged_agreement(repo, staged, report);
  if (staged.paths.empty() && report.findings.empty()) {
    if (format == Format::json) write_report(std::cout, report, format, {});
    return kExitOk;
  }
  bool staged_agreement_invalid = std::any_of(report.findings.begin(), report.findings.end(),
                                              [](const Finding& f) { return f.rule == rule::kAgreementError; });
  if (staged_agreement_invalid)  // the working tree's copy is most likely the same broken file
    return local::emit_hook_report(report, format, "laneguard pre-commit", local::skip_hint("git commit --no-verify"), opt.out);
  Agreement agreement = named ? std::move(*named) : load_agreement_for_worktree(std::nullopt);
  local::LocalUser user = local::local_user(repo);
  CommitFacts commit = local::staged_commit(staged, user, "");
  local::scan_staged_promotions(repo, agreement, local::index_file_from_env(), commit);

  Change change;
  change.id = commit.id;
  change.commits.push_back(commit);
  local::add_staged_tier_facts(agreement, repo.get(), staged, change);
  Judgement j = evaluate(agreement, change, Context{.trust_claims = true, .where = Context::Where::local, .message_known = false});

  local::AdviceContext ctx;
  ctx.hook = local::LocalHook::pre_commit;
  ctx.landing = local::landing_words(agreement, staged.branch);
  ctx.authors = person_keys(agreement, user);
  for (Finding& f : local::local_findings(agreement, j, commit, ctx)) report.findings.push_back(std::move(f));
  bool ai_already_said = std::any_of(report.findings.begin(), report.findings.end(), [](const Finding& f) {
    return f.rule == rule::kUnlabeledAi || f.rule == rule::kAiForbidden;
  });
  if (!ai_already_said)
    for (Finding& f : local::ai_reminders(agreement, commit)) report.findings.push_back(std::move(f));
  report.areas = j.areas;
  report.commits = 1;
  report.paths = staged.paths.size();
  if (!report.findings.empty())
    report.titles.emplace_back(commit.id, std::to_string(staged.paths.size()) + " staged path" +
                                              (staged.paths.size() == 1 ? "" : "s") + " by " + user.author.display());

  return local::emit_hook_report(report, format, "laneguard pre-commit",
                                 report.blocks() ? local::skip_hint("git commit --no-verify")
                                                 : "Warnings only: the commit goes ahead (agreement: " +
                                                       agreement.source + ").", opt.out);
}

}  // namespace

void register_pre_commit(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<PreCommitOptions>();
  CLI::App* cmd = app.add_subcommand(
      "pre-commit", "Git pre-commit hook: what the staged change will need before it lands on a protected branch");
  cmd->add_option("--agreement", opt->agreement_path,
                  "Agreement file (default: .laneguard.toml at the repository root, else the embedded default)");
  cmd->add_option("--format", opt->format, "text (to stderr) or json (to stdout)")->capture_default_str();
  add_color_options(cmd, opt->out);
  add_quiet_option(cmd, opt->out, "only blocking findings (nothing when the change goes ahead)");
  cmd->callback([opt, &exit_code] { run_local_hook("pre-commit", "git commit --no-verify", exit_code, [&] { return run_pre_commit(*opt); }); });
}

}  // namespace laneguard
