// `laneguard init [--force] [--from FILE]`: write the default agreement (or a shipped policy)
// to .laneguard.toml at the repository root, atomically, never clobbering one by accident.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "agreement/agreement.h"
#include "agreement/locate.h"
#include "modes/modes.h"
#include "util/error.h"

namespace laneguard {

namespace {

[[noreturn]] void io_failure(const std::string& what, const std::string& path, int err) {
  throw GitError("cannot " + what + " " + path + ": " + std::strerror(err));
}

// Writes `content` to `path` through a temporary file in the same directory and rename(2), so a
// reader never sees half a file.
void write_atomically(const std::string& path, std::string_view content) {
  std::string tmp = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) io_failure("create a temporary file next to", path, errno);
  auto fail = [&](const std::string& what) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    io_failure(what, tmp, err);
  };
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write");
    done += static_cast<size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0) fail("set the mode of");
  if (::fsync(fd) != 0) fail("flush");
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    io_failure("close", tmp, err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    io_failure("rename " + tmp + " to", path, err);
  }
}

std::string read_policy(const std::string& from) {
  load_agreement_file(from);  // validates it (AgreementError names the problem)
  std::ifstream in(from, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

void register_init(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("init", "Write the default agreement to .laneguard.toml at the repository root");
  auto force = std::make_shared<bool>(false);
  auto from = std::make_shared<std::string>();
  cmd->add_flag("--force", *force, "Replace an existing .laneguard.toml");
  cmd->add_option("--from", *from, "Start from this agreement file (e.g. a policy shipped in share/laneguard/policies)");
  cmd->callback([&exit_code, force, from] {
    auto root = worktree_root();
    if (!root)
      throw UsageError("not inside a git working tree: run `laneguard init` in your repository (after `git init`)");
    std::string path = *root + "/" + kAgreementFileName;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0 && !*force) {
      std::cerr << "laneguard: " << path << " already exists; not overwriting it (use --force to replace it)\n";
      exit_code = kExitUsage;
      return;
    }
    std::string content = from->empty() ? std::string(embedded_default_agreement()) : read_policy(*from);
    write_atomically(path, content);
    std::cout << "wrote " << path << " (" << (from->empty() ? std::string("the default working agreement") : *from)
              << ").\nNext: list your people under [people.*], add them to the lanes' members, run `laneguard lint`, "
                 "and commit it.\n";
    exit_code = kExitOk;
  });
}

}  // namespace laneguard
