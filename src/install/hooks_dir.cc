#include "install/hooks_dir.h"

#include "local/run_git.h"

namespace laneguard::install {

std::string hooks_cwd(git_repository* repo) {
  const char* base = git_repository_is_bare(repo) ? git_repository_path(repo) : git_repository_workdir(repo);
  std::string root = base ? base : ".";
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

std::string hooks_dir(git_repository* repo) {
  std::string root = hooks_cwd(repo);
  std::string dir = local::run_git({"-C", root, "rev-parse", "--git-path", "hooks"});
  while (!dir.empty() && dir.back() == '\n') dir.pop_back();
  if (dir.empty() || dir.front() != '/') dir = root + "/" + dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

}  // namespace laneguard::install
