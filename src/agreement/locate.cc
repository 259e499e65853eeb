// Finding the agreement of a working tree (I/O: the file system and libgit2's discovery).
#include "agreement/locate.h"

#include <sys/stat.h>

#include <cstdlib>

#include "git/handle.h"

namespace laneguard {

namespace {

std::optional<std::string> workdir_of(git_repository* repo) {
  if (!repo || git_repository_is_bare(repo)) return std::nullopt;
  const char* wd = git_repository_workdir(repo);
  if (!wd) return std::nullopt;
  std::string root = wd;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return root;
}

}  // namespace

std::optional<std::string> worktree_root(const std::string& start) {
  // git sets GIT_DIR (and sometimes GIT_WORK_TREE) for hooks; honour them as git would.
  if (const char* work_tree = std::getenv("GIT_WORK_TREE"); work_tree && *work_tree) {
    std::string root = work_tree;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    return root;
  }
  git::RepositoryPtr repo;
  if (const char* git_dir = std::getenv("GIT_DIR"); git_dir && *git_dir) {
    git_repository* raw = nullptr;
    if (git_repository_open(&raw, git_dir) == 0) repo.reset(raw);
  }
  if (!repo) {
    git_buf buf = GIT_BUF_INIT;
    const char* ceiling = std::getenv("GIT_CEILING_DIRECTORIES");  // honoured as git does
    if (git_repository_discover(&buf, start.c_str(), 0, ceiling && *ceiling ? ceiling : nullptr) == 0) {
      git_repository* raw = nullptr;
      if (git_repository_open(&raw, buf.ptr) == 0) repo.reset(raw);
    }
    git_buf_dispose(&buf);
  }
  git_error_clear();
  return workdir_of(repo.get());
}

std::optional<std::string> worktree_agreement_path(const std::string& start) {
  auto root = worktree_root(start);
  if (!root) return std::nullopt;
  std::string path = *root + "/" + kAgreementFileName;
  struct stat st {};
  // A dangling symlink or a directory of that name is reported by the loader, not skipped.
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
  return path;
}

Agreement load_agreement_for_worktree(const std::optional<std::string>& explicit_path, const std::string& start) {
  if (explicit_path) return load_agreement_file(*explicit_path);
  if (auto path = worktree_agreement_path(start)) return load_agreement_file(*path);
  return load_default_agreement();
}

}  // namespace laneguard
