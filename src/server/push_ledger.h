// Whether a push the pre-receive hook accepted really landed.
//
// git asks pre-receive first and moves the refs afterwards; the move can still fail (a concurrent
// push took the ref's lock: "cannot lock ref ... is at X but expected Y", an atomic push whose
// other ref failed, a later hook saying no). So an accepted push is *pending* in the record
// database (table `pushes`, server/database.h) until
//   - post-receive, which git runs with the refs that did move, marks it landed (settled_by
//     "post-receive"), or
//   - a reconcile (at a later push, in post-receive, or `laneguard audit reconcile`) finds it
//     older than the grace period (git config laneguard.pendingGrace) and compares its updates
//     with the refs (settled_by "reconcile"): GitHub Enterprise Server runs no post-receive, and git
//     runs none for a push of which no ref moved.
// The introducer and approval rows a pending push wrote carry its id; settling takes back those that
// claim commits no ref reaches (and the approvals of an approval ref that did not move).
#pragma once
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "server/ref_update.h"

namespace laneguard::server {

class Database;

// How long an accepted push may stay pending before a reconcile compares it with the refs.
inline constexpr std::int64_t kDefaultPendingGraceSeconds = 300;

struct PendingPush {
  std::string id;
  std::time_t decided_at = 0;
  std::string pusher;
  std::int64_t receiver = 0;  // pid of git receive-pack
  std::vector<RefUpdate> updates;
  bool audited = false;       // its decision is in the audit log: so is its landing
};

// What settling changed, for the audit log.
struct Settlement {
  bool settled = false;               // false: someone else settled it first
  std::size_t introducers_taken_back = 0;
  std::size_t approvals_taken_back = 0;
};

class PushLedger {
 public:
  explicit PushLedger(std::string database_path);
  ~PushLedger();
  PushLedger(PushLedger&&) noexcept;
  PushLedger& operator=(PushLedger&&) noexcept;

  const std::string& path() const { return path_; }

  // Records an accepted push as pending; returns its new id (32 hex digits). `audited`: its
  // decision goes to the audit log (it touches a protected ref), and so will its landing.
  std::string open_pending(const std::vector<RefUpdate>& updates, const std::string& pusher, std::int64_t receiver,
                           bool audited, std::time_t when = std::time(nullptr)) const;

  // Pending pushes decided at or before `cutoff`, oldest first, at most `limit`.
  std::vector<PendingPush> pending(std::time_t cutoff, std::size_t limit) const;

  // Settles `push` as landed (when any of `landed` is true) or not-landed, once: only the first
  // caller for a push settles it. In the same transaction takes back the push's introducer rows
  // for `unclaimed` (commits no ref reaches) and its approval rows of every approval ref whose
  // update did not land. `landed` is parallel to push.updates.
  Settlement settle(const PendingPush& push, const std::vector<bool>& landed, const std::string& by,
                    const std::vector<std::string>& unclaimed, std::time_t when = std::time(nullptr)) const;

  // The state of a push: "pending", "landed", "not-landed", or "" when the ledger has none.
  std::string state_of(const std::string& id) const;

 private:
  Database& db() const;
  std::string path_;
  mutable std::unique_ptr<Database> db_;
};

}  // namespace laneguard::server
