#include "local/hook_env.h"

#include <cstdlib>
#include <iostream>

#include "core/wording.h"

namespace laneguard::local {

git::Repository open_local_repository() {
  const char* dir = std::getenv("GIT_DIR");
  return dir && *dir ? git::Repository::open_for_hook() : git::Repository::open_from_environment();
}

namespace {

std::string env_or(const char* name, const std::optional<std::string>& fallback) {
  const char* v = std::getenv(name);
  if (v && *v) return v;
  return fallback.value_or("");
}

}  // namespace

LocalUser local_user(const git::Repository& repo) {
  std::optional<std::string> name = repo.config_string("user.name");
  std::optional<std::string> email = repo.config_string("user.email");
  LocalUser u;
  u.author.name = env_or("GIT_AUTHOR_NAME", name);
  u.author.email = env_or("GIT_AUTHOR_EMAIL", email);
  u.committer.name = env_or("GIT_COMMITTER_NAME", name);
  u.committer.email = env_or("GIT_COMMITTER_EMAIL", email);
  return u;
}

bool skip_requested(const std::string& hook) {
  const char* v = std::getenv("LANEGUARD_SKIP");
  if (!v) return false;
  std::string s = lower(v);
  if (s != "1" && s != "true" && s != "yes") return false;
  std::cerr << "laneguard " << hook
            << ": skipped (LANEGUARD_SKIP=" << v << "); the server will still judge this change when it is pushed "
               "to a protected branch.\n";
  return true;
}

std::string landing_words(const Agreement& agreement, const std::optional<std::string>& branch) {
  if (branch && agreement.is_protected_branch(*branch)) return *branch;
  if (agreement.protected_branches.empty()) return "a protected branch";
  return join_words(agreement.protected_branches, "or");
}

std::string skip_hint(const std::string& how) {
  return "To go ahead anyway: " + how + " (or LANEGUARD_SKIP=1); the server will still judge the change.";
}

}  // namespace laneguard::local
