// laneguard post-receive: confirms that the push pre-receive accepted landed (git passes only the
// refs that moved: server/push_ledger.h), settles earlier pushes still pending past the grace
// period, and records who first brought each commit to the server (the introducer store,
// server/introducer_store.h), so that pushing a change under a colleague's name to a feature
// branch first does not make its later approval by the same pusher count.
#include <unistd.h>

#include <iostream>
#include <unordered_set>

#include "git/repository.h"
#include "modes/modes.h"
#include "server/append_file.h"
#include "server/environment.h"
#include "server/history.h"
#include "server/audit_log.h"
#include "server/introducer_store.h"
#include "server/landing.h"
#include "server/push_ledger.h"
#include "server/ref_update.h"
#include "util/error.h"

namespace laneguard {
namespace {

using namespace server;

// Pending pushes past the grace period that one post-receive settles at most.
constexpr std::size_t kReconcileLimit = 50;

// The refs have moved already: what no ref reached before is what the updated refs now reach
// beyond their old tips and the current tips of every ref this push did not touch.
std::vector<std::string> introduced_by(const git::Repository& repo, const std::vector<RefUpdate>& updates) {
  std::unordered_set<std::string> updated;
  for (const auto& u : updates) updated.insert(u.ref);
  std::vector<std::string> hidden;
  for (const auto& u : updates)
    if (!u.creates())
      if (auto c = peel_to_commit(repo, u.old_id); !c.empty()) hidden.push_back(c);
  for (auto& tip : branch_and_other_tips_except(repo, updated)) hidden.push_back(std::move(tip));
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& u : updates) {
    if (u.deletes()) continue;
    std::string tip = peel_to_commit(repo, u.new_id);
    if (tip.empty()) continue;
    for (auto& id : repo.commits_between(tip, hidden))
      if (seen.insert(id).second) out.push_back(std::move(id));
  }
  return out;
}

int run_post_receive(std::istream& in, std::ostream& err) {
  try {
    auto updates = parse_ref_updates(in);
    Pusher pusher = pusher_from_env(process_env());
    git::Repository repo = git::Repository::open_for_hook();
    IntroducerStore store = IntroducerStore::for_repository(repo);
    std::string problem;
    try {
      PushLedger ledger(store.path());
      const std::string audit_path = audit_log_path(repo);
      confirm_moved(repo, ledger, updates, ::getppid(), audit_path);
      reconcile(repo, ledger, audit_path, pending_grace(repo, &err), std::time(nullptr), kReconcileLimit);
    } catch (const std::exception& e) {
      problem = e.what();
    }
    store.record(introduced_by(repo, updates), pusher.username);
    if (!problem.empty()) {
      err << "laneguard: could not record whether the push landed: " << problem << "\n";
      return kExitGit;
    }
    return kExitOk;
  } catch (const std::exception& e) {
    err << "laneguard: could not record who introduced the pushed commits: " << e.what() << "\n";
    return kExitGit;
  }
}

}  // namespace

void register_post_receive(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("post-receive",
                                 "server hook: record who first pushed each commit (ref updates on stdin)");
  cmd->callback([&exit_code] { exit_code = run_post_receive(std::cin, std::cerr); });
}

}  // namespace laneguard
