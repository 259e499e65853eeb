#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "server/append_file.h"
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
}  // namespace

TEST_CASE("introducer store: the first pusher of a commit stays its introducer") {
  TempDir dir;
  IntroducerStore store(IntroducerStore::default_path(dir.path));
  CHECK(store.path() == dir.path + "/laneguard/introducers");
  CHECK(store.lookup({id(1)}).empty());  // no file yet
  CHECK(store.record({id(1), id(2)}, "erin") == 2);
  CHECK(store.record({id(2), id(3)}, "pat") == 1);  // id(2) is erin's already
  auto found = store.lookup({id(1), id(2), id(3), id(4)});
  CHECK(found.size() == 3);
  CHECK(found[id(1)] == "erin");
  CHECK(found[id(2)] == "erin");
  CHECK(found[id(3)] == "pat");
}

TEST_CASE("introducer store: an incomplete last line is not a record") {
  TempDir dir;
  std::string path = dir.path + "/introducers";
  { std::ofstream(path) << id(1) << " erin 1\n" << id(2) << " pa"; }
  auto found = IntroducerStore(path).lookup({id(1), id(2)});
  CHECK(found.size() == 1);
  CHECK(found.count(id(1)));
}

TEST_CASE("introducer store: concurrent writers never interleave or lose a line") {
  TempDir dir;
  std::string path = dir.path + "/introducers";
  const int kWriters = 6, kPerWriter = 300;
  std::vector<pid_t> children;
  for (int w = 0; w < kWriters; ++w) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      IntroducerStore store(path);
      for (int i = 0; i < kPerWriter; ++i) store.record({id(w * 100000 + i)}, "writer" + std::to_string(w));
      ::_exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  std::ifstream in(path);
  std::string line;
  std::set<std::string> ids;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    std::istringstream f(line);
    std::string commit, who, when;
    f >> commit >> who >> when;
    CHECK(commit.size() == 40);
    CHECK(who.rfind("writer", 0) == 0);
    ids.insert(commit);
  }
  CHECK(lines == kWriters * kPerWriter);
  CHECK(ids.size() == static_cast<std::size_t>(kWriters * kPerWriter));
}

TEST_CASE("resolve_against") {
  CHECK(resolve_against("/srv/repo.git", "laneguard/audit.log") == "/srv/repo.git/laneguard/audit.log");
  CHECK(resolve_against("/srv/repo.git", "/var/log/lg.log") == "/var/log/lg.log");
}
