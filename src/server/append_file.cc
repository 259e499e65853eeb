#include "server/append_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/error.h"

namespace laneguard::server {
namespace {

// Closes the descriptor on every path out.
struct Fd {
  int fd = -1;
  ~Fd() { if (fd >= 0) ::close(fd); }
};

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw GitError(what + " " + path + ": " + std::strerror(errno));
}

void make_parent(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) throw GitError("cannot create directory " + parent.string() + ": " + ec.message());
}

}  // namespace

void append_durably(const std::string& path, const std::string& text) {
  make_parent(path);
  Fd f;
  f.fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (f.fd < 0) fail("cannot open", path);
  while (::flock(f.fd, LOCK_EX) != 0) {
    if (errno != EINTR) fail("cannot lock", path);
  }
  // Where this record starts: under the lock no other writer moves the end. A record that cannot
  // be written whole (a full disk after a short write) is cut off again, so the next record never
  // glues onto a fragment.
  const off_t start = ::lseek(f.fd, 0, SEEK_END);
  if (start < 0) fail("cannot seek", path);
  auto undo = [&](const char* what) {
    int err = errno;
    if (::ftruncate(f.fd, start) == 0) ::fsync(f.fd);
    errno = err;
    fail(what, path);
  };
  // One write(2) per record on an O_APPEND descriptor under the lock; loop only for the rare
  // short write, still under the lock, so no other writer can slip in between.
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(f.fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      undo("cannot write");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(f.fd) != 0) undo("cannot sync");
  // The lock is released when the descriptor closes.
}

std::string read_locked(const std::string& path) {
  Fd f;
  f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (f.fd < 0) {
    if (errno == ENOENT) return "";
    fail("cannot open", path);
  }
  while (::flock(f.fd, LOCK_SH) != 0) {
    if (errno != EINTR) fail("cannot lock", path);
  }
  std::string out;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot read", path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::string resolve_against(const std::string& base, const std::string& path) {
  if (path.empty() || path.front() == '/' || base.empty()) return path;
  return (std::filesystem::path(base) / path).lexically_normal().string();
}

}  // namespace laneguard::server
