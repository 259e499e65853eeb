#include "install/husky.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "install/marked_block.h"
#include "tests/testing.h"

using namespace laneguard;
using namespace laneguard::install;
using laneguard::testing::TempDir;
namespace fs = std::filesystem;

namespace {
HookKind kind(const std::string& name) {
  for (const HookKind& k : local_hooks())
    if (k.name == name) return k;
  return {};
}
}  // namespace

TEST_CASE("husky: the block goes first, after the interpreter and husky.sh lines, and is replaced in place") {
  HookKind commit = kind("pre-commit");
  std::string plain = "npm test\n";
  std::string with = with_husky_block(plain, commit, "f");
  CHECK(with.rfind(block_begin("pre-commit"), 0) == 0);
  CHECK(with.substr(with.size() - plain.size()) == plain);
  CHECK(with_husky_block(with, commit, "f") == with);
  std::string legacy = "#!/usr/bin/env sh\n. \"$(dirname -- \"$0\")/_/husky.sh\"\n\nnpx lint-staged\n";
  std::string legacy_with = with_husky_block(legacy, commit, "f");
  CHECK(legacy_with.rfind("#!/usr/bin/env sh\n. \"$(dirname -- \"$0\")/_/husky.sh\"\n" + block_begin("pre-commit"), 0) == 0);
  CHECK(remove_block(legacy_with, "pre-commit", "f") == legacy);
  // A script without a final newline keeps its last line whole.
  CHECK(remove_block(with_husky_block("#!/bin/sh", commit, "f"), "pre-commit", "f") == "#!/bin/sh\n");
}

TEST_CASE("husky: the pre-push block gives laneguard and the rest of the script the same ref lines") {
  TempDir dir;
  std::ofstream(dir.path / "fake-laneguard") << "#!/bin/sh\necho \"laneguard $* <$(cat)>\" >> \"$LOG\"\nexit \"${RC:-0}\"\n";
  fs::permissions(dir.path / "fake-laneguard", fs::perms::owner_all);
  std::string script = with_husky_block("echo \"rest <$(cat)>\" >> \"$LOG\"\n", kind("pre-push"), "f");
  std::ofstream(dir.path / "pre-push") << script;
  std::string run = "LOG=log LANEGUARD_BIN=./fake-laneguard sh -e pre-push origin url";
  dir.run("printf 'refs/heads/main a refs/heads/main b\\n' | " + run);
  CHECK(dir.run("cat log") == "laneguard pre-push origin url <refs/heads/main a refs/heads/main b>\n"
                               "rest <refs/heads/main a refs/heads/main b>\n");
  // laneguard's failure stops the script with its status; the rest does not run.
  CHECK(dir.run("rm log; printf 'x\\n' | RC=1 " + run + "; echo \"status $?\"") == "status 1\n");
  CHECK(dir.run("cat log") == "laneguard pre-push origin url <x>\n");
  // No binary: a note, and the rest of the script still runs.
  CHECK(dir.run("rm log; printf 'y\\n' | LOG=log LANEGUARD_BIN=/nonexistent sh -e pre-push o u 2>&1; cat log") ==
        "laneguard pre-push: /nonexistent not found; skipping (the server will still judge the change)\nrest <y>\n");
}

TEST_CASE("husky: install creates or edits the scripts, is idempotent, and uninstall leaves the user's bytes") {
  TempDir dir;
  std::string husky = dir.str() + "/.husky";
  fs::create_directories(husky);
  std::ofstream(husky + "/pre-commit") << "npm test\n";
  auto first = install_husky(husky, local_hooks());
  CHECK(first[0].what == "laneguard's block added first");
  CHECK(first[1].what == "created, with laneguard's block");
  CHECK((fs::status(husky + "/commit-msg").permissions() & fs::perms::owner_exec) != fs::perms::none);
  for (const auto& s : install_husky(husky, local_hooks())) CHECK(s.what == "unchanged");
  auto removed = uninstall_husky(husky, local_hooks());
  CHECK(removed[0].what == "laneguard's block removed");
  CHECK(removed[1].what == "removed (laneguard's block was all it held)");
  CHECK(dir.run("cat .husky/pre-commit") == "npm test\n");
  CHECK_FALSE(fs::exists(husky + "/commit-msg"));
  CHECK_FALSE(fs::exists(husky + "/pre-push"));
  CHECK(uninstall_husky(husky, local_hooks())[0].what == "no laneguard block");
}
