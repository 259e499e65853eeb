// Who first brought each commit to the server (SPEC section 2: introducers are authors).
//
// A table in the server's record database (server/database.h: SQLite, git config
// `laneguard.database`, default GIT_DIR/laneguard/laneguard.db), one row per commit: commit id,
// pusher, unix time. A lookup is one indexed read per commit, whatever the store's size; a record
// is one durable transaction; concurrent pushes queue on SQLite's write lock. The first record
// for a commit wins: later pushes of the same commit by someone else never rewrite who introduced
// it. The database is not an object or a ref, so gc and repacks never touch it.
//
// Older versions kept an append-only text file ("<commit> <pusher> <time>" lines, git config
// `laneguard.introducers`, default GIT_DIR/laneguard/introducers). Opening the store imports it
// once, in committed chunks so that an interrupted import resumes where it stopped; lines appended
// to it later (an older binary still installed somewhere) are imported the next time. The text
// file is left in place and never written again.
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

class IntroducerStore {
 public:
  // `path`: the database. `legacy_text`: an old text store to import ("" for none).
  explicit IntroducerStore(std::string path, std::string legacy_text = "");
  ~IntroducerStore();
  IntroducerStore(IntroducerStore&&) noexcept;
  IntroducerStore& operator=(IntroducerStore&&) noexcept;

  // The store of a repository: git config laneguard.database and laneguard.introducers (the old
  // text file), both relative to the git dir, else their defaults.
  static IntroducerStore for_repository(const git::Repository& repo);

  // The default database location for a repository whose git dir is `git_dir`, and the old text file's.
  static std::string default_path(const std::string& git_dir);
  static std::string default_legacy_path(const std::string& git_dir);

  const std::string& path() const { return path_; }
  const std::string& legacy_path() const { return legacy_; }

  // The recorded introducer of each of `ids` that has one (commit id -> pusher).
  std::unordered_map<std::string, std::string> lookup(const std::unordered_set<std::string>& ids) const;

  // When each of `ids` that has a record was first pushed (commit id -> seconds since the epoch),
  // in one read transaction (`laneguard report`: a change's first appearance on the server).
  std::unordered_map<std::string, std::int64_t> introduced_at(const std::vector<std::string>& ids) const;

  // Records `pusher` as the introducer of every id in `ids` that has no introducer yet, in one
  // durable transaction. Returns how many records were added. `push_id`: the pending push
  // (server/push_ledger.h) that writes them, so that they go again if it does not land.
  std::size_t record(const std::vector<std::string>& ids, const std::string& pusher,
                     std::time_t when = std::time(nullptr), const std::string& push_id = "") const;

 private:
  Database& db() const;  // opened (and the old text file imported) on first use
  std::string path_, legacy_;
  mutable std::unique_ptr<Database> db_;
};

// Imports what `legacy_text` holds beyond what an earlier import took (complete lines only), at
// most `chunk_lines` lines per transaction. Returns the number of lines read. Exposed for tests.
std::size_t import_legacy_introducers(Database& db, const std::string& legacy_text,
                                      std::size_t chunk_lines = 200000);

}  // namespace laneguard::server
