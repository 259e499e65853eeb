#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/append_file.h"

using namespace laneguard::server;

namespace {
struct TempDir {
  std::string path;
  TempDir() {
    char buf[] = "/tmp/lg-append-test-XXXXXX";
    path = ::mkdtemp(buf);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};
}  // namespace

// A full disk, simulated with RLIMIT_FSIZE: the write that crosses the limit is short (it writes
// up to the limit) and the retry fails (EFBIG), the same sequence as a short write then ENOSPC.
TEST_CASE("append_durably: a record that cannot be written whole leaves no fragment behind") {
  TempDir dir;
  const std::string path = dir.path + "/audit.log";
  const std::string first = "{\"verdict\":\"accept\",\"n\":1}\n";
  append_durably(path, first);
  const auto size_before = std::filesystem::file_size(path);

  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{size_before + 10, size_before + 10};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    int rc = 0;
    try {
      append_durably(path, "{\"verdict\":\"accept\",\"n\":2,\"padding\":\"" + std::string(200, 'x') + "\"}\n");
      rc = 1;  // it must not claim success
    } catch (const std::exception& e) {
      rc = std::string(e.what()).find("cannot write") != std::string::npos ? 0 : 2;
    }
    ::_exit(rc);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(std::filesystem::file_size(path) == size_before);  // the 10-byte fragment was cut off again

  // The next record starts on a line of its own: every line is a whole record.
  append_durably(path, "{\"verdict\":\"reject\",\"n\":3}\n");
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  CHECK(all.str() == first + "{\"verdict\":\"reject\",\"n\":3}\n");
}
