// Approvals given by push (`laneguard approve`): who approved which commit, recorded by the
// pre-receive hook from the authenticated pusher of a push to refs/laneguard/approvals/.
//
// A table of the server's record database (server/database.h, the same SQLite file as the
// introducers), one row per (commit, approver account): approving a commit again changes nothing,
// and the first push's time and ref are kept. Rows are never deleted or rewritten by a push. A
// commit id names exactly one content, so a rebased or amended commit (a new id) has no approvals
// until someone approves it.
#pragma once
#include <ctime>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "git/repository.h"

namespace laneguard::server {

class Database;

// One recorded approval of one commit.
struct PushedApproval {
  std::string approver;  // the hosting account that pushed it (a username or an email)
  std::time_t when = 0;  // unix time of the push
  std::string ref;       // the approval ref it was pushed to
};

class ApprovalStore {
 public:
  explicit ApprovalStore(std::string database_path);
  ~ApprovalStore();
  ApprovalStore(ApprovalStore&&) noexcept;
  ApprovalStore& operator=(ApprovalStore&&) noexcept;

  // The repository's record database (git config laneguard.database, else
  // GIT_DIR/laneguard/laneguard.db): the introducer store's file.
  static ApprovalStore for_repository(const git::Repository& repo);

  const std::string& path() const { return path_; }
  // Whether the database file exists (`check` reads approvals only where a server keeps them).
  bool exists() const;

  // The recorded approvals of each of `ids` that has any, oldest first.
  std::unordered_map<std::string, std::vector<PushedApproval>> lookup(const std::unordered_set<std::string>& ids) const;

  // Records `approver` as an approver of every id in `ids`, in one durable transaction; ids she
  // already approved keep their first record. Returns how many records were added. `push_id`: the
  // pending push that writes them (server/push_ledger.h): they go again if its ref does not move.
  std::size_t record(const std::vector<std::string>& ids, const std::string& approver, const std::string& ref,
                     std::time_t when = std::time(nullptr), const std::string& push_id = "") const;

  // Break glass: deletes what the approval ref `ref` recorded. Returns how many records went.
  std::size_t withdraw(const std::string& ref) const;

 private:
  Database& db() const;  // opened on first use
  std::string path_;
  mutable std::unique_ptr<Database> db_;
};

}  // namespace laneguard::server
