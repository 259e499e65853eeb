#include "server/database.h"

#include <chrono>
#include <filesystem>
#include <thread>

#include "util/error.h"

namespace laneguard::server {
namespace {

// The schema, one step per version (PRAGMA user_version = index + 1). Append, never edit a step
// that has shipped: databases in the field have run it already.
const char* const kMigrations[] = {
    // 1: who first pushed each commit; bookkeeping (the one-time import of the old text store).
    "CREATE TABLE introducers(\n"
    "  commit_id BLOB PRIMARY KEY NOT NULL,  -- raw object id bytes\n"
    "  pusher TEXT NOT NULL,                 -- the authenticated pusher, '-' when unknown\n"
    "  pushed_at INTEGER NOT NULL            -- unix time of the push\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;\n",
    // 2: approvals given by push (laneguard approve): who approved which commit, once per account.
    "CREATE TABLE approvals(\n"
    "  commit_id BLOB NOT NULL,              -- raw object id bytes of the approved commit\n"
    "  approver TEXT NOT NULL,               -- the authenticated pusher of the approval push\n"
    "  approved_at INTEGER NOT NULL,         -- unix time of the first such push\n"
    "  ref TEXT NOT NULL,                    -- the approval ref it was pushed to\n"
    "  PRIMARY KEY(commit_id, approver)\n"
    ") WITHOUT ROWID;\n",
    // 3: whether an accepted push landed (server/push_ledger.h). git can still fail to move a ref
    // after pre-receive accepted (a concurrent push took its lock), so the push is pending until
    // post-receive or a reconcile says which refs moved; the introducer and approval rows a push
    // wrote name it, so those of a push that did not land can be taken back. Rows from before
    // this step have no push (NULL): they stand as recorded.
    "CREATE TABLE pushes(\n"
    "  push_id TEXT PRIMARY KEY NOT NULL,    -- random, in the audit log's decision line as \"push\"\n"
    "  decided_at INTEGER NOT NULL,          -- unix time pre-receive accepted it\n"
    "  pusher TEXT NOT NULL,                 -- the authenticated pusher, '-' when unknown\n"
    "  receiver INTEGER NOT NULL,            -- pid of git receive-pack (pre- and post-receive share it)\n"
    "  updates TEXT NOT NULL,                -- '<old> <new> <ref>' lines, as pre-receive read them\n"
    "  audited INTEGER NOT NULL,             -- 1: its decision is in the audit log (a protected ref)\n"
    "  state TEXT NOT NULL CHECK(state IN ('pending', 'landed', 'not-landed')),\n"
    "  settled_at INTEGER,                   -- unix time the state left 'pending'\n"
    "  settled_by TEXT,                      -- 'post-receive' or 'reconcile'\n"
    "  landed_refs TEXT                      -- the refs that moved, one a line\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX pushes_pending ON pushes(state, decided_at);\n"
    "ALTER TABLE introducers ADD COLUMN push_id TEXT;  -- the push that wrote the row (NULL: before step 3)\n"
    "ALTER TABLE approvals ADD COLUMN push_id TEXT;\n",
};
constexpr int kSchemaVersion = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

// Waiting for another writer: poll every millisecond or so (SQLite's own handler backs off to
// 100 ms sleeps, so under a stream of short transactions a waiter starves while newcomers win).
int wait_for_lock(void* deadline_ms, int attempt) {
  using namespace std::chrono;
  static thread_local steady_clock::time_point give_up;
  if (attempt == 0) give_up = steady_clock::now() + milliseconds(*static_cast<int*>(deadline_ms));
  if (steady_clock::now() >= give_up) return 0;
  std::this_thread::sleep_for(microseconds(500 + (attempt * 7919) % 1000));
  return 1;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Database::Database(std::string path) : path_(std::move(path)) {
  std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) throw GitError("cannot create directory " + parent.string() + ": " + ec.message());
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path_.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  db_.reset(raw);  // sqlite3_open_v2 hands back a handle even on failure: closed by db_
  if (rc != SQLITE_OK) fail("cannot open database");
  sqlite3_extended_result_codes(raw, 1);
  static int timeout_ms = kDatabaseBusyTimeoutMs;
  sqlite3_busy_handler(raw, wait_for_lock, &timeout_ms);
  // Switching to WAL takes a brief exclusive lock the busy handler does not always wait for when
  // several processes create the file at once: retry within the same timeout.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(kDatabaseBusyTimeoutMs);
  for (;;) {
    Statement wal(*this, "PRAGMA journal_mode=WAL");
    try {
      if (wal.step() && wal.text(0) == "wal") break;
      throw GitError("cannot switch " + path_ + " to WAL mode");
    } catch (const GitError&) {
      int code = sqlite3_errcode(raw) & 0xff;
      if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || std::chrono::steady_clock::now() > give_up) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  exec("PRAGMA synchronous=FULL");

  auto version = [this] {
    Statement v(*this, "PRAGMA user_version");
    v.step();
    return static_cast<int>(v.integer(0));
  };
  if (version() >= kSchemaVersion) return;
  WriteTransaction tx(*this);
  int have = version();  // another process may have migrated while this one waited for the lock
  for (int step = have; step < kSchemaVersion; ++step) exec(kMigrations[step]);
  if (have < kSchemaVersion) exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
  tx.commit();
}

void Database::exec(const char* sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &message);
  if (message) sqlite3_free(message);
  if (rc != SQLITE_OK) fail(std::string("cannot update database (") + sql + ")");
}

Statement Database::prepare(const char* sql) { return Statement(*this, sql); }

std::int64_t Database::changes() const { return sqlite3_changes64(db_.get()); }

void Database::fail(const std::string& what) const {
  if (!db_) throw GitError(what + " " + path_ + ": out of memory");
  throw GitError(what + " " + path_ + ": " + sqlite3_errmsg(db_.get()) + " (SQLite error " +
                 std::to_string(sqlite3_extended_errcode(db_.get())) + ")");
}

Statement::Statement(Database& db, const char* sql) : db_(&db) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db.handle(), sql, -1, &raw, nullptr) != SQLITE_OK) db.fail("cannot query database");
  stmt_.reset(raw);
}

void Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
    db_->fail("cannot query database");
}

void Statement::bind_blob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail("cannot query database");
}

void Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK) db_->fail("cannot query database");
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail("cannot read or write database");
}

std::string Statement::text(int column) const {
  const unsigned char* p = sqlite3_column_text(stmt_.get(), column);
  if (!p) return "";
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), column)));
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_.get(), column); }

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

WriteTransaction::WriteTransaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

WriteTransaction::~WriteTransaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void WriteTransaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

std::optional<std::string> id_to_bytes(std::string_view hex) {
  if (hex.size() != 40 && hex.size() != 64) return std::nullopt;
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

std::string bytes_to_id(std::string_view bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0xf];
  }
  return out;
}

}  // namespace laneguard::server
