#include "local/message.h"

#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "tests/testing.h"

using namespace laneguard::local;
using laneguard::testing::TempDir;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::optional<std::string> git_config(const TempDir& dir, const std::string& key) {
  std::string v = dir.run("git config --get " + key + " || true");
  if (v.empty()) return std::nullopt;
  v.pop_back();
  return v;
}

// Commits with `commit_args` (the commit-msg hook keeps a copy of the file it was given and of
// GIT_EDITOR), then checks that clean_message() of that copy is the message git stored.
void check_against_git(const TempDir& dir, const std::string& commit_args) {
  dir.run("echo x >> f && git add f && git commit -q " + commit_args + " >/dev/null");
  std::string raw = read_file(dir.str() + "/.git/msg-seen");
  std::string editor = read_file(dir.str() + "/.git/editor-seen");
  std::string stored = dir.run("git cat-file commit HEAD | sed '1,/^$/d'");
  MessageCleanup c = cleanup_for(git_config(dir, "commit.cleanup"), git_config(dir, "core.commentChar"),
                                 editor != ":\n", raw);
  INFO("git commit " << commit_args << "\nraw:\n" << raw);
  CHECK(clean_message(raw, c) == stored);
}

}  // namespace

TEST_CASE("strip_space matches git stripspace on random text") {
  laneguard::testing::isolate_git_config();
  TempDir dir;
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"a", " ", "\t", "\n", "\n\n", "# c", "; d", "\r", "word ", "\n#\n", "x\ty"};
  for (int i = 0; i < 60; ++i) {
    std::string text;
    int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    write_file(dir.str() + "/in", text);
    INFO("text: [" << text << "]");
    CHECK(strip_space(text, std::nullopt) == dir.run("git stripspace < in"));
    CHECK(strip_space(text, '#') == dir.run("git stripspace --strip-comments < in"));
    CHECK(strip_space(text, ';') == dir.run("git -c core.commentChar=';' stripspace --strip-comments < in"));
  }
}

TEST_CASE("cut_at_scissors finds git's scissors line only at the start of a line") {
  std::string cut = "# ------------------------ >8 ------------------------\n";
  CHECK(cut_at_scissors("subject\n\n" + cut + "diff\n", '#') == "subject\n\n");
  CHECK(cut_at_scissors(cut + "diff\n", '#') == "");
  CHECK(cut_at_scissors("x # ------------------------ >8 ------------------------\n", '#') ==
        "x # ------------------------ >8 ------------------------\n");
  CHECK(cut_at_scissors("subject\n" + cut, ';') == "subject\n" + cut);
}

TEST_CASE("clean_message gives the message git stores, for each way of committing") {
  laneguard::testing::isolate_git_config();
  TempDir dir;
  dir.run("git init -q -b main . && mkdir -p .git/hooks && "
          "printf '#!/bin/sh\\ncp \"$1\" .git/msg-seen\\necho \"$GIT_EDITOR\" > .git/editor-seen\\n' "
          "> .git/hooks/commit-msg && chmod +x .git/hooks/commit-msg && "
          "printf '#!/bin/sh\\nprintf \"Subject  \\\\n\\\\n\\\\n# not a comment for git?\\\\nBody\\\\t\\\\n\\\\n"
          "Assisted-by: Claude:opus-4\\\\n\" > \"$1.new\"; cat \"$1\" >> \"$1.new\"; mv \"$1.new\" \"$1\"\\n' "
          "> .git/editor && chmod +x .git/editor");
  const std::string editor = "GIT_EDITOR=.git/editor ";
  check_against_git(dir, "-m 'Plain subject  ' -m '' -m 'Body line   '");
  check_against_git(dir, "-m 'Has # inside' -m '# a hash line kept without an editor'");
  dir.run("true");
  check_against_git(dir, "-m x && " + editor + "git commit -q --amend");
  check_against_git(dir, "-m x && " + editor + "git commit -q --amend -v");
  dir.run("git config core.commentChar ';'");
  check_against_git(dir, "-m x && " + editor + "git commit -q --amend -v");
  dir.run("git config core.commentChar auto");
  check_against_git(dir, "-m x && " + editor + "git commit -q --amend -v");
  check_against_git(dir, "-m x && " + editor + "git commit -q --amend");
  dir.run("git config --unset core.commentChar && git config commit.cleanup whitespace");
  check_against_git(dir, "-m x && " + editor + "git commit -q --amend");
  dir.run("git config commit.cleanup scissors");
  check_against_git(dir, "-m x && " + editor + "git commit -q --amend -v");
  dir.run("git config commit.cleanup verbatim");
  check_against_git(dir, "-m 'verbatim  ' -m '' -m ''");
  dir.run("git config commit.cleanup strip");
  check_against_git(dir, "-m 'stripped' -m '# gone'");
}
