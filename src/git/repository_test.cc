// Repository against real repositories made with the git CLI.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>

#include "git/hook_objects.h"
#include "git/repository.h"
#include "tests/testing.h"

using namespace laneguard;
using namespace laneguard::git;
using namespace laneguard::testing;

namespace {

git::Library library;

// Sets environment variables for one scope and restores them afterwards.
struct EnvGuard {
  std::vector<std::pair<std::string, std::optional<std::string>>> saved;
  void set(const std::string& name, const std::string& value) {
    remember(name);
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  void unset(const std::string& name) {
    remember(name);
    ::unsetenv(name.c_str());
  }
  void remember(const std::string& name) {
    const char* v = std::getenv(name.c_str());
    saved.emplace_back(name, v ? std::optional<std::string>(v) : std::nullopt);
  }
  ~EnvGuard() {
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      if (it->second) ::setenv(it->first.c_str(), it->second->c_str(), 1);
      else ::unsetenv(it->first.c_str());
    }
  }
};

}  // namespace

TEST_CASE("git: discover outside a repository names the path") {
  isolate_git_config();
  TempDir tmp;
  try {
    Repository::discover(tmp.str());
    FAIL("expected a GitError");
  } catch (const GitError& e) {
    CHECK(std::string(e.what()) == "not a git repository: " + tmp.str());
    CHECK(e.exit_code == kExitGit);
  }
}

TEST_CASE("git: discover from a subdirectory finds the work tree and git dir") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  cli.write("a/b/c.txt", "x\n");
  cli.commit_all("one");
  auto repo = Repository::discover(cli.dir + "/a/b");
  CHECK(repo.workdir() == cli.dir);
  CHECK(repo.git_dir() == cli.dir + "/.git");
  CliRepo bare(tmp.str() + "/b.git", "--bare");
  CHECK_FALSE(Repository::discover(bare.dir).workdir().has_value());
}

TEST_CASE("git: commit facts carry identities, raw message, trailers and co-authors") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  cli.write("src/pay.py", "a\n");
  cli.write("README", "r\n");
  std::string root = cli.commit_all("root");
  cli.write("src/pay.py", "b\n");
  std::string message =
      "Charge cards \xff\xfe raw\n\nBody line.\n\nReviewed-by: Erin <erin@acme.test>\n"
      "Co-authored-by: Claude <noreply@anthropic.com>\nco-authored-BY: Eli <eli@acme.test>\n"
      "Co-authored-by: nobody-without-email\n";
  cli.write(".git/lg-message", message);
  cli.run("git add -A && GIT_AUTHOR_NAME='Ann Author' GIT_AUTHOR_EMAIL=ann@acme.test git -c i18n.commitEncoding=latin1 commit -q -F .git/lg-message 2>/dev/null");
  std::string id = cli.head();

  auto repo = Repository::discover(cli.dir);
  CommitFacts f = repo.commit_facts(id);
  CHECK(f.id == id);
  CHECK(f.author.name == "Ann Author");
  CHECK(f.author.email == "ann@acme.test");
  CHECK(f.committer.name == "Pat");
  CHECK(f.committer.email == "pat@acme.test");
  // The commit says `encoding latin1`: shown in UTF-8, as git log shows it (git/reencode_test.cc).
  std::string utf8 = message;
  utf8.replace(utf8.find("\xff\xfe"), 2, "\xc3\xbf\xc3\xbe");
  CHECK(f.message == utf8);
  CHECK(f.subject == "Charge cards \xc3\xbf\xc3\xbe raw");
  CHECK(f.subject == trim(cli.run("git log -1 --format=%s " + id)));
  REQUIRE(f.trailers.size() == 4);
  CHECK(f.trailers[0].key == "Reviewed-by");
  CHECK(f.trailers[0].value == "Erin <erin@acme.test>");
  REQUIRE(f.co_authors.size() == 2);
  CHECK(f.co_authors[0].email == "noreply@anthropic.com");
  CHECK(f.co_authors[1].name == "Eli");
  CHECK(f.parents == std::vector<std::string>{root});
  CHECK(f.paths == std::vector<std::string>{"src/pay.py"});
  CHECK(f.brought_in.empty());
  CHECK_FALSE(f.is_merge());

  CommitFacts r = repo.commit_facts(root);
  CHECK(r.parents.empty());
  CHECK(r.paths == std::vector<std::string>{"README", "src/pay.py"});
  // A revision expression works too.
  CHECK(repo.commit_facts("HEAD~1").id == root);
}

