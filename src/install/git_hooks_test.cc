#include "install/git_hooks.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/testing.h"
#include "util/error.h"

using namespace laneguard;
using namespace laneguard::install;
using laneguard::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("render_hook writes the binary into the LANEGUARD_BIN line and keeps the shebang first") {
  std::string shim = "#!/bin/sh\n# comment\nLANEGUARD_BIN=${LANEGUARD_BIN:-laneguard}\nexec \"$LANEGUARD_BIN\" pre-push \"$@\"\n";
  HookKind push{"pre-push", true, true};
  std::string out = render_hook(shim, push, "/opt/laneguard/bin/laneguard");
  CHECK(out.rfind("#!/bin/sh\n", 0) == 0);
  CHECK(out.find("LANEGUARD_BIN=${LANEGUARD_BIN:-/opt/laneguard/bin/laneguard}\n") != std::string::npos);
  CHECK(out.find("pre-push.laneguard-chained") != std::string::npos);
  CHECK(out.find("cat >\"$laneguard_input\"") != std::string::npos);
  CHECK(is_laneguard_hook(out));
  std::string spaced = render_hook(shim, push, "/opt/my tools/$x/laneguard");
  CHECK(spaced.find("LANEGUARD_BIN=${LANEGUARD_BIN:-\"/opt/my tools/\\$x/laneguard\"}") != std::string::npos);
  // The rendered value is what sh sees.
  TempDir dir;
  std::ofstream(dir.path / "h") << spaced.substr(0, spaced.find("laneguard_chained=")) << "\n"
                                << "LANEGUARD_BIN=${LANEGUARD_BIN:-\"/opt/my tools/\\$x/laneguard\"}\necho \"$LANEGUARD_BIN\"\n";
  CHECK(dir.run("env -u LANEGUARD_BIN sh h") == "/opt/my tools/$x/laneguard\n");
  CHECK_THROWS_AS(render_hook("#!/bin/sh\nexec laneguard pre-commit\n", push, "/x"), GitError);
}

TEST_CASE("a server hook's binary path is fixed: the environment never chooses it") {
  HookKind receive{"pre-receive", true, true, true};
  // Whichever line the shim carried, the rendered server hook has no ${LANEGUARD_BIN:-...}.
  for (std::string line : {"LANEGUARD_BIN=laneguard", "LANEGUARD_BIN=${LANEGUARD_BIN:-laneguard}"}) {
    std::string shim = "#!/bin/sh\n" + line + "\nexec \"$LANEGUARD_BIN\" pre-receive \"$@\"\n";
    std::string out = render_hook(shim, receive, "/opt/my tools/laneguard");
    CHECK(out.find("\nLANEGUARD_BIN=\"/opt/my tools/laneguard\"\n") != std::string::npos);
    CHECK(out.find("${LANEGUARD_BIN:-") == std::string::npos);
    CHECK(is_laneguard_hook(out));
    TempDir dir;
    std::ofstream(dir.path / "h") << out.substr(out.find("\nLANEGUARD_BIN="), out.find("\nexec") - out.find("\nLANEGUARD_BIN="))
                                  << "\necho \"$LANEGUARD_BIN\"\n";
    CHECK(dir.run("LANEGUARD_BIN=/tmp/evil sh h") == "/opt/my tools/laneguard\n");
  }
  // The fixed line counts only as a whole line (not inside a comment or a longer value).
  CHECK_THROWS_AS(render_hook("#!/bin/sh\n# LANEGUARD_BIN=laneguard here\nexec x\n", receive, "/x"), GitError);
  CHECK_FALSE(is_laneguard_hook("#!/bin/sh\nLANEGUARD_BIN=mine\n"));
}

TEST_CASE("install_hooks chains, is idempotent, and uninstall_hooks restores") {
  testing::isolate_git_config();
  TempDir dir;
  std::string hooks = dir.str() + "/hooks";
  fs::create_directories(hooks);
  std::ofstream(hooks + "/pre-commit") << "#!/bin/sh\necho mine\n";
  auto shim = [](const HookKind& k) {
    return "#!/bin/sh\nLANEGUARD_BIN=${LANEGUARD_BIN:-laneguard}\nexec \"$LANEGUARD_BIN\" " + k.name + "\n";
  };
  auto first = install_hooks(hooks, local_hooks(), "/bin/lg", shim);
  REQUIRE(first.size() == 3);
  CHECK(first[0].what.find("runs first") != std::string::npos);
  CHECK(read(hooks + "/pre-commit.laneguard-chained") == "#!/bin/sh\necho mine\n");
  std::string installed = read(hooks + "/pre-commit");
  auto second = install_hooks(hooks, local_hooks(), "/bin/lg", shim);
  for (const auto& s : second) CHECK(s.what == "unchanged");
  CHECK(read(hooks + "/pre-commit") == installed);
  CHECK_FALSE(fs::exists(hooks + "/pre-commit.laneguard-chained.laneguard-chained"));
  auto third = install_hooks(hooks, local_hooks(), "/usr/bin/lg", shim);
  CHECK(third[0].what == "updated");
  auto after_uninstall = [&] {
    uninstall_hooks(hooks, local_hooks());
    CHECK(read(hooks + "/pre-commit") == "#!/bin/sh\necho mine\n");
  };
  after_uninstall();
  install_hooks(hooks, local_hooks(), "/bin/lg", shim);
  // Something rewrote our hook with the hook it had before (a hook manager regenerating): reinstall
  // chains it once and drops the identical stale copy.
  std::ofstream(hooks + "/pre-commit") << "#!/bin/sh\necho mine\n";
  auto rewritten = install_hooks(hooks, local_hooks(), "/bin/lg", shim);
  CHECK(rewritten[0].what.find("was stale; it was the same as the hook there now: removed") != std::string::npos);
  CHECK(read(hooks + "/pre-commit.laneguard-chained") == "#!/bin/sh\necho mine\n");
  CHECK(read(hooks + "/pre-commit") == installed);
  // ... or with another hook: that one runs now, the stale one is kept aside, not run, and said.
  std::ofstream(hooks + "/pre-commit") << "#!/bin/sh\necho other\n";
  auto replaced = install_hooks(hooks, local_hooks(), "/bin/lg", shim);
  CHECK(replaced[0].what.find("kept, not run, as " + hooks + "/pre-commit.laneguard-chained.old") != std::string::npos);
  CHECK(read(hooks + "/pre-commit.laneguard-chained") == "#!/bin/sh\necho other\n");
  CHECK(read(hooks + "/pre-commit.laneguard-chained.old") == "#!/bin/sh\necho mine\n");
  std::ofstream(hooks + "/pre-commit") << "#!/bin/sh\necho third\n";
  install_hooks(hooks, local_hooks(), "/bin/lg", shim);
  CHECK(read(hooks + "/pre-commit.laneguard-chained.old.2") == "#!/bin/sh\necho other\n");
  fs::remove(hooks + "/pre-commit.laneguard-chained.old");
  fs::remove(hooks + "/pre-commit.laneguard-chained.old.2");
  std::ofstream(hooks + "/pre-commit.laneguard-chained") << "#!/bin/sh\necho mine\n";
  after_uninstall();
  CHECK_FALSE(fs::exists(hooks + "/commit-msg"));
  CHECK_FALSE(fs::exists(hooks + "/pre-push"));
  auto again = uninstall_hooks(hooks, local_hooks());
  CHECK(again[0].what == "left alone (not laneguard's)");
}
