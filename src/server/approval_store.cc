#include "server/approval_store.h"

#include <sys/stat.h>

#include "server/database.h"
#include "server/introducer_store.h"
#include "util/error.h"

namespace laneguard::server {

ApprovalStore::ApprovalStore(std::string database_path) : path_(std::move(database_path)) {}
ApprovalStore::~ApprovalStore() = default;
ApprovalStore::ApprovalStore(ApprovalStore&&) noexcept = default;
ApprovalStore& ApprovalStore::operator=(ApprovalStore&&) noexcept = default;

ApprovalStore ApprovalStore::for_repository(const git::Repository& repo) {
  return ApprovalStore(IntroducerStore::for_repository(repo).path());
}

bool ApprovalStore::exists() const {
  struct stat st{};
  return ::stat(path_.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

Database& ApprovalStore::db() const {
  if (!db_) db_ = std::make_unique<Database>(path_);
  return *db_;
}

std::unordered_map<std::string, std::vector<PushedApproval>> ApprovalStore::lookup(
    const std::unordered_set<std::string>& ids) const {
  std::unordered_map<std::string, std::vector<PushedApproval>> found;
  if (ids.empty()) return found;
  Database& database = db();
  database.exec("BEGIN");  // one snapshot for the whole push
  struct End {
    Database& db;
    ~End() { sqlite3_exec(db.handle(), "COMMIT", nullptr, nullptr, nullptr); }
  } end{database};
  Statement q(database,
              "SELECT approver, approved_at, ref FROM approvals WHERE commit_id = ?1 ORDER BY approved_at, approver");
  for (const auto& id : ids) {
    auto key = id_to_bytes(id);
    if (!key) continue;
    q.bind_blob(1, *key);
    while (q.step()) found[id].push_back({q.text(0), static_cast<std::time_t>(q.integer(1)), q.text(2)});
    q.reset();
  }
  return found;
}

std::size_t ApprovalStore::record(const std::vector<std::string>& ids, const std::string& approver,
                                  const std::string& ref, std::time_t when, const std::string& push_id) const {
  if (approver.empty()) throw GitError("cannot record an approval without an authenticated pusher");
  Database& database = db();
  if (ids.empty()) return 0;
  WriteTransaction tx(database);
  Statement insert(database,
                   "INSERT OR IGNORE INTO approvals(commit_id, approver, approved_at, ref, push_id) VALUES (?1, ?2, ?3, ?4, ?5)");
  std::size_t added = 0;
  for (const auto& id : ids) {
    auto key = id_to_bytes(id);
    if (!key) throw GitError("cannot record an approval of '" + id + "': not a commit id");
    insert.bind_blob(1, *key);
    insert.bind(2, approver);
    insert.bind(3, static_cast<std::int64_t>(when));
    insert.bind(4, ref);
    if (!push_id.empty()) insert.bind(5, push_id);
    insert.step();
    added += static_cast<std::size_t>(database.changes());
    insert.reset();
  }
  tx.commit();
  return added;
}

std::size_t ApprovalStore::withdraw(const std::string& ref) const {
  Database& database = db();
  WriteTransaction tx(database);
  Statement del(database, "DELETE FROM approvals WHERE ref = ?1");
  del.bind(1, ref);
  del.step();
  auto gone = static_cast<std::size_t>(database.changes());
  tx.commit();
  return gone;
}

}  // namespace laneguard::server
