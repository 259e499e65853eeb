#include "git/git_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.h"

extern char** environ;

namespace laneguard::git {

GitProcess::GitProcess(const std::vector<std::string>& args, const std::vector<std::pair<std::string, std::string>>& env) {
  command_ = "git";
  for (const auto& a : args) command_ += " " + a;
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string s = *e;
    bool replaced = false;
    for (const auto& kv : env) replaced |= s.compare(0, kv.first.size() + 1, kv.first + "=") == 0;
    if (!replaced) env_strings.push_back(std::move(s));
  }
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_strings = {"git"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw GitError(std::string("cannot run git: ") + std::strerror(errno));
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    int e = errno;
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    throw GitError(std::string("cannot run git: ") + std::strerror(e));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  int rc = ::posix_spawnp(&pid_, "git", &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    pid_ = -1;
    throw GitError(std::string("cannot run git (is it installed and on PATH?): ") + std::strerror(rc));
  }
  out_fd_ = out_pipe[0];
  int err_fd = err_pipe[0];
  err_reader_ = std::thread([this, err_fd] {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(err_fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
      if (n > 0 && err_.size() < (1u << 20)) err_.append(buf, static_cast<size_t>(n));
    ::close(err_fd);
  });
}

GitProcess::~GitProcess() {
  if (pid_ > 0 && status_ < 0) ::kill(pid_, SIGTERM);
  if (out_fd_ >= 0) ::close(out_fd_);
  out_fd_ = -1;
  if (pid_ > 0 && status_ < 0) {
    int st = 0;
    while (::waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
    }
  }
  if (err_reader_.joinable()) err_reader_.join();
}

bool GitProcess::fill() {
  if (eof_ || out_fd_ < 0) return false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  char buf[65536];
  ssize_t n;
  do n = ::read(out_fd_, buf, sizeof buf);
  while (n < 0 && errno == EINTR);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  buffer_.append(buf, static_cast<size_t>(n));
  return true;
}

bool GitProcess::next_line(std::string& line) {
  for (;;) {
    size_t nl = buffer_.find('\n', pos_);
    if (nl != std::string::npos) {
      line.assign(buffer_, pos_, nl - pos_);
      pos_ = nl + 1;
      return true;
    }
    if (!fill()) {
      if (pos_ < buffer_.size()) {
        line.assign(buffer_, pos_, std::string::npos);
        pos_ = buffer_.size();
        return true;
      }
      return false;
    }
  }
}

std::string GitProcess::read_rest() {
  while (fill()) {
  }
  std::string rest = buffer_.substr(pos_);
  buffer_.clear();
  pos_ = 0;
  return rest;
}

int GitProcess::wait() {
  if (status_ >= 0) return status_;
  std::string ignored;
  while (next_line(ignored)) {
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  out_fd_ = -1;
  int st = 0;
  while (::waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
  }
  if (err_reader_.joinable()) err_reader_.join();
  status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  return status_;
}

}  // namespace laneguard::git
