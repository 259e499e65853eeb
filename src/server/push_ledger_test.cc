#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "server/approval_store.h"
#include "server/database.h"
#include "server/introducer_store.h"
#include "server/push_ledger.h"

using namespace laneguard::server;

namespace {
struct TempDir {
  std::string path;
  TempDir() {
    char buf[] = "/tmp/lg-ledger-test-XXXXXX";
    path = ::mkdtemp(buf);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};
std::string id(int n) {
  std::ostringstream s;
  s << std::hex << n;
  return std::string(40 - s.str().size(), '0') + s.str();
}
const std::string kZero(40, '0');
}  // namespace

TEST_CASE("push ledger: a pending push settles once, and takes back only its own unclaimed records") {
  TempDir dir;
  const std::string path = dir.path + "/laneguard.db";
  PushLedger ledger(path);
  IntroducerStore introducers(path);
  ApprovalStore approvals(path);
  std::vector<RefUpdate> updates{{id(1), id(2), "refs/heads/main"},
                                 {kZero, id(9), "refs/laneguard/approvals/eli/" + id(9)}};
  const std::string push = ledger.open_pending(updates, "erin", 4242, true, 1000);
  CHECK(push.size() == 32);
  CHECK(ledger.state_of(push) == "pending");
  CHECK(ledger.state_of("nope") == "");
  introducers.record({id(2), id(3)}, "erin", 1000, push);
  introducers.record({id(4)}, "pat", 1000);  // no push: never taken back
  approvals.record({id(5)}, "eli", updates[1].ref, 1000, push);

  auto before = ledger.pending(999, 10);
  CHECK(before.empty());  // decided after the cutoff
  auto due = ledger.pending(1000, 10);
  REQUIRE(due.size() == 1);
  CHECK(due[0].id == push);
  CHECK(due[0].pusher == "erin");
  CHECK(due[0].receiver == 4242);
  CHECK(due[0].audited);
  REQUIRE(due[0].updates.size() == 2);
  CHECK(due[0].updates[1].ref == updates[1].ref);

  // main did not land, the approval ref did; id(3) is unclaimed, and so (wrongly asked) is id(4).
  Settlement s = ledger.settle(due[0], {false, true}, "reconcile", {id(3), id(4)}, 2000);
  CHECK(s.settled);
  CHECK(s.introducers_taken_back == 1);
  CHECK(s.approvals_taken_back == 0);  // its ref landed
  CHECK(ledger.state_of(push) == "landed");
  auto found = introducers.lookup({id(2), id(3), id(4)});
  CHECK(found.count(id(2)) == 1);
  CHECK(found.count(id(3)) == 0);
  CHECK(found[id(4)] == "pat");
  CHECK(ledger.pending(5000, 10).empty());

  // A second settle (another hook racing) changes nothing.
  Settlement again = ledger.settle(due[0], {false, false}, "post-receive", {id(2)}, 3000);
  CHECK_FALSE(again.settled);
  CHECK(ledger.state_of(push) == "landed");
  CHECK(introducers.lookup({id(2)}).count(id(2)) == 1);
}

TEST_CASE("push ledger: an approval ref that did not move takes its approvals back") {
  TempDir dir;
  const std::string path = dir.path + "/laneguard.db";
  PushLedger ledger(path);
  ApprovalStore approvals(path);
  const std::string ref = "refs/laneguard/approvals/eli/" + id(7);
  const std::string push = ledger.open_pending({{kZero, id(7), ref}}, "eli", 1, true, 10);
  const std::string other = ledger.open_pending({{kZero, id(7), ref}}, "eli", 2, true, 10);
  approvals.record({id(7), id(6)}, "eli", ref, 10, push);
  Settlement s = ledger.settle(ledger.pending(10, 10).at(push < other ? 0 : 1), {false}, "reconcile", {}, 20);
  CHECK(s.settled);
  CHECK(s.approvals_taken_back == 2);
  CHECK(ledger.state_of(push) == "not-landed");
  CHECK(ledger.state_of(other) == "pending");
  CHECK(approvals.lookup({id(7), id(6)}).empty());
}

TEST_CASE("push ledger: a version-2 database gains the pushes table, its rows kept without a push") {
  TempDir dir;
  const std::string path = dir.path + "/laneguard.db";
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "CREATE TABLE introducers(commit_id BLOB PRIMARY KEY NOT NULL, pusher TEXT NOT NULL, "
                         "pushed_at INTEGER NOT NULL) WITHOUT ROWID;"
                         "CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;"
                         "CREATE TABLE approvals(commit_id BLOB NOT NULL, approver TEXT NOT NULL, "
                         "approved_at INTEGER NOT NULL, ref TEXT NOT NULL, PRIMARY KEY(commit_id, approver)) "
                         "WITHOUT ROWID;"
                         "INSERT INTO introducers VALUES (x'0000000000000000000000000000000000000001', 'pat', 1);"
                         "INSERT INTO approvals VALUES (x'0000000000000000000000000000000000000001', 'eli', 2, 'r');"
                         "PRAGMA user_version=2;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  PushLedger ledger(path);
  const std::string push = ledger.open_pending({{id(1), id(2), "refs/heads/main"}}, "erin", 1, false, 5);
  // Settling any push never takes back a row from before step 3 (push_id NULL).
  CHECK(ledger.settle(ledger.pending(5, 1).at(0), {false}, "reconcile", {id(1)}, 6).introducers_taken_back == 0);
  CHECK(IntroducerStore(path).lookup({id(1)})[id(1)] == "pat");
  CHECK(ApprovalStore(path).lookup({id(1)}).at(id(1)).at(0).approver == "eli");
  Database db(path);
  Statement v(db, "PRAGMA user_version");
  REQUIRE(v.step());
  CHECK(v.integer(0) == 3);
  Statement nulls(db, "SELECT count(*) FROM introducers WHERE push_id IS NULL");
  REQUIRE(nulls.step());
  CHECK(nulls.integer(0) == 1);
}
