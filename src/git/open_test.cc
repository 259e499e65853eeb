// Differential test: Repository::open_from_environment opens the repository git itself would
// open (`git rev-parse --absolute-git-dir`, `--show-toplevel`) for GIT_DIR, GIT_WORK_TREE,
// GIT_COMMON_DIR, linked worktrees, gitfiles, bare repositories, core.worktree, subdirectories
// and GIT_CEILING_DIRECTORIES; where git finds no repository, neither does laneguard.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <optional>

#include "git/repository.h"
#include "tests/testing.h"
#include "util/error.h"

using namespace laneguard;
using namespace laneguard::git;
using namespace laneguard::testing;
namespace fs = std::filesystem;

namespace {

git::Library library;

const char* kVariables[] = {"GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES",
                            "GIT_DISCOVERY_ACROSS_FILESYSTEM"};

// Sets the environment and the current directory for one scenario; restores both afterwards.
struct Scenario {
  fs::path old_cwd = fs::current_path();
  Scenario(const std::string& cwd, const std::map<std::string, std::string>& env) {
    for (const char* v : kVariables) ::unsetenv(v);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    fs::current_path(cwd);
  }
  ~Scenario() {
    for (const char* v : kVariables) ::unsetenv(v);
    fs::current_path(old_cwd);
  }
};

std::string canonical(const std::string& p) {
  std::error_code ec;
  auto c = fs::canonical(p, ec);
  return ec ? p : c.string();
}

// What git says, run in the current directory with the current environment.
std::optional<std::string> git_says(const std::string& option) {
  int status = 0;
  std::string out = trim(sh("git rev-parse " + option + " 2>/dev/null", true, &status));
  if (status != 0 || out.empty()) return std::nullopt;
  return canonical(out);
}

struct Opened {
  std::optional<std::string> git_dir, top;
  bool operator==(const Opened&) const = default;
};

std::optional<Opened> laneguard_opens() {
  try {
    Repository repo = Repository::open_from_environment();
    Opened o{canonical(repo.git_dir()), std::nullopt};
    if (auto w = repo.workdir()) o.top = canonical(*w);
    return o;
  } catch (const GitError&) {
    return std::nullopt;
  }
}

std::optional<Opened> git_opens() {
  auto dir = git_says("--absolute-git-dir");
  if (!dir) return std::nullopt;
  bool bare = git_says("--is-bare-repository") == std::optional<std::string>(canonical("true"));
  Opened o{dir, bare ? std::nullopt : git_says("--show-toplevel")};
  return o;
}

std::string show(const std::optional<Opened>& o) {
  if (!o) return "<no repository>";
  return "git dir " + o->git_dir.value_or("-") + ", top " + o->top.value_or("<none>");
}

}  // namespace

TEST_CASE("git: open_from_environment opens the repository git opens") {
  isolate_git_config();
  TempDir tmp;
  std::string t = canonical(tmp.str());
  CliRepo a(t + "/a");
  a.write("sub/dir/f", "1\n");
  a.commit_all("a");
  CliRepo b(t + "/b");
  b.write("f", "2\n");
  b.commit_all("b");
  a.run("git worktree add -q " + quote(t + "/a-linked") + " -b linked");
  fs::create_directories(t + "/a-linked/deep/er");
  sh("git init -q --bare " + quote(t + "/bare.git"));
  sh("git init -q --separate-git-dir " + quote(t + "/sep-gitdir") + " " + quote(t + "/sep"));
  sh("git init -q " + quote(t + "/cw") + " && git -C " + quote(t + "/cw") + " config core.worktree " +
     quote(t + "/cw-tree"));
  fs::create_directories(t + "/cw-tree/x");
  fs::create_directories(t + "/plain/dir");
  std::string common = t + "/a/.git";

  struct Case {
    std::string name, cwd;
    std::map<std::string, std::string> env;
  };
  std::vector<Case> cases = {
      {"top of a", t + "/a", {}},
      {"subdirectory of a", t + "/a/sub/dir", {}},
      {"inside .git of a", t + "/a/.git", {}},
      {"GIT_DIR of b from inside a (the wrong-repository case)", t + "/a", {{"GIT_DIR", t + "/b/.git"}}},
      {"relative GIT_DIR", t + "/a/sub", {{"GIT_DIR", "../../b/.git"}}},
      {"GIT_DIR without work tree: the current directory is the top", t + "/a/sub/dir", {{"GIT_DIR", t + "/a/.git"}}},
      {"GIT_DIR and GIT_WORK_TREE", t + "/plain", {{"GIT_DIR", t + "/a/.git"}, {"GIT_WORK_TREE", t + "/a"}}},
      {"relative GIT_WORK_TREE", t + "/a/sub", {{"GIT_DIR", t + "/a/.git"}, {"GIT_WORK_TREE", ".."}}},
      {"GIT_WORK_TREE alone", t + "/a/sub", {{"GIT_WORK_TREE", t + "/plain"}}},
      {"linked worktree", t + "/a-linked", {}},
      {"linked worktree, subdirectory", t + "/a-linked/deep/er", {}},
      {"GIT_DIR of a linked worktree", t + "/plain", {{"GIT_DIR", t + "/a/.git/worktrees/a-linked"}}},
      {"GIT_DIR and GIT_COMMON_DIR of a linked worktree", t + "/a-linked",
       {{"GIT_DIR", t + "/a/.git/worktrees/a-linked"}, {"GIT_COMMON_DIR", common}}},
      {"bare repository", t + "/bare.git", {}},
      {"GIT_DIR of a bare repository", t + "/a", {{"GIT_DIR", t + "/bare.git"}}},
      {"gitfile (--separate-git-dir)", t + "/sep", {}},
      {"core.worktree", t + "/cw", {}},
      {"GIT_DIR with core.worktree", t + "/plain", {{"GIT_DIR", t + "/cw/.git"}}},
      {"no repository", t + "/plain/dir", {}},
      {"GIT_CEILING_DIRECTORIES stops the search", t + "/a/sub/dir", {{"GIT_CEILING_DIRECTORIES", t + "/a/sub"}}},
      {"GIT_CEILING_DIRECTORIES above the repository", t + "/a/sub/dir", {{"GIT_CEILING_DIRECTORIES", t}}},
      {"GIT_DIR that is no repository", t + "/a", {{"GIT_DIR", t + "/plain"}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Scenario s(c.cwd, c.env);
    auto git = git_opens();
    auto ours = laneguard_opens();
    CAPTURE(show(git));
    CAPTURE(show(ours));
    CHECK(ours == git);
  }
  // A GIT_COMMON_DIR libgit2 cannot honour is refused, never silently replaced by another.
  {
    Scenario s(t + "/a-linked", {{"GIT_DIR", t + "/a/.git/worktrees/a-linked"}, {"GIT_COMMON_DIR", t + "/b/.git"}});
    CHECK_THROWS_WITH_AS(Repository::open_from_environment(), doctest::Contains("GIT_COMMON_DIR"), GitError);
  }
}
