// laneguard ci: judge a pull (merge) request's commits under the base branch's agreement, with the
// hosting platform's reviews as the authenticated approvals (SPEC section 4, CI).
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "git/ai_notes.h"
#include "ci/github.h"
#include "ci/gitlab.h"
#include "ci/json_file.h"
#include "ci/neutral.h"
#include "ci/pr_change.h"
#include "git/promotion_scan.h"
#include "ci/pr_repository.h"
#include "report/output.h"
#include "ci/reviews.h"
#include "core/evaluate.h"
#include "core/landing.h"
#include "git/line_counts.h"
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
  // GitHub: the list-reviews and list-commits responses (--commits optional). A merge group gives
  // one of each per --pull-request, in the same order.
  std::vector<std::string> reviews;
  std::vector<std::string> commits;
  // GitHub merge_group: the pull requests in the group, in queue order (the queue branch's last)
  std::vector<std::string> pull_request;
  std::string merge_request;  // GitLab
  std::string approvals;      // GitLab
  std::string input;          // neutral
  std::string agreement;
  OutputOptions out;
  std::string format = "text";
  std::string summary;        // also append a Markdown report here ($GITHUB_STEP_SUMMARY)
  std::string repo = ".";
};

// What one run judges: the commits base..head, of one pull (merge) request or of a GitHub merge
// group holding several, each commit judged with the reviews of the pull request it came from.
struct Run {
  std::vector<ci::PullRequest> pulls;  // a merge group's in queue order; otherwise exactly one
  std::string base, head;              // what lands
  std::optional<ci::MergeGroup> group;
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

// The one file of an option given once at most outside a merge group (empty when not given).
std::string single(const std::vector<std::string>& files, const char* option) {
  if (files.size() > 1) {
    throw UsageError(std::string(option) + " is given " + std::to_string(files.size()) +
                     " times: only a merge group (a merge_group event) takes one per --pull-request");
  }
  return files.empty() ? std::string() : files.front();
}

void add_reviews(ci::PullRequest& pr, const std::string& file) {
  if (!file.empty()) {
    ci::add_github_reviews(pr, ci::read_json_file(file), file);
  } else {
    std::cerr << "laneguard: no --reviews file for " << pr.id << ": no approval of it counts (fetch them with "
                 "`gh api repos/OWNER/REPO/pulls/" << (pr.number.empty() ? std::string("N") : pr.number) << "/reviews --paginate`)\n";
  }
}

// A merge group: each --pull-request with its own --reviews and --commits, paired by order.
ci::MergeGroup read_merge_group(const CiOptions& o, const nlohmann::json& payload, const std::string& event) {
  std::size_t n = o.pull_request.size();
  for (const auto& [files, option] : {std::pair{&o.reviews, "--reviews"}, std::pair{&o.commits, "--commits"}}) {
    if (!files->empty() && files->size() != n) {
      throw UsageError(std::to_string(n) + " --pull-request but " + std::to_string(files->size()) + " " + option +
                       ": give each pull request of the merge group its own " + option + ", in the same order");
    }
  }
  std::vector<std::pair<nlohmann::json, std::string>> pulls;
  for (const std::string& file : o.pull_request) pulls.emplace_back(ci::read_json_file(file), file);
  ci::MergeGroup group = ci::read_github_merge_group(payload, event, pulls);
  for (std::size_t k = 0; k < n; ++k) {
    ci::PullRequest& pr = group.pulls[k];
    add_reviews(pr, o.reviews.empty() ? std::string() : o.reviews[k]);
    if (!o.commits.empty()) ci::add_github_commits(pr, ci::read_json_file(o.commits[k]), o.commits[k]);
  }
  return group;
}

ci::PullRequest read_pull_request(const CiOptions& o, const std::string& provider);

Run read_run(const CiOptions& o, const std::string& provider) {
  Run run;
  if (provider == "github") {
    std::string event = o.event.empty() ? env("GITHUB_EVENT_PATH") : o.event;
    if (event.empty()) throw UsageError("--event FILE is required for GitHub (or $GITHUB_EVENT_PATH)");
    nlohmann::json payload = ci::read_json_file(event);
    if (ci::is_github_merge_group(payload) && !o.pull_request.empty()) {
      run.group = read_merge_group(o, payload, event);
      run.pulls = run.group->pulls;
      run.base = run.group->base;
      run.head = run.group->head;
      return run;
    }
    ci::PullRequest pr = ci::read_github_event(payload, event);
    add_reviews(pr, single(o.reviews, "--reviews"));
    std::string commits = single(o.commits, "--commits");
    if (!commits.empty()) ci::add_github_commits(pr, ci::read_json_file(commits), commits);
    run.pulls.push_back(std::move(pr));
  } else {
    run.pulls.push_back(read_pull_request(o, provider));
  }
  run.base = run.pulls.front().base;
  run.head = run.pulls.front().head;
  return run;
}

// GitLab and the neutral JSON: one merge (pull) request.
ci::PullRequest read_pull_request(const CiOptions& o, const std::string& provider) {
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

// Each person's account on the platform, for fixes ("Ask @erin-gh"): the username of theirs the
// pull requests show (authors, reviewers, pushers), else their first username.
std::map<std::string, std::string> platform_accounts(const Agreement& agreement, const std::vector<ci::PullRequest>& pulls) {
  std::set<std::string> seen;
  auto note = [&seen](const std::string& login) { seen.insert(lower(login)); };
  for (const ci::PullRequest& pr : pulls) {
    note(pr.author);
    for (const std::string& login : pr.pushers) note(login);
    for (const ci::Review& review : pr.reviews) note(review.login);
  }
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

std::size_t distinct_paths(const std::vector<CommitFacts>& commits) {
  std::set<std::string> paths;
  for (const CommitFacts& commit : commits) paths.insert(commit.paths.begin(), commit.paths.end());
  return paths.size();
}

// "pull request #12", "pull requests #3 and #12", "pull requests #3, #7 and #12".
std::string pulls_phrase(const std::vector<ci::PullRequest>& pulls) {
  if (pulls.size() == 1) return pulls.front().id;
  std::string out = "pull requests ";
  for (std::size_t i = 0; i < pulls.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == pulls.size() ? " and " : ", ") + ("#" + pulls[i].number);
  }
  return out;
}

void append(Judgement& from, Report& to) {
  for (auto& f : from.findings) to.findings.push_back(std::move(f));
  for (auto& a : from.areas) to.areas.push_back(std::move(a));
  for (auto& v : from.ai) to.ai.push_back(std::move(v));
}

int run_ci(const CiOptions& o) {
  Format format = parse_format(o.format);
  if (!o.agreement.empty()) load_named_agreement(o.agreement, "named by --agreement");  // missing: exit 3, said first
  std::string provider = detect_provider(o);
  Run run = read_run(o, provider);

  git::Repository repo = o.repo == "." ? git::Repository::open_from_environment() : git::Repository::discover(o.repo);
  // Every commit of base..head, and the index in run.pulls of the pull request it belongs to (-1:
  // none of them; only in a merge group).
  std::vector<CommitFacts> commits;
  std::vector<int> owner;
  if (run.group) {
    ci::GroupCommits grouped = ci::assign_group_commits(repo, *run.group);
    run.pulls = run.group->pulls;
    run.base = run.group->base;
    run.head = run.group->head;
    commits = std::move(grouped.commits);
    owner = std::move(grouped.owner);
  } else {
    ci::resolve_pr_commits(repo, run.pulls.front());
    run.base = run.pulls.front().base;
    run.head = run.pulls.front().head;
    commits = ci::pr_commit_facts(repo, run.pulls.front());
    owner.assign(commits.size(), 0);
  }
  Agreement agreement = ci::base_agreement(repo, run.base, o.agreement);
  // AI attribution in git notes (docs/ai.md): fetched into the checkout with the commits.
  git::AiNotes notes(repo.get(), agreement.ai);
  for (CommitFacts& c : commits) notes.attach(c);
  {
    git::PromotionScanner promotions(repo, agreement);  // one index of the prototype files for every commit
    for (CommitFacts& c : commits) promotions.scan(c);
  }

  Context context;
  context.trust_claims = false;
  context.where = Context::Where::ci;
  context.change_word = run.pulls.front().noun();
  context.accounts = platform_accounts(agreement, run.pulls);

  // Each pull request's commits are a change of its own, judged with its own reviews, authors and
  // pushers by the one evaluator; so is each commit of a merge group that none of them brought
  // (with no approvals: nothing the platform said approves it).
  Report report;
  std::vector<Change> changes;
  struct Judged {
    std::size_t pull;                 // index in run.pulls
    ci::ApprovalSelection selection;  // its reviews: counted and stale
    std::size_t first_area, end_area; // its areas in report.areas
  };
  std::vector<Judged> judged;
  for (std::size_t k = 0; k < run.pulls.size(); ++k) {
    const ci::PullRequest& pr = run.pulls[k];
    std::vector<CommitFacts> own;
    for (std::size_t i = 0; i < commits.size(); ++i) {
      if (owner[i] == static_cast<int>(k)) own.push_back(commits[i]);
    }
    if (run.group && own.empty()) continue;  // every commit of it came with an earlier pull request
    ci::ApprovalSelection selection = ci::select_approvals(pr, agreement.review.dismiss_stale);
    Change change = ci::make_change(pr, std::move(own), selection);
    // Where a tier limits changed lines: the pull request's diff (each queued pull request's own
    // commits in a merge group).
    if (needs_line_counts(agreement, change)) {
      change.lines = run.group ? git::landing_lines(repo.get(), std::nullopt, run.head, change.commits)
                               : git::changed_lines(repo.get(), repo.merge_base(run.base, run.head), run.head);
      change.lines_counted = true;
    }
    Judgement judgement = evaluate(agreement, change, context);
    if (run.group) ci::note_group_pull(pr, change.commits, judgement.findings);
    std::size_t first_area = report.areas.size();
    append(judgement, report);
    judged.push_back({k, std::move(selection), first_area, report.areas.size()});
    changes.push_back(std::move(change));
  }
  for (std::size_t i = 0; i < commits.size(); ++i) {
    if (owner[i] >= 0) continue;
    Change change = ci::unclaimed_change(commits[i]);
    Judgement judgement = evaluate(agreement, change, context);
    ci::note_unclaimed(commits[i], run.pulls, judgement.findings);
    append(judgement, report);
  }

  // The net effect, merge-base(base, head)..head: what a reviewer sees as the diff. In a merge group
  // it is everyone's change and nobody's review: judged with no approvals.
  std::vector<std::string> unexplained =
      git::unexplained_paths(repo, repo.merge_base(run.base, run.head), run.head, commits,
                             [&](const std::string& p) { return is_guarded(agreement, p); });
  if (!unexplained.empty()) {
    Change net = net_effect_change(repo.commit_facts(run.head), std::move(unexplained));
    for (const Change& change : changes) {
      net.extra_authors.insert(net.extra_authors.end(), change.extra_authors.begin(), change.extra_authors.end());
    }
    if (!run.group && !changes.empty()) net.approvals = changes.front().approvals;
    Judgement j = evaluate(agreement, net, context);
    append(j, report);
  }
  // Stale approvals, said last. In a merge group each pull request's reviewers are set aside in its
  // own areas only.
  for (const Judged& j : judged) {
    const ci::PullRequest& pr = run.pulls[j.pull];
    if (!run.group) {
      ci::report_stale_approvals(agreement, pr, j.selection, report);
      continue;
    }
    Report part;
    part.areas.assign(std::make_move_iterator(report.areas.begin() + j.first_area),
                      std::make_move_iterator(report.areas.begin() + j.end_area));
    ci::report_stale_approvals(agreement, pr, j.selection, part);
    std::move(part.areas.begin(), part.areas.end(), report.areas.begin() + j.first_area);
    for (auto& f : part.findings) report.findings.push_back(std::move(f));
  }
  report.commits = commits.size();
  report.paths = distinct_paths(commits);
  // Where findings without a path are located (SARIF): the base's .laneguard.toml, or the file given
  // with --agreement when it is a path inside the checkout.
  if (!o.agreement.empty() && o.agreement.front() != '/' && o.agreement.rfind("..", 0) != 0) {
    report.agreement_path = o.agreement.rfind("./", 0) == 0 ? o.agreement.substr(2) : o.agreement;
  }
  for (const ci::PullRequest& pr : run.pulls) {
    std::string state = pr.draft ? std::string("draft, ") : std::string();
    if (!pr.queued_ahead_of.empty()) {
      state += "queued ahead of #" + pr.queued_ahead_of + " in the merge group " + pr.queue_ref + ", ";
    } else if (!pr.queue_ref.empty()) {
      state += "in the merge queue as " + pr.queue_ref + ", ";
    }
    report.titles.emplace_back(pr.id, (pr.title.empty() ? std::string() : pr.title + " ") + "(" + state +
                                          "opened by " + pr.author + ")");
  }
  for (const CommitFacts& commit : commits) {
    report.titles.emplace_back(commit.id, commit.subject + " (" + commit.author.display() + ")");
  }

  ReportOptions options;
  // Drafts are judged like any other, and the summary says that it is one.
  const ci::PullRequest& last = run.pulls.back();
  options.title = "laneguard ci: " + std::string(run.pulls.size() == 1 && last.draft ? "draft " : "") +
                  pulls_phrase(run.pulls) + (run.group ? " in the merge queue" : "");
  options.area_changes = run.group.has_value();
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
  cmd->add_option("--reviews", options->reviews,
                  "GitHub: the list-reviews REST response (a merge group: one per --pull-request, same order)")
      ->allow_extra_args(false);
  cmd->add_option("--commits", options->commits,
                  "GitHub: the list-commits REST response, mapping commits to logins (a merge group: one per "
                  "--pull-request)")
      ->allow_extra_args(false);
  cmd->add_option("--pull-request", options->pull_request,
                  "GitHub merge_group events: each pull request in the group (GET /repos/O/R/pulls/N), in queue "
                  "order, the one the queue branch names last")
      ->allow_extra_args(false);
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
