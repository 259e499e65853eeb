// Finding the agreement of a working tree (I/O: the file system and libgit2's discovery).
#include "git/worktree_agreement.h"

#include <sys/stat.h>


#include "git/repository.h"
#include "util/error.h"

namespace laneguard {

std::optional<std::string> worktree_root(const std::string& start) {
  // "." is the command's own directory: open the repository exactly as git would there (GIT_DIR,
  // GIT_WORK_TREE, linked worktrees, GIT_CEILING_DIRECTORIES). Another start is searched upwards.
  try {
    git::Repository repo = start == "." ? git::Repository::open_from_environment() : git::Repository::discover(start);
    return repo.workdir();
  } catch (const GitError&) {
    git_error_clear();
    return std::nullopt;
  }
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
  if (explicit_path) return load_named_agreement(*explicit_path, "named by --agreement");
  if (auto path = worktree_agreement_path(start)) return load_agreement_file(*path);
  return load_default_agreement();
}

}  // namespace laneguard