TEST_CASE("git: rev_list errors name the revision") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  auto empty = Repository::discover(cli.dir);
  CHECK_THROWS_WITH_AS(empty.rev_list({}), doctest::Contains("no commits yet"), UsageError);
  cli.write("f", "1\n");
  std::string one = cli.commit_all("one");
  auto repo = Repository::discover(cli.dir);
  CHECK(repo.rev_list({}) == std::vector<std::string>{one});
  // Refused with git's own reason (its first line of stderr, word for word).
  for (std::vector<std::string> bad : std::vector<std::vector<std::string>>{
           {"nope"}, {"main..nope"}, {"^nope", "main"}, {"HEAD~5"}, {"main...nope"}, {"HEAD^3"}, {"HEAD^-"},
           {"--bogus-option"}, {"main", "--not", "nope"}, {"--branches=x", "HEAD^!^"}}) {
    std::string joined;
    for (const auto& a : bad) joined += " " + quote(a);
    CAPTURE(joined);
    int status = 0;
    std::string git_says = cli.run("git rev-list" + joined + " 2>&1 >/dev/null", true, &status);
    REQUIRE(status != 0);
    std::string first = git_says.substr(0, git_says.find('\n'));
    CHECK_THROWS_WITH_AS(repo.rev_list(bad), doctest::Contains(first.c_str()), UsageError);
  }
  CHECK_THROWS_WITH_AS(repo.rev_list({"--objects"}), doctest::Contains("changes what git rev-list prints"), UsageError);
  CHECK_THROWS_WITH_AS(repo.rev_list({"HEAD", "--format=%an"}), doctest::Contains("changes what git rev-list prints"),
                       UsageError);
  CHECK(repo.resolve_commit("nope") == std::nullopt);
  CHECK(repo.resolve_commit("main") == one);
  CHECK(repo.commits_between(one, {one}).empty());
  CHECK(repo.commits_between(one, {std::string(40, '0'), "1234567890123456789012345678901234567890"}) ==
        std::vector<std::string>{one});
}

TEST_CASE("git: read_file_at and config_string") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  cli.write(".laneguard.toml", "version = 1\n");
  cli.write("dir/x", std::string("bin\0ary", 7));
  cli.commit_all("one");
  cli.write(".laneguard.toml", "version = 2\n");
  cli.commit_all("two");
  cli.run("git config laneguard.agreement custom.toml");
  auto repo = Repository::discover(cli.dir);
  CHECK(repo.read_file_at("HEAD", ".laneguard.toml") == "version = 2\n");
  CHECK(repo.read_file_at("HEAD~1", ".laneguard.toml") == "version = 1\n");
  CHECK(repo.read_file_at("HEAD", "dir/x") == std::string("bin\0ary", 7));
  CHECK(repo.read_file_at("HEAD", "dir") == std::nullopt);
  CHECK(repo.read_file_at("HEAD", "missing") == std::nullopt);
  CHECK(repo.read_file_at("nope", ".laneguard.toml") == std::nullopt);
  CHECK(repo.config_string("laneguard.agreement") == "custom.toml");
  CHECK(repo.config_string("laneguard.absent") == std::nullopt);

  // GIT_CONFIG_GLOBAL is honoured (libgit2 alone would read ~/.gitconfig).
  std::string global = tmp.str() + "/global.cfg";
  sh("git config --file " + quote(global) + " user.name 'Global Gina'");
  EnvGuard env;
  env.set("GIT_CONFIG_GLOBAL", global);
  CHECK(repo.config_string("user.name") == "Global Gina");
  cli.run("git config user.name 'Local Lou'");
  CHECK(repo.config_string("user.name") == "Local Lou");
}

TEST_CASE("git: alternate object directories are split and C-unquoted like git") {
  CHECK(split_alternate_directories("") == std::vector<std::string>{});
  CHECK(split_alternate_directories("/a:/b") == std::vector<std::string>{"/a", "/b"});
  CHECK(split_alternate_directories("\"/srv/x:y/objects\":/b") == std::vector<std::string>{"/srv/x:y/objects", "/b"});
  CHECK(split_alternate_directories("\"/q\\\"t\\\\b\\101\\t\"") == std::vector<std::string>{"/q\"t\\bA\t"});
  CHECK(split_alternate_directories("::/a:") == std::vector<std::string>{"/a"});
  // Malformed quoting is taken literally, as git does.
  CHECK(split_alternate_directories("\"/open") == std::vector<std::string>{"\"/open"});
}

