#include "install/lefthook.h"

#include <doctest/doctest.h>

#include "util/error.h"

using namespace laneguard;
using namespace laneguard::install;

TEST_CASE("lefthook: commands go under the hook's commands, a new commands key, or a new hook key") {
  auto kinds = local_hooks();
  std::string yaml =
      "# mine\n"
      "pre-commit:\n"
      "  parallel: true\n"
      "  commands:\n"
      "      lint:\n"
      "        run: npm run lint\n"
      "commit-msg:\n"
      "  skip: merge\n"
      "\n"
      "output: [summary]\n";
  std::string out = with_lefthook_commands(yaml, kinds, "f");
  // Under pre-commit's commands, at its commands' own indentation.
  CHECK(out.find("  commands:\n      # >>> laneguard pre-commit (") != std::string::npos);
  CHECK(out.find("\n      laneguard:\n        run: |\n") != std::string::npos);
  // commit-msg gets a commands key of its own; pre-push a new top-level key.
  CHECK(out.find("commit-msg:\n  # >>> laneguard commit-msg (") != std::string::npos);
  CHECK(out.find("\n  commands:\n    laneguard:\n      run: |\n") != std::string::npos);
  CHECK(out.find("\n# >>> laneguard pre-push (") != std::string::npos);
  CHECK(out.find("use_stdin: true") != std::string::npos);
  CHECK(out.find("exec \"$laneguard_bin\" commit-msg {1}; fi") != std::string::npos);
  CHECK(out.find("exec \"$laneguard_bin\" pre-push {1} {2}; fi") != std::string::npos);
  CHECK(with_lefthook_commands(out, kinds, "f") == out);
  CHECK(without_lefthook_commands(out, kinds, "f") == yaml);
  CHECK(without_lefthook_commands(with_lefthook_commands("", kinds, "f"), kinds, "f").empty());
}

TEST_CASE("lefthook: a hook key this edit cannot follow is refused with the lines to add") {
  for (std::string yaml : {"pre-commit: {commands: {lint: {run: x}}}\n", "pre-commit: &shared\n  commands: {}\n",
                           "pre-commit:\n  commands: {lint: {run: x}}\n"}) {
    try {
      with_lefthook_commands(yaml, local_hooks(), "lefthook-local.yml");
      FAIL("accepted " << yaml);
    } catch (const UsageError& e) {
      std::string what = e.what();
      CHECK(what.find("lefthook-local.yml:") == 0);
      CHECK(what.find("Nothing was written") != std::string::npos);
      CHECK(what.find("pre-commit:\n  commands:\n    laneguard:\n") != std::string::npos);
    }
  }
  // A quoted key is the same key.
  CHECK(with_lefthook_commands("\"pre-commit\":\n  commands:\n    a:\n      run: x\n", local_hooks(), "f")
            .find("\"pre-commit\":\n  commands:\n    # >>> laneguard pre-commit") != std::string::npos);
}
