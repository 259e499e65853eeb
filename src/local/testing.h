// Test support for src/local: real repositories in temporary directories, real git commands,
// isolated from the machine's git configuration. Only *_test.cc files include this.
#pragma once
#include <git2.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace laneguard::local::testing {

// libgit2 stays initialised for the whole test run (tests/unit_main.cc does not do it).
inline void init_libgit2() {
  static const int once = git_libgit2_init();
  (void)once;
}

inline void isolate_git_config() {
  init_libgit2();
  ::setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
  ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
  ::setenv("GIT_AUTHOR_NAME", "Pat", 1);
  ::setenv("GIT_AUTHOR_EMAIL", "pat@acme.test", 1);
  ::setenv("GIT_COMMITTER_NAME", "Pat", 1);
  ::setenv("GIT_COMMITTER_EMAIL", "pat@acme.test", 1);
  ::unsetenv("GIT_INDEX_FILE");
  ::unsetenv("GIT_DIR");
  ::unsetenv("GIT_WORK_TREE");
}

// Runs a shell command; returns its stdout. Throws when it exits non-zero.
inline std::string sh(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("popen failed: " + command);
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = ::pclose(p);
  if (status != 0) throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command);
  return out;
}

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// A temporary directory removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "laneguard-test-XXXXXX").string();
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

}  // namespace laneguard::local::testing
