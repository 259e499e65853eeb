#include <doctest/doctest.h>

#include <map>
#include <memory>

#include "server/environment.h"

using namespace laneguard::server;

namespace {
EnvLookup fake(std::map<std::string, std::string> vars) {
  auto shared = std::make_shared<std::map<std::string, std::string>>(std::move(vars));
  return [shared](const char* name) -> const char* {
    auto it = shared->find(name);
    return it == shared->end() ? nullptr : it->second.c_str();
  };
}
}  // namespace

TEST_CASE("pusher: the first variable set wins, in the SPEC's order") {
  CHECK(pusher_from_env(fake({{"GL_USERNAME", "erin"}, {"REMOTE_USER", "pat"}}), false).username == "erin");
  CHECK(pusher_from_env(fake({{"GL_USERNAME", "erin"}, {"REMOTE_USER", "pat"}}), false).source == "GL_USERNAME");
  CHECK(pusher_from_env(fake({{"GITHUB_USER_LOGIN", "gh"}, {"GL_USERNAME", "gl"}}), false).username == "gh");
  CHECK(pusher_from_env(fake({{"GITEA_PUSHER_NAME", "tea"}, {"GL_USER", "olite"}}), false).username == "tea");
  CHECK(pusher_from_env(fake({{"GL_USER", "olite"}, {"REMOTE_USER", "http"}}), false).username == "olite");
  CHECK(pusher_from_env(fake({{"LANEGUARD_PUSHER", "lg"}, {"GITHUB_USER_LOGIN", "gh"}}), false).username == "lg");
}

TEST_CASE("pusher: empty values are skipped: nothing set is unknown unless the Unix account is used") {
  CHECK(pusher_from_env(fake({{"GITHUB_USER_LOGIN", "  "}, {"GL_USER", "olite"}}), false).username == "olite");
  CHECK(pusher_from_env(fake({}), false).username.empty());
  Pusher unix = pusher_from_env(fake({}), true);
  CHECK_FALSE(unix.username.empty());
  CHECK(unix.source == "unix account");
}

TEST_CASE("push options and the break-glass override") {
  auto env = fake({{"GIT_PUSH_OPTION_COUNT", "2"},
                   {"GIT_PUSH_OPTION_0", "ci.skip"},
                   {"GIT_PUSH_OPTION_1", "laneguard.override=INC-123: prod down"}});
  auto options = push_options_from_env(env);
  REQUIRE(options.size() == 2);
  CHECK(options[0] == "ci.skip");
  CHECK(override_reason_of(options) == std::optional<std::string>("INC-123: prod down"));
  CHECK_FALSE(override_reason_of({"ci.skip"}).has_value());
  CHECK(override_reason_of({"laneguard.override"}) == std::optional<std::string>(""));
  CHECK(override_reason_of({"laneguard.override=   "}) == std::optional<std::string>(""));
  CHECK_FALSE(override_reason_of({"laneguard.overrides=x"}).has_value());
  CHECK(push_options_from_env(fake({})).empty());
  CHECK(push_options_from_env(fake({{"GIT_PUSH_OPTION_COUNT", "x"}})).empty());
}
