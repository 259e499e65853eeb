// RevisionWalk (git rev-list in a subprocess) and Repository::commits_between (a libgit2 revwalk).
#include "git/rev_list.h"

#include <cctype>
#include <cstdlib>
#include <cstring>

#include "git/git_process.h"
#include "git/repository.h"
#include "util/error.h"

namespace laneguard::git {
namespace {

RevwalkPtr new_walk(git_repository* repo) {
  git_revwalk* w = nullptr;
  check(git_revwalk_new(&w, repo), "starting a revision walk");
  // git rev-list's default order: newest commit date first.
  check(git_revwalk_sorting(w, GIT_SORT_TIME), "starting a revision walk");
  return RevwalkPtr(w);
}

std::vector<std::string> drain(git_revwalk* walk) {
  std::vector<std::string> out;
  git_oid oid;
  int rc;
  while ((rc = git_revwalk_next(&oid, walk)) == 0) out.push_back(oid_hex(oid));
  if (rc != GIT_ITEROVER) check(rc, "walking the history");
  return out;
}

// rev-list options that change what it prints (not which commits): laneguard reads one id a line.
constexpr const char* kOutputOptions[] = {
    "--objects", "--object-names", "--no-object-names", "--in-commit-order", "--filter", "--missing",
    "--exclude-promisor-objects", "--pretty", "--format", "--oneline", "--header", "--parents", "--children",
    "--timestamp", "--left-right", "--boundary", "--count", "--graph", "--abbrev", "--no-abbrev", "--quiet",
    "--bisect-vars", "--bisect-all", "--disk-usage", "--use-bitmap-index", "--test-bitmap", "--progress",
    "--cherry-mark", "--cherry", "--show-linear-break", "--encoding", "--expand-tabs", "--no-expand-tabs",
    "--notes", "--show-notes", "--standard-notes", "--show-signature", "--relative-date", "--date",
    "--commit-header", "--no-commit-header", "--show-pulls", "--stdin"};

bool is_output_option(const std::string& arg) {
  if (arg == "-z") return true;
  for (const char* opt : kOutputOptions) {
    size_t n = std::strlen(opt);
    if (arg.compare(0, n, opt) == 0 && (arg.size() == n || arg[n] == '=')) return true;
  }
  return false;
}

bool is_hex_id(const std::string& s) {
  if (s.size() != 40 && s.size() != 64) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string trim_newlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// Appends `settings` to the configuration given to git through the environment (GIT_CONFIG_COUNT,
// GIT_CONFIG_KEY_N, GIT_CONFIG_VALUE_N), after any already there.
void add_config(std::vector<std::pair<std::string, std::string>>& env,
                const std::vector<std::pair<std::string, std::string>>& settings) {
  size_t n = 0;
  if (const char* count = std::getenv("GIT_CONFIG_COUNT"); count && *count) {
    char* end = nullptr;
    unsigned long v = std::strtoul(count, &end, 10);
    if (*end != '\0') return;  // git would refuse it: leave it for git to say so
    n = v;
  }
  for (const auto& [key, value] : settings) {
    env.emplace_back("GIT_CONFIG_KEY_" + std::to_string(n), key);
    env.emplace_back("GIT_CONFIG_VALUE_" + std::to_string(n), value);
    ++n;
  }
  env.emplace_back("GIT_CONFIG_COUNT", std::to_string(n));
}

}  // namespace

bool names_no_revision(const std::vector<std::string>& args) {
  // Options whose value may be the next argument (git's parse_long_opt), so it is no revision.
  static const char* takes_value[] = {"-n", "--max-count", "--skip", "--since", "--after", "--until", "--before",
                                      "--author", "--committer", "--grep", "--grep-reflog", "--min-age", "--max-age",
                                      "--exclude"};
  static const char* selects_refs[] = {"--all", "--branches", "--tags", "--remotes", "--glob", "--reflog",
                                       "--alternate-refs"};
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") return true;
    if (a == "--end-of-options") return i + 1 >= args.size() || args[i + 1] == "--";
    if (a.empty() || a[0] != '-') return false;
    for (const char* opt : selects_refs) {
      size_t n = std::strlen(opt);
      if (a.compare(0, n, opt) == 0 && (a.size() == n || a[n] == '=')) return false;
    }
    for (const char* opt : takes_value)
      if (a == opt) ++i;
  }
  return true;
}

RevisionWalk::RevisionWalk(const Repository& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"rev-list"};
  for (const auto& a : args) {
    if (a == "--") break;
    if (is_output_option(a))
      throw UsageError("'" + a + "' changes what git rev-list prints; laneguard check takes only options that select commits");
  }
  shallow_ = repo.is_shallow();
  if (names_no_revision(args)) {
    if (git_repository_head_unborn(repo.get()) == 1)
      throw UsageError("HEAD has no commits yet (the current branch is unborn): nothing to check");
    argv.push_back("HEAD");
  }
  argv.insert(argv.end(), args.begin(), args.end());
  // The repository laneguard opened, whatever the environment said: git then cannot audit another.
  // GIT_FLUSH=0: git flushes its output after every commit when it goes to a pipe, one write (and
  // one wake-up of this reader) per commit; buffered, the ids come in blocks of a few KiB.
  std::vector<std::pair<std::string, std::string>> env = {
      {"GIT_DIR", repo.git_dir()}, {"GIT_NO_REPLACE_OBJECTS", "1"}, {"GIT_FLUSH", "0"}};
  if (auto wt = repo.workdir()) env.emplace_back("GIT_WORK_TREE", *wt);
  // git maps packs in windows of 1 GiB by default and keeps what it touched: over a long history
  // its commits' pages add up to most of the pack (80 MiB for 50,000 commits here). Small windows,
  // few of them, cost it nothing measurable. Passed as configuration after any the caller gave.
  add_config(env, {{"core.packedGitWindowSize", "1m"}, {"core.packedGitLimit", "8m"}});
  git_ = std::make_unique<GitProcess>(argv, env);
}

