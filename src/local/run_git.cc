#include "local/run_git.h"

#include "git/git_process.h"
#include "util/error.h"

namespace laneguard::local {

std::string run_git(const std::vector<std::string>& args, const std::vector<std::pair<std::string, std::string>>& env) {
  git::GitProcess git(args, env);
  std::string out = git.read_rest();
  if (git.wait() != 0) {
    std::string err = git.stderr_text();
    while (!err.empty() && err.back() == '\n') err.pop_back();
    throw GitError(git.command() + " failed" + (err.empty() ? "" : ": " + err));
  }
  return out;
}

}  // namespace laneguard::local
