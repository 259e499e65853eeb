#include "server/git_paths.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "util/error.h"

extern char** environ;

namespace laneguard::server {
namespace {

struct TempDir {
  std::string path;
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/laneguard-paths-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data())) throw GitError(std::string("cannot create a temporary directory: ") + std::strerror(errno));
    path = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

struct Fd {
  int fd = -1;
  ~Fd() { if (fd >= 0) ::close(fd); }
};

std::string first_line_of(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

// Runs git with stdin from `input_file`; returns its stdout. Kills it when the budget runs out.
std::string run_git(const std::vector<std::string>& args, const std::string& input_file, const std::string& err_file,
                    const Budget& budget) {
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) throw GitError(std::string("cannot create a pipe: ") + std::strerror(errno));
  Fd read_end{pipefd[0]}, write_end{pipefd[1]};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, input_file.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, write_end.fd, 1);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> argv_s = args;
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw GitError(std::string("cannot run git: ") + std::strerror(rc));
  ::close(write_end.fd);
  write_end.fd = -1;

  std::string out;
  char buf[1 << 16];
  bool timed_out = false;
  for (;;) {
    auto left = budget.remaining();
    if (left.count() <= 0) { timed_out = true; break; }
    pollfd p{read_end.fd, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (r < 0 && errno != EINTR) break;
    if (r <= 0) continue;
    ssize_t n = ::read(read_end.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (timed_out) budget.check("listing the paths the pushed commits touch");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw GitError("git diff-tree failed: " + first_line_of(err_file));
  return out;
}

}  // namespace

std::unordered_map<std::string, std::vector<std::string>> touched_paths_by_git(
    const std::string& git_dir, const std::vector<std::string>& ids, const Budget& budget) {
  std::unordered_map<std::string, std::vector<std::string>> result;
  if (ids.empty()) return result;
  TempDir dir;
  const std::string input = dir.path + "/commits", errors = dir.path + "/stderr";
  {
    std::ofstream in(input);
    for (const auto& id : ids) in << id << '\n';
    if (!in.flush()) throw GitError("cannot write " + input);
  }
  std::string out = run_git({"git", "--git-dir=" + git_dir, "diff-tree", "--stdin", "-r", "--raw", "-z", "--no-renames",
                             "--root", "--always", "--no-abbrev", "--no-ext-diff"},
                            input, errors, budget);
  // Tokens separated by NUL: a commit id header, then per touched entry a ":modes ids status" token
  // followed by exactly one path token (no renames). A path is never taken for a header.
  std::size_t pos = 0, next_id = 0;
  std::vector<std::string>* current = nullptr;
  auto token = [&](std::string& t) {
    if (pos >= out.size()) return false;
    std::size_t end = out.find('\0', pos);
    if (end == std::string::npos) end = out.size();
    t.assign(out, pos, end - pos);
    pos = end + 1;
    return true;
  };
  std::string t;
  while (token(t)) {
    if (!t.empty() && t[0] == ':') {
      std::string path;
      if (!current || !token(path)) throw GitError("unexpected git diff-tree output (an entry without a commit)");
      current->push_back(std::move(path));
      continue;
    }
    if (t.empty() && pos >= out.size()) break;
    if (!t.empty() && t.back() == '\n') t.pop_back();
    if (next_id >= ids.size() || t != ids[next_id])
      throw GitError("unexpected git diff-tree output: \"" + t.substr(0, 60) + "\" where commit " +
                     (next_id < ids.size() ? ids[next_id] : std::string("(none)")) + " was expected");
    current = &result[ids[next_id++]];
  }
  if (next_id != ids.size())
    throw GitError("git diff-tree answered for " + std::to_string(next_id) + " of " + std::to_string(ids.size()) +
                   " commits");
  for (auto& [id, paths] : result) {
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  }
  return result;
}

}  // namespace laneguard::server
