// Running the git command itself where only git has the exact semantics (revision syntax), with
// its output read as it comes: nothing is collected beyond the current line.
#pragma once
#include <sys/types.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace laneguard::git {

class GitProcess {
 public:
  // Starts `git ARGS...` with the environment of this process plus `env` (replacing variables of
  // the same name). Failure to start: GitError.
  GitProcess(const std::vector<std::string>& args, const std::vector<std::pair<std::string, std::string>>& env = {});
  ~GitProcess();  // kills and reaps a process still running
  GitProcess(const GitProcess&) = delete;
  GitProcess& operator=(const GitProcess&) = delete;

  // The next line of stdout without its '\n'; false at the end of the output.
  bool next_line(std::string& line);
  // All of stdout not read yet, exactly as written (NUL bytes, a missing last '\n' and all).
  std::string read_rest();
  // Waits for git to exit (draining what is left of stdout); returns its exit status (128 + signal
  // when killed). stderr() is complete afterwards.
  int wait();
  const std::string& stderr_text() const { return err_; }
  // "git ARG ARG..." for messages.
  const std::string& command() const { return command_; }

 private:
  bool fill();
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  std::string err_;
  std::thread err_reader_;
  std::string command_;
  int status_ = -1;
};

}  // namespace laneguard::git
