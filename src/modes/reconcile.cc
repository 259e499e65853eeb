// laneguard reconcile [--grace SECONDS]: in a server repository, settles the accepted pushes still
// pending (server/push_ledger.h) against the refs: landed or not-landed, one audit line each, and
// the introducer and approval records of what did not land taken back. Every push and post-receive
// does this too; run it on a platform without post-receive (GitHub Enterprise Server) when pushes
// are rare, or from cron.
#include <ctime>
#include <iostream>

#include "git/repository.h"
#include "modes/modes.h"
#include "server/audit_log.h"
#include "server/introducer_store.h"
#include "server/landing.h"
#include "server/push_ledger.h"
#include "util/error.h"

namespace laneguard {
namespace {

using namespace server;

int run_reconcile(std::int64_t grace_option) {
  git::Repository repo = git::Repository::open_from_environment();
  const std::int64_t grace = grace_option >= 0 ? grace_option : pending_grace(repo, &std::cerr);
  IntroducerStore store = IntroducerStore::for_repository(repo);
  PushLedger ledger(store.path());
  const std::time_t now = std::time(nullptr);
  std::size_t landed = 0, not_landed = 0;
  for (;;) {  // in batches, so that a long backlog settles in one run
    auto settled = reconcile(repo, ledger, audit_log_path(repo), grace, now, 500);
    for (const LandingOutcome& o : settled) {
      bool any = false;
      for (bool l : o.landed) any = any || l;
      (any ? landed : not_landed)++;
      std::cout << "push " << o.push.id << " by " << o.push.pusher << ": " << (any ? "landed" : "not-landed");
      if (o.settlement.introducers_taken_back || o.settlement.approvals_taken_back)
        std::cout << " (took back " << o.settlement.introducers_taken_back << " introducer and "
                  << o.settlement.approvals_taken_back << " approval record(s))";
      std::cout << "\n";
    }
    if (settled.empty()) break;
  }
  const std::size_t still = ledger.pending(now + 1, 1000000).size();
  std::cout << "reconciled " << landed + not_landed << " push(es): " << landed << " landed, " << not_landed
            << " not landed; " << still << " still pending (younger than " << grace << " s)\n";
  return kExitOk;
}

}  // namespace

void register_reconcile(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("reconcile",
                                 "server: settle accepted pushes still pending against the refs (landed or not)");
  auto grace = std::make_shared<std::int64_t>(-1);
  cmd->add_option("--grace", *grace,
                  "Settle pushes decided at least this many seconds ago (default: git config "
                  "laneguard.pendingGrace, else 300)")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([grace, &exit_code] { exit_code = run_reconcile(*grace); });
}

}  // namespace laneguard
