// `laneguard init [--force] [--from NAME|FILE] [--list]`: write the default agreement (or a shipped policy)
// to .laneguard.toml at the repository root, atomically, never clobbering one by accident.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "agreement/agreement.h"
#include "git/worktree_agreement.h"
#include "git/repository.h"
#include "modes/modes.h"
#include "util/error.h"

namespace laneguard {

namespace {

[[noreturn]] void io_failure(const std::string& what, const std::string& path, int err) {
  throw GitError("cannot " + what + " " + path + ": " + std::strerror(err));
}

// Writes `content` to `path` through a temporary file in the same directory and rename(2), so a
// reader never sees half a file.
void write_atomically(const std::string& path, std::string_view content) {
  std::string tmp = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) io_failure("create a temporary file next to", path, errno);
  auto fail = [&](const std::string& what) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    io_failure(what, tmp, err);
  };
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write");
    done += static_cast<size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0) fail("set the mode of");
  if (::fsync(fd) != 0) fail("flush");
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    io_failure("close", tmp, err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    io_failure("rename " + tmp + " to", path, err);
  }
}

// What a shipped policy is, from its first comment line ("# laneguard policy: growth team (light)").
std::string policy_summary(std::string_view text) {
  std::string_view line = text.substr(0, text.find('\n'));
  for (std::string_view prefix : {"# laneguard policy: ", "# laneguard ", "# "})
    if (line.substr(0, prefix.size()) == prefix) return std::string(line.substr(prefix.size()));
  return "";
}

std::string policy_names() {
  std::string names;
  for (const EmbeddedPolicy& p : embedded_policies()) names += (names.empty() ? "" : ", ") + std::string(p.name);
  return names;
}

struct Start {
  std::string content;
  std::string what;  // for the closing line: "the growth-team policy", "policies/x.toml"
};

// --from: a file when one exists at that path (or the argument has a '/'), else a shipped policy
// by name (`growth-team`, `growth-team.toml`). A file named on the command line that is missing
// is an I/O failure (exit 3); a bare word that is neither is a usage error listing the names.
Start starting_point(const std::string& from) {
  auto read_file = [&](const std::string& path) {
    load_named_agreement(path, "named by --from");  // validates it (AgreementError names the problem)
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    return Start{buf.str(), path};
  };
  struct stat st {};
  if (from.find('/') != std::string::npos || ::stat(from.c_str(), &st) == 0) return read_file(from);
  std::string name = from;
  if (name.size() > 5 && name.compare(name.size() - 5, 5, ".toml") == 0) name.resize(name.size() - 5);
  for (const EmbeddedPolicy& p : embedded_policies())
    if (p.name == name) {
      parse_agreement(p.text, "policies/" + name + ".toml");
      return Start{std::string(p.text), "the " + name + " policy"};
    }
  if (name != from) {  // it looked like a file name
    try {
      read_file(from);
    } catch (AgreementError& e) {
      throw AgreementError::unreadable(e.file, e.detail + "; nor is it a shipped policy (" + policy_names() +
                                                   "; `laneguard init --list` describes them)");
    }
  }
  throw UsageError("--from " + from + ": no such file and no shipped policy of that name; the policies are " +
                   policy_names() + " (`laneguard init --list` describes them)");
}

// `content` with `since = "ID"` as the first key of its [agreement] table (a new table at the end
// when it has none).
std::string with_since(const std::string& content, const std::string& id, const std::string& rev) {
  std::string line = "since = \"" + id + "\"   # " + rev + " when laneguard init ran: `laneguard check` with no range judges the commits after it\n";
  size_t pos = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    std::string l = content.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t' || l.back() == '\r')) l.pop_back();
    if (l == "[agreement]" || l.rfind("[agreement] ", 0) == 0 || l.rfind("[agreement]#", 0) == 0) {
      size_t at = end == std::string::npos ? content.size() : end + 1;
      std::string out = content.substr(0, at);
      if (end == std::string::npos) out += "\n";
      return out + line + content.substr(at);
    }
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  std::string out = content;
  if (!out.empty() && out.back() != '\n') out += "\n";
  return out + "\n[agreement]\n" + line;
}

}  // namespace

void register_init(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("init", "Write the default agreement to .laneguard.toml at the repository root");
  auto force = std::make_shared<bool>(false);
  auto from = std::make_shared<std::string>();
  cmd->add_flag("--force", *force, "Replace an existing .laneguard.toml");
  cmd->add_option("--from", *from, "Start from a shipped policy by name (growth-team, platform-compliance, ...: see --list) or an agreement file");
  auto list = std::make_shared<bool>(false);
  cmd->add_flag("--list", *list, "List the shipped policies --from takes by name, and write nothing");
  auto since = std::make_shared<std::string>("HEAD");
  auto all_history = std::make_shared<bool>(false);
  cmd->add_option("--since", *since, "Record this commit as the baseline ([agreement] since): check judges what comes after it")
      ->capture_default_str();
  cmd->add_flag("--all-history", *all_history, "Record no baseline: check judges all of history");
  cmd->callback([&exit_code, force, from, since, all_history, list] {
    if (*list) {
      for (const EmbeddedPolicy& p : embedded_policies()) {
        std::string name(p.name);
        name.resize(std::max<std::size_t>(name.size() + 2, 22), ' ');
        std::cout << name << policy_summary(p.text) << "\n";
      }
      std::cout << "Start from one: laneguard init --from NAME (it is a copy: edit its people and lanes).\n";
      exit_code = kExitOk;
      return;
    }
    auto root = worktree_root();
    if (!root)
      throw UsageError("not inside a git working tree: run `laneguard init` in your repository (after `git init`)");
    std::string path = *root + "/" + kAgreementFileName;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0 && !*force) {
      std::cerr << "laneguard: " << path << " already exists; not overwriting it (use --force to replace it)\n";
      exit_code = kExitUsage;
      return;
    }
    Start start = from->empty() ? Start{std::string(embedded_default_agreement()), "the default working agreement"}
                                : starting_point(*from);
    std::string content = std::move(start.content);
    // The baseline: an existing repository adopts the agreement from now on, not retroactively.
    std::string baseline;
    if (!*all_history && parse_agreement(content, path).since.empty()) {
      git::Repository repo = git::Repository::open_from_environment();
      bool unborn = git_repository_head_unborn(repo.get()) == 1;
      if (!(unborn && *since == "HEAD")) {
        auto id = repo.resolve_commit(*since);
        if (!id) throw UsageError("--since " + *since + ": no such commit in this repository");
        baseline = *id;
        content = with_since(content, *id, *since);
        parse_agreement(content, path);  // still valid
      }
    }
    write_atomically(path, content);
    std::cout << "wrote " << path << " (" << start.what << ").\n";
    if (!baseline.empty())
      std::cout << "Baseline: [agreement] since = \"" << baseline << "\" (" << *since
                << "): `laneguard check` with no range judges only the commits after it (give a range to judge others).\n";
    std::cout << "Next: list your people under [people.*], add them to the lanes' members, run `laneguard lint`, "
                 "and commit it.\n";
    exit_code = kExitOk;
  });
}

}  // namespace laneguard