TEST_CASE("git: open_for_hook reads objects that exist only in another object directory") {
  isolate_git_config();
  TempDir tmp;
  CliRepo bare(tmp.str() + "/srv.git", "--bare");
  CliRepo other(tmp.str() + "/in:coming");  // ':' forces C-quoting in the alternates variable
  other.write("f", "x\n");
  std::string pushed = other.commit_all("only in the other object directory");
  std::string objects = other.dir + "/.git/objects";

  EnvGuard env;
  env.set("GIT_DIR", bare.dir);
  CHECK_FALSE(Repository::open_for_hook().resolve_commit(pushed).has_value());

  SUBCASE("quoted GIT_ALTERNATE_OBJECT_DIRECTORIES") {
    env.set("GIT_ALTERNATE_OBJECT_DIRECTORIES", "/nonexistent:\"" + objects + "\"");
  }
  SUBCASE("GIT_QUARANTINE_PATH") { env.set("GIT_QUARANTINE_PATH", objects); }
  SUBCASE("GIT_OBJECT_DIRECTORY") { env.set("GIT_OBJECT_DIRECTORY", objects); }

  auto repo = Repository::open_for_hook();
  CHECK(repo.resolve_commit(pushed) == pushed);
  CHECK(repo.commit_facts(pushed).paths == std::vector<std::string>{"f"});
  CHECK(repo.commits_between(pushed, {}) == std::vector<std::string>{pushed});
}

TEST_CASE("git: open_for_hook with the environment of a real push into a repository whose path has ':'") {
  isolate_git_config();
  TempDir tmp;
  CliRepo bare(tmp.str() + "/srv:repo.git", "--bare");
  std::string snap = tmp.str() + "/snapshot";
  // The hook keeps a copy of the quarantine and its environment, then rejects the push, so the
  // pushed objects never reach the repository's own object directory.
  std::string hook = bare.dir + "/hooks/pre-receive";
  std::string script = "#!/bin/sh\nmkdir -p " + quote(snap) + " && cp -R \"$GIT_QUARANTINE_PATH\" " + quote(snap + "/q") + "\n";
  for (std::string v : {"GIT_QUARANTINE_PATH", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"})
    script += "printf '%s' \"$" + v + "\" > " + quote(snap + "/" + v) + "\n";
  script += "pwd > " + quote(snap + "/PWD") + "\nexit 1\n";
  bare.write("hooks/pre-receive", script);
  sh("chmod +x " + quote(hook));
  CliRepo work(tmp.str() + "/work");
  work.write("src/a.txt", "a\n");
  std::string pushed = work.commit_all("pushed");
  int status = 0;
  work.run("git push -q " + quote(bare.dir) + " main 2>/dev/null", true, &status);
  REQUIRE(status != 0);  // rejected by the hook

  auto read = [&](const std::string& name) { return sh("cat " + quote(snap + "/" + name)); };
  std::string quarantine = read("GIT_QUARANTINE_PATH");
  std::string alternates = read("GIT_ALTERNATE_OBJECT_DIRECTORIES");
  CHECK(alternates.front() == '"');  // git quoted it because of the ':'
  sh("mkdir -p " + quote(quarantine) + " && cp -R " + quote(snap + "/q/.") + " " + quote(quarantine));

  EnvGuard env;
  env.set("GIT_DIR", trim(read("PWD")));
  CHECK_FALSE(Repository::open_for_hook().resolve_commit(pushed).has_value());
  env.set("GIT_QUARANTINE_PATH", quarantine);
  env.set("GIT_OBJECT_DIRECTORY", read("GIT_OBJECT_DIRECTORY"));
  env.set("GIT_ALTERNATE_OBJECT_DIRECTORIES", alternates);
  auto repo = Repository::open_for_hook();
  CHECK(repo.commit_facts(pushed).paths == std::vector<std::string>{"src/a.txt"});
  CHECK(repo.commits_between(pushed, {}) == std::vector<std::string>{pushed});
}

TEST_CASE("git: commit facts say which commits may be signed: an ssh-signed commit may, a plain one not") {
  isolate_git_config();
  TempDir tmp;
  CliRepo cli(tmp.str() + "/r");
  tmp.run("ssh-keygen -q -t ed25519 -N '' -C eli -f key");
  cli.write("a.txt", "one\n");
  cli.commit_all("plain");
  std::string plain = trim(cli.run("git rev-parse HEAD"));
  cli.write("a.txt", "two\n");
  cli.run("git add -A && git -c gpg.format=ssh -c user.signingkey=" + quote(tmp.str() + "/key") +
          " commit -q -S -m signed");
  std::string signed_id = trim(cli.run("git rev-parse HEAD"));
  REQUIRE(cli.run("git cat-file commit HEAD").find("\ngpgsig ") != std::string::npos);
  auto repo = Repository::discover(cli.dir);
  CHECK_FALSE(repo.commit_facts(plain).maybe_signed);
  CHECK(repo.commit_facts(signed_id).maybe_signed);
  // A message that mentions gpgsig on a line of its own is not a header.
  cli.write("a.txt", "three\n");
  cli.commit_all("about signing\n\ngpgsig is the header git writes");
  CHECK_FALSE(repo.commit_facts(trim(cli.run("git rev-parse HEAD"))).maybe_signed);
}
