#include "server/environment.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <string_view>

namespace laneguard::server {
namespace {

std::string trim(std::string_view s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  std::size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

EnvLookup process_env() {
  return [](const char* name) -> const char* { return std::getenv(name); };
}

Pusher pusher_from_env(const EnvLookup& env, bool unix_fallback) {
  static const char* const kVariables[] = {"LANEGUARD_PUSHER", "GITHUB_USER_LOGIN", "GL_USERNAME",
                                           "GITEA_PUSHER_NAME", "GL_USER", "REMOTE_USER"};
  for (const char* name : kVariables) {
    const char* value = env(name);
    if (!value) continue;
    std::string v = trim(value);
    if (!v.empty()) return {v, name};
  }
  if (unix_fallback) {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name)
      return {pw->pw_name, "unix account"};
  }
  return {};
}

std::vector<std::string> push_options_from_env(const EnvLookup& env) {
  std::vector<std::string> out;
  const char* count = env("GIT_PUSH_OPTION_COUNT");
  if (!count) return out;
  char* end = nullptr;
  long n = std::strtol(count, &end, 10);
  if (end == count || n <= 0) return out;
  if (n > 1000) n = 1000;
  for (long i = 0; i < n; ++i) {
    std::string name = "GIT_PUSH_OPTION_" + std::to_string(i);
    if (const char* v = env(name.c_str())) out.emplace_back(v);
  }
  return out;
}

std::optional<std::string> override_reason_of(const std::vector<std::string>& push_options) {
  static constexpr std::string_view kKey = "laneguard.override";
  std::optional<std::string> reason;
  for (const auto& option : push_options) {
    std::string_view o(option);
    if (o.substr(0, kKey.size()) != kKey) continue;
    std::string_view rest = o.substr(kKey.size());
    if (rest.empty()) reason = "";
    else if (rest.front() == '=') reason = trim(rest.substr(1));
  }
  return reason;
}

}  // namespace laneguard::server
