#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "server/approval_push.h"
#include "server/approval_store.h"
#include "server/database.h"
#include "server/introducer_store.h"

using namespace laneguard::server;

namespace {
struct TempDir {
  std::string path;
  TempDir() {
    char buf[] = "/tmp/lg-approvals-test-XXXXXX";
    path = ::mkdtemp(buf);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};
std::string id(int n) {
  std::ostringstream s;
  s << std::hex << n;
  return std::string(40 - s.str().size(), '0') + s.str();
}
}  // namespace

TEST_CASE("approval store: one record per commit and approver, first push kept, withdrawn by ref") {
  TempDir dir;
  ApprovalStore store(dir.path + "/laneguard/laneguard.db");
  CHECK_FALSE(store.exists());
  CHECK(store.lookup({id(1)}).empty());
  CHECK(store.exists());
  CHECK(store.record({id(1), id(2)}, "eli", "refs/laneguard/approvals/eli/a", 100) == 2);
  CHECK(store.record({id(2), id(3)}, "eli", "refs/laneguard/approvals/eli/b", 200) == 1);  // id(2) again: kept
  CHECK(store.record({id(2)}, "erin", "refs/laneguard/approvals/erin/c", 300) == 1);
  auto found = store.lookup({id(1), id(2), id(3), id(4)});
  CHECK(found.size() == 3);
  REQUIRE(found[id(2)].size() == 2);
  CHECK(found[id(2)][0].approver == "eli");
  CHECK(found[id(2)][0].ref == "refs/laneguard/approvals/eli/a");
  CHECK(found[id(2)][0].when == 100);
  CHECK(found[id(2)][1].approver == "erin");
  CHECK(store.withdraw("refs/laneguard/approvals/eli/a") == 2);
  found = store.lookup({id(1), id(2), id(3)});
  CHECK(found.count(id(1)) == 0);
  REQUIRE(found[id(2)].size() == 1);
  CHECK(found[id(2)][0].approver == "erin");
  CHECK(found[id(3)].size() == 1);
  CHECK_THROWS(store.record({"not-an-id"}, "eli", "r"));
  CHECK_THROWS(store.record({id(5)}, "", "r"));  // no authenticated pusher, no approval
}

TEST_CASE("approval store: a version-1 database gains the approvals table and keeps its introducers") {
  TempDir dir;
  const std::string path = dir.path + "/laneguard.db";
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "CREATE TABLE introducers(commit_id BLOB PRIMARY KEY NOT NULL, pusher TEXT NOT NULL, "
                         "pushed_at INTEGER NOT NULL) WITHOUT ROWID;"
                         "CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;"
                         "INSERT INTO introducers VALUES (x'0000000000000000000000000000000000000001', 'pat', 1);"
                         "PRAGMA user_version=1;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  ApprovalStore approvals(path);
  CHECK(approvals.record({id(1)}, "eli", "refs/laneguard/approvals/eli/x") == 1);
  IntroducerStore introducers(path);
  CHECK(introducers.lookup({id(1)})[id(1)] == "pat");
  Database db(path);
  Statement v(db, "PRAGMA user_version");
  REQUIRE(v.step());
  CHECK(v.integer(0) == 3);  // every step since (3: pushes, server/push_ledger.h)
}

TEST_CASE("approval refs: refs/laneguard/approvals/<who>/<name>, nothing else") {
  auto r = parse_approval_ref("refs/laneguard/approvals/eli/" + id(7));
  REQUIRE(r);
  CHECK(r->who == "eli");
  CHECK(r->name == id(7));
  CHECK(approval_ref("eli", id(7)) == "refs/laneguard/approvals/eli/" + id(7));
  CHECK_FALSE(parse_approval_ref("refs/laneguard/approvals/eli"));
  CHECK_FALSE(parse_approval_ref("refs/laneguard/approvals//x"));
  CHECK_FALSE(parse_approval_ref("refs/laneguard/approvals/eli/"));
  CHECK_FALSE(parse_approval_ref("refs/laneguard/approvals/eli/a/b"));
  CHECK_FALSE(parse_approval_ref("refs/laneguard/notes/eli/x"));
  CHECK_FALSE(parse_approval_ref("refs/heads/laneguard/approvals/eli/x"));
}
