// What a local hook knows about where it runs: the repository, the local user, skipping.
#pragma once
#include <optional>
#include <string>

#include "agreement/agreement.h"
#include "facts/identity.h"
#include "git/repository.h"

namespace laneguard::local {

// The repository a local hook runs in: $GIT_DIR when git exported it, else discovered from ".".
git::Repository open_local_repository();

struct LocalUser {
  Identity author;     // GIT_AUTHOR_NAME/EMAIL when set (git commit exports them), else user.name/email
  Identity committer;  // GIT_COMMITTER_NAME/EMAIL when set, else user.name/email
};
LocalUser local_user(const git::Repository& repo);

// LANEGUARD_SKIP=1 (or true/yes): prints one line saying so, and that the server still judges.
bool skip_requested(const std::string& hook);

// "main" when `branch` is protected, else the protected branches: "main, master or release/*".
std::string landing_words(const Agreement& agreement, const std::optional<std::string>& branch);

// The line every local report ends with: how to skip, and that it changes nothing on the server.
std::string skip_hint(const std::string& how);

}  // namespace laneguard::local
