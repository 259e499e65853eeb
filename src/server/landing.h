// Settling pending pushes (server/push_ledger.h) against the refs, and writing the audit line
// that says whether each landed.
#pragma once
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "git/repository.h"
#include "server/push_ledger.h"

namespace laneguard::server {

struct LandingOutcome {
  PendingPush push;
  std::vector<bool> landed;  // parallel to push.updates
  Settlement settlement;
};

// git config laneguard.pendingGrace (seconds, default kDefaultPendingGraceSeconds); a value that
// is not a whole number of seconds is ignored with a warning on `err` (nullptr: silently).
std::int64_t pending_grace(const git::Repository& repo, std::ostream* err);

// Whether each update is on the refs now (reconcile's test, for a push post-receive did not
// confirm): the ref is at the new id or has it in its history (a later push built on it); a
// deletion landed when the ref is no longer at the old id.
std::vector<bool> updates_on_refs(const git::Repository& repo, const std::vector<RefUpdate>& updates);

// The commits the updates that did not land brought that no ref reaches now.
std::vector<std::string> unclaimed_commits(const git::Repository& repo, const std::vector<RefUpdate>& updates,
                                           const std::vector<bool>& landed);

// Settles `push` (once, whoever comes first) and appends its landing line to the audit log
// `audit_path`. nullopt when another hook settled it first.
std::optional<LandingOutcome> settle_push(const git::Repository& repo, const PushLedger& ledger, const PendingPush& push,
                                          const std::vector<bool>& landed, const std::string& by,
                                          const std::string& audit_path);

// post-receive: the pending push these moved updates belong to (the one this receive-pack,
// `receiver`, opened, else the oldest whose updates hold every moved one), settled with them.
std::optional<LandingOutcome> confirm_moved(const git::Repository& repo, const PushLedger& ledger,
                                            const std::vector<RefUpdate>& moved, std::int64_t receiver,
                                            const std::string& audit_path);

// Every pending push decided at least `grace` seconds before `now` (at most `limit`, oldest
// first), settled by updates_on_refs.
std::vector<LandingOutcome> reconcile(const git::Repository& repo, const PushLedger& ledger, const std::string& audit_path,
                                      std::int64_t grace, std::time_t now, std::size_t limit);

}  // namespace laneguard::server
