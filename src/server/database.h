// The server's record database: one SQLite file per repository (git config `laneguard.database`,
// default GIT_DIR/laneguard/laneguard.db) holding what the hooks must remember between pushes.
//
// Opened in WAL mode (readers never wait for a writer), with a busy timeout (concurrent writers
// queue instead of failing) and synchronous = FULL (a committed transaction is on disk before the
// hook answers). The schema is versioned with PRAGMA user_version; each step in database.cc's
// migration list runs once, inside a write transaction, whichever process opens the file first.
//
// Tables (schema version 3):
//   introducers(commit BLOB PRIMARY KEY, pusher TEXT, pushed_at INTEGER,   who first pushed a commit
//               push_id TEXT)                                              (push_id: version 3)
//   meta(key TEXT PRIMARY KEY, value TEXT)                                  bookkeeping (imports)
//   approvals(commit BLOB, approver TEXT, approved_at INTEGER, ref TEXT,   approvals given by push
//             push_id TEXT, PRIMARY KEY(commit, approver))                 (version 2; push_id: 3)
//   pushes(push_id TEXT PRIMARY KEY, decided_at, pusher, receiver,          accepted pushes and whether
//          updates, audited, state, settled_at, settled_by, landed_refs)            they landed (version 3)
// A later version adds its tables as a new migration step.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace laneguard::server {

// How long a writer waits for another writer's transaction before giving up (milliseconds).
inline constexpr int kDatabaseBusyTimeoutMs = 10000;

class Statement;

class Database {
 public:
  // Opens (creating it and its directory as needed) and brings the schema up to date.
  // Throws GitError naming the file and SQLite's message.
  explicit Database(std::string path);

  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_.get(); }

  // Runs one or more statements that return no rows.
  void exec(const char* sql);
  Statement prepare(const char* sql);

  // Rows changed by the last INSERT/UPDATE/DELETE.
  std::int64_t changes() const;

  // A GitError for the last failure: "<what> <path>: <sqlite message>".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::string path_;
  std::unique_ptr<sqlite3, Close> db_;
};

// A prepared statement; bind with 1-based indexes, step() until it returns false.
class Statement {
 public:
  Statement(Database& db, const char* sql);
  void bind(int index, std::string_view text);          // TEXT
  void bind_blob(int index, std::string_view bytes);    // BLOB
  void bind(int index, std::int64_t value);             // INTEGER
  bool step();                                           // true: a row is ready
  std::string text(int column) const;                    // column as text ("" for NULL)
  std::int64_t integer(int column) const;
  void reset();                                          // ready to bind and step again

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  Database* db_;
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
};

// BEGIN IMMEDIATE ... COMMIT: takes the write lock up front (waiting up to the busy timeout), so
// two writers never deadlock upgrading a read. Rolls back unless commit() was called.
class WriteTransaction {
 public:
  explicit WriteTransaction(Database& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// Commit ids are stored as their raw bytes: 20 (SHA-1) or 32 (SHA-256). nullopt when `hex` is not
// a 40- or 64-digit hexadecimal id.
std::optional<std::string> id_to_bytes(std::string_view hex);
std::string bytes_to_id(std::string_view bytes);

}  // namespace laneguard::server