RevisionWalk::~RevisionWalk() = default;

bool RevisionWalk::next(std::string& id) {
  if (done_) return false;
  if (git_->next_line(id)) {
    if (!is_hex_id(id)) {
      if (git_->wait() != 0) fail();
      throw UsageError("unexpected output from " + git_->command() + ": '" + id.substr(0, 80) +
                       "' (an option that changes what git rev-list prints?)");
    }
    return true;
  }
  done_ = true;
  if (git_->wait() != 0) fail();
  return false;
}

void RevisionWalk::fail() {
  std::string why = trim_newlines(git_->stderr_text());
  std::string message = "git refused the revision arguments (" + git_->command() + ")" + (why.empty() ? "" : ":\n" + why);
  if (shallow_)
    message += "\nthis is a shallow clone: fetch more history (git fetch --deepen=N, or git fetch --unshallow) and run again";
  throw UsageError(message);
}

std::vector<std::string> Repository::rev_list(const std::vector<std::string>& args) const {
  RevisionWalk walk(*this, args);
  std::vector<std::string> out;
  std::string id;
  while (walk.next(id)) out.push_back(id);
  return out;
}

std::vector<std::string> Repository::commits_between(const std::string& tip, const std::vector<std::string>& hidden) const {
  RevwalkPtr walk = new_walk(repo_.get());
  git_oid oid;
  if (git_oid_fromstr(&oid, tip.c_str()) < 0) throw GitError("not a commit id: '" + tip + "'");
  check(git_revwalk_push(walk.get(), &oid), "walking from " + tip);
  for (const auto& h : hidden) {
    git_oid hid;
    git_commit* c = nullptr;
    // A hidden tip the repository does not have hides nothing (it cannot be an ancestor).
    if (git_oid_fromstr(&hid, h.c_str()) < 0 || git_commit_lookup(&c, repo_.get(), &hid) < 0) continue;
    CommitPtr owned(c);
    check(git_revwalk_hide(walk.get(), &hid), "hiding " + h);
  }
  return drain(walk.get());
}

}  // namespace laneguard::git
