// Test support for the unit tests: real repositories in temporary directories made with the git CLI,
// isolated from the machine's git configuration, with strictly increasing commit dates so that history
// order is deterministic; and the test team's agreement (tests/team_agreement.toml). Only *_test.cc
// files include this.
#pragma once
#include <git2.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

namespace laneguard::testing {

// libgit2 stays initialised for the whole test run (tests/unit_main.cc does not do it).
inline void init_libgit2() {
  static const int once = git_libgit2_init();
  (void)once;
}

// No global or system git configuration, Pat as author and committer, none of git's hook variables.
inline void isolate_git_config() {
  init_libgit2();
  ::setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
  ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
  ::setenv("GIT_AUTHOR_NAME", "Pat", 1);
  ::setenv("GIT_AUTHOR_EMAIL", "pat@acme.test", 1);
  ::setenv("GIT_COMMITTER_NAME", "Pat", 1);
  ::setenv("GIT_COMMITTER_EMAIL", "pat@acme.test", 1);
  for (const char* v : {"GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE", "GIT_QUARANTINE_PATH", "GIT_OBJECT_DIRECTORY",
                        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR"})
    ::unsetenv(v);
}

// `s` as one single-quoted shell word.
inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs a shell command; returns its stdout. Throws when it exits non-zero (unless `allow_fail`).
inline std::string sh(const std::string& command, bool allow_fail = false, int* status_out = nullptr) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("popen failed: " + command);
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = ::pclose(p);
  if (status_out) *status_out = status;
  if (status != 0 && !allow_fail) throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command);
  return out;
}

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

inline std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The test team's agreement, tests/team_agreement.toml, with `edits` applied by tests/team_agreement.sh
// (the same edits the shell tests use: "[TABLE] key = value", "[TABLE] -key", or text to append).
inline std::string team_agreement(std::initializer_list<std::string> edits = {}) {
  std::string command = "bash " + quote(std::string(LANEGUARD_SOURCE_DIR) + "/tests/team_agreement.sh");
  for (const auto& e : edits) command += " " + quote(e);
  return sh(command);
}

// A temporary directory removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name = "laneguard-test-XXXXXX") {
    std::string tmpl = (std::filesystem::temp_directory_path() / name).string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string str() const { return path.string(); }
  // Runs `command` in this directory.
  std::string run(const std::string& command) const { return sh("cd " + quote(str()) + " && " + command); }
};

// A repository made by the git CLI in `dir`; every commit gets the next date.
struct CliRepo {
  std::string dir;
  long clock = 1700000000;

  explicit CliRepo(std::string d, const std::string& init_args = "") : dir(std::move(d)) {
    std::filesystem::create_directories(dir);
    run("git init -q -b main " + init_args + " .");
  }
  // Runs `command` in the repository with the next commit date.
  std::string run(const std::string& command, bool allow_fail = false, int* status = nullptr) {
    std::string date = "@" + std::to_string(clock) + " +0000";
    return sh("cd " + quote(dir) + " && export GIT_AUTHOR_DATE=" + quote(date) + " GIT_COMMITTER_DATE=" + quote(date) +
                  " GIT_LITERAL_PATHSPECS=1 && " + command,
              allow_fail, status);
  }
  void tick() { clock += 60; }
  void write(const std::string& path, const std::string& content) {
    auto p = std::filesystem::path(dir) / path;
    std::filesystem::create_directories(p.parent_path());
    std::FILE* f = std::fopen(p.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + p.string());
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
  }
  // Commits everything in the working tree; returns the new commit id.
  std::string commit_all(const std::string& message) {
    write(".git/lg-message", message);
    run("git add -A && git commit -q --allow-empty -F .git/lg-message");
    tick();
    return head();
  }
  std::string head() { return trim(run("git rev-parse HEAD")); }
};

}  // namespace laneguard::testing
