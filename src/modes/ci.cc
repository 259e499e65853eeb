// laneguard ci: judge a pull (merge) request's commits under the base branch's agreement, with the
// hosting platform's reviews as the authenticated approvals (SPEC section 4, CI).
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "ci/github.h"
#include "ci/gitlab.h"
#include "ci/json_file.h"
#include "ci/neutral.h"
#include "ci/pr_change.h"
#include "ci/pr_repository.h"
#include "report/output.h"
#include "ci/reviews.h"
#include "core/evaluate.h"
#include "core/net_effect.h"
#include "git/landed.h"
#include "git/repository.h"
#include "modes/modes.h"
#include "report/report.h"
#include "util/error.h"
#include "util/text.h"

namespace laneguard {
namespace {

struct CiOptions {
  std::string provider;       // github | gitlab | neutral; empty: detect
  std::string event;          // GitHub
  std::string reviews;        // GitHub
  std::string commits;        // GitHub, optional
  std::string pull_request;   // GitHub merge_group: the pull request the queue branch names
  std::string merge_request;  // GitLab
  std::string approvals;      // GitLab
  std::string input;          // neutral
  std::string agreement;
  OutputOptions out;
  std::string format = "text";
  std::string summary;        // also append a Markdown report here ($GITHUB_STEP_SUMMARY)
  std::string repo = ".";
};

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string detect_provider(const CiOptions& o) {
  if (!o.provider.empty()) {
    if (o.provider != "github" && o.provider != "gitlab" && o.provider != "neutral") {
      throw UsageError("unknown --provider '" + o.provider + "': use github, gitlab or neutral");
    }
    return o.provider;
  }
  if (!o.input.empty()) return "neutral";
  if (!o.merge_request.empty() || !o.approvals.empty()) return "gitlab";
  if (!o.event.empty() || !o.reviews.empty() || !o.pull_request.empty() || !env("GITHUB_EVENT_PATH").empty()) {
    return "github";
  }
  if (!env("GITLAB_CI").empty()) return "gitlab";
  throw UsageError("cannot tell the platform: pass --event and --reviews (GitHub), --merge-request and "
                   "--approvals (GitLab), or --input (the provider-neutral JSON)");
}

ci::PullRequest read_pull_request(const CiOptions& o, const std::string& provider) {
  if (provider == "github") {
    std::string event = o.event.empty() ? env("GITHUB_EVENT_PATH") : o.event;
    if (event.empty()) throw UsageError("--event FILE is required for GitHub (or $GITHUB_EVENT_PATH)");
    nlohmann::json payload = ci::read_json_file(event);
    ci::PullRequest pr;
    if (ci::is_github_merge_group(payload) && !o.pull_request.empty()) {
      pr = ci::read_github_merge_group(payload, event, ci::read_json_file(o.pull_request), o.pull_request);
    } else {
      pr = ci::read_github_event(payload, event);
    }
    if (!o.reviews.empty()) {
      ci::add_github_reviews(pr, ci::read_json_file(o.reviews), o.reviews);
    } else {
      std::cerr << "laneguard: no --reviews file: no approval counts (fetch them with "
                   "`gh api repos/OWNER/REPO/pulls/N/reviews --paginate`)\n";
    }
    if (!o.commits.empty()) ci::add_github_commits(pr, ci::read_json_file(o.commits), o.commits);
    return pr;
  }
  if (provider == "gitlab") {
    ci::Environment variables;
    for (const std::string& name : ci::gitlab_variables()) {
      std::string value = env(name.c_str());
      if (!value.empty()) variables[name] = value;
    }
    nlohmann::json mr;  // null when not given
    if (!o.merge_request.empty()) mr = ci::read_json_file(o.merge_request);
    ci::PullRequest pr = ci::read_gitlab_merge_request(
        mr, o.merge_request.empty() ? std::string("CI_MERGE_REQUEST_* variables") : o.merge_request, variables);
    if (!o.approvals.empty()) {
      ci::add_gitlab_approvals(pr, ci::read_json_file(o.approvals), o.approvals);
    } else {
      std::cerr << "laneguard: no --approvals file: no approval counts\n";
    }
    return pr;
  }
  if (o.input.empty()) throw UsageError("--input FILE is required for --provider neutral");
  return ci::read_neutral(ci::read_json_file(o.input), o.input);
}

// Each person's account on the platform, for fixes ("Ask @erin-gh"): the username of theirs this
// pull request shows (author, reviewer, pusher), else their first username.
std::map<std::string, std::string> platform_accounts(const Agreement& agreement, const ci::PullRequest& pr) {
  std::set<std::string> seen;
  auto note = [&seen](const std::string& login) { seen.insert(lower(login)); };
  note(pr.author);
  for (const std::string& login : pr.pushers) note(login);
  for (const ci::Review& review : pr.reviews) note(review.login);
  std::map<std::string, std::string> accounts;
  for (const Person& person : agreement.people) {
    if (person.usernames.empty()) continue;
    std::string chosen = person.usernames.front();
    for (const std::string& username : person.usernames) {
      if (seen.count(lower(username))) {
        chosen = username;
        break;
      }
    }
    accounts[person.key] = "@" + chosen;
  }
  return accounts;
}

std::size_t distinct_paths(const Change& change) {
  std::set<std::string> paths;
  for (const CommitFacts& commit : change.commits) paths.insert(commit.paths.begin(), commit.paths.end());
  return paths.size();
}

int run_ci(const CiOptions& o) {
  Format format = parse_format(o.format);
  if (!o.agreement.empty()) load_named_agreement(o.agreement, "named by --agreement");  // missing: exit 3, said first
  std::string provider = detect_provider(o);
  ci::PullRequest pr = read_pull_request(o, provider);

  git::Repository repo = o.repo == "." ? git::Repository::open_from_environment() : git::Repository::discover(o.repo);
  ci::resolve_pr_commits(repo, pr);
  Agreement agreement = ci::base_agreement(repo, pr, o.agreement);
  std::vector<CommitFacts> commits = ci::pr_commit_facts(repo, pr);

  ci::ApprovalSelection selection = ci::select_approvals(pr, agreement.review.dismiss_stale);
  Change change = ci::make_change(pr, std::move(commits), selection);

  Context context;
  context.trust_claims = false;
  context.where = Context::Where::ci;
  context.change_word = pr.noun();
  context.accounts = platform_accounts(agreement, pr);
  // The pull request's net effect, merge-base(base, head)..head: what a reviewer sees as its diff.
  std::vector<std::string> unexplained =
      git::unexplained_paths(repo, repo.merge_base(pr.base, pr.head), pr.head, change.commits,
                             [&](const std::string& p) { return is_guarded(agreement, p); });
  Judgement judgement = evaluate(agreement, change, context);

  Report report;
  report.findings = std::move(judgement.findings);
  report.areas = std::move(judgement.areas);
  if (!unexplained.empty()) {
    Change net = net_effect_change(repo.commit_facts(pr.head), std::move(unexplained));
    net.extra_authors = change.extra_authors;
    net.approvals = change.approvals;
    Judgement j = evaluate(agreement, net, context);
    for (auto& f : j.findings) report.findings.push_back(std::move(f));
    for (auto& a : j.areas) report.areas.push_back(std::move(a));
  }
  report.commits = change.commits.size();
  report.paths = distinct_paths(change);
  // Where findings without a path are located (SARIF): the base's .laneguard.toml, or the file given
  // with --agreement when it is a path inside the checkout.
  if (!o.agreement.empty() && o.agreement.front() != '/' && o.agreement.rfind("..", 0) != 0) {
    report.agreement_path = o.agreement.rfind("./", 0) == 0 ? o.agreement.substr(2) : o.agreement;
  }
  ci::report_stale_approvals(agreement, pr, selection, report);
  std::string state = pr.draft ? std::string("draft, ") : std::string();
  if (!pr.queue_ref.empty()) state += "in the merge queue as " + pr.queue_ref + ", ";
  report.titles.emplace_back(pr.id, (pr.title.empty() ? std::string() : pr.title + " ") + "(" + state + "opened by " +
                                        pr.author + ")");
  for (const CommitFacts& commit : change.commits) {
    report.titles.emplace_back(commit.id, commit.subject + " (" + commit.author.display() + ")");
  }

  ReportOptions options;
  // Drafts are judged like any other, and the summary says that it is one.
  options.title = "laneguard ci: " + std::string(pr.draft ? "draft " : "") + pr.id +
                  (pr.queue_ref.empty() ? std::string() : " in the merge queue");
  options.color = format == Format::text && want_color(o.out, STDOUT_FILENO);
  options.quiet = o.out.quiet;
  write_report(std::cout, report, format, options);
  if (!o.summary.empty()) {
    std::ofstream summary(o.summary, std::ios::app);
    if (!summary) throw GitError("cannot write the summary to " + o.summary);
    write_report(summary, report, Format::markdown, options);
  }
  return report.blocks() ? kExitBlocked : kExitOk;
}

}  // namespace

void register_ci(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CiOptions>();
  auto* cmd = app.add_subcommand(
      "ci", "judge a pull/merge request's commits under the base branch's agreement, with the platform's "
            "reviews as approvals");
  cmd->add_option("--provider", options->provider, "github | gitlab | neutral (default: detected)");
  cmd->add_option("--event", options->event, "GitHub: the pull_request event payload (default $GITHUB_EVENT_PATH)");
  cmd->add_option("--reviews", options->reviews, "GitHub: the list-reviews REST response");
  cmd->add_option("--commits", options->commits, "GitHub: the list-commits REST response (maps commits to logins)");
  cmd->add_option("--pull-request", options->pull_request,
                  "GitHub merge_group events: the pull request the queue branch names (GET /repos/O/R/pulls/N)");
  cmd->add_option("--merge-request", options->merge_request, "GitLab: the merge request JSON");
  cmd->add_option("--approvals", options->approvals, "GitLab: the merge request approvals JSON");
  cmd->add_option("--input", options->input, "the provider-neutral pull request JSON (see docs/ci.md)");
  cmd->add_option("--agreement", options->agreement, "judge with this agreement instead of the base's");
  cmd->add_option("--format", options->format, "text | json | jsonl | sarif | github | markdown | codequality");
  add_color_options(cmd, options->out);
  add_quiet_option(cmd, options->out, "only blocking findings (nothing when none blocks); text only");
  cmd->add_option("--summary", options->summary, "also append a Markdown report to FILE ($GITHUB_STEP_SUMMARY)");
  cmd->add_option("-C,--repo", options->repo, "the checked-out repository (default: the current directory)");
  cmd->callback([options, &exit_code] { exit_code = run_ci(*options); });
}

}  // namespace laneguard
