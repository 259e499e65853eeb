#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "server/append_file.h"
#include "server/database.h"
#include "server/introducer_store.h"

using namespace laneguard::server;

namespace {
struct TempDir {
  std::string path;
  TempDir() {
    char buf[] = "/tmp/lg-store-test-XXXXXX";
    path = ::mkdtemp(buf);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};
std::string id(int n) {
  std::ostringstream s;
  s << std::hex << n;
  return std::string(40 - s.str().size(), '0') + s.str();
}
std::int64_t count_rows(Database& db, const char* sql) {
  Statement q(db, sql);
  REQUIRE(q.step());
  return q.integer(0);
}
}  // namespace

TEST_CASE("introducer store: the first pusher of a commit stays its introducer") {
  TempDir dir;
  IntroducerStore store(IntroducerStore::default_path(dir.path));
  CHECK(store.path() == dir.path + "/laneguard/laneguard.db");
  CHECK(IntroducerStore::default_legacy_path(dir.path) == dir.path + "/laneguard/introducers");
  CHECK(store.lookup({id(1)}).empty());  // a new database
  CHECK(store.record({id(1), id(2)}, "erin") == 2);
  CHECK(store.record({id(2), id(3)}, "pat") == 1);  // id(2) is erin's already
  auto found = store.lookup({id(1), id(2), id(3), id(4)});
  CHECK(found.size() == 3);
  CHECK(found[id(1)] == "erin");
  CHECK(found[id(2)] == "erin");
  CHECK(found[id(3)] == "pat");
  // A second connection (another hook process) sees the committed records.
  CHECK(IntroducerStore(store.path()).lookup({id(3)}).at(id(3)) == "pat");
}

TEST_CASE("introducer store: names are kept as given, an unknown pusher is '-', SHA-256 ids work") {
  TempDir dir;
  IntroducerStore store(dir.path + "/db");
  std::string sha256(64, 'a');
  CHECK(store.record({sha256}, "Erin Smith") == 1);
  CHECK(store.record({id(9)}, "") == 1);
  auto found = store.lookup({sha256, id(9), "not-an-id"});
  CHECK(found.at(sha256) == "Erin Smith");
  CHECK(found.at(id(9)) == "-");
  CHECK_THROWS(store.record({"zz"}, "erin"));
}

TEST_CASE("introducer store: the database is in WAL mode with durable commits") {
  TempDir dir;
  IntroducerStore store(dir.path + "/db");
  store.record({id(1)}, "erin");
  Database db(dir.path + "/db");
  Statement mode(db, "PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.text(0) == "wal");
  Statement sync(db, "PRAGMA synchronous");
  REQUIRE(sync.step());
  CHECK(sync.integer(0) == 2);  // FULL
  Statement plan(db, "EXPLAIN QUERY PLAN SELECT pusher FROM introducers WHERE commit_id = ?1");
  REQUIRE(plan.step());
  CHECK(plan.text(3).find("PRIMARY KEY") != std::string::npos);  // an indexed lookup, not a scan
}

TEST_CASE("introducer store: the old text file is imported once: its first line wins") {
  TempDir dir;
  std::string legacy = dir.path + "/introducers";
  {
    std::ofstream out(legacy);
    out << id(1) << " pat 100\n" << id(2) << " erin 101\n" << id(1) << " eli 102\n"  // id(1): pat's
        << "garbage line\n" << id(3) << " eli 103\n" << id(4) << " pa";             // incomplete last line
  }
  IntroducerStore store(dir.path + "/db", legacy);
  auto found = store.lookup({id(1), id(2), id(3), id(4)});
  CHECK(found.size() == 3);
  CHECK(found.at(id(1)) == "pat");
  CHECK(found.at(id(2)) == "erin");
  CHECK(found.at(id(3)) == "eli");
  CHECK(!found.count(id(4)));
  // The old store is still there, untouched.
  CHECK(std::filesystem::exists(legacy));
  // An older binary finishes the line and appends more: the next opening imports the tail only.
  { std::ofstream(legacy, std::ios::app) << "t 104\n" << id(5) << " erin 105\n"; }
  CHECK(store.record({id(6)}, "pat") == 1);  // this connection already imported
  IntroducerStore again(dir.path + "/db", legacy);
  found = again.lookup({id(4), id(5), id(6)});
  CHECK(found.size() == 2);  // "…pa" + "t 104" is not a valid line for id(4): it was never complete
  CHECK(found.at(id(5)) == "erin");
  CHECK(found.at(id(6)) == "pat");
  Database db(dir.path + "/db");
  CHECK(count_rows(db, "SELECT count(*) FROM introducers") == 5);
  CHECK(import_legacy_introducers(db, legacy) == 0);  // nothing new: not read again
}

TEST_CASE("introducer store: an import interrupted between chunks resumes where it stopped") {
  TempDir dir;
  std::string legacy = dir.path + "/introducers";
  {
    std::ofstream out(legacy);
    for (int i = 0; i < 1000; ++i) out << id(i) << " w" << i << " " << i << "\n";
  }
  {
    Database db(dir.path + "/db");
    CHECK(import_legacy_introducers(db, legacy, 100) == 1000);  // ten committed chunks
    CHECK(count_rows(db, "SELECT count(*) FROM introducers") == 1000);
  }
  auto found = IntroducerStore(dir.path + "/db", legacy).lookup({id(0), id(999)});
  CHECK(found.at(id(0)) == "w0");
  CHECK(found.at(id(999)) == "w999");
}

TEST_CASE("introducer store: concurrent writers (and concurrent creation) never lose a record") {
  TempDir dir;
  std::string path = dir.path + "/sub/db";  // neither the directory nor the file exists yet
  const int kWriters = 6, kPerWriter = 200;
  std::vector<pid_t> children;
  for (int w = 0; w < kWriters; ++w) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int rc = 0;
      try {
        IntroducerStore store(path);
        for (int i = 0; i < kPerWriter; ++i) {
          // Every writer also claims a shared id: exactly one of them wins it.
          store.record({id(w * 100000 + i + 1), id(0)}, "writer" + std::to_string(w));
          if (store.lookup({id(w * 100000 + i + 1)}).size() != 1) rc = 2;
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "writer %d: %s\n", w, e.what());
        rc = 1;
      }
      ::_exit(rc);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  Database db(path);
  CHECK(count_rows(db, "SELECT count(*) FROM introducers") == kWriters * kPerWriter + 1);
  Statement check(db, "PRAGMA integrity_check");
  REQUIRE(check.step());
  CHECK(check.text(0) == "ok");
  IntroducerStore store(path);
  for (int w = 0; w < kWriters; ++w)
    CHECK(store.lookup({id(w * 100000 + 7)}).at(id(w * 100000 + 7)) == "writer" + std::to_string(w));
}

TEST_CASE("id_to_bytes") {
  CHECK(id_to_bytes(id(255)).value() == std::string(19, '\0') + "\xff");
  CHECK(bytes_to_id(*id_to_bytes(id(0xabc))) == id(0xabc));
  CHECK(!id_to_bytes("abc"));
  CHECK(!id_to_bytes(std::string(40, 'g')));
}

TEST_CASE("resolve_against") {
  CHECK(resolve_against("/srv/repo.git", "laneguard/audit.log") == "/srv/repo.git/laneguard/audit.log");
  CHECK(resolve_against("/srv/repo.git", "/var/log/lg.log") == "/var/log/lg.log");
}
