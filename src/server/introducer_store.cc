#include "server/introducer_store.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "server/append_file.h"
#include "server/database.h"
#include "util/error.h"

namespace laneguard::server {
namespace {

// A pusher is a hosting account name; "-" stands for an unknown one, as in the old text store.
std::string stored_pusher(const std::string& pusher) { return pusher.empty() ? "-" : pusher; }

std::string import_key(const std::string& legacy_text) { return "import-offset:" + legacy_text; }
// Where an import last stopped at an incomplete last line: a torn write (an older binary killed
// mid-line). Whatever later completes that line is not a record.
std::string torn_key(const std::string& legacy_text) { return "import-torn:" + legacy_text; }

std::int64_t meta_offset(Database& db, const std::string& key, std::int64_t absent) {
  Statement q(db, "SELECT value FROM meta WHERE key = ?1");
  q.bind(1, key);
  return q.step() ? std::strtoll(q.text(0).c_str(), nullptr, 10) : absent;
}
std::int64_t imported_offset(Database& db, const std::string& legacy_text) {
  return meta_offset(db, import_key(legacy_text), 0);
}
void set_meta(Database& db, const std::string& key, std::int64_t value) {
  Statement mark(db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)");
  mark.bind(1, key);
  mark.bind(2, std::to_string(value));
  mark.step();
}

struct File {
  std::FILE* f = nullptr;
  ~File() { if (f) std::fclose(f); }
};
struct Line {
  char* data = nullptr;
  std::size_t capacity = 0;
  ~Line() { std::free(data); }
};

}  // namespace

IntroducerStore::IntroducerStore(std::string path, std::string legacy_text)
    : path_(std::move(path)), legacy_(std::move(legacy_text)) {}
IntroducerStore::~IntroducerStore() = default;
IntroducerStore::IntroducerStore(IntroducerStore&&) noexcept = default;
IntroducerStore& IntroducerStore::operator=(IntroducerStore&&) noexcept = default;

std::string IntroducerStore::default_path(const std::string& git_dir) {
  return resolve_against(git_dir, "laneguard/laneguard.db");
}

std::string IntroducerStore::default_legacy_path(const std::string& git_dir) {
  return resolve_against(git_dir, "laneguard/introducers");
}

IntroducerStore IntroducerStore::for_repository(const git::Repository& repo) {
  const std::string git_dir = repo.git_dir();
  auto database = repo.config_string("laneguard.database");
  auto legacy = repo.config_string("laneguard.introducers");
  return IntroducerStore(database && !database->empty() ? resolve_against(git_dir, *database) : default_path(git_dir),
                         legacy && !legacy->empty() ? resolve_against(git_dir, *legacy) : default_legacy_path(git_dir));
}

Database& IntroducerStore::db() const {
  if (!db_) {
    auto db = std::make_unique<Database>(path_);
    if (!legacy_.empty()) import_legacy_introducers(*db, legacy_);
    db_ = std::move(db);
  }
  return *db_;
}

namespace {

// One column of the introducer records of `ids` that have one, in one read transaction (one
// snapshot, one lock for the whole push): `column(q)` reads it from the selected row. Callers skip
// it for no ids (the database is then not opened).
template <typename Value, typename Ids, typename Column>
std::unordered_map<std::string, Value> read_column(Database& database, const Ids& ids, const char* select,
                                                   Column column) {
  std::unordered_map<std::string, Value> found;
  database.exec("BEGIN");
  struct End {
    Database& db;
    ~End() { sqlite3_exec(db.handle(), "COMMIT", nullptr, nullptr, nullptr); }
  } end{database};
  Statement q(database, select);
  for (const auto& id : ids) {
    auto key = id_to_bytes(id);
    if (!key) continue;
    q.bind_blob(1, *key);
    if (q.step()) found.emplace(id, column(q));
    q.reset();
  }
  return found;
}

}  // namespace

std::unordered_map<std::string, std::string> IntroducerStore::lookup(
    const std::unordered_set<std::string>& ids) const {
  if (ids.empty()) return {};
  return read_column<std::string>(db(), ids, "SELECT pusher FROM introducers WHERE commit_id = ?1",
                                  [](Statement& q) { return q.text(0); });
}

std::unordered_map<std::string, std::int64_t> IntroducerStore::introduced_at(const std::vector<std::string>& ids) const {
  if (ids.empty()) return {};
  return read_column<std::int64_t>(db(), ids, "SELECT pushed_at FROM introducers WHERE commit_id = ?1",
                                   [](Statement& q) { return q.integer(0); });
}

std::size_t IntroducerStore::record(const std::vector<std::string>& ids, const std::string& pusher,
                                    std::time_t when, const std::string& push_id) const {
  Database& database = db();  // opened (and an old text store imported) even for no ids
  if (ids.empty()) return 0;
  WriteTransaction tx(database);
  Statement insert(database,
                   "INSERT OR IGNORE INTO introducers(commit_id, pusher, pushed_at, push_id) VALUES (?1, ?2, ?3, ?4)");
  const std::string who = stored_pusher(pusher);
  std::size_t added = 0;
  for (const auto& id : ids) {
    auto key = id_to_bytes(id);
    if (!key) throw GitError("cannot record the introducer of '" + id + "': not a commit id");
    insert.bind_blob(1, *key);
    insert.bind(2, who);
    insert.bind(3, static_cast<std::int64_t>(when));
    if (!push_id.empty()) insert.bind(4, push_id);  // else NULL: a record no push can take back
    insert.step();
    added += static_cast<std::size_t>(database.changes());
    insert.reset();
  }
  tx.commit();
  return added;
}

std::size_t import_legacy_introducers(Database& db, const std::string& legacy_text, std::size_t chunk_lines) {
  struct stat st{};
  if (::stat(legacy_text.c_str(), &st) != 0) return 0;  // nothing to import
  if (st.st_size <= imported_offset(db, legacy_text)) return 0;
  // Millions of random keys: a large page cache for the import, sorted inserts within a chunk.
  db.exec("PRAGMA cache_size=-262144");
  struct Row {
    std::string key, who;
    std::int64_t when;
  };
  std::size_t total = 0;
  for (;;) {
    WriteTransaction tx(db);
    std::int64_t offset = imported_offset(db, legacy_text);  // another process may have imported meanwhile
    File in;
    in.f = std::fopen(legacy_text.c_str(), "rb");
    if (!in.f) throw GitError("cannot open " + legacy_text + " to import it into " + db.path());
    if (::fseeko(in.f, offset, SEEK_SET) != 0) throw GitError("cannot read " + legacy_text);
    Line line;
    std::vector<Row> rows;
    std::size_t lines = 0;
    std::int64_t end = offset;
    const std::int64_t torn_at = meta_offset(db, torn_key(legacy_text), -1);
    bool torn = false;
    ssize_t n;
    while (lines < chunk_lines && (n = ::getline(&line.data, &line.capacity, in.f)) > 0) {
      std::string_view text(line.data, static_cast<std::size_t>(n));
      if (text.back() != '\n') {  // an incomplete last line is not a record: remember where it began
        torn = true;
        break;
      }
      const bool was_torn = end == torn_at;
      end += n;
      ++lines;
      if (was_torn) continue;  // the torn line, completed by a later write: still not a record
      text.remove_suffix(1);
      std::size_t sp = text.find(' ');
      if (sp == std::string_view::npos) continue;
      auto key = id_to_bytes(text.substr(0, sp));
      if (!key) continue;
      std::string_view rest = text.substr(sp + 1);
      std::size_t sp2 = rest.find(' ');
      std::string_view who = rest.substr(0, sp2);
      std::int64_t when =
          sp2 == std::string_view::npos ? 0 : std::strtoll(std::string(rest.substr(sp2 + 1)).c_str(), nullptr, 10);
      rows.push_back({std::move(*key), std::string(who.empty() ? std::string_view("-") : who), when});
    }
    if (std::ferror(in.f)) throw GitError("cannot read " + legacy_text);
    if (lines == 0) {
      if (torn && torn_at != end) {
        set_meta(db, torn_key(legacy_text), end);
        tx.commit();
      }
      return total;
    }
    // Stable: of two lines for one commit the earlier is inserted first, and INSERT OR IGNORE keeps it.
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
    Statement insert(db, "INSERT OR IGNORE INTO introducers(commit_id, pusher, pushed_at) VALUES (?1, ?2, ?3)");
    for (const Row& r : rows) {
      insert.bind_blob(1, r.key);
      insert.bind(2, r.who);
      insert.bind(3, r.when);
      insert.step();
      insert.reset();
    }
    set_meta(db, import_key(legacy_text), end);
    if (torn) set_meta(db, torn_key(legacy_text), end);
    tx.commit();
    total += lines;
  }
}

}  // namespace laneguard::server
