// laneguard approve [REVISION...] [--remote NAME]: approve what you reviewed, by push. Pushes each
// revision to refs/laneguard/approvals/<you>/<commit> on the remote; the server's pre-receive hook
// records the authenticated pusher as an approver of the commits it has that no protected branch
// has (server/approval_push.h) and answers with what it recorded.
#include <git2.h>

#include <iostream>
#include <sstream>

#include "git/worktree_agreement.h"
#include "facts/identity.h"
#include "git/git_process.h"
#include "git/handle.h"
#include "git/landed.h"
#include "git/repository.h"
#include "local/hook_env.h"
#include "local/push.h"
#include "modes/modes.h"
#include "server/approval_push.h"
#include "util/error.h"

namespace laneguard {
namespace {

struct ApproveOptions {
  std::vector<std::string> revisions;
  std::string remote;
};

// The remote of the current branch's upstream, else "origin".
std::string default_remote(const git::Repository& repo) {
  git_reference* head = nullptr;
  if (git_repository_head(&head, repo.get()) == 0) {
    git::ReferencePtr owned(head);
    if (git_reference_is_branch(head)) {
      std::string branch = git_reference_shorthand(head);
      if (auto r = repo.config_string("branch." + branch + ".remote"); r && !r->empty() && *r != ".") return *r;
    }
  }
  return "origin";
}

// The agreement the server judges with, as far as this clone knows: the remote's default branch's.
Agreement agreement_of(const git::Repository& repo, const std::string& remote) {
  std::string head = "refs/remotes/" + remote + "/HEAD";
  if (auto text = repo.read_file_at(head, kAgreementFileName)) return parse_agreement(*text, head + ":" + kAgreementFileName);
  return load_agreement_for_worktree(std::nullopt);
}

// Who you are in the agreement: git config laneguard.user (a person's key, username or email), else
// your user.email.
std::string approver_key(const git::Repository& repo, const Agreement& agreement) {
  if (auto configured = repo.config_string("laneguard.user"); configured && !configured->empty()) {
    if (const Person* p = agreement.person(*configured)) return p->key;
    if (const Person* p = resolve_person(agreement, account_identity(*configured))) return p->key;
    return *configured;
  }
  local::LocalUser user = local::local_user(repo);
  if (const Person* p = resolve_person(agreement, user.committer)) return p->key;
  throw UsageError("cannot tell who you are in the agreement (" + agreement.source + "): your user.email (" +
                   (user.committer.email.empty() ? std::string("unset") : user.committer.email) +
                   ") is not in any [people] entry. Set git config laneguard.user to your name there "
                   "(git config laneguard.user erin)");
}

std::string resolve(const git::Repository& repo, const std::string& revision, const std::string& remote) {
  if (auto id = repo.resolve_commit(revision)) return *id;
  if (auto id = repo.resolve_commit("refs/remotes/" + remote + "/" + revision)) return *id;
  throw UsageError("unknown revision '" + revision + "' (neither here nor as " + remote + "/" + revision +
                   "; git fetch " + remote + " first?)");
}

int run_approve(const ApproveOptions& opt) {
  git::Repository repo = local::open_local_repository();
  const std::string remote = opt.remote.empty() ? default_remote(repo) : opt.remote;
  Agreement agreement = agreement_of(repo, remote);
  const std::string me = approver_key(repo, agreement);
  std::vector<std::string> revisions = opt.revisions.empty() ? std::vector<std::string>{"HEAD"} : opt.revisions;

  // What each approval covers, as far as this clone knows the remote's protected branches.
  std::vector<std::string> protected_tips;
  for (const auto& [branch, tip] : local::remote_tracking_branches(repo, remote))
    if (agreement.is_protected_branch(branch)) protected_tips.push_back(tip);
  std::vector<std::string> args{"push", "--porcelain", remote};
  for (const std::string& revision : revisions) {
    std::string id = resolve(repo, revision, remote);
    std::vector<std::string> commits = git::landed_commits(repo, id, std::nullopt, protected_tips);
    std::cout << "approving " << revision << " (" << id.substr(0, 12) << ") as " << me << ": " << commits.size()
              << " commit(s) not on " << remote << "'s protected branches\n";
    for (std::size_t i = 0; i < commits.size() && i < 10; ++i) {
      CommitFacts c = repo.commit_facts(commits[i]);
      std::cout << "  " << c.id.substr(0, 12) << " " << c.subject << " (" << c.author.display() << ")\n";
    }
    if (commits.size() > 10) std::cout << "  ... and " << commits.size() - 10 << " more\n";
    args.push_back(id + ":" + server::approval_ref(me, id));
  }
  std::cout.flush();

  git::GitProcess push(args);
  int recorded = 0, already = 0, refused = 0;
  for (std::string line; push.next_line(line);) {
    // --porcelain: "<flag>\t<from>:<to>\t<summary>"; '*' new, '=' up to date, '!' rejected.
    if (line.size() < 2 || line[1] != '\t') continue;
    if (line[0] == '*') ++recorded;
    else if (line[0] == '=') ++already;
    else if (line[0] == '!') ++refused;
  }
  int status = push.wait();
  std::cerr << push.stderr_text();
  if (already) std::cout << already << " approval(s) were already recorded on " << remote << " (approving again changes nothing)\n";
  if (refused || status != 0) {
    std::cerr << "laneguard approve: " << (refused ? "the server refused the approval" : "git push failed")
              << " (see above)\n";
    return refused ? kExitBlocked : kExitGit;
  }
  if (recorded) std::cout << recorded << " approval(s) recorded on " << remote << "\n";
  return kExitOk;
}

}  // namespace

void register_approve(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<ApproveOptions>();
  CLI::App* cmd = app.add_subcommand(
      "approve", "Approve what you reviewed, by push: the server records you as an approver of those commits");
  cmd->add_option("revisions", opt->revisions,
                  "Branches or commits you reviewed (default HEAD); a name not found here is tried as REMOTE/NAME");
  cmd->add_option("--remote", opt->remote, "The server's remote (default: the current branch's upstream, else origin)");
  cmd->footer("Each REVISION is pushed to refs/laneguard/approvals/<you>/<commit>: the server records your\n"
              "approval of the commits it has that its protected branches do not. You are git config\n"
              "laneguard.user, else the person whose emails hold your user.email. A rebased commit is a new\n"
              "commit: approve again after a rebase.");
  cmd->callback([opt, &exit_code] { exit_code = run_approve(*opt); });
}

}  // namespace laneguard
