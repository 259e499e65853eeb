#include "server/push_ledger.h"

#include <random>
#include <sstream>

#include "server/database.h"
#include "util/error.h"

namespace laneguard::server {
namespace {

std::string random_id() {
  std::random_device device;  // /dev/urandom
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t word = device();
    for (int k = 0; k < 8; ++k, word >>= 4) out += digits[word & 15];
  }
  return out;
}

std::string updates_text(const std::vector<RefUpdate>& updates) {
  std::string out;
  for (const auto& u : updates) out += u.old_id + " " + u.new_id + " " + u.ref + "\n";
  return out;
}

std::vector<RefUpdate> parse_updates(const std::string& text) {
  std::istringstream in(text);
  return parse_ref_updates(in);
}

}  // namespace

PushLedger::PushLedger(std::string database_path) : path_(std::move(database_path)) {}
PushLedger::~PushLedger() = default;
PushLedger::PushLedger(PushLedger&&) noexcept = default;
PushLedger& PushLedger::operator=(PushLedger&&) noexcept = default;

Database& PushLedger::db() const {
  if (!db_) db_ = std::make_unique<Database>(path_);
  return *db_;
}

std::string PushLedger::open_pending(const std::vector<RefUpdate>& updates, const std::string& pusher,
                                     std::int64_t receiver, bool audited, std::time_t when) const {
  Database& database = db();
  const std::string id = random_id();
  WriteTransaction tx(database);
  Statement insert(database,
                   "INSERT INTO pushes(push_id, decided_at, pusher, receiver, updates, audited, state) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending')");
  insert.bind(1, id);
  insert.bind(2, static_cast<std::int64_t>(when));
  insert.bind(3, pusher.empty() ? std::string("-") : pusher);
  insert.bind(4, receiver);
  insert.bind(5, updates_text(updates));
  insert.bind(6, static_cast<std::int64_t>(audited ? 1 : 0));
  insert.step();
  tx.commit();
  return id;
}

std::vector<PendingPush> PushLedger::pending(std::time_t cutoff, std::size_t limit) const {
  Database& database = db();
  Statement q(database,
              "SELECT push_id, decided_at, pusher, receiver, updates, audited FROM pushes "
              "WHERE state = 'pending' AND decided_at <= ?1 ORDER BY decided_at, push_id LIMIT ?2");
  q.bind(1, static_cast<std::int64_t>(cutoff));
  q.bind(2, static_cast<std::int64_t>(limit));
  std::vector<PendingPush> out;
  while (q.step()) {
    PendingPush p;
    p.id = q.text(0);
    p.decided_at = static_cast<std::time_t>(q.integer(1));
    p.pusher = q.text(2);
    p.receiver = q.integer(3);
    p.audited = q.integer(5) != 0;
    try {
      p.updates = parse_updates(q.text(4));
    } catch (const std::exception&) {
      p.updates.clear();  // unreadable (edited by hand): settled as not landed, its rows kept
    }
    out.push_back(std::move(p));
  }
  return out;
}

Settlement PushLedger::settle(const PendingPush& push, const std::vector<bool>& landed, const std::string& by,
                              const std::vector<std::string>& unclaimed, std::time_t when) const {
  Database& database = db();
  Settlement out;
  bool any = false;
  std::string landed_refs;
  for (std::size_t i = 0; i < push.updates.size() && i < landed.size(); ++i)
    if (landed[i]) {
      any = true;
      landed_refs += push.updates[i].ref + "\n";
    }
  WriteTransaction tx(database);
  Statement mark(database,
                 "UPDATE pushes SET state = ?2, settled_at = ?3, settled_by = ?4, landed_refs = ?5 "
                 "WHERE push_id = ?1 AND state = 'pending'");
  mark.bind(1, push.id);
  mark.bind(2, std::string(any ? "landed" : "not-landed"));
  mark.bind(3, static_cast<std::int64_t>(when));
  mark.bind(4, by);
  mark.bind(5, landed_refs);
  mark.step();
  if (database.changes() == 0) return out;  // settled already (by a concurrent hook), or unknown
  out.settled = true;
  Statement take_back(database, "DELETE FROM introducers WHERE commit_id = ?1 AND push_id = ?2");
  for (const auto& id : unclaimed) {
    auto key = id_to_bytes(id);
    if (!key) continue;
    take_back.bind_blob(1, *key);
    take_back.bind(2, push.id);
    take_back.step();
    out.introducers_taken_back += static_cast<std::size_t>(database.changes());
    take_back.reset();
  }
  Statement approvals(database, "DELETE FROM approvals WHERE ref = ?1 AND push_id = ?2");
  for (std::size_t i = 0; i < push.updates.size() && i < landed.size(); ++i) {
    if (landed[i]) continue;
    approvals.bind(1, push.updates[i].ref);
    approvals.bind(2, push.id);
    approvals.step();
    out.approvals_taken_back += static_cast<std::size_t>(database.changes());
    approvals.reset();
  }
  tx.commit();
  return out;
}

std::string PushLedger::state_of(const std::string& id) const {
  Statement q(db(), "SELECT state FROM pushes WHERE push_id = ?1");
  q.bind(1, id);
  return q.step() ? q.text(0) : "";
}

}  // namespace laneguard::server
