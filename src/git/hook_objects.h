// Objects a server hook must see during a push: git keeps them in a quarantine directory and
// tells the hook through the environment. libgit2 only reads that environment when a repository
// is opened with GIT_REPOSITORY_OPEN_FROM_ENV, which does not unquote C-quoted entries and fails
// when GIT_WORK_TREE or GIT_COMMON_DIR is set, so we add the directories ourselves.
#pragma once
#include <git2.h>

#include <string>
#include <string_view>
#include <vector>

namespace laneguard::git {

// Splits GIT_ALTERNATE_OBJECT_DIRECTORIES as git does: entries separated by ':'; an entry that
// starts with '"' is C-quoted ("a:b\\c\"d", octal \ooo escapes) and unquoted. Empty entries dropped.
std::vector<std::string> split_alternate_directories(std::string_view value);

// The object directories named by GIT_QUARANTINE_PATH, GIT_OBJECT_DIRECTORY and
// GIT_ALTERNATE_OBJECT_DIRECTORIES, in that order, without duplicates.
std::vector<std::string> hook_object_directories();

// Adds every directory of `dirs` that exists and is not the repository's own object directory to
// the repository's object database as a read-only alternate. Returns the directories added.
std::vector<std::string> add_object_directories(git_repository* repo, const std::vector<std::string>& dirs);

// add_object_directories(repo, hook_object_directories()).
std::vector<std::string> add_hook_object_directories(git_repository* repo);

}  // namespace laneguard::git
