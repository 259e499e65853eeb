// What the hosting environment tells a server hook: who pushed (SPEC section 4) and the push
// options (`git push -o ...`). The environment is passed in as a lookup so tests can feed it.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace laneguard::server {

using EnvLookup = std::function<const char*(const char*)>;
EnvLookup process_env();  // ::getenv

// The authenticated pusher: the first of LANEGUARD_PUSHER, GITHUB_USER_LOGIN (GitHub Enterprise
// Server), GL_USERNAME (GitLab), GITEA_PUSHER_NAME (Gitea/Forgejo), GL_USER (gitolite),
// REMOTE_USER (HTTP) that is set and not empty. When none is set, plain git over ssh: the Unix
// account the hook runs as (each pusher logs in as themselves), when `unix_fallback`.
struct Pusher {
  std::string username;  // empty: unknown
  std::string source;    // the variable it came from, or "unix account"
};
Pusher pusher_from_env(const EnvLookup& env, bool unix_fallback = true);

// Push options (GIT_PUSH_OPTION_COUNT, GIT_PUSH_OPTION_<i>), in order.
std::vector<std::string> push_options_from_env(const EnvLookup& env);

// Break glass: `-o laneguard.override="INC-123: reason"`. nullopt when no override was asked for;
// an empty string when it was asked for without a reason (`-o laneguard.override`). The last
// override option wins.
std::optional<std::string> override_reason_of(const std::vector<std::string>& push_options);

}  // namespace laneguard::server
